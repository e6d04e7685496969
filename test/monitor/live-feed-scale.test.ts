// The live feed reads the whole business unit the way issue 15 asks (real feed and simulator server on
// 127.0.0.1): the fields projection on v34 and bounded pages; everything on an older API version; a
// list bigger than one merge slice ends up whole in the roster. And LiveFeed.watchedAgentIds: the agents
// in the watch scope, built once and then kept by the roster's deltas instead of a snapshot and a new
// Set at every queue publish; it must always equal the ids of the scope-narrowed snapshot — after the
// first list, across delta polls, after a scope change, and with a scope nobody is in. And an answer
// bigger than a slice merged in slices keeps what it is: a delta retires nobody, nor does a partial list.
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_STATE_FIELDS } from '../../main/cxone/agent-states';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createLiveFeed, type LiveFeed } from '../../main/monitor/live-feed';
import { DEFAULT_PAGE_SIZE } from '../../main/monitor/poller';
import { SNAPSHOT_SLICE } from '../../main/monitor/roster';
import { silentLogger, systemClock } from '../../main/ports';
import { defaultSettings, type Settings } from '../../main/settings/schema';
import { until } from '../harness/until';

let server: SimulatorServer | null = null;
let feed: LiveFeed | null = null;
afterEach(async () => {
  feed?.stop();
  feed = null;
  await server?.stop();
  server = null;
});

async function feedFor(agents: number, settings: Settings) {
  const sim = new ContactCenterSimulator({ agents, seed: 21 });
  server = await startSimulatorServer({ simulator: sim });
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'token', onUnauthorized: () => {}, timeoutMs: 60_000 });
  feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings, meAgentId: null });
  feed.start();
  return server;
}
const statesQueries = (s: SimulatorServer) => s.requests.filter((r) => r.path.endsWith('/agents/states')).map((r) => new URLSearchParams(r.query));

describe('live feed at scale', () => {
  it('asks v34 for the fields the app reads, in pages, and gets a list bigger than a merge slice whole', { timeout: 120_000 }, async () => {
    const n = SNAPSHOT_SLICE * 2 + 123;
    const s = await feedFor(n, defaultSettings());
    await until('the whole list in the roster', () => feed!.snapshot().agents.length === n, 100_000);
    const q = statesQueries(s);
    // The full read came in pages (a delta poll may have followed it on a slow machine).
    expect(q.filter((p) => p.get('updatedSince') === null).length).toBeGreaterThanOrEqual(Math.ceil(n / DEFAULT_PAGE_SIZE));
    for (const p of q) {
      expect(p.get('fields')).toBe(AGENT_STATE_FIELDS.join(','));
      expect(p.get('top')).toBe(String(DEFAULT_PAGE_SIZE));
    }
  });

  it('asks an older API version for everything (its items spell some fields otherwise)', { timeout: 60_000 }, async () => {
    const settings = defaultSettings();
    const s = await feedFor(30, { ...settings, tenant: { ...settings.tenant, apiVersion: 'v26.0' } });
    await until('the list in the roster', () => feed!.snapshot().agents.length === 30);
    expect(statesQueries(s).every((p) => p.get('fields') === null)).toBe(true);
  });
});

const idsOfSnapshot = (f: LiveFeed) => [...f.snapshot().agents.map((a) => a.agentId)].sort((a, b) => a - b);
const idsKept = (f: LiveFeed) => [...(f.watchedAgentIds() ?? [])].sort((a, b) => a - b);
const withWatch = (s: Settings, watch: Partial<Settings['watch']>): Settings => ({ ...s, watch: { ...s.watch, ...watch } });

describe('LiveFeed.watchedAgentIds', () => {
  it('equals the watch scope of the snapshot through delta polls and scope changes', { timeout: 60_000 }, async () => {
    const sim = new ContactCenterSimulator({ agents: 150, seed: 33 });
    server = await startSimulatorServer({ simulator: sim });
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'token', onUnauthorized: () => {} });
    const base = { ...defaultSettings(), pollIntervalSeconds: 2 };
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: base, meAgentId: null });
    expect(feed.watchedAgentIds()).toBeNull();
    feed.start();
    await until('the whole list', () => feed!.snapshot().agents.length === 150);
    expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));

    // One team: the kept set is rebuilt for the new scope and then follows the polls.
    const team = sim.agents[0]!.teamId;
    feed.applySettings(withWatch(base, { scope: 'teams', teamIds: [team] }));
    const inTeam = idsOfSnapshot(feed);
    expect(inTeam.length).toBeGreaterThan(0);
    expect(inTeam.length).toBeLessThan(150);
    expect(idsKept(feed)).toEqual(inTeam);
    const polls = () => server!.requests.filter((r) => r.path.endsWith('/agents/states')).length;
    for (let k = 0; k < 3; k++) {
      sim.advance(60_000);
      const before = polls();
      feed.refreshNow();
      await until('a delta poll', () => polls() > before);
      await until('its answer merged', () => server!.stats.inFlight === 0);
      expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));
    }

    // An agent of the team moves to another one (the simulator's agent edited, as an admin would in
    // CXone) and changes state, so the next delta carries it: it leaves the kept set.
    const mover = sim.agents.find((a) => a.teamId === team)!;
    const other = sim.agents.find((a) => a.teamId !== team)!;
    Object.assign(mover, { teamId: other.teamId, teamName: other.teamName });
    sim.forceState(mover.agentId, { state: sim.agentState(mover.agentId)!.stateId === 1 ? 'LoggedOut' : 'Available' });
    const beforeMove = polls();
    feed.refreshNow();
    await until('the delta with the move', () => polls() > beforeMove && server!.stats.inFlight === 0 && !idsOfSnapshot(feed!).includes(mover.agentId));
    expect(idsKept(feed)).not.toContain(mover.agentId);
    expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));

    // A scope nobody is in: null, as before the first list.
    feed.applySettings(withWatch(base, { scope: 'teams', teamIds: [-1] }));
    expect(feed.snapshot().agents).toHaveLength(0);
    expect(feed.watchedAgentIds()).toBeNull();

    // Back to everyone.
    feed.applySettings(base);
    expect(idsKept(feed)).toEqual(idsOfSnapshot(feed));
  });
});

describe('live feed: answers bigger than a merge slice', () => {
  const N = SNAPSHOT_SLICE + 500;
  let sim: ContactCenterSimulator;
  /** Agents whose state in the roster is not the simulator's (the simulator only moves when told). */
  const differing = (f: LiveFeed) => f.snapshot().agents.filter((a) => JSON.stringify(a) !== JSON.stringify(sim.agentState(a.agentId)));
  const statesRequests = () => server!.requests.filter((r) => r.path.endsWith('/agents/states')).length;

  async function start(): Promise<LiveFeed> {
    sim = new ContactCenterSimulator({ agents: N, seed: 41 });
    server = await startSimulatorServer({ simulator: sim });
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'token', onUnauthorized: () => {}, timeoutMs: 60_000 });
    const f = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: defaultSettings(), meAgentId: null });
    f.start();
    await until('the whole list', () => f.snapshot().agents.length === N && f.status().kind === 'live', 60_000);
    expect(differing(f)).toEqual([]);
    return f;
  }

  it('merges a delta naming more agents than a slice as a delta: those it does not name keep their state', { timeout: 120_000 }, async () => {
    feed = await start();
    const moved = sim.agents.slice(0, SNAPSHOT_SLICE + 100).map((a) => a.agentId);
    for (const id of moved) sim.forceState(id, { state: sim.agentState(id)!.category === 'logged-out' ? 'Available' : 'LoggedOut' });
    const before = statesRequests();
    feed.refreshNow();
    await until('the delta merged', () => statesRequests() > before && server!.stats.inFlight === 0 && moved.every((id) => feed!.snapshot().agents.find((a) => a.agentId === id)?.stateId === sim.agentState(id)!.stateId), 60_000);
    expect(differing(feed)).toEqual([]);
  });

  it('retires nobody on a full list that did not arrive whole, however big', { timeout: 120_000 }, async () => {
    feed = await start();
    // A delta fails; the catch-up full list comes with fewer agents than its totalRecords says.
    server!.faults.add({ kind: 'status', status: 503, path: '/agents/states', count: 1 });
    let failed = false;
    const off = feed.onStatus((s) => void (failed ||= s.kind === 'backing-off'));
    feed.refreshNow();
    await until('the delta to fail', () => failed, 30_000);
    off();
    // Each page leaves out its last 50 agents (the simulator's order). The last one listed changes, so
    // the list's last slice — where whom it left out would be retired — is seen merged.
    server!.faults.add({ kind: 'short-list', missing: 50, path: '/agents/states' });
    const last = sim.agents[N - 51]!.agentId;
    sim.forceState(last, { state: sim.agentState(last)!.category === 'logged-out' ? 'Available' : 'LoggedOut' });
    let merged = false;
    feed.onChanges((cs) => void (merged ||= cs.some((c) => c.agentId === last)));
    feed.wake();
    await until('the short list merged', () => merged, 60_000);
    expect(feed.status().kind).toBe('stale');
    expect(feed.snapshot().agents).toHaveLength(N);
    expect(differing(feed)).toEqual([]);
  });
});
