// The core in CXone mode against real parts on 127.0.0.1: oidc-provider as the CXone sign-in server,
// the simulator as the CXone API (through the API endpoint override), a headless login playing the
// browser. Sign-in → live feed → restart restores silently from the secret store → sign-out clears.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import { startDemoTenant, type DemoTenant } from '../../main/demo/demo-tenant';
import { refreshTokenAccount } from '../../main/auth/auth-service';
import { createMemorySecretStore } from '../../main/secrets';
import { RESET_BASE, type RosterDelta } from '../../main/monitor/status';
import { until } from '../harness/until';
import { createTestPorts } from '../harness/core-ports';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';

let op: TestProvider;
let api: DemoTenant;
beforeAll(async () => {
  op = await startTestProvider();
  api = await startDemoTenant({ agents: 25, seed: 11 });
});
afterAll(async () => {
  await op?.stop();
  await api?.stop();
});

describe('core in CXone mode', () => {
  it('signs in through the browser port, goes live, restores after restart and signs out', async () => {
    const secrets = createMemorySecretStore();
    const browserVisits: string[] = [];
    const settings = {
      mode: 'cxone',
      tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url },
    };
    const ports = createTestPorts({
      secrets,
      settings,
      // The "system browser": logs in on the provider's pages and follows the redirect to the app.
      opener: { openExternal: async (url) => void browserVisits.push(url) },
    });
    const core = createCore(ports);
    await core.start();
    expect(core.appState().session.kind).toBe('signed-out');
    expect(core.trayModel().icon).toBe('signed-out');

    // Test connection before sign-in: the sign-in server answers; the API needs a session.
    const tenant = core.appState().settings.tenant;
    const before = await core.handlers.testConnection(tenant);
    expect(before.steps.map((x) => [x.name, x.ok])).toEqual([
      ['Sign-in server', true],
      ['API', true],
    ]);
    expect(before.steps[1]!.message).toMatch(/Sign in to test/);
    expect(before.steps[1]!.skipped).toBe(true);
    const unreachable = await core.handlers.testConnection({ ...tenant, issuer: 'http://127.0.0.1:9/' });
    expect(unreachable.ok).toBe(false);
    expect(unreachable.steps).toHaveLength(1);

    const signingIn = core.handlers.signIn(undefined);
    const url = await until('the authorization URL', () => browserVisits[0]);
    const s = core.appState().session;
    expect(s.kind).toBe('signing-in');
    if (s.kind === 'signing-in') expect(s.url).toBe(url);
    await headlessLogin(url);
    expect(await signingIn).toEqual({ ok: true });

    const state = core.appState();
    expect(state.session.kind).toBe('signed-in');
    expect(state.tenantLabel).toBe('DemoTenant');
    await until('live agent states', () => core.appState().monitor.kind === 'live');
    expect((await core.rosterSnapshot()).agents).toHaveLength(25);
    expect(core.trayModel().icon).toBe('live');
    const after = await core.handlers.testConnection(tenant);
    expect(after.ok).toBe(true);
    expect(after.steps.map((x) => x.name)).toEqual(['Sign-in server', 'API host', 'Agent states']);
    expect(after.steps[2]!.message).toBe('agents/states answered with 25 agents.');
    expect(await secrets.get(refreshTokenAccount({ issuer: op.issuer, clientId: op.clientId, tenantIdHint: undefined }))).toBeTruthy();
    await core.stop();

    // Restart: a new core with the same secret store signs in silently, without a browser.
    const ports2 = createTestPorts({ secrets, settings, opener: { openExternal: async (u) => void browserVisits.push(u) } });
    const core2 = createCore(ports2);
    await core2.start();
    const restored = core2.appState().session;
    expect(restored.kind).toBe('signed-in');
    if (restored.kind === 'signed-in') expect(restored.identity.name).toBe('Ana Example');
    expect(browserVisits).toHaveLength(1);
    await until('live after restart', () => core2.appState().monitor.kind === 'live');

    const deltas: RosterDelta[] = [];
    core2.onEvent('rosterDelta', (d) => void deltas.push(d));
    await core2.handlers.signOut(undefined);
    expect(core2.appState().session.kind).toBe('signed-out');
    expect(core2.appState().monitor.kind).toBe('signed-out');
    // The agents go with the feed: the tray counts nobody, and an open window is told to fetch the
    // snapshot again (a reset), which is empty now, instead of listing agents nobody updates.
    expect(core2.trayModel()).toMatchObject({ icon: 'signed-out', availableCount: null, tooltip: 'CXone Agent Tray — signed out' });
    expect(deltas.at(-1)).toMatchObject({ base: RESET_BASE });
    expect((await core2.rosterSnapshot()).agents).toEqual([]);
    expect(await secrets.get(refreshTokenAccount({ issuer: op.issuer, clientId: op.clientId, tenantIdHint: undefined }))).toBeNull();
    await core2.stop();

    // Nothing secret reached the log or the settings file.
    for (const file of [ports.logFile, ports2.logFile, ports.paths.settings]) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
      expect(text).not.toMatch(/refresh_token=|"refresh_token"\s*:\s*"[^[]/);
    }
    ports.cleanup();
    ports2.cleanup();
  });
});

describe('core in CXone mode, when things go wrong', () => {
  const settingsFor = () => ({
    mode: 'cxone',
    tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url },
  });

  it('a restart while the sign-in server is down connects the feed once it is back', async () => {
    const secrets = createMemorySecretStore();
    const visits: string[] = [];
    const first = createTestPorts({ secrets, settings: settingsFor(), opener: { openExternal: async (u) => void visits.push(u) } });
    const core = createCore(first);
    await core.start();
    const signingIn = core.handlers.signIn(undefined);
    await headlessLogin(await until('the authorization URL', () => visits[0]));
    expect(await signingIn).toEqual({ ok: true });
    await core.stop();

    op.setOutage(true);
    const ports = createTestPorts({ secrets, settings: settingsFor() });
    const restarted = createCore(ports);
    try {
      await restarted.start();
      expect(restarted.appState().session.kind).not.toBe('signed-in');
      expect(restarted.appState().monitor.kind).toBe('signed-out');
      expect(restarted.appState().notices.some((n) => n.id === 'feed-start')).toBe(false);
      // The sign-in is kept while the server is away; the tray says so instead of looking live.
      expect(restarted.appState().session.kind).toBe('reconnecting');
      expect(restarted.trayModel()).toMatchObject({ icon: 'error', signedIn: true, tooltip: expect.stringMatching(/^CXone Agent Tray — reconnecting to the sign-in server — /) });
      op.setOutage(false);
      // The session retries on its own (2 s, then 4 s); the feed follows it without a user action.
      await until('signed in again', () => restarted.appState().session.kind === 'signed-in', 30_000);
      await until('live again', () => restarted.appState().monitor.kind === 'live', 30_000);
      expect(visits).toHaveLength(1);
    } finally {
      op.setOutage(false);
      await restarted.stop();
      first.cleanup();
      ports.cleanup();
    }
  }, 60_000);

  it('tells the user once, and only once, that the keychain is missing', async () => {
    const ports = createTestPorts({ settings: settingsFor() });
    const warning = 'The system keychain is not available, so your sign-in is kept in memory only.';
    let opened = 0;
    const core = createCore({
      ...ports,
      openSecretStore: async () => {
        opened++;
        return { store: createMemorySecretStore(), warning };
      },
    });
    try {
      await core.start();
      // A tenant change rebuilds the session; the keychain is not asked again and nothing repeats.
      await core.handlers.saveSettings({ ...core.appState().settings, tenant: { ...core.appState().settings.tenant, tenantIdHint: 'abc' } });
      const signingIn = core.handlers.signIn(undefined);
      await until('signing in', () => core.appState().session.kind === 'signing-in');
      await core.handlers.cancelSignIn(undefined);
      const cancelled = await signingIn;
      expect(cancelled.ok).toBe(false);
      if (!cancelled.ok) expect(cancelled.message).toMatch(/cancel/i);
      expect(opened).toBe(1);
      expect(core.appState().notices.filter((n) => n.message === warning)).toHaveLength(1);
    } finally {
      await core.stop();
      ports.cleanup();
    }
  });
});
