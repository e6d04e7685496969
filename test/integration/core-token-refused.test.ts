// A 401 that survives the token refresh, through the real core: oidc-provider as the sign-in server
// (it renews tokens for real), the simulator as the CXone API, refusing every token on command.
// It used to stop polling silently ("Signed out", tray still "live") and start the roster over later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenAccount } from '../../main/auth/auth-service';
import { createCore, TOKEN_REFUSED_NOTICE } from '../../main/core/app';
import { startDemoTenant, type DemoTenant } from '../../main/demo/demo-tenant';
import { RESET_BASE, type RosterDelta } from '../../main/monitor/status';
import { createMemorySecretStore } from '../../main/secrets';
import type { AppState } from '../../preload/contract';
import { createTestPorts } from '../harness/core-ports';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';

let op: TestProvider;
let api: DemoTenant;
beforeAll(async () => {
  // Access tokens of 6 s: the session renews every 3 s on its own, as a real one does every 50 min.
  op = await startTestProvider({ accessTokenTtlSeconds: 6 });
  api = await startDemoTenant({ agents: 25, seed: 12 });
});
afterAll(async () => {
  await op?.stop();
  await api?.stop();
});

async function signedInCore() {
  const visits: string[] = [];
  const secrets = createMemorySecretStore();
  const ports = createTestPorts({
    secrets,
    settings: { mode: 'cxone', pollIntervalSeconds: 5, tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url } },
    opener: { openExternal: async (u) => void visits.push(u) },
  });
  const core = createCore(ports);
  await core.start();
  const signingIn = core.handlers.signIn(undefined);
  await headlessLogin(await until('the authorization URL', () => visits[0]));
  expect(await signingIn).toEqual({ ok: true });
  await until('live', () => core.appState().monitor.kind === 'live');
  return { core, ports, visits, secrets };
}

describe('a token CXone refuses even after a refresh', () => {
  it('is shown at once (tray, banner with Sign in, one notification), keeps the roster, and polling resumes on the next renewal', async () => {
    const { core, ports } = await signedInCore();
    const states: AppState[] = [];
    const off = core.onEvent('appState', (s) => states.push(s));
    try {
      expect((await core.rosterSnapshot()).agents).toHaveLength(25);
      api.server.settings.acceptToken = () => false;
      core.handlers.refreshNow(undefined);
      await until('the refusal shown', () => core.appState().monitor.kind === 'error');
      const refused = core.appState();
      expect(refused.monitor).toMatchObject({ kind: 'error', error: { kind: 'unauthorized', message: expect.stringMatching(/refused the sign-in token even after renewing it/) } });
      expect(core.trayModel()).toMatchObject({ icon: 'error', signedIn: true, signInNeeded: true });
      expect(refused.notices.find((n) => n.id === TOKEN_REFUSED_NOTICE)).toMatchObject({ level: 'error', action: 'sign-in' });
      // The roster is kept, shown as of the last success (stale), not emptied.
      expect((await core.rosterSnapshot()).agents).toHaveLength(25);
      expect(refused.monitor.kind === 'error' && refused.monitor.lastSuccessAt).toBeTruthy();

      // Renewals keep coming (every 3 s) and each buys one try: still refused, still ONE notification.
      const before = api.server.requests.length;
      await until('two more tries on renewals', () => api.server.requests.length >= before + 4, 15_000);
      expect(core.appState().monitor.kind).toBe('error');
      expect(ports.notifications.filter((n) => /refused/.test(n.title))).toHaveLength(1);

      // CXone accepts tokens again: the next renewal resumes polling by itself, on the same roster.
      api.server.settings.acceptToken = () => true;
      await until('live again without a user action', () => core.appState().monitor.kind === 'live', 15_000);
      expect(core.appState().notices.some((n) => n.id === TOKEN_REFUSED_NOTICE)).toBe(false);
      expect(core.trayModel().signInNeeded).toBe(false);
      expect((await core.rosterSnapshot()).agents).toHaveLength(25);
      // Never "signed out", never started over (a new feed begins with 'starting').
      const afterRefusal = states.slice(states.findIndex((s) => s.monitor.kind === 'error'));
      expect(afterRefusal.map((s) => s.monitor.kind)).not.toContain('signed-out');
      expect(afterRefusal.map((s) => s.monitor.kind)).not.toContain('starting');
      expect(ports.notifications.filter((n) => /refused/.test(n.title))).toHaveLength(1);
    } finally {
      api.server.settings.acceptToken = () => true;
      off();
      await core.stop();
      ports.cleanup();
    }
  }, 60_000);

  it('the banner\'s Sign in resumes polling at once', async () => {
    const { core, ports, visits } = await signedInCore();
    try {
      api.server.settings.acceptToken = () => false;
      core.handlers.refreshNow(undefined);
      await until('the refusal shown', () => core.appState().monitor.kind === 'error');
      api.server.settings.acceptToken = () => true;
      const signingIn = core.handlers.signIn(undefined);
      await headlessLogin(await until('a second authorization URL', () => visits[1]));
      expect(await signingIn).toEqual({ ok: true });
      await until('live after signing in again', () => core.appState().monitor.kind === 'live', 10_000);
      expect((await core.rosterSnapshot()).agents).toHaveLength(25);
    } finally {
      api.server.settings.acceptToken = () => true;
      await core.stop();
      ports.cleanup();
    }
  }, 60_000);

  it('a refresh token the sign-in server no longer honours ends the session: signed out in the tray and the window, and the agents go with the feed', async () => {
    const { core, ports, secrets } = await signedInCore();
    const deltas: RosterDelta[] = [];
    const off = core.onEvent('rosterDelta', (d) => void deltas.push(d));
    try {
      expect((await core.rosterSnapshot()).agents).toHaveLength(25);
      // Revoked elsewhere (an admin, a sign-out on another machine): the next renewal gets invalid_grant.
      const refreshToken = await secrets.get(refreshTokenAccount({ issuer: op.issuer, clientId: op.clientId, tenantIdHint: undefined }));
      expect(refreshToken).toBeTruthy();
      const discovery = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as { revocation_endpoint: string };
      const revoked = await fetch(discovery.revocation_endpoint, { method: 'POST', body: new URLSearchParams({ token: refreshToken!, token_type_hint: 'refresh_token', client_id: op.clientId }) });
      expect(revoked.ok).toBe(true);
      const before = deltas.length;

      // Renewals come every 3 s: the next one ends the session.
      await until('the session expired', () => core.appState().session.kind === 'expired', 15_000);
      expect(core.appState().monitor.kind).toBe('signed-out');
      expect(core.trayModel()).toMatchObject({ icon: 'signed-out', signedIn: false, availableCount: null, tooltip: 'CXone Agent Tray — signed out' });
      // An open window holds the agents the deltas brought: it is told to fetch the snapshot again,
      // which is empty now, rather than go on listing agents nobody updates.
      expect(deltas.slice(before)).toContainEqual(expect.objectContaining({ base: RESET_BASE }));
      expect((await core.rosterSnapshot()).agents).toEqual([]);
      expect(ports.notifications.filter((n) => n.title === 'Signed out of CXone')).toHaveLength(1);
    } finally {
      off();
      await core.stop();
      ports.cleanup();
    }
  }, 60_000);
});
