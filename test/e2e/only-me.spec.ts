// Watching "Only me" on a CXone tenant, end to end: a real sign-in (oidc-provider on 127.0.0.1, the
// id_token's icAgentId naming one agent of a CXone-compatible simulator), the feed reading only
// GET /agents/{id}/states, and Settings' agent picker still offering the whole tenant from the
// directory (GET /agents) — before, it offered only the one agent the roster held.
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { expect, test } from './harness/fixtures';

const AGENTS = 40;
let op: TestProvider;
let api: SimulatorServer;
let sim: ContactCenterSimulator;
let me: number;

test.beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: AGENTS, seed: 17 });
  me = sim.agents[11]!.agentId;
  sim.forceState(me, { state: 'Available' });
  op = await startTestProvider({ claims: { icAgentId: String(me) } });
  api = await startSimulatorServer({ simulator: sim, agentIdForToken: () => me });
});
test.afterAll(async () => {
  await api?.stop();
  await op?.stop();
});

test('"Only me" on a CXone tenant: the tray lists me alone, and Settings still offers every agent of the tenant to choose', async ({ page, startApp }) => {
  const app = await startApp({
    settings: {
      mode: 'cxone',
      tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url },
      pollIntervalSeconds: 5,
      watch: { scope: 'me', teamIds: [], agentIds: [], skillScope: 'all', skillIds: [] },
    },
  });
  const signedIn = app.core.handlers.signIn(undefined);
  await expect.poll(() => app.ports.opened.length).toBe(1);
  expect((await headlessLogin(app.ports.opened[0]!)).status).toBe(200);
  expect(await signedIn).toEqual({ ok: true });

  await app.open(page, 'tray');
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 1 shown', { timeout: 15_000 });
  expect(api.requests.some((r) => r.path.endsWith('/agents/states'))).toBe(false);

  const settings = await page.context().newPage();
  await app.open(settings, 'settings', 'watch');
  await settings.getByRole('radio', { name: /Some agents/ }).check();
  const picker = settings.getByRole('group', { name: /Agents to watch/ });
  await expect(picker.getByRole('checkbox')).toHaveCount(AGENTS);
  const other = sim.agents[30]!;
  await picker.getByRole('searchbox', { name: /Filter agents/ }).fill(other.lastName);
  await picker.getByRole('checkbox', { name: new RegExp(`^${other.firstName} ${other.lastName}`) }).check();
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().watch.agentIds).toEqual([other.agentId]);
  // The feed moves to the tenant's list, narrowed to the agent chosen.
  await expect(page.getByRole('listbox').getByRole('option')).toContainText(`${other.firstName} ${other.lastName}`, { timeout: 15_000 });
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 1 shown');
});
