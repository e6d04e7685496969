// The auth service against a real oidc-provider on 127.0.0.1 that behaves like CXone. The browser is
// played by headlessLogin (fetch with a cookie jar on the provider's dev pages); the end-to-end test
// with real Chromium and gnome-keyring is browser-sign-in.test.ts. Secrets live in the memory store here.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthService, refreshTokenAccount, type AuthConfig, type AuthService } from '../../main/auth/auth-service';
import { AuthError } from '../../main/auth/errors';
import type { SessionStatus } from '../../main/auth/status';
import type { FetchLike, SecretStore } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { DEFAULT_CLAIMS, DEFAULT_LOGIN, headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { FileLogger, FlakySecretStore, ManualClock, RecordingNotifier, ScriptedOpener } from './helpers';

const TTL = 3600;
let op: TestProvider;
const logDir = mkdtempSync(join(tmpdir(), 'cxone-auth-log-'));
const logPath = join(logDir, 'auth.log');
/** Every token the tests saw, to prove none reached the log file. */
const seenSecrets = new Set<string>();
const services: AuthService[] = [];

beforeAll(async () => {
  op = await startTestProvider({ accessTokenTtlSeconds: TTL, claims: { icBUId: -4600001 } });
});
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  op.setOutage(false);
});
afterAll(async () => {
  await op.stop();
});

function setup(opts: { secrets?: SecretStore; config?: Partial<AuthConfig>; browse?: (url: string) => Promise<unknown>; fetch?: FetchLike } = {}) {
  const clock = new ManualClock();
  const notifier = new RecordingNotifier();
  const opener = new ScriptedOpener(opts.browse ?? ((url) => headlessLogin(url)));
  const secrets = opts.secrets ?? createMemorySecretStore();
  const config: AuthConfig = {
    issuer: op.issuer,
    clientId: op.clientId,
    scopes: ['openid'],
    redirect: { mode: 'any-loopback' },
    tenantIdHint: DEFAULT_CLAIMS.tenantId,
    ...opts.config,
  };
  const svc = createAuthService({ config, secrets, opener, notifier, clock, logger: new FileLogger(logPath), ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  services.push(svc);
  const statuses: SessionStatus[] = [];
  svc.onStatus((s) => statuses.push(s));
  const account = refreshTokenAccount(config);
  const storedToken = async () => {
    const t = await secrets.get(account);
    if (t) seenSecrets.add(t);
    return t;
  };
  const token = async () => {
    const t = await svc.getAccessToken();
    seenSecrets.add(t);
    return t;
  };
  return { svc, clock, notifier, opener, secrets, statuses, account, storedToken, token };
}

/** Signed out and nothing left behind: no identity, nothing in the store, no token handed out. */
async function expectSignedOutWithNothingKept(t: ReturnType<typeof setup>): Promise<void> {
  expect(t.svc.status()).toEqual({ kind: 'signed-out' });
  expect(t.svc.identity()).toBeNull();
  expect(await t.storedToken()).toBeNull();
  await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'signed-out' });
}

/** The grant type of a token request as openid-client sends it (a URLSearchParams body), or null. */
function grantOf(init?: RequestInit): string | null {
  return init?.body instanceof URLSearchParams ? init.body.get('grant_type') : null;
}

/** Past the renewal point (600 s before expiry) but before expiry. */
const RENEW_DUE_MS = (TTL - 600 + 1) * 1000;

describe('sign-in', () => {
  it('signs in through the browser with PKCE and reads the CXone identity from the id_token', async () => {
    const t = setup();
    const codeGrantsBefore = op.tokenRequests.filter((r) => r.grantType === 'authorization_code').length;
    const identity = await t.svc.signIn();

    expect(identity).toEqual({
      issuer: op.issuer,
      subject: DEFAULT_LOGIN,
      tenantId: DEFAULT_CLAIMS.tenantId,
      tenant: DEFAULT_CLAIMS.tenant,
      userId: DEFAULT_CLAIMS.userId,
      icAgentId: DEFAULT_CLAIMS.icAgentId,
      icBUId: -4600001,
      icClusterId: DEFAULT_CLAIMS.icClusterId,
      area: DEFAULT_CLAIMS.area,
      name: DEFAULT_CLAIMS.name,
    });
    expect(t.svc.identity()).toEqual(identity);
    expect(op.tokenRequests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(codeGrantsBefore + 1);

    const url = new URL(t.opener.opened[0]!);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('scope')).toBe('openid');
    expect(url.searchParams.get('tenantId')).toBe(DEFAULT_CLAIMS.tenantId);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.has('client_secret')).toBe(false);

    expect(t.statuses.map((s) => s.kind)).toEqual(['signing-in', 'signed-in']);
    expect(t.statuses[0]).toMatchObject({ kind: 'signing-in', url: t.opener.opened[0] });
    expect(t.statuses[1]).toEqual({ kind: 'signed-in', identity, storage: 'memory' });

    expect(await t.storedToken()).toBeTruthy();
    const refreshesBefore = op.refreshCount();
    const access = await t.token();
    expect(access).toBeTruthy();
    expect(await t.token()).toBe(access);
    expect(op.refreshCount()).toBe(refreshesBefore);
  });

  it('keeps the URL in the status when no browser opens, and can be cancelled', async () => {
    const t = setup({ browse: async () => {} });
    const signIn = t.svc.signIn();
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signing-in'));
    const status = t.svc.status();
    expect(status.kind === 'signing-in' && status.url).toBe(t.opener.opened[0]);
    expect(t.svc.signIn()).toBe(signIn);
    t.svc.cancelSignIn();
    await expect(signIn).rejects.toMatchObject({ kind: 'cancelled', message: 'Sign-in was cancelled.' });
    expect(t.svc.status()).toEqual({ kind: 'signed-out' });
  });

  it('times out with a sentence when nobody completes the sign-in', async () => {
    const t = setup({ browse: async () => {}, config: { signInTimeoutMs: 120_000 } });
    const signIn = t.svc.signIn();
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signing-in'));
    t.clock.advance(120_000);
    const err = (await signIn.catch((e: unknown) => e)) as AuthError;
    expect(err.kind).toBe('timeout');
    expect(t.svc.status()).toEqual({ kind: 'error', message: err.message });
  });

  it('signs in through an exact redirect URI like http://localhost:<port>/auth-callback', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const uri = `http://localhost:${port}/auth-callback`;
    const t = setup({ config: { redirect: { mode: 'exact', uri } } });
    await t.svc.signIn();
    expect(new URL(t.opener.opened[0]!).searchParams.get('redirect_uri')).toBe(uri);
    expect(t.svc.status().kind).toBe('signed-in');
  });

  it("refuses an id_token whose claims were altered after the provider signed it", async () => {
    // A man in the middle of the token response (the fetch port) rewrites the name claim; header,
    // signature, iss, aud, nonce and exp stay as the provider made them.
    const tampering: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!new URL(String(input)).pathname.endsWith('/token') || !res.ok) return res;
      const body = (await res.json()) as { id_token: string };
      const [header, payload, signature] = body.id_token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      claims.name = 'Mallory';
      body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const t = setup({ fetch: tampering });
    const err = (await t.svc.signIn().catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.kind).toBe('server');
    expect(err.message).toContain('JWT signature verification failed');
    expect(t.svc.identity()).toBeNull();
    expect(await t.storedToken()).toBeNull();
    expect(t.svc.status().kind).toBe('error');
  });

  it('a second sign-in that is cancelled leaves the signed-in session as it was', async () => {
    let browse = true;
    const t = setup({ browse: async (url) => (browse ? headlessLogin(url) : undefined) });
    const identity = await t.svc.signIn();
    const access = await t.token();
    browse = false; // the user opens the sign-in again, then thinks better of it
    const again = t.svc.signIn();
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signing-in'));
    t.svc.cancelSignIn();
    await expect(again).rejects.toMatchObject({ kind: 'cancelled' });
    expect(t.svc.status()).toEqual({ kind: 'signed-in', identity, storage: 'memory' });
    expect(t.svc.identity()).toEqual(identity);
    expect(await t.token()).toBe(access);
  });

  it('a sign-in cancelled while its code is being exchanged is not adopted', async () => {
    let cancel: (() => void) | null = null;
    let browsing: Promise<Response> | null = null;
    const t = setup({
      browse: (url) => (browsing = headlessLogin(url)),
      // The user cancels in the app just as the browser's redirect arrives: the exchange goes ahead.
      fetch: async (input, init) => {
        if (grantOf(init) === 'authorization_code') cancel?.();
        return fetch(input, init);
      },
    });
    cancel = () => t.svc.cancelSignIn();
    await expect(t.svc.signIn()).rejects.toMatchObject({ kind: 'cancelled' });
    // The browser's page is answered once the exchange has ended: it says the sign-in did not happen.
    await vi.waitFor(() => expect(browsing).not.toBeNull());
    expect(await (await browsing!).text()).toContain('Sign-in was cancelled.');
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'authorization_code', status: 200 });
    await expectSignedOutWithNothingKept(t);
  });

  it('a refused authorization code is reported as such, not as an expired session', async () => {
    const t = setup({
      // The code is spent or altered on its way: the real provider refuses it with invalid_grant.
      fetch: async (input, init) => {
        if (grantOf(init) === 'authorization_code' && init?.body instanceof URLSearchParams) init.body.set('code', 'not-the-code');
        return fetch(input, init);
      },
    });
    const err = (await t.svc.signIn().catch((e: unknown) => e)) as AuthError;
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'authorization_code', error: 'invalid_grant' });
    expect(err).toBeInstanceOf(AuthError);
    expect(err.kind).toBe('server');
    expect(err.message).toBe('The sign-in server refused the authorization code. Start the sign-in again.');
    expect(t.svc.status()).toEqual({ kind: 'error', message: err.message });
  });

  it('refuses a plain-http issuer that is not loopback, before any request', async () => {
    const t = setup({ config: { issuer: 'http://cxone.example.com' } });
    await expect(t.svc.signIn()).rejects.toMatchObject({ kind: 'config', message: expect.stringContaining('must use https') });
    expect(t.opener.opened).toHaveLength(0);
  });
});

describe('renewal', () => {
  it('20 concurrent getAccessToken() calls at expiry share exactly one refresh request', async () => {
    const t = setup();
    await t.svc.signIn();
    const oldAccess = await t.token();
    const oldRefresh = await t.storedToken();
    const before = op.refreshCount();

    t.clock.jump(RENEW_DUE_MS); // timers do not fire: the callers find the token due themselves
    const tokens = await Promise.all(Array.from({ length: 20 }, () => t.token()));

    expect(op.refreshCount()).toBe(before + 1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(oldAccess);
    // Rotation: the new refresh token replaced the old one in the store.
    const newRefresh = await t.storedToken();
    expect(newRefresh).toBeTruthy();
    expect(newRefresh).not.toBe(oldRefresh);
    expect(t.statuses.map((s) => s.kind).slice(-2)).toEqual(['refreshing', 'signed-in']);
  });

  it('renews on its own 600 s before expiry', async () => {
    const t = setup();
    await t.svc.signIn();
    const before = op.refreshCount();
    t.clock.advance(RENEW_DUE_MS - 2000);
    expect(op.refreshCount()).toBe(before);
    t.clock.advance(2000);
    await vi.waitFor(() => expect(op.refreshCount()).toBe(before + 1));
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signed-in'));
  });

  it('refreshes once after an API 401, and a stale 401 for the old token does not refresh again', async () => {
    const t = setup();
    await t.svc.signIn();
    const first = await t.token();
    const before = op.refreshCount();
    t.svc.invalidateAccessToken(first);
    const second = await t.token();
    expect(second).not.toBe(first);
    expect(op.refreshCount()).toBe(before + 1);
    t.svc.invalidateAccessToken(first); // a late 401 for the token already replaced
    expect(await t.token()).toBe(second);
    expect(op.refreshCount()).toBe(before + 1);
  });

  it('never uses a renewed token whose refresh token could not be stored, and never sends the rotated-away one again', async () => {
    const store = new FlakySecretStore(createMemorySecretStore());
    const t = setup({ secrets: store });
    await t.svc.signIn();
    const oldAccess = await t.token();
    const storedBefore = await t.storedToken();
    const before = op.refreshCount();
    const requestsBefore = op.tokenRequests.length;

    store.failSets = 2; // the keychain dies between "refresh answered" and "new token stored", twice
    t.clock.jump(TTL * 1000 + 1); // the old access token has expired too
    const err = (await t.svc.getAccessToken().catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.kind).toBe('storage');
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 200 });
    expect(op.refreshCount()).toBe(before + 1);
    expect(t.svc.status()).toEqual({ kind: 'error', message: err.message });
    expect(await t.storedToken()).toBe(storedBefore);

    // Still failing: the held-back answer is offered to the keychain again; the provider is not asked.
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'storage' });
    expect(op.tokenRequests.length).toBe(requestsBefore + 1);

    // The keychain works again: the held-back answer is stored first, then used. The old refresh
    // token (rotated away at the provider) was never sent again, so the grant is still alive.
    const renewed = await t.token();
    expect(renewed).not.toBe(oldAccess);
    expect(op.tokenRequests.length).toBe(requestsBefore + 1);
    const stored = await t.storedToken();
    expect(stored).toBeTruthy();
    expect(stored).not.toBe(storedBefore);
    expect(store.sets.at(-1)).toBe(stored);
    expect(t.svc.status().kind).toBe('signed-in');

    t.svc.invalidateAccessToken(renewed);
    expect(await t.token()).not.toBe(renewed);
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 200 });
    expect(op.tokenRequests.slice(requestsBefore).every((r) => r.status === 200)).toBe(true);
  });

  it('a caller at exactly the renewal point gets a renewed token; a millisecond before, the current one', async () => {
    const t = setup();
    await t.svc.signIn();
    const access = await t.token();
    const before = op.refreshCount();
    t.clock.jump((TTL - 600) * 1000 - 1);
    expect(await t.token()).toBe(access);
    expect(op.refreshCount()).toBe(before);
    t.clock.jump(1);
    expect(await t.token()).not.toBe(access);
    expect(op.refreshCount()).toBe(before + 1);
  });

  it('from the moment the access token expires it is no longer handed out, even while the sign-in server is down', async () => {
    const t = setup();
    await t.svc.signIn();
    const access = await t.token();
    op.setOutage(true);
    t.clock.jump(TTL * 1000 - 1);
    expect(await t.token()).toBe(access); // due and still valid: better than an error while retrying
    expect(t.svc.status().kind).toBe('reconnecting');
    t.clock.jump(1);
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
  });

  it('a token that lives shorter than the renewal margin is renewed at half its life, not on every call', async () => {
    const short = await startTestProvider({ accessTokenTtlSeconds: 300 });
    try {
      const t = setup({ config: { issuer: short.issuer, clientId: short.clientId } });
      await t.svc.signIn();
      const access = await t.token();
      t.clock.jump(150_000 - 1);
      expect(await t.token()).toBe(access);
      expect(short.refreshCount()).toBe(0);
      t.clock.jump(1);
      expect(await t.token()).not.toBe(access);
      expect(short.refreshCount()).toBe(1);
    } finally {
      await short.stop();
    }
  });

  it('keeps using a refresh token the server did not replace in its answer', async () => {
    // RFC 6749 §6: a renewal may come without a new refresh token; the one held stays good.
    const steady = await startTestProvider({ rotateRefreshTokens: false });
    try {
      const withoutRefreshToken: FetchLike = async (input, init) => {
        const res = await fetch(input, init);
        if (grantOf(init) !== 'refresh_token' || !res.ok) return res;
        const body = (await res.json()) as Record<string, unknown>;
        delete body.refresh_token;
        return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
      };
      const t = setup({ config: { issuer: steady.issuer, clientId: steady.clientId }, fetch: withoutRefreshToken });
      await t.svc.signIn();
      const stored = await t.storedToken();
      let access = await t.token();
      for (let round = 0; round < 2; round++) {
        t.svc.invalidateAccessToken(access);
        const renewed = await t.token();
        expect(renewed).not.toBe(access);
        access = renewed;
      }
      expect(steady.refreshCount()).toBe(2);
      expect(t.svc.status().kind).toBe('signed-in');
      expect(await t.storedToken()).toBe(stored);
    } finally {
      await steady.stop();
    }
  });

  it('an access token the server gave no lifetime (no expires_in) is used until an API refuses it: no timed renewal, none per call', async () => {
    const withoutExpiry: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (grantOf(init) === null || !res.ok) return res;
      const body = (await res.json()) as Record<string, unknown>;
      delete body.expires_in;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const t = setup({ fetch: withoutExpiry });
    await t.svc.signIn();
    const access = await t.token();
    const before = op.refreshCount();
    t.clock.advance(2 * TTL * 1000); // nothing is scheduled to run
    t.clock.jump(2 * TTL * 1000);
    expect(await t.token()).toBe(access);
    expect(await t.token()).toBe(access);
    expect(op.refreshCount()).toBe(before);
    expect(t.svc.status().kind).toBe('signed-in');
    t.svc.invalidateAccessToken(access);
    expect(await t.token()).not.toBe(access);
    expect(op.refreshCount()).toBe(before + 1);
  });

  it('a renewal answered after sign-out is thrown away: nothing is stored and the session stays signed out', async () => {
    let hold: Promise<void> | null = null;
    let answered!: () => void;
    const t = setup({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (hold && grantOf(init) === 'refresh_token') {
          answered();
          await hold;
        }
        return res;
      },
    });
    await t.svc.signIn();
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    const arrived = new Promise<void>((r) => (answered = r));
    t.svc.invalidateAccessToken();
    const renewing = t.svc.getAccessToken().catch((e: unknown) => e);
    await arrived; // the provider has answered; the answer is on its way back
    await t.svc.signOut();
    release();
    expect(await renewing).toMatchObject({ kind: 'signed-out' });
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 200 });
    await expectSignedOutWithNothingKept(t);
  });

  it('a renewal refused after sign-out neither expires the session nor notifies', async () => {
    let hold: Promise<void> | null = null;
    let sending!: () => void;
    const t = setup({
      fetch: async (input, init) => {
        if (hold && grantOf(init) === 'refresh_token') {
          sending();
          await hold;
        }
        return fetch(input, init);
      },
    });
    await t.svc.signIn();
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    const onItsWay = new Promise<void>((r) => (sending = r));
    t.svc.invalidateAccessToken();
    const renewing = t.svc.getAccessToken().catch((e: unknown) => e);
    await onItsWay;
    await t.svc.signOut(); // revokes the token the renewal is about to send
    release();
    expect(await renewing).toMatchObject({ kind: 'expired' });
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', error: 'invalid_grant' });
    expect(t.svc.status()).toEqual({ kind: 'signed-out' });
    expect(t.notifier.shown).toEqual([]);
  });

  it('backs off 2 s doubling to at most 60 s, stops after 8 retries and says so, and starts afresh after a recovery', async () => {
    let attempts = 0;
    const t = setup({
      fetch: async (input, init) => {
        if (grantOf(init) === 'refresh_token') attempts++;
        return fetch(input, init);
      },
    });
    await t.svc.signIn();
    /** Fails one renewal from a caller, then lets every scheduled retry run; the delays seen, in order. */
    const retriesUntil = async (stop: () => boolean): Promise<number[]> => {
      const delays: number[] = [];
      for (let i = 0; i < 20 && !stop(); i++) {
        const s = t.svc.status();
        if (s.kind !== 'reconnecting') break;
        delays.push(s.retryAt - t.clock.now());
        const tried = attempts;
        t.clock.advance(s.retryAt - t.clock.now());
        await vi.waitFor(() => expect(t.svc.status()).not.toBe(s));
        expect(attempts).toBe(tried + 1);
      }
      return delays;
    };

    // A first outage, over after two failed retries: the counter starts again from the recovery.
    op.setOutage(true);
    t.svc.invalidateAccessToken();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    const first = await retriesUntil(() => {
      if (attempts === 3) op.setOutage(false);
      return false;
    });
    expect(first).toEqual([2000, 4000, 8000]);
    expect(t.svc.status().kind).toBe('signed-in');

    op.setOutage(true);
    attempts = 0;
    t.svc.invalidateAccessToken();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    // A caller meanwhile replaces the scheduled retry; it does not add a second one.
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    expect(t.clock.pending()).toBe(2); // the renewal, and the one retry
    const second = await retriesUntil(() => false);
    expect(second).toEqual([4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(attempts).toBe(9);
    const gaveUp = t.svc.status();
    expect(gaveUp.kind).toBe('error');
    expect(gaveUp.kind === 'error' && gaveUp.message).toMatch(/^Cannot reach the sign-in server: .*The app stopped retrying on its own/);
    expect(t.clock.pending()).toBe(1); // nothing but the renewal is scheduled

    // The next time the session is needed it tries again.
    op.setOutage(false);
    expect(await t.token()).toBeTruthy();
    expect(t.svc.status().kind).toBe('signed-in');
  });

  it('a renewal that works for a caller while reconnecting cancels the scheduled retry', async () => {
    const t = setup();
    await t.svc.signIn();
    op.setOutage(true);
    t.svc.invalidateAccessToken();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    expect(t.svc.status().kind).toBe('reconnecting');
    op.setOutage(false);
    expect(await t.token()).toBeTruthy();
    expect(t.svc.status().kind).toBe('signed-in');
    expect(t.clock.pending()).toBe(1); // the next renewal only: no retry is left to fire
  });

  it('a renewal held back from the keychain and stored later keeps the expiry it had when it arrived', async () => {
    const store = new FlakySecretStore(createMemorySecretStore());
    const t = setup({ secrets: store });
    await t.svc.signIn();
    store.failSets = 1;
    t.svc.invalidateAccessToken();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'storage' });
    const refreshes = op.refreshCount();
    t.clock.jump(TTL * 1000 - 1); // the keychain works again just before that answer's token expires
    const held = await t.token();
    expect(op.refreshCount()).toBe(refreshes);
    // It is past its renewal point already: the next caller gets a fresh one.
    expect(await t.token()).not.toBe(held);
    expect(op.refreshCount()).toBe(refreshes + 1);
  });

  it('keeps the session through a network outage, reconnecting with backoff', async () => {
    const t = setup();
    await t.svc.signIn();
    const access = await t.token();
    const before = op.refreshCount();

    op.setOutage(true);
    t.clock.jump(RENEW_DUE_MS);
    // Due for renewal but still valid: the caller keeps working with the current token.
    expect(await t.token()).toBe(access);
    const status = t.svc.status();
    expect(status.kind).toBe('reconnecting');
    if (status.kind !== 'reconnecting') return;
    expect(status.identity?.tenant).toBe(DEFAULT_CLAIMS.tenant);
    expect(status.retryAt).toBe(t.clock.now() + 2000);
    expect(status.message).toMatch(/^Cannot reach the sign-in server( 127\.0\.0\.1:\d+)?: /);

    // The first retry fails too (still down): the next one waits longer.
    t.clock.advance(2000);
    await vi.waitFor(() => {
      const s = t.svc.status();
      expect(s.kind === 'reconnecting' && s.retryAt).toBe(t.clock.now() + 4000);
    });
    // Past expiry while down: an error for this call, but still not signed out.
    t.clock.jump(600_000);
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    expect(t.svc.status().kind).toBe('reconnecting');
    expect(t.notifier.shown).toHaveLength(0);

    op.setOutage(false);
    t.clock.advance(60_000);
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signed-in'));
    expect(op.refreshCount()).toBe(before + 1);
    expect(await t.token()).not.toBe(access);
  });
});

describe('restart and expiry', () => {
  it('restores silently from the stored refresh token in a new instance', async () => {
    const secrets = createMemorySecretStore();
    const first = setup({ secrets });
    const identity = await first.svc.signIn();
    const stored = await first.storedToken();
    first.svc.dispose();

    const second = setup({ secrets });
    const before = op.refreshCount();
    expect(await second.svc.restore()).toBe(true);
    expect(op.refreshCount()).toBe(before + 1);
    expect(second.opener.opened).toHaveLength(0);
    expect(second.svc.identity()).toEqual(identity);
    expect(second.svc.status()).toEqual({ kind: 'signed-in', identity, storage: 'memory' });
    const rotated = await second.storedToken();
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(stored);
    expect(await second.token()).toBeTruthy();
  });

  it('a restart while the sign-in server is unreachable keeps the sign-in: reconnecting with backoff (no identity yet), then signed in', async () => {
    const secrets = createMemorySecretStore();
    const first = setup({ secrets });
    const identity = await first.svc.signIn();
    const stored = await first.storedToken();
    first.svc.dispose();

    op.setOutage(true);
    const second = setup({ secrets });
    // true: a session exists and is being renewed in the background.
    expect(await second.svc.restore()).toBe(true);
    expect(second.svc.status()).toEqual({
      kind: 'reconnecting',
      identity: null,
      retryAt: second.clock.now() + 2000,
      message: expect.stringMatching(/^Cannot reach the sign-in server( 127\.0\.0\.1:\d+)?: /),
    });
    expect(second.svc.identity()).toBeNull();
    // Never "error" or signed out on the way, no notification, and the stored sign-in is untouched.
    expect(second.statuses.map((s) => s.kind)).toEqual(['reconnecting']);
    expect(second.notifier.shown).toHaveLength(0);
    expect(await second.storedToken()).toBe(stored);

    // Still down at the first retry: the next one waits longer.
    second.clock.advance(2000);
    await vi.waitFor(() => {
      const s = second.svc.status();
      expect(s.kind === 'reconnecting' && s.retryAt).toBe(second.clock.now() + 4000);
    });
    // A caller asking meanwhile gets a network error, not "signed out" (and its attempt reschedules the retry).
    await expect(second.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    const waiting = second.svc.status();
    expect(waiting.kind).toBe('reconnecting');

    op.setOutage(false);
    second.clock.advance((waiting.kind === 'reconnecting' ? waiting.retryAt : 0) - second.clock.now());
    await vi.waitFor(() => expect(second.svc.status()).toEqual({ kind: 'signed-in', identity, storage: 'memory' }));
    expect(second.opener.opened).toHaveLength(0);
    expect(second.statuses.map((s) => s.kind)).not.toContain('error');
    expect(await second.token()).toBeTruthy();
  });

  it("a restart offline in the app (Electron's net.fetch: net::ERR_INTERNET_DISCONNECTED) keeps the sign-in too, and renews once back online", async () => {
    const secrets = createMemorySecretStore();
    const first = setup({ secrets });
    const identity = await first.svc.signIn();
    first.svc.dispose();

    // Stand-in for what cannot run here: Electron's net.fetch rejects without an answer with the request's
    // Error named by Chromium, not undici's TypeError (electron/lib/browser/api/net-fetch.ts). This read
    // as the server refusing the sign-in ('error', no retries) before, on every laptop that woke offline.
    let offline = true;
    const netFetch: FetchLike = (input, init) => (offline ? Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')) : fetch(input, init));
    const second = setup({ secrets, fetch: netFetch });
    expect(await second.svc.restore()).toBe(true);
    expect(second.svc.status()).toEqual({
      kind: 'reconnecting',
      identity: null,
      retryAt: second.clock.now() + 2000,
      message: expect.stringMatching(/^Cannot reach the sign-in server 127\.0\.0\.1:\d+: this computer is offline \(net::ERR_INTERNET_DISCONNECTED\)\.$/),
    });
    offline = false;
    second.clock.advance(2000);
    await vi.waitFor(() => expect(second.svc.status()).toEqual({ kind: 'signed-in', identity, storage: 'memory' }));
    expect(second.statuses.map((s) => s.kind)).not.toContain('error');
    expect(second.notifier.shown).toHaveLength(0);
  });

  it('restore() is false and silent when nothing is stored', async () => {
    const t = setup();
    const before = op.tokenRequests.length;
    expect(await t.svc.restore()).toBe(false);
    expect(op.tokenRequests.length).toBe(before);
    expect(t.svc.status()).toEqual({ kind: 'signed-out' });
  });

  it('a refused (reused) refresh token ends the session once: expired, one notification, no retries', async () => {
    const secrets = createMemorySecretStore();
    const t = setup({ secrets });
    await t.svc.signIn();
    const oldRefresh = (await t.storedToken())!;
    t.svc.invalidateAccessToken();
    await t.token(); // rotates: oldRefresh is now consumed
    t.svc.dispose();

    // A restart that finds the old token (as after a crash before the new one was stored).
    await secrets.set(t.account, oldRefresh);
    const again = setup({ secrets });
    expect(await again.svc.restore()).toBe(false);
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 400, error: 'invalid_grant' });
    expect(again.svc.status()).toEqual({ kind: 'expired', message: 'Your CXone session has expired or was ended elsewhere. Sign in again.' });
    expect(again.notifier.shown).toEqual([{ title: 'Signed out of CXone', body: expect.stringContaining('sign in again') }]);
    await vi.waitFor(async () => expect(await secrets.get(again.account)).toBeNull());

    const before = op.tokenRequests.length;
    await expect(again.svc.getAccessToken()).rejects.toMatchObject({ kind: 'expired' });
    again.clock.advance(3_600_000);
    expect(op.tokenRequests.length).toBe(before);
    expect(again.notifier.shown).toHaveLength(1);
  });
});

describe('the session ends', () => {
  it('a disposed session sends nothing more: its renewal is not left scheduled to spend the stored token', async () => {
    const secrets = createMemorySecretStore();
    const t = setup({ secrets });
    await t.svc.signIn();
    expect(t.clock.pending()).toBe(1);
    t.svc.dispose();
    expect(t.clock.pending()).toBe(0);
    const next = setup({ secrets });
    expect(await next.svc.restore()).toBe(true);
  });

  it('a disposed session neither restores nor signs in: nothing is sent or opened', async () => {
    const secrets = createMemorySecretStore();
    const first = setup({ secrets });
    await first.svc.signIn();
    first.svc.dispose();
    const stored = await first.storedToken();

    const t = setup({ secrets });
    t.svc.dispose();
    const before = op.tokenRequests.length;
    expect(await t.svc.restore()).toBe(false);
    await expect(t.svc.signIn()).rejects.toMatchObject({ kind: 'cancelled', message: 'The app is shutting down.' });
    expect(t.opener.opened).toEqual([]);
    expect(op.tokenRequests.length).toBe(before);
    // The stored token was not spent: the next start restores with it.
    expect(await t.storedToken()).toBe(stored);
    expect(await setup({ secrets }).svc.restore()).toBe(true);
  });

  it('a refused token found again later (its delete failed) does not notify twice', async () => {
    const store = new FlakySecretStore(createMemorySecretStore());
    const t = setup({ secrets: store });
    await t.svc.signIn();
    const spent = (await t.storedToken())!;
    t.svc.invalidateAccessToken();
    await t.token(); // rotates: `spent` is consumed
    t.svc.dispose();

    await store.set(t.account, spent);
    store.failDeletes = 2;
    const again = setup({ secrets: store });
    expect(await again.svc.restore()).toBe(false);
    expect(again.svc.status().kind).toBe('expired');
    // The app switches mode and asks again: the same refused token is still stored.
    expect(await again.svc.restore()).toBe(false);
    expect(op.tokenRequests.slice(-2)).toEqual([
      expect.objectContaining({ grantType: 'refresh_token', error: 'invalid_grant' }),
      expect.objectContaining({ grantType: 'refresh_token', error: 'invalid_grant' }),
    ]);
    expect(again.svc.status().kind).toBe('expired');
    expect(again.notifier.shown).toHaveLength(1);
  });

  it('restore() is false when the sign-in server refuses the client (not a network failure)', async () => {
    const secrets = createMemorySecretStore();
    const first = setup({ secrets });
    await first.svc.signIn();
    first.svc.dispose();
    // Settings now name a client id the provider does not know, under the same keychain entry.
    const stored = await first.storedToken();
    const wrong = setup({ secrets, config: { clientId: 'not-registered' } });
    await secrets.set(wrong.account, stored!);
    expect(await wrong.svc.restore()).toBe(false);
    expect(op.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', error: 'invalid_client' });
    expect(wrong.svc.status()).toMatchObject({ kind: 'error', message: expect.stringContaining('invalid_client') });
  });
});

describe('what the sign-in server says when it is busy', () => {
  /** A fetch port that answers the next refresh with `answer` instead of passing it on. */
  function busyAnswer(answer: () => Response): { fetch: FetchLike; arm: () => void } {
    let armed = false;
    return {
      arm: () => (armed = true),
      fetch: async (input, init) => {
        if (armed && grantOf(init) === 'refresh_token') {
          armed = false;
          return answer();
        }
        return fetch(input, init);
      },
    };
  }

  it.each([
    ['400 temporarily_unavailable', () => Response.json({ error: 'temporarily_unavailable' }, { status: 400 })],
    ['429 with a plain-text page', () => new Response('Too Many Requests', { status: 429, headers: { 'content-type': 'text/plain' } })],
  ])('%s is retried with backoff, keeping the session', async (_what, answer) => {
    const busy = busyAnswer(answer);
    const t = setup({ fetch: busy.fetch });
    await t.svc.signIn();
    busy.arm();
    t.svc.invalidateAccessToken();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'network' });
    const s = t.svc.status();
    expect(s.kind).toBe('reconnecting');
    t.clock.advance(s.kind === 'reconnecting' ? s.retryAt - t.clock.now() : 0);
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signed-in'));
  });
});

describe('the keychain account', () => {
  it('is the same for an issuer written with or without a trailing slash or spaces, and differs per client and tenant', () => {
    const base = refreshTokenAccount({ issuer: 'https://cxone.niceincontact.com', clientId: 'app', tenantIdHint: 't1' });
    expect(refreshTokenAccount({ issuer: ' https://cxone.niceincontact.com/ ', clientId: ' app ', tenantIdHint: ' t1 ' })).toBe(base);
    expect(refreshTokenAccount({ issuer: 'https://cxone.niceincontact.com//', clientId: 'app', tenantIdHint: 't1' })).toBe(base);
    expect(refreshTokenAccount({ issuer: 'https://cxone.niceincontact.com', clientId: 'other', tenantIdHint: 't1' })).not.toBe(base);
    expect(refreshTokenAccount({ issuer: 'https://cxone.niceincontact.com', clientId: 'app', tenantIdHint: 't2' })).not.toBe(base);
    expect(refreshTokenAccount({ issuer: 'https://cxone.niceincontact.com', clientId: 'app' })).not.toBe(base);
  });
});

describe('sign-out', () => {
  it('revokes the refresh token, deletes it from the store and forgets the session', async () => {
    const secrets = createMemorySecretStore();
    const t = setup({ secrets });
    await t.svc.signIn();
    const refresh = (await t.storedToken())!;
    const revocationsBefore = op.revocations.length;

    const openedBefore = t.opener.opened.length;
    await t.svc.signOut();
    expect(t.svc.status()).toEqual({ kind: 'signed-out' });
    expect(t.svc.identity()).toBeNull();
    expect(op.revocations.slice(revocationsBefore)).toEqual(['refresh_token']);
    // The provider's end-session page opens only when asked for (see below), never on a plain sign-out.
    expect(t.opener.opened.length).toBe(openedBefore);
    expect(await secrets.get(t.account)).toBeNull();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'signed-out' });

    // The revoked token is dead at the provider.
    await secrets.set(t.account, refresh);
    const later = setup({ secrets });
    expect(await later.svc.restore()).toBe(false);
    expect(later.svc.status().kind).toBe('expired');
  });

  it('cancels a sign-in in progress and closes its listener', async () => {
    const t = setup({ browse: async () => {} });
    const signIn = t.svc.signIn().catch((e: unknown) => e);
    await vi.waitFor(() => expect(t.svc.status().kind).toBe('signing-in'));
    const redirectUri = new URL(t.opener.opened[0]!).searchParams.get('redirect_uri')!;
    await t.svc.signOut();
    await expect(fetch(redirectUri)).rejects.toThrow();
    expect(await signIn).toMatchObject({ kind: 'cancelled' });
    expect(t.svc.status()).toEqual({ kind: 'signed-out' });
  });

  it('revokes the refresh token of a renewal held back from the keychain: the only one the provider still honours', async () => {
    const store = new FlakySecretStore(createMemorySecretStore());
    let heldBack: string | null = null;
    const t = setup({
      secrets: store,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (grantOf(init) === 'refresh_token' && res.ok) heldBack = ((await res.clone().json()) as { refresh_token?: string }).refresh_token ?? null;
        return res;
      },
    });
    await t.svc.signIn();
    const spent = await t.storedToken();
    store.failSets = 1;
    t.svc.invalidateAccessToken();
    await expect(t.svc.getAccessToken()).rejects.toMatchObject({ kind: 'storage' });
    expect(heldBack).toBeTruthy();
    expect(heldBack).not.toBe(spent);
    seenSecrets.add(heldBack!);
    const before = op.revokedTokens.length;
    await t.svc.signOut();
    expect(op.revokedTokens.slice(before)).toEqual([heldBack]);
  });

  it('opens the end-session page when asked', async () => {
    const t = setup();
    await t.svc.signIn();
    await t.svc.signOut({ endSessionInBrowser: true });
    const endUrl = new URL(t.opener.opened.at(-1)!);
    expect(endUrl.origin + endUrl.pathname).toBe(`${op.issuer}/session/end`);
    expect(endUrl.searchParams.get('client_id')).toBe(op.clientId);
  });
});

describe('logging', () => {
  it('wrote no token of any of these sessions to the log file', () => {
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('auth: signed in');
    expect(seenSecrets.size).toBeGreaterThan(5);
    for (const secret of seenSecrets) expect(log).not.toContain(secret);
  });
});
