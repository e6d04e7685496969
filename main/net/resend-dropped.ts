// A GET whose connection closed before any answer is sent again — for every request the app makes
// with Node's fetch (undici: the CLI, the browser preview, tests): the CXone API (transport.ts), CXone's
// API discovery, and the sign-in server's discovery and key set (openid-client's customFetch).
//
// Why: the connection was typically a kept-alive one the server had just timed out as we reused it.
// Chromium's stack (the app's net.fetch) sends again by itself; undici does not, and its next pick may
// be another such connection. A GET may be sent again (RFC 9110 §9.2.2). A POST — a token request
// above all, whose refresh token may be single-use — never is. Anything but a dropped connection (a
// refused one, DNS, TLS, a timeout or a caller's abort) fails at once, as before.
import type { FetchLike } from '../ports';
import { networkReason } from './fetch-failure';

/** Reasons (see networkReason) of a connection the server closed or reset before answering (undici: UND_ERR_SOCKET, "other side closed"). */
const CONNECTION_DROPPED: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * How often one GET is sent while its connection keeps closing before any answer: each failed send
 * retires one stale connection from undici's pool (which holds a few per host when requests overlap),
 * so a fresh one follows; a server that drops every connection still fails fast, with no wait.
 */
export const SENDS_WHEN_DROPPED = 4;

/** What onResend is told before a GET goes out again: the URL, why (networkReason) and how many sends failed so far. */
export interface DroppedSend {
  url: string;
  reason: string;
  sent: number;
}

/**
 * `send` with dropped GETs (and HEADs) sent again, up to SENDS_WHEN_DROPPED sends in all, while the
 * request's signal is not aborted (so one timeout covers every send). Other methods, and other
 * failures, reject with `send`'s own error. `onResend` is called before each further send (to log it).
 */
export function resendingDropped(send: FetchLike, onResend?: (d: DroppedSend) => void): FetchLike {
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const idempotent = method === 'GET' || method === 'HEAD';
    for (let sent = 1; ; sent++) {
      try {
        return await send(input, init);
      } catch (err) {
        const reason = networkReason(err);
        if (!idempotent || init?.signal?.aborted || !CONNECTION_DROPPED.has(reason) || sent >= SENDS_WHEN_DROPPED) throw err;
        onResend?.({ url: String(input), reason, sent });
      }
    }
  };
}
