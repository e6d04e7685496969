// Two copies of the app (a second profile, a portable copy, the CLI's --sign-in) share one keychain
// entry: real gnome-keyring (each copy opens its own store, as separate processes would), a real
// oidc-provider that rotates refresh tokens and revokes the grant when a spent one is reused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, refreshTokenAccount, type AuthConfig, type AuthService } from '../../main/auth/auth-service';
import type { FetchLike, SecretStore } from '../../main/ports';
import { silentLogger } from '../../main/ports';
import { openSecretStore } from '../../main/secrets';
import { DEFAULT_CLAIMS, headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { ManualClock, RecordingNotifier, ScriptedOpener } from './helpers';

const keyring = process.env.CXONE_TEST_KEYRING === '1';
const NO_KEYRING = 'needs gnome-keyring: run under test/harness/with-keyring.sh';

let op: TestProvider;
const services: AuthService[] = [];
beforeAll(async () => {
  op = await startTestProvider();
});
afterEach(() => services.splice(0).forEach((s) => s.dispose()));
afterAll(async () => op?.stop());

/** One copy of the app: its own keychain connection, clock and session, the shared keychain entry. */
async function copyOfTheApp(fetch?: FetchLike, wrap: (s: SecretStore) => SecretStore = (s) => s) {
  const store = wrap((await openSecretStore({ logger: silentLogger })).store);
  expect(store.kind).toBe('keychain');
  const config: AuthConfig = { issuer: op.issuer, clientId: op.clientId, scopes: ['openid'], redirect: { mode: 'any-loopback' }, tenantIdHint: DEFAULT_CLAIMS.tenantId };
  const notifier = new RecordingNotifier();
  const svc = createAuthService({ config, secrets: store, opener: new ScriptedOpener((url) => headlessLogin(url)), notifier, clock: new ManualClock(), logger: silentLogger, ...(fetch ? { fetch } : {}) });
  services.push(svc);
  const account = refreshTokenAccount(config);
  return { svc, store, notifier, stored: () => store.get(account), renew: () => (svc.invalidateAccessToken(), svc.getAccessToken()) };
}

const refusals = () => op.tokenRequests.filter((r) => r.error === 'invalid_grant').length;

describe.skipIf(!keyring)(`two copies of the app on one keychain entry (${keyring ? 'gnome-keyring' : NO_KEYRING})`, () => {
  it('each renews with the token the other stored, and nobody is signed out', async () => {
    const a = await copyOfTheApp();
    const b = await copyOfTheApp();
    await a.svc.signIn();
    expect(await b.svc.restore()).toBe(true); // b rotates a's token: a now holds a spent one
    const before = refusals();
    for (let round = 0; round < 3; round++) {
      await a.renew();
      await b.renew();
    }
    expect(refusals()).toBe(before);
    expect(a.svc.status().kind).toBe('signed-in');
    expect(b.svc.status().kind).toBe('signed-in');
    expect(a.notifier.shown).toEqual([]);
    expect(b.notifier.shown).toEqual([]);
    expect(await a.stored()).toBe(await b.stored());
    expect(await a.stored()).not.toBeNull();
  });

  it('after invalid_grant reads the store again and goes on with the newer token instead of deleting it', async () => {
    // The race the first read cannot see: copy a has read the store and is on its way to the token
    // endpoint with its own (revoked) token when copy b signs in afresh and stores a new one.
    const b = await copyOfTheApp();
    let race: (() => Promise<void>) | null = null;
    const a = await copyOfTheApp(async (url, init) => {
      const body = init?.body instanceof URLSearchParams ? init.body : null;
      const run = race;
      if (run && body?.get('grant_type') === 'refresh_token') {
        race = null;
        await run();
      }
      return fetch(url, init);
    });
    await a.svc.signIn();
    const aToken = (await a.stored())!;
    // a's sign-in ends elsewhere (its grant revoked at the provider).
    const revoked = await fetch(`${op.issuer}/token/revocation`, { method: 'POST', body: new URLSearchParams({ token: aToken, client_id: op.clientId }) });
    expect(revoked.status).toBe(200);
    race = async () => {
      await b.svc.signIn();
    };
    const before = refusals();
    await a.renew();
    expect(refusals()).toBe(before + 1); // a's own token was refused once...
    expect(a.svc.status().kind).toBe('signed-in'); // ...and a went on with b's
    expect(a.notifier.shown).toEqual([]);
    expect(await a.stored()).not.toBeNull();
    expect(await a.stored()).not.toBe(aToken);
    await b.renew(); // b reads what a stored
    expect(b.svc.status().kind).toBe('signed-in');
  });

  it('deletes the stored entry only while it holds the token that was refused', async () => {
    const a = await copyOfTheApp();
    await a.svc.signIn();
    const aToken = (await a.stored())!;
    await fetch(`${op.issuer}/token/revocation`, { method: 'POST', body: new URLSearchParams({ token: aToken, client_id: op.clientId }) });
    await expect(a.renew()).rejects.toMatchObject({ kind: 'expired' });
    expect(a.svc.status().kind).toBe('expired');
    await expect.poll(() => a.stored()).toBeNull();
  });

  it('keeps a newer token another copy stored while this one was being signed out', async () => {
    const b = await copyOfTheApp();
    let reads = 0;
    let readsDone = 0;
    let beforeThirdRead: (() => Promise<void>) | null = null;
    // The real keychain store, watched: its third read is the one expiry makes before deleting.
    const a = await copyOfTheApp(undefined, (inner) => ({
      get kind() {
        return inner.kind;
      },
      get: async (account) => {
        if (++reads === 3 && beforeThirdRead) await beforeThirdRead();
        const value = await inner.get(account);
        readsDone++;
        return value;
      },
      set: (account, secret) => inner.set(account, secret),
      delete: (account) => inner.delete(account),
    }));
    await a.svc.signIn();
    const aToken = (await a.stored())!;
    reads = 0;
    readsDone = 0;
    await fetch(`${op.issuer}/token/revocation`, { method: 'POST', body: new URLSearchParams({ token: aToken, client_id: op.clientId }) });
    beforeThirdRead = async () => {
      await b.svc.signIn();
    };
    await expect(a.renew()).rejects.toMatchObject({ kind: 'expired' });
    // Expiry's read (with b's sign-in before it) has answered, and a delete it decided on has run.
    await expect.poll(() => readsDone, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.svc.status().kind).toBe('signed-in');
    // b's sign-in survives a's expiry: the entry holds b's token, not deleted.
    const bToken = await b.stored();
    expect(bToken).not.toBeNull();
    expect(bToken).not.toBe(aToken);
    await b.renew();
    expect(b.svc.status().kind).toBe('signed-in');
  });
});
