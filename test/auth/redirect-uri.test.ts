// An exact redirect URI is sent as the same string in the authorization and the token request, so a
// registration that is not in URL-normal form (no path, upper-case host, a query) signs in against a
// real oidc-provider that compares the two byte for byte — before, every such sign-in got invalid_grant.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAuthService, type AuthService } from '../../main/auth/auth-service';
import { silentLogger } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { checkRedirectUri } from '../../main/net/url-policy';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { ManualClock, RecordingNotifier, ScriptedOpener } from './helpers';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

const providers: TestProvider[] = [];
const services: AuthService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.dispose()));
afterAll(async () => {
  for (const p of providers) await p.stop();
});

async function signInWith(uriFor: (port: number) => string) {
  const port = await freePort();
  const uri = uriFor(port);
  const op = await startTestProvider({ redirectUris: [uri] });
  providers.push(op);
  const opener = new ScriptedOpener((url) => headlessLogin(url));
  const svc = createAuthService({
    config: { issuer: op.issuer, clientId: op.clientId, scopes: ['openid'], redirect: { mode: 'exact', uri } },
    secrets: createMemorySecretStore(),
    opener,
    notifier: new RecordingNotifier(),
    clock: new ManualClock(),
    logger: silentLogger,
  });
  services.push(svc);
  const result = await svc.signIn().then(
    () => 'signed-in',
    (err: Error) => err.message,
  );
  return { uri, op, opener, result, svc };
}

describe('an exact redirect URI is sent as typed in both requests', () => {
  it.each([
    ['no path', (p: number) => `http://localhost:${p}`],
    ['an upper-case host and no path', (p: number) => `http://LOCALHOST:${p}`],
    ['a query', (p: number) => `http://localhost:${p}/auth-callback?app=tray`],
    ['an upper-case host, a path and a query', (p: number) => `http://LocalHost:${p}/Callback?x=1&y=two`],
  ])('signs in with %s', async (_what, uriFor) => {
    const { uri, op, opener, result } = await signInWith(uriFor);
    expect(new URL(opener.opened[0]!).searchParams.get('redirect_uri')).toBe(uri);
    expect(result).toBe('signed-in');
    expect(op.tokenRequests).toEqual([expect.objectContaining({ grantType: 'authorization_code', status: 200 })]);
    expect(checkRedirectUri(uri).ok).toBe(true);
  });
});

describe('a redirect URI that cannot round-trip is refused when it is saved, saying why', () => {
  it.each([
    ['http://localhost:3000/cb#frag', /fragment/],
    ['http://user:pw@localhost:3000/cb', /user name or password/],
    ['http://localhost:3000/cb?state=1', /code, state/],
    ['http://localhost:3000/cb?code=x', /code, state/],
    ['http://localhost:3000/call back', /spaces or characters/],
    ['http://localhost:3000/caf\u00e9', /spaces or characters/],
  ])('%s', (uri, why) => {
    const r = checkRedirectUri(uri);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });
});
