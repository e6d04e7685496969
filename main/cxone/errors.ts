// The CXone error taxonomy. Every failure of discovery or the client is a CxoneError with a kind the
// poller and diagnostics switch on, and a sentence a person can read. Nothing here ever holds a token.
import { checkServiceUrl } from '../net/url-policy';
import { parseHttpDate } from '../net/http-date';

export type CxoneErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'bad-request'
  | 'timeout'
  | 'network'
  | 'malformed'
  /** A URL the app was given (issuer, API endpoint, a `_links.next`) breaks the URL policy. */
  | 'invalid-url';

export interface CxoneErrorInit {
  kind: CxoneErrorKind;
  message: string;
  status?: number | null;
  statusDescription?: string | null;
  retryAfterMs?: number | null;
  /** For 'malformed': where in the body the schema was violated, e.g. "agentStates[3].agentId". */
  path?: string | null;
  /** For 'malformed': a short excerpt of the offending value or body (never headers, never a token). */
  excerpt?: string | null;
  /** The request path (no host, no query), to say which call failed. */
  endpoint?: string | null;
  cause?: unknown;
}

export class CxoneError extends Error {
  readonly kind: CxoneErrorKind;
  /** HTTP status, or null when no response arrived (timeout, network). */
  readonly status: number | null;
  /** Text of the `icStatusDescription` response header, where CXone puts the real reason. */
  readonly statusDescription: string | null;
  /** For 'rate-limited' (and 503 with Retry-After): how long the server asked us to wait. */
  readonly retryAfterMs: number | null;
  readonly path: string | null;
  readonly excerpt: string | null;
  readonly endpoint: string | null;

  constructor(init: CxoneErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CxoneError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.statusDescription = init.statusDescription ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.path = init.path ?? null;
    this.excerpt = init.excerpt ?? null;
    this.endpoint = init.endpoint ?? null;
  }

  /** Plain data for logs and IPC (an Error's own fields do not survive structured cloning). */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      message: this.message,
      status: this.status,
      statusDescription: this.statusDescription,
      retryAfterMs: this.retryAfterMs,
      path: this.path,
      excerpt: this.excerpt,
      endpoint: this.endpoint,
    };
  }
}

export function isCxoneError(e: unknown): e is CxoneError {
  return e instanceof CxoneError;
}

/** The URL policy (url-policy.ts) for a URL that will receive the bearer token; a breach is 'invalid-url'. */
export function cxoneUrlOrThrow(raw: string, what: string): URL {
  const r = checkServiceUrl(raw, what);
  if (!r.ok) throw new CxoneError({ kind: 'invalid-url', message: r.reason });
  return r.url;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Else an HTTP-date, strictly: Date.parse alone reads "-5", "1.5" or "A 5" as a day of 2001, which came
  // back as 0 ms — a wait the server seemed to ask for, where it sent nothing readable.
  const at = parseHttpDate(v);
  return at === null ? null : Math.max(0, at - nowMs);
}

/** A short, single-line excerpt for 'malformed' errors; long enough to recognise, too short to leak much. */
export function excerptOf(value: unknown, max = 80): string {
  let s: string;
  try {
    s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    // A cycle or a nesting too deep to stringify (String() of it overflows the stack too).
    s = Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : typeof value;
  }
  s = s.replace(/\s+/g, ' ');
  // Bodies never should carry a bearer token, but if one echoes back, cut it out rather than show it.
  s = s.replace(/(bearer\s+)[\w.~+/=-]+/gi, '$1…').replace(/eyJ[\w-]{8,}\.[\w-]+\.[\w-]*/g, '…');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** The human sentence for an HTTP error status; the header text, when present, is appended by the caller. */
export function kindForStatus(status: number): CxoneErrorKind {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'bad-request';
}

const SENTENCES: Record<CxoneErrorKind, string> = {
  unauthorized: 'CXone did not accept the sign-in (the access token was refused even after a refresh).',
  forbidden: 'CXone refused access: the signed-in user may not see this data.',
  'not-found': 'CXone answered that this item does not exist.',
  conflict: 'CXone reported a conflict (often a business-unit trust check).',
  'rate-limited': 'CXone asked the app to slow down (too many requests).',
  unavailable: 'CXone is temporarily unavailable.',
  'bad-request': 'CXone rejected the request as invalid.',
  timeout: 'CXone did not answer in time.',
  network: 'CXone could not be reached (network error).',
  malformed: 'CXone answered with data the app does not understand.',
  'invalid-url': 'The CXone address is not allowed.',
};

export function sentenceFor(kind: CxoneErrorKind): string {
  return SENTENCES[kind];
}

/**
 * The 'malformed' error for a value CXone sent that the app cannot read: where (`path`, "(body)" for
 * the whole answer), an excerpt (a string value quoted, so a number sent as text is visible) and why.
 */
export function malformedError(path: string, value: unknown, why: string): CxoneError {
  return new CxoneError({
    kind: 'malformed',
    path,
    excerpt: excerptOf(typeof value === 'string' && path !== '(body)' ? JSON.stringify(value) : value),
    message: `CXone answered with data the app does not understand: ${why} at ${path}.`,
  });
}
