// A request that got no HTTP answer, in words a user can act on. The app's two fetches report it
// differently: Node's (undici: the CLI, the preview, tests) rejects with TypeError("fetch failed") whose
// cause chain carries a code (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, a TLS code …); Electron's
// net.fetch (the app) rejects with the ClientRequest's own Error, whose message is Chromium's net error
// name ("net::ERR_NAME_NOT_RESOLVED"; electron/lib/browser/api/net-fetch.ts), not a TypeError and with
// no code. openid-client wraps the latter once more (ClientError "something went wrong", cause: it).

/** Chromium's name for a failed request, as Electron's net.fetch puts it in the Error's message. */
const CHROMIUM_FAILURE = /^net::ERR_[A-Z0-9_]+$/;

/**
 * The first failure code in `err`'s cause chain (4 levels): a `code` property, or Chromium's
 * "net::ERR_…" message. null when there is none. E.g. "ECONNREFUSED", "net::ERR_INTERNET_DISCONNECTED".
 */
export function failureCode(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && typeof e === 'object' && e !== null; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (e instanceof Error && CHROMIUM_FAILURE.test(e.message)) return e.message;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Whether `err` is Electron's net.fetch failing without an answer (possibly wrapped, see above). */
export function isChromiumFailure(err: unknown): boolean {
  const code = failureCode(err);
  return code !== null && CHROMIUM_FAILURE.test(code);
}

/** A short reason for logs and checks: failureCode, else the error's message. */
export function networkReason(err: unknown): string {
  return failureCode(err) ?? (err instanceof Error ? err.message : 'unknown error');
}

// Each family: the codes Node (and its OpenSSL) and Chromium use for it, and what it means to the user.
const FAMILIES: readonly { test: RegExp; words: string }[] = [
  {
    test: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|net::ERR_NAME_NOT_RESOLVED|net::ERR_NAME_RESOLUTION_FAILED)$/,
    words: 'its name was not found (DNS); check the address, and that this computer is online',
  },
  { test: /^(ECONNREFUSED|net::ERR_CONNECTION_REFUSED)$/, words: 'the connection was refused; the address or port may be wrong, or the service down' },
  {
    test: /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|net::ERR_CONNECTION_RESET|net::ERR_CONNECTION_CLOSED|net::ERR_EMPTY_RESPONSE|net::ERR_CONNECTION_ABORTED)$/,
    words: 'the connection was closed before an answer',
  },
  { test: /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|net::ERR_CONNECTION_TIMED_OUT|net::ERR_TIMED_OUT)$/, words: 'the connection timed out' },
  { test: /^(net::ERR_INTERNET_DISCONNECTED|ENETDOWN)$/, words: 'this computer is offline' },
  { test: /^(ENETUNREACH|EHOSTUNREACH|net::ERR_ADDRESS_UNREACHABLE|net::ERR_NETWORK_ACCESS_DENIED)$/, words: 'there is no network route to it (offline, a VPN or a firewall)' },
  { test: /^net::ERR_NETWORK_CHANGED$/, words: 'the network changed during the request' },
  {
    test: /^(net::ERR_(PROXY_|TUNNEL_CONNECTION_FAILED|MANDATORY_PROXY_CONFIGURATION_FAILED).*)$/,
    words: "the proxy failed; check the system's proxy settings",
  },
  // Chromium (the app) trusts the system's certificate store; Node (the terminal command) only its own
  // list, so an inspecting proxy's CA the system trusts still fails there until Node is told of it.
  { test: /^net::ERR_CERT_.*$/, words: 'its certificate is not trusted (a proxy or security software that inspects HTTPS can cause this)' },
  {
    test: /^(CERT_.*|ERR_TLS_CERT_ALTNAME_INVALID|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER_CERT|GET_ISSUER_CERT_LOCALLY|VERIFY_LEAF_SIGNATURE))$/,
    words:
      'its certificate is not trusted (a proxy or security software that inspects HTTPS can cause this: NODE_EXTRA_CA_CERTS=<its CA file> makes Node trust it)',
  },
  { test: /^(net::ERR_SSL_.*|ERR_SSL_.*|EPROTO)$/, words: 'the secure connection failed' },
];

/**
 * What went wrong, for a sentence like "CXone (host) could not be reached: <this>.": plain words with
 * the code after them ("the connection was refused; … (ECONNREFUSED)"), the bare code when it is not
 * one of the known kinds, or the error's message when it carries no code.
 */
export function unansweredWords(err: unknown): string {
  const code = failureCode(err);
  if (code === null) return err instanceof Error ? err.message : 'unknown error';
  const family = FAMILIES.find((f) => f.test.test(code));
  return family ? `${family.words} (${code})` : code;
}
