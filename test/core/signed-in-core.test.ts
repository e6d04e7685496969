// The core signed in to a CXone tenant — oidc-provider as the sign-in server, a demo tenant as the
// CXone API through the API endpoint override, both on 127.0.0.1 — for what the windows read of the
// session: the tenant's label, and Settings → Diagnostics run with the session's token, identity and
// tenant settings (main/core/diagnostics-runner.ts, main/core/ui-state.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/types';
import { startDemoTenant, type DemoTenant } from '../../main/demo/demo-tenant';
import type { DoctorReport } from '../../main/diagnostics/finding';
import { corePerTest } from '../harness/core-per-test';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';

const NAMELESS = 'user:nameless-tenant';
const NO_TENANT_ID = 'user:no-tenant-id';

let op: TestProvider;
let api: DemoTenant;
let agentId: number;
beforeAll(async () => {
  api = await startDemoTenant({ agents: 20, seed: 8 });
  agentId = api.simulator.agents[3]!.agentId;
  // Every sign-in is an agent of the demo tenant; one account's token names no tenant, only its id.
  op = await startTestProvider({ claims: { icAgentId: String(agentId) }, accounts: { [NAMELESS]: { tenant: '' }, [NO_TENANT_ID]: { tenantId: '' } } });
});
afterAll(async () => {
  await op?.stop();
  await api?.stop();
});

const makeCore = corePerTest();
afterEach(() => {
  api.server.settings.acceptToken = (t) => t.length > 0;
});

async function signedIn(tenant: Record<string, unknown> = {}, login?: string): Promise<Core> {
  const visits: string[] = [];
  const { core } = makeCore({
    settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url, ...tenant } },
    opener: { openExternal: async (u) => void visits.push(u) },
  });
  await core.start();
  const signing = core.handlers.signIn(undefined);
  await headlessLogin(await until('the authorization URL', () => visits[0]), login);
  expect(await signing).toEqual({ ok: true });
  await until('live', () => core.appState().monitor.kind === 'live');
  return core;
}

const codes = (r: DoctorReport) => r.findings.map((f) => f.code);

describe('the core signed in', () => {
  it("labels the tenant by its id when the token carries no tenant name", async () => {
    const c = await signedIn({}, NAMELESS);
    const session = c.appState().session;
    expect(session.kind === 'signed-in' && session.identity).toMatchObject({ tenant: null, tenantId: '11ea5f3c-0000-4000-8000-00000000a001' });
    expect(c.appState().tenantLabel).toBe('11ea5f3c-0000-4000-8000-00000000a001');
  });

  it("diagnoses the signed-in agent (from the token's icAgentId) on the API host and version the settings name", async () => {
    const c = await signedIn({ apiVersion: 'v33.0' });
    const before = api.server.requests.length;
    const report = await c.handlers.runDiagnostics({});
    const paths = api.server.requests.slice(before).map((r) => r.path);
    // The override host was asked (no discovery), on the version from the settings.
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith('/inContactAPI/services/v33.0/'))).toBe(true);
    expect(paths).toContain(`/inContactAPI/services/v33.0/agents/${agentId}`);
    expect(codes(report)).toContain('AGENT_VISIBLE');
    expect(codes(report)).not.toContain('NO_AGENT_ID');
  });

  it("renews a token CXone refuses once, through the session, instead of reporting it refused", async () => {
    const c = await signedIn();
    const refreshesBefore = op.tokenRequests.filter((t) => t.grantType === 'refresh_token').length;
    let refused = false;
    api.server.settings.acceptToken = () => refused || !(refused = true);
    const report = await c.handlers.runDiagnostics({ agentId: String(agentId) });
    expect(refused).toBe(true);
    expect(codes(report)).not.toContain('UNAUTHORIZED');
    expect(op.tokenRequests.filter((t) => t.grantType === 'refresh_token').length).toBeGreaterThan(refreshesBefore);
  });
});

describe('the tray when the feed cannot start', () => {
  it('shows an error and the banner\'s reason, not "live, waiting for the first update"', async () => {
    // No tenantId in the sign-in and no API override: the API host cannot be found, so no feed runs.
    const visits: string[] = [];
    const { core } = makeCore({
      settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: '' } },
      opener: { openExternal: async (u) => void visits.push(u) },
    });
    await core.start();
    const signing = core.handlers.signIn(undefined);
    await headlessLogin(await until('the authorization URL', () => visits[0]), NO_TENANT_ID);
    // The sign-in worked; what follows it did not, and the Sign in button's answer says so.
    expect(await signing).toEqual({ ok: false, message: expect.stringMatching(/no tenantId/) });
    const banner = await until('the feed-start banner', () => core.appState().notices.find((n) => n.id === 'feed-start'));
    expect(banner.message).toMatch(/no tenantId/);
    expect(core.appState().session.kind).toBe('signed-in');
    expect(core.trayModel()).toMatchObject({ icon: 'error', signedIn: true, tooltip: `CXone Agent Tray — could not start — ${banner.message}` });
  });
});

describe('Test connection, signed in', () => {
  it('names the overriding API host, and stops at the first step that fails', async () => {
    const c = await signedIn();
    const tenant = c.appState().settings.tenant;
    const steps = async (t: typeof tenant) => {
      const r = await c.handlers.testConnection(t);
      return { ok: r.ok, steps: r.steps.map((s) => [s.name, s.ok]), messages: r.steps.map((s) => s.message) };
    };

    const passed = await steps(tenant);
    expect(passed.ok).toBe(true);
    expect(passed.messages[1]).toBe(`Using the override ${api.url.replace(/\/+$/, '')}.`);

    // No client id: the API steps are not tried.
    expect(await steps({ ...tenant, clientId: '' })).toMatchObject({
      ok: false,
      steps: [['Sign-in server', true], ['Client id', false]],
      messages: [expect.any(String), 'Enter the client id of your CXone app registration.'],
    });
    // No override: discovery at a sign-in server that has no CXone configuration fails, so no states call.
    expect(await steps({ ...tenant, apiEndpointOverride: '' })).toMatchObject({ ok: false, steps: [['Sign-in server', true], ['API host', false]] });

    // A tenant with no agent to list (204): the step passes and points to Diagnostics.
    api.server.faults.add({ kind: 'status', status: 204, path: '/agents/states', count: 1 });
    const empty = await steps(tenant);
    expect(empty.ok).toBe(true);
    expect(empty.messages[2]).toBe('agents/states answered 204 with no agents. Open Diagnostics to find out why.');

    // A refused states call fails only the last step.
    api.server.settings.acceptToken = () => false;
    expect(await steps(tenant)).toMatchObject({ ok: false, steps: [['Sign-in server', true], ['API host', true], ['Agent states', false]] });
  });
});

describe('diagnostics in demo mode', () => {
  it('says the demo tenant is not running when it is not, instead of failing on a missing value', async () => {
    const { core } = makeCore({ settings: { mode: 'demo' } });
    // Not started: no demo tenant runs yet.
    await expect(core.handlers.runDiagnostics({})).rejects.toThrow('The demo tenant is not running.');
  });
});

describe('Test connection, in its own words', () => {
  let discovering: TestProvider;
  beforeAll(async () => {
    // A sign-in server that, like CXone's, also answers the API host discovery, and lists no PKCE S256.
    discovering = await startTestProvider({ claims: { icAgentId: String(agentId) }, cxoneConfiguration: { api_endpoint: api.url, area: 'na1' }, advertisedPkceMethods: ['plain'] });
  });
  afterAll(() => discovering?.stop());

  it('says the sign-in server answered, and warns when its discovery does not list PKCE S256', async () => {
    const { core } = makeCore({ settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId } } });
    await core.start();
    const tenant = core.appState().settings.tenant;
    expect((await core.handlers.testConnection(tenant)).steps[0]).toEqual({ name: 'Sign-in server', ok: true, message: `127.0.0.1:${op.port} answered discovery.` });
    const warned = await core.handlers.testConnection({ ...tenant, issuer: discovering.issuer, clientId: discovering.clientId });
    expect(warned.steps[0]).toEqual({ name: 'Sign-in server', ok: true, message: `127.0.0.1:${discovering.port} answered discovery, but it does not list PKCE S256.` });
  });

  it("names the API host discovery found for the signed-in tenant, and the states call on it", async () => {
    const visits: string[] = [];
    const { core } = makeCore({
      settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: discovering.issuer, clientId: discovering.clientId } },
      opener: { openExternal: async (u) => void visits.push(u) },
    });
    await core.start();
    const signing = core.handlers.signIn(undefined);
    await headlessLogin(await until('the authorization URL', () => visits[0]));
    expect(await signing).toEqual({ ok: true });
    const r = await core.handlers.testConnection(core.appState().settings.tenant);
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => s.message)).toEqual([
      `127.0.0.1:${discovering.port} answered discovery, but it does not list PKCE S256.`,
      `Discovered ${api.url.replace(/\/+$/, '')} for tenant DemoTenant.`,
      'agents/states answered with 20 agents.',
    ]);
  });
});
