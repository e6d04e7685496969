// One rule for every URL the app talks to (issuer, API host, redirect URI): https, except for
// loopback hosts, which the demo tenant and the tests use. Plain http to anything else would send
// tokens in the clear.

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  // 127.0.0.0/8
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((p) => Number(p) <= 255);
}

/** Parameters the sign-in server appends to the redirect URI (RFC 6749 §4.1.2, RFC 9207). */
const CALLBACK_PARAMS = new Set(['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state']);

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Accepts https URLs, and http only for loopback hosts. `what` names the URL in the error sentence. */
export function checkServiceUrl(raw: string, what: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `The ${what} "${raw}" is not a valid URL.` };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  if (url.protocol === 'http:') {
    return { ok: false, reason: `The ${what} must use https (plain http is allowed only for 127.0.0.1, localhost and [::1]).` };
  }
  return { ok: false, reason: `The ${what} must be an https URL, not ${url.protocol.replace(':', '')}.` };
}

/**
 * The one rule for a redirect URI the user registered with CXone (Settings, the CLI's --redirect-uri,
 * the loopback listener): http on a loopback host, with an explicit port to listen on.
 */
export function checkRedirectUri(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'Enter the full redirect URI, e.g. http://localhost:3000/auth-callback.' };
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: 'The redirect URI must be http on 127.0.0.1, localhost or [::1].' };
  }
  if (!url.port) return { ok: false, reason: 'The redirect URI needs an explicit port, e.g. http://localhost:3000/auth-callback.' };
  // The string is sent as typed in both requests and must come back to the listener unchanged.
  if (raw.includes('#')) return { ok: false, reason: 'The redirect URI cannot have a #fragment: the browser never sends it back to the app.' };
  if (url.username || url.password) return { ok: false, reason: 'The redirect URI cannot carry a user name or password.' };
  if (!/^[A-Za-z0-9\-._~:/?@!$&'()*+,;=%[\]]+$/.test(raw)) {
    return { ok: false, reason: 'The redirect URI contains spaces or characters a browser would rewrite; write them percent-encoded, exactly as in the CXone app registration.' };
  }
  const reserved = [...url.searchParams.keys()].filter((k) => CALLBACK_PARAMS.has(k));
  if (reserved.length) {
    return { ok: false, reason: `The redirect URI's query cannot use the names code, state, error or iss (here: ${reserved.join(', ')}): the sign-in server adds them to its answer.` };
  }
  return { ok: true, url };
}
