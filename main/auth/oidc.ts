// The OpenID Connect conversation through openid-client 6, as a public client (no secret, PKCE S256).
// Everything openid-client throws leaves this module as an AuthError with a sentence for the UI.
import * as oidc from 'openid-client';
import type { FetchLike } from '../ports';
import { checkSignInPage } from '../net/external-links';
import { checkServiceUrl } from '../net/url-policy';
import { resendingDropped } from '../net/resend-dropped';
import { isChromiumFailure, unansweredWords } from '../net/fetch-failure';
import { AuthError, errorText } from './errors';
import { CLOCK_TOLERANCE_SECONDS, clockIsOff, clockOffMessage, createSkewGauge, type SkewGauge } from './clock-skew';

export type OidcConfiguration = oidc.Configuration;

/**
 * The clock skew measured from each provider's answers (Date header), per configuration. A WeakMap so
 * the OidcConfiguration type others use stays openid-client's own, and a dropped one takes its gauge.
 */
const skewGauges = new WeakMap<OidcConfiguration, SkewGauge>();

/** server − local clock in ms as last measured for this provider (null before any Date header). */
export function measuredSkewMs(config: OidcConfiguration): number | null {
  return skewGauges.get(config)?.skewMs ?? null;
}

/** What a token response gives the session. The id_token was validated by openid-client. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresInSeconds: number | null;
  idClaims: Record<string, unknown> | null;
}

export interface AuthChecks {
  codeVerifier: string;
  state: string;
  nonce: string;
}

export async function discoverProvider(issuer: string, clientId: string, fetch?: FetchLike): Promise<OidcConfiguration> {
  const checked = checkServiceUrl(issuer, 'issuer');
  if (!checked.ok) throw new AuthError('config', checked.reason);
  if (!clientId.trim()) throw new AuthError('config', 'Enter the client id of your CXone app registration in Settings before signing in.');

  const options: oidc.DiscoveryRequestOptions = {
    execute: [
      // url-policy allows plain http only for loopback hosts (the demo tenant and tests).
      ...(checked.url.protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
      // openid-client checks iss, aud, exp and nonce of an id_token, but its signature only when asked:
      // verify it against the provider's published keys (jwks_uri) on every code and refresh answer.
      oidc.enableNonRepudiationChecks,
    ],
    timeout: 30,
  };
  // Every answer of the provider (discovery, token, revocation) tells its clock in the Date header.
  // Always set, so that exchangeCode can wrap it for one request and put it back.
  const gauge = createSkewGauge();
  // Its GETs (discovery, the key set) are sent again on a dropped kept-alive connection; token POSTs never are.
  const send: FetchLike = resendingDropped(fetch ?? ((url, init) => globalThis.fetch(url, init)));
  options[oidc.customFetch] = async (url, init) => {
    const res = await send(url, init as RequestInit);
    gauge.observe(res.headers.get('date'), Date.now());
    return res;
  };

  let config: OidcConfiguration;
  try {
    // A few minutes of clock difference are tolerated in iat/exp checks; more is reported in words.
    const metadata: Partial<oidc.ClientMetadata> = { token_endpoint_auth_method: 'none', [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS };
    config = await oidc.discovery(checked.url, clientId, metadata, oidc.None(), options);
  } catch (err) {
    throw toAuthError(err, `the sign-in server ${checked.url.host}`);
  }
  skewGauges.set(config, gauge);
  const meta = config.serverMetadata();
  for (const [name, value] of [
    ['authorization endpoint', meta.authorization_endpoint],
    ['token endpoint', meta.token_endpoint],
    ['key set (jwks_uri) to verify sign-ins with', meta.jwks_uri],
  ] as const) {
    if (!value) throw new AuthError('server', `The sign-in server ${checked.url.host} does not publish a ${name}.`);
  }
  for (const value of [meta.authorization_endpoint, meta.token_endpoint, meta.jwks_uri, meta.revocation_endpoint, meta.end_session_endpoint]) {
    if (value === undefined) continue;
    const r = checkServiceUrl(value, "sign-in server's endpoint");
    if (!r.ok) throw new AuthError('server', r.reason);
  }
  // The pages opened in the user's browser must be the issuer's own: a discovery document that sends
  // the browser to another site (a look-alike login page) is refused before anything is opened.
  for (const value of [meta.authorization_endpoint, meta.end_session_endpoint]) {
    if (value === undefined) continue;
    const r = checkSignInPage(value, checked.url.href);
    if (!r.ok) throw new AuthError('server', r.reason);
  }
  return config;
}

export async function createAuthChecks(): Promise<AuthChecks & { codeChallenge: string }> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return {
    codeVerifier,
    codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
  };
}

export function buildAuthorizationUrl(
  config: OidcConfiguration,
  p: { redirectUri: string; scopes: string[]; codeChallenge: string; state: string; nonce: string; tenantIdHint?: string },
): string {
  const params: Record<string, string> = {
    redirect_uri: p.redirectUri,
    scope: (p.scopes.length ? p.scopes : ['openid']).join(' '),
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
    state: p.state,
    nonce: p.nonce,
  };
  if (p.tenantIdHint) params.tenantId = p.tenantIdHint;
  return oidc.buildAuthorizationUrl(config, params).href;
}

/**
 * Exchanges the authorization code. `redirectUri` is the exact string the authorization request sent:
 * the token request must repeat it byte for byte. openid-client derives it from the callback URL with
 * new URL() instead (a URI without a path gains "/", an upper-case host is lower-cased, a query is
 * dropped), and it overwrites a redirect_uri passed as an extra token endpoint parameter, so the
 * string is put back into this one request's body on its way out.
 */
export async function exchangeCode(config: OidcConfiguration, callbackUrl: URL, checks: AuthChecks, redirectUri?: string): Promise<TokenSet> {
  const code = callbackUrl.searchParams.get('code');
  const previousFetch = config[oidc.customFetch];
  if (redirectUri !== undefined && code && previousFetch) config[oidc.customFetch] = withExactRedirectUri(previousFetch, code, redirectUri);
  try {
    const res = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    return toTokenSet(res);
  } catch (err) {
    const e = toAuthError(err, 'the sign-in server', measuredSkewMs(config));
    // invalid_grant here means the one-time code was refused, not that a session expired.
    if (e.kind === 'expired') throw new AuthError('server', 'The sign-in server refused the authorization code. Start the sign-in again.', { cause: err });
    throw e;
  } finally {
    if (previousFetch) config[oidc.customFetch] = previousFetch;
  }
}

type CustomFetch = NonNullable<OidcConfiguration[typeof oidc.customFetch]>;

/**
 * A fetch that sets redirect_uri in the token request for this one code; every other request passes as
 * is. openid-client 6 sends every token request's body as URLSearchParams; should that change, the exact
 * redirect tests (test/auth/redirect-uri.test.ts, a real oidc-provider) fail on the missing redirect_uri.
 */
function withExactRedirectUri(inner: CustomFetch, code: string, redirectUri: string): CustomFetch {
  return (url, init) => {
    const form = init.body;
    if (form instanceof URLSearchParams && form.get('grant_type') === 'authorization_code' && form.get('code') === code) {
      form.set('redirect_uri', redirectUri);
    }
    return inner(url, init);
  };
}

export async function refreshTokens(config: OidcConfiguration, refreshToken: string): Promise<TokenSet> {
  try {
    return toTokenSet(await oidc.refreshTokenGrant(config, refreshToken));
  } catch (err) {
    throw toAuthError(err, 'the sign-in server', measuredSkewMs(config));
  }
}

/** Best effort: resolves false when the provider offers no revocation endpoint. */
export async function revokeRefreshToken(config: OidcConfiguration, refreshToken: string): Promise<boolean> {
  if (!config.serverMetadata().revocation_endpoint) return false;
  try {
    await oidc.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
    return true;
  } catch (err) {
    throw toAuthError(err, 'the sign-in server');
  }
}

export function endSessionUrl(config: OidcConfiguration): string | null {
  if (!config.serverMetadata().end_session_endpoint) return null;
  return oidc.buildEndSessionUrl(config, { client_id: config.clientMetadata().client_id }).href;
}

function toTokenSet(res: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): TokenSet {
  const claims = res.claims();
  return {
    accessToken: res.access_token,
    refreshToken: res.refresh_token ?? null,
    expiresInSeconds: typeof res.expires_in === 'number' ? res.expires_in : null,
    idClaims: claims ? { ...claims } : null,
  };
}

const TRANSIENT_OAUTH_ERRORS = new Set(['server_error', 'temporarily_unavailable']);

/**
 * Maps what openid-client throws to an AuthError; `what` names the other side in the sentence.
 * `skewMs` (server − local, when measured) turns a failed iat/exp check into "your clock is N minutes off".
 */
export function toAuthError(err: unknown, what: string, skewMs: number | null = null): AuthError {
  if (err instanceof AuthError) return err;
  if (err instanceof oidc.ClientError && err.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') {
    // Within the tolerance the clock cannot be the cause; say it only when it is (or nothing was measured).
    if (skewMs === null || clockIsOff(skewMs)) return new AuthError('server', clockOffMessage(skewMs), { cause: err });
  }
  if (err instanceof oidc.ResponseBodyError) {
    if (err.error === 'invalid_grant') {
      return new AuthError('expired', 'Your CXone session has expired or was ended elsewhere. Sign in again.', { cause: err });
    }
    if (err.status >= 500 || TRANSIENT_OAUTH_ERRORS.has(err.error)) {
      return new AuthError('network', `${capitalize(what)} is having trouble (${err.error}). The app will try again.`, { cause: err });
    }
    const detail = err.error_description ? `${err.error}: ${err.error_description}` : err.error;
    return new AuthError('server', `${capitalize(what)} refused the request (${detail}).`, { cause: err });
  }
  if (err instanceof oidc.AuthorizationResponseError) {
    return new AuthError('idp', `The sign-in server did not sign you in: ${err.error_description ?? err.error}.`, { cause: err });
  }
  // No answer at all: refused connection, DNS, TLS, reset, offline. Node's fetch rejects with a TypeError;
  // Electron's net.fetch with Chromium's "net::ERR_…", which openid-client wraps in a ClientError.
  if (err instanceof TypeError || isChromiumFailure(err)) {
    return new AuthError('network', `Cannot reach ${what}: ${unansweredWords(err instanceof TypeError && err.cause !== undefined ? err.cause : err)}.`, { cause: err });
  }
  if (err instanceof oidc.ClientError) {
    if (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT') {
      return new AuthError('network', `${capitalize(what)} did not answer in time.`, { cause: err });
    }
    const status = err.cause instanceof Response ? err.cause.status : undefined;
    if (status !== undefined && (status >= 500 || status === 429)) {
      return new AuthError('network', `${capitalize(what)} answered with HTTP ${status}. The app will try again.`, { cause: err });
    }
    // The library's own reason (e.g. "JWT signature verification failed") sits one level down.
    const why = err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
    return new AuthError('server', `The answer from ${what} could not be accepted (${why}${status ? `, HTTP ${status}` : ''}).`, { cause: err });
  }
  return new AuthError('server', `Talking to ${what} failed: ${errorText(err)}.`, { cause: err });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
