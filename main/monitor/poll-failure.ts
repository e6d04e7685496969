// What a failed poll means for the next try, the same for every poller of a tenant (agent states,
// skill activity): the sentence a person reads, whether the fault passes by itself (then the tenant's
// request budget holds the other pollers too), and how long the server asked to wait — honoured up to
// a bound, and said so when cut, since one server asked for 34 days.
import { isCxoneError, sentenceFor } from '../cxone/errors';

/** Kinds that say "try again later"; the rest need a person (still retried, slowly). */
const TRANSIENT_KINDS: ReadonlySet<string> = new Set(['rate-limited', 'unavailable', 'timeout', 'network']);

export interface PollFailure {
  /** The CXone error kind (client/errors.ts), or 'unexpected' for anything that is not a CxoneError. */
  kind: string;
  /** A sentence a person can act on: CXone's own words (icStatusDescription) when it gave any. */
  message: string;
  /** The fault passes by itself (rate limit, unavailable, timeout, network): back off and try again. */
  transient: boolean;
  /** The server's Retry-After in ms, at most maxServerWaitMs; null when it gave none. */
  retryAfterMs: number | null;
  /** CXone refused the token even after the client's one refresh. */
  unauthorized: boolean;
}

/** "45 s", "12 min", "3.5 h", "34.7 days": a server-given wait in words. */
export function formatServerWait(ms: number): string {
  if (ms < 90_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} days`;
}

/**
 * Reads a poll's error. `unexpected`: the sentence for an error that is not a CxoneError (a bug, not a
 * fault of the network or of CXone). `maxServerWaitMs`: the longest Retry-After honoured.
 */
export function pollFailure(err: unknown, o: { maxServerWaitMs: number; unexpected: string }): PollFailure {
  if (!isCxoneError(err)) return { kind: 'unexpected', message: o.unexpected, transient: false, retryAfterMs: null, unauthorized: false };
  // The client's message already carries CXone's icStatusDescription text.
  let message = err.message || sentenceFor(err.kind);
  let retryAfterMs = err.retryAfterMs;
  if (retryAfterMs !== null && retryAfterMs > o.maxServerWaitMs) {
    message = `${message} CXone asked the app to wait ${formatServerWait(retryAfterMs)}; it tries again after ${formatServerWait(o.maxServerWaitMs)} instead.`;
    retryAfterMs = o.maxServerWaitMs;
  }
  return { kind: err.kind, message, transient: TRANSIENT_KINDS.has(err.kind), retryAfterMs, unauthorized: err.kind === 'unauthorized' };
}
