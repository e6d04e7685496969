// One budget of requests to CXone for every poller of a tenant (agent states, skill queues): when one
// of them meets a 429, a 503 or a network failure and backs off, the others hold their requests for as
// long, so the tenant never sees two storms, and a server's Retry-After is honoured by everyone.
// Time is monotonic (a wall-clock jump neither shortens nor stretches a hold).
import { monotonicNow, type Clock } from '../ports';

export interface RequestBudget {
  /** How long (ms) requests must still wait before going out; 0 = now. */
  waitMs(): number;
  /**
   * A poller backs off for `ms` after a transient failure: every poller waits at least as long.
   * `serverAsked`: the wait is the server's Retry-After (a network change does not end it).
   */
  hold(ms: number, serverAsked: boolean): void;
  /** The network changed or the machine woke: a hold that was only the app's own backoff ends now. */
  wake(): void;
}

export function createRequestBudget(clock: Clock): RequestBudget {
  let ownUntil = 0;
  let serverUntil = 0;
  const now = () => monotonicNow(clock);
  return {
    waitMs: () => Math.max(0, Math.max(ownUntil, serverUntil) - now()),
    hold(ms, serverAsked) {
      if (!(ms > 0)) return;
      const until = now() + ms;
      if (serverAsked) serverUntil = Math.max(serverUntil, until);
      else ownUntil = Math.max(ownUntil, until);
    },
    wake() {
      ownUntil = 0;
    },
  };
}
