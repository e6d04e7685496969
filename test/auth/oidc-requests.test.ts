// What main/auth/oidc.ts sends and answers, against a real oidc-provider on 127.0.0.1 (the sign-in
// through its dev pages with headlessLogin, the redirect caught by a plain loopback server): the
// authorization URL's scope and tenant hint, a code exchange without an exact redirect URI and with a
// wrong state or a used code, revocation where the provider offers none or cannot be reached, and the
// end-session URL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as openid from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../main/auth/errors';
import { buildAuthorizationUrl, createAuthChecks, discoverProvider, endSessionUrl, exchangeCode, revokeRefreshToken, type OidcConfiguration } from '../../main/auth/oidc';
import type { FetchLike } from '../../main/ports';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';

let op: TestProvider;
let noRevocation: TestProvider;
/** The app's loopback redirect target: records each callback URL the browser is sent to. */
let redirectTarget: Server;
let redirectUri: string;
const callbacks: string[] = [];

beforeAll(async () => {
  [op, noRevocation] = await Promise.all([startTestProvider(), startTestProvider({ revocation: false })]);
  redirectTarget = createServer((req, res) => {
    callbacks.push(req.url ?? '');
    res.end('ok');
  });
  await new Promise<void>((r) => redirectTarget.listen(0, '127.0.0.1', r));
  redirectUri = `http://127.0.0.1:${(redirectTarget.address() as AddressInfo).port}/callback`;
});
afterAll(async () => {
  redirectTarget.closeAllConnections();
  await new Promise((r) => redirectTarget.close(r));
  await Promise.all([op.stop(), noRevocation.stop()]);
});

/** Signs in through the provider's pages and returns the callback URL with its code, and the checks sent. */
async function signInThroughBrowser(config: OidcConfiguration) {
  const checks = await createAuthChecks();
  const before = callbacks.length;
  const authUrl = buildAuthorizationUrl(config, { redirectUri, scopes: ['openid'], ...checks });
  expect((await headlessLogin(authUrl)).status).toBe(200);
  expect(callbacks).toHaveLength(before + 1);
  const callbackUrl = new URL(callbacks[before]!, redirectUri);
  expect(callbackUrl.searchParams.get('code')).toBeTruthy();
  return { checks, callbackUrl };
}

async function failureOf(p: Promise<unknown>): Promise<AuthError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

describe('the authorization URL', () => {
  it('sends every configured scope separated by spaces, openid when none is configured, and the tenant hint only when there is one', async () => {
    const config = await discoverProvider(op.issuer, op.clientId);
    const checks = await createAuthChecks();
    const params = (scopes: string[], tenantIdHint?: string) =>
      new URL(buildAuthorizationUrl(config, { redirectUri, scopes, ...checks, ...(tenantIdHint === undefined ? {} : { tenantIdHint }) })).searchParams;
    const two = params(['openid', 'offline_access'], '11ea5f3c-0000-4000-8000-00000000a001');
    expect(two.get('scope')).toBe('openid offline_access');
    expect(two.get('tenantId')).toBe('11ea5f3c-0000-4000-8000-00000000a001');
    expect(two.get('redirect_uri')).toBe(redirectUri);
    expect(two.get('code_challenge_method')).toBe('S256');
    expect(params([]).get('scope')).toBe('openid');
    for (const none of [undefined, '']) expect(params(['openid'], none).has('tenantId')).toBe(false);
  });
});

describe('the code exchange', () => {
  it('without an exact redirect URI sends the one of the callback URL and signs in; the fetch of the configuration is put back', async () => {
    const config = await discoverProvider(op.issuer, op.clientId);
    const fetchBefore = config[openid.customFetch];
    expect(fetchBefore).toBeTypeOf('function');
    const { checks, callbackUrl } = await signInThroughBrowser(config);
    const mark = op.tokenRequests.length;
    const tokens = await exchangeCode(config, callbackUrl, checks);
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.idClaims).toMatchObject({ sub: expect.any(String) });
    expect(op.tokenRequests.slice(mark)).toEqual([expect.objectContaining({ grantType: 'authorization_code', status: 200 })]);
    expect(config[openid.customFetch]).toBe(fetchBefore);
  });

  it('a callback whose state is not the one sent is refused before any token request, naming the sign-in server', async () => {
    const config = await discoverProvider(op.issuer, op.clientId);
    const fetchBefore = config[openid.customFetch];
    const { checks, callbackUrl } = await signInThroughBrowser(config);
    const mark = op.tokenRequests.length;
    const e = await failureOf(exchangeCode(config, callbackUrl, { ...checks, state: 'another-sign-in' }, redirectUri));
    expect(e.kind).toBe('server');
    expect(e.message).toMatch(/^The answer from the sign-in server could not be accepted \(.*state/);
    expect(op.tokenRequests.slice(mark)).toEqual([]);
    expect(config[openid.customFetch]).toBe(fetchBefore);
  });

  it('a code used a second time is "refused the authorization code" (not "session expired"), with the server\'s answer as its cause', async () => {
    const config = await discoverProvider(op.issuer, op.clientId);
    const fetchBefore = config[openid.customFetch];
    const { checks, callbackUrl } = await signInThroughBrowser(config);
    await exchangeCode(config, callbackUrl, checks, redirectUri);
    const e = await failureOf(exchangeCode(config, callbackUrl, checks, redirectUri));
    expect(e).toMatchObject({ kind: 'server', message: 'The sign-in server refused the authorization code. Start the sign-in again.' });
    expect(e.cause).toBeInstanceOf(openid.ResponseBodyError);
    expect((e.cause as openid.ResponseBodyError).error).toBe('invalid_grant');
    expect(config[openid.customFetch]).toBe(fetchBefore);
  });
});

describe('revocation', () => {
  it('a provider without a revocation endpoint: false, and nothing is sent', async () => {
    const config = await discoverProvider(noRevocation.issuer, noRevocation.clientId);
    expect(config.serverMetadata().revocation_endpoint).toBeUndefined();
    expect(await revokeRefreshToken(config, 'a-refresh-token')).toBe(false);
    expect(noRevocation.revocations).toEqual([]);
  });

  it('a provider that cannot be reached is a network error naming the sign-in server', async () => {
    const config = await discoverProvider(op.issuer, op.clientId);
    op.setOutage(true);
    try {
      const e = await failureOf(revokeRefreshToken(config, 'a-refresh-token'));
      expect(e.kind).toBe('network');
      expect(e.message).toMatch(/^Cannot reach the sign-in server: .+ \([A-Z_:]+\)\.$/);
    } finally {
      op.setOutage(false);
    }
  });
});

describe('the end-session URL', () => {
  it("is the provider's end-session endpoint with the app's client id", async () => {
    const config = await discoverProvider(op.issuer, op.clientId);
    const url = new URL(endSessionUrl(config)!);
    expect(`${url.origin}${url.pathname}`).toBe(config.serverMetadata().end_session_endpoint);
    expect(url.searchParams.get('client_id')).toBe(op.clientId);
  });

  it('is null when the provider publishes no end-session endpoint', async () => {
    // The provider's own discovery document, with its end_session_endpoint left out as some providers do.
    const withoutEndSession: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).endsWith('/.well-known/openid-configuration')) return res;
      const meta = (await res.json()) as Record<string, unknown>;
      delete meta.end_session_endpoint;
      return Response.json(meta, { status: res.status, headers: { date: res.headers.get('date') ?? '' } });
    };
    const config = await discoverProvider(op.issuer, op.clientId, withoutEndSession);
    expect(config.serverMetadata().end_session_endpoint).toBeUndefined();
    expect(endSessionUrl(config)).toBeNull();
  });
});
