// How the live feed wires settings and status into its parts, against the real simulator server on
// 127.0.0.1: the settings' safety-resync floor reaches the poller, pauses survive a scope switch
// (which builds a new poller), a token CXone refuses ends the agent session long poll, and the renderers
// hear when the unavailable codes' time limits (carried only by a snapshot) load or change; a state
// without a startDate is timed on the server's clock the feed was given.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient, type CxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type RequestRecord, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator, type SimUnavailableCode } from '../../main/demo/simulator';
import { DIRECTORY_REFRESH_MS, DIRECTORY_RETRY_MS } from '../../main/monitor/directory-refresh';
import { createLiveFeed, type LiveFeed } from '../../main/monitor/live-feed';
import { createServerClock } from '../../main/monitor/server-clock';
import { parseHttpDate } from '../../main/net/http-date';
import type { AgentChange } from '../../main/monitor/status';
import { silentLogger, systemClock } from '../../main/ports';
import { defaultSettings, type Settings } from '../../main/settings/schema';
import { until } from '../harness/until';
import { withoutStartDates } from '../harness/without-start-dates';
import { FakeClock, settle } from './fakes';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
let client: CxoneClient;
let me: number;
let feed: LiveFeed | null = null;

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: 30, seed: 23 });
  me = sim.agents[4]!.agentId;
  sim.forceState(me, { state: 'Available' });
  server = await startSimulatorServer({ simulator: sim, agentIdForToken: () => me });
  client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'agent-token', onUnauthorized: () => {} });
});
afterEach(async () => {
  feed?.stop();
  feed = null;
  await server.stop();
});

const withScope = (s: Settings, scope: Settings['watch']['scope']): Settings => ({ ...s, watch: { ...s.watch, scope } });
const fullLists = () => server.requests.filter((r: RequestRecord) => r.path.endsWith('/agents/states') && !r.query.includes('updatedSince'));

describe('live feed wiring', () => {
  it("reads a full list again after the settings' resyncMinutes when that is longer than the poller's own period", async () => {
    const clock = new FakeClock(Date.now());
    // With 30 agents the poller's own period is an hour (safetyResyncMs); resyncMinutes is a floor, here 90.
    const settings = { ...defaultSettings(), pollIntervalSeconds: 300, resyncMinutes: 90 };
    feed = createLiveFeed({ client, clock, logger: silentLogger, settings, meAgentId: null });
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live');
    const pollFor = async (minutes: number) => {
      for (let k = 0; k < minutes / 5; k++) {
        const before = server.requests.length;
        await clock.advance(300_000);
        await until('the next poll', () => server.requests.length > before && feed!.status().kind === 'live');
      }
    };
    await pollFor(65);
    expect(fullLists()).toHaveLength(1);
    await pollFor(30);
    expect(fullLists()).toHaveLength(2);
  });

  it("tells the renderers to fetch a fresh snapshot when the codes' time limits load or change, not when a reload brings the same", async () => {
    const clock = new FakeClock(Date.now());
    // The first load of the codes fails: the renderer's first snapshot has none.
    server.faults.add({ kind: 'status', status: 503, path: '/unavailable-codes', count: 1 });
    // The failure's warning is logged just before the retry's timer is set: once it is seen, advancing
    // the clock fires the retry (the server's log of the 503 comes before the client has read it).
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    feed = createLiveFeed({ client, clock, logger, settings: defaultSettings(), meAgentId: null });
    const resets: number[] = [];
    feed.onDelta((d) => void (d.base === -1 && resets.push(d.revision)));
    let codeLoads = 0;
    feed.onUnavailableCodes(() => void (codeLoads += 1));
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live');
    await until('the failed codes load', () => warnings.includes('feed: could not load the agent directory'));
    expect(server.requests.some((r) => r.path.endsWith('/unavailable-codes') && r.status === 503)).toBe(true);
    expect(feed.snapshot().unavailableCodes).toBeUndefined();
    expect(resets).toEqual([]);
    // The retry brings them: one reset, and the snapshot it asks for carries the limits.
    await clock.advance(DIRECTORY_RETRY_MS[0]);
    await until('the reset delta', () => resets.length === 1);
    expect(feed.snapshot().unavailableCodes).toContainEqual({ id: 12, name: 'Break', timeLimitMinutes: 15 });
    // The same codes again at the next refresh: no reset.
    expect(codeLoads).toBe(1);
    await clock.advance(DIRECTORY_REFRESH_MS);
    await until('the second load', () => codeLoads === 2);
    expect(resets).toHaveLength(1);
    // An administrator changes Break's limit to 20 minutes: the next refresh resets again.
    (sim as unknown as { unavailableCodes: SimUnavailableCode[] }).unavailableCodes = sim.unavailableCodes.map((c) => (c.outStateId === 12 ? { ...c, agentTimeoutMinutes: 20 } : c));
    await clock.advance(DIRECTORY_REFRESH_MS);
    await until('the reset after the change', () => resets.length === 2);
    expect(feed.snapshot().unavailableCodes).toContainEqual({ id: 12, name: 'Break', timeLimitMinutes: 20 });
  });

  it("its watch choices offer everyone while its snapshot holds only the watch scope", async () => {
    const team = sim.agents[0]!.teamId;
    const settings = { ...defaultSettings(), watch: { ...defaultSettings().watch, scope: 'teams' as const, teamIds: [team] } };
    feed = createLiveFeed({ client, clock: new FakeClock(Date.now()), logger: silentLogger, settings, meAgentId: null });
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live');
    const inTeam = sim.agents.filter((a) => a.teamId === team).length;
    expect(inTeam).toBeLessThan(sim.agents.length);
    expect(feed.snapshot().agents).toHaveLength(inTeam);
    const choices = await feed.pickerChoices({ text: '', chosenAgentIds: [], limit: 200 });
    expect(choices.matched).toBe(sim.agents.length);
    expect(new Set(choices.matches.map((a) => a.agentId))).toEqual(new Set(sim.agents.map((a) => a.agentId)));
    expect(choices.teams.map((t) => t.id).sort()).toEqual([...new Set(sim.agents.map((a) => a.teamId))].sort());
  });

  it("tells Settings' pickers to ask again when a directory reload brings someone new, and not for a poll that only changes states", async () => {
    const clock = new FakeClock(Date.now());
    // A user created in CXone after the app started: in GET /agents from the next load on, with no state yet.
    let hired = false;
    const hiring: CxoneClient = {
      ...client,
      async getAgents(query) {
        const r = await client.getAgents(query);
        return hired ? { ...r, agents: [...r.agents, { ...r.agents[0]!, agentId: 99_000_001, firstName: 'Hana', lastName: 'Newhire', userName: 'hana.newhire@example.com' }] } : r;
      },
    };
    feed = createLiveFeed({ client: hiring, clock, logger: silentLogger, settings: defaultSettings(), meAgentId: null });
    let told = 0;
    feed.onPickerChoicesChanged(() => void (told += 1));
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live');
    await until('the first directory load', () => server.requests.some((r) => r.path.endsWith('/unavailable-codes')) && told >= 1);
    await settle();
    const newhire = () => feed!.pickerChoices({ text: 'newhire', chosenAgentIds: [], limit: 200 });
    expect((await newhire()).matched).toBe(0);

    // A poll that changes an agent's state changes nobody the pickers offer: not told.
    const toldBefore = told;
    const other = sim.agents[7]!.agentId;
    sim.forceState(other, { state: 'Unavailable', code: 'Break' });
    let changed = false;
    const off = feed.onChanges((c) => void (changed ||= c.some((x) => x.agentId === other)));
    await clock.advance(defaultSettings().pollIntervalSeconds * 1_000);
    await until('the change polled', () => changed);
    off();
    expect(told).toBe(toldBefore);

    // The next directory load brings her: told once, and the pickers' answer has her.
    hired = true;
    await clock.advance(DIRECTORY_REFRESH_MS);
    await until('told of the new names', () => told === toldBefore + 1);
    expect(await newhire()).toMatchObject({ matched: 1, matches: [{ agentId: 99_000_001, name: 'Hana Newhire' }] });
  });

  it('keeps a pause through a scope switch that builds a new poller', async () => {
    const clock = new FakeClock(Date.now());
    feed = createLiveFeed({ client, clock, logger: silentLogger, settings: withScope(defaultSettings(), 'me'), meAgentId: me });
    feed.setPaused('user', true);
    feed.start();
    expect(feed.status()).toMatchObject({ kind: 'paused', reason: 'user' });
    // "me" → "all" swaps /agents/{id}/states for /agents/states: a new poller, still paused.
    feed.applySettings(withScope(defaultSettings(), 'all'));
    await settle();
    expect(feed.status()).toMatchObject({ kind: 'paused', reason: 'user' });
    feed.setPaused('user', false);
    await until('polling again', () => feed!.status().kind === 'live');
    expect(server.requests.filter((r) => r.path.endsWith('/agents/states')).length).toBeGreaterThan(0);
    expect(server.requests.some((r) => r.path.endsWith(`/agents/${me}/states`))).toBe(false);
  });

  it('ends the agent session long poll when CXone refuses the token, and calls the session no more', async () => {
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: withScope(defaultSettings(), 'me'), meAgentId: me });
    feed.start();
    await until('the session long poll', () => server.requests.some((r) => r.path.endsWith('/agent-sessions/join') && r.status === 202) && server.stats.inFlight === 1);
    server.faults.add({ kind: 'status', status: 401, path: `/agents/${me}/states` });
    feed.refreshNow();
    await until('the refusal shown', () => feed!.status().kind === 'error');
    expect(feed.status()).toMatchObject({ kind: 'error', error: { kind: 'unauthorized' } });
    // The waiting long poll is cancelled (the server logs its client went away), and none follows.
    await until('the long poll ended', () => server.stats.inFlight === 0);
    const sessionCalls = server.requests.filter((r) => r.path.includes('/agent-sessions/')).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests.filter((r) => r.path.includes('/agent-sessions/')).length).toBe(sessionCalls);
    expect(server.requests.filter((r) => r.path.includes('/agent-sessions/')).at(-1)!.status).toBe(499);
  });
});

/** A live feed polling every 300 s on a fake clock, after its first list: the next poll is the clock's next timer. */
async function liveEvery5Minutes(): Promise<{ clock: FakeClock; f: LiveFeed; slow: Settings }> {
  const clock = new FakeClock(Date.now());
  const slow = { ...defaultSettings(), pollIntervalSeconds: 300 };
  const f = createLiveFeed({ client, clock, logger: silentLogger, settings: slow, meAgentId: null });
  feed = f;
  f.start();
  await until('the first list', () => f.status().kind === 'live');
  await settle();
  return { clock, f, slow };
}

describe('live feed: settings and stop', () => {
  it('polls at a new poll interval from the next wait on, without waiting out the old one', async () => {
    const { clock, f, slow } = await liveEvery5Minutes();
    const polls = () => server.requests.filter((r) => r.path.endsWith('/agents/states')).length;
    const before = polls();
    f.applySettings({ ...slow, pollIntervalSeconds: 20 });
    // The next poll is due 20 s on (the feed's timers are on this clock; nothing else is due sooner).
    expect(clock.nextTimerAt()).toBe(clock.now() + 20_000);
    await clock.advance(20_000);
    await until('a poll 20 s on', () => polls() > before);
  });

  it('a settings save that keeps the poll interval leaves the next poll where it was', async () => {
    const { clock, f, slow } = await liveEvery5Minutes();
    const due = clock.nextTimerAt();
    expect(due).toBe(clock.now() + 300_000);
    await clock.advance(100_000);
    // Saved while the interval stays: were the poll re-planned from now, every save would put it off.
    f.applySettings({ ...slow, notifications: { ...slow.notifications, enabled: !slow.notifications.enabled } });
    expect(clock.nextTimerAt()).toBe(due);
  });

  it("tells Settings' pickers of the agents the first list brings, though the directory could not load", async () => {
    server.faults.add({ kind: 'status', status: 503, path: /\/agents$/ });
    feed = createLiveFeed({ client, clock: new FakeClock(Date.now()), logger: silentLogger, settings: defaultSettings(), meAgentId: null });
    let told = 0;
    feed.onPickerChoicesChanged(() => void (told += 1));
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live' && feed!.snapshot().agents.length === sim.agents.length);
    await until('the pickers told', () => told > 0);
    expect((await feed.pickerChoices({ text: '', chosenAgentIds: [], limit: 200 })).matched).toBe(sim.agents.length);
  });

  it('leaves no timer behind when stopped: no poll, directory reload or picker index outlives the feed', async () => {
    const clock = new FakeClock(Date.now());
    feed = createLiveFeed({ client, clock, logger: silentLogger, settings: defaultSettings(), meAgentId: null });
    let codeLoads = 0;
    feed.onUnavailableCodes(() => void (codeLoads += 1));
    feed.start();
    await until('the first list and the directory', () => feed!.status().kind === 'live' && codeLoads === 1);
    // The pickers' index is kept a while for the next keystroke (a timer drops it).
    expect((await feed.pickerChoices({ text: '', chosenAgentIds: [], limit: 5 })).matched).toBe(sim.agents.length);
    await settle();
    expect(clock.pending()).toBeGreaterThanOrEqual(3);
    feed.stop();
    expect(clock.pending()).toBe(0);
    expect(feed.status().kind).toBe('idle');
  });
});

/**
 * A live feed for 'me' listening to the agent session, then CXone refusing the token (401 to the agent's
 * states): the refusal shown and the long poll ended. `joins` counts session joins; `joinsWhileRefused`
 * is the count by then.
 */
async function meFeedRefused(): Promise<{ f: LiveFeed; joins: () => number; joinsWhileRefused: number }> {
  const f = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: withScope(defaultSettings(), 'me'), meAgentId: me });
  feed = f;
  f.start();
  const joins = () => server.requests.filter((r) => r.path.endsWith('/agent-sessions/join')).length;
  await until('the session long poll', () => joins() > 0 && server.stats.inFlight === 1);
  server.faults.add({ kind: 'status', status: 401, path: `/agents/${me}/states` });
  f.refreshNow();
  await until('the refusal shown', () => f.status().kind === 'error');
  await until('the long poll ended', () => server.stats.inFlight === 0);
  return { f, joins, joinsWhileRefused: joins() };
}

describe('live feed, "me" scope: a refused token', () => {
  it('listens to the agent session again once a renewed token is taken and polling is live', async () => {
    const { f: feed, joins, joinsWhileRefused } = await meFeedRefused();
    // The session renews its token: the poller tries it, CXone takes it, and the long poll comes back.
    server.faults.clear();
    feed.authRenewed();
    await until('live again', () => feed.status().kind === 'live');
    await until('the session long poll again', () => joins() > joinsWhileRefused && server.stats.inFlight === 1);
  });
});

describe('live feed, "me" scope: a pause while the token is refused', () => {
  it('does not listen to the agent session again on resuming: the token is no better for the pause', async () => {
    const { f: feed, joins, joinsWhileRefused } = await meFeedRefused();
    const polls = () => server.requests.filter((r) => r.path.endsWith(`/agents/${me}/states`)).length;
    feed.setPaused('lock', true);
    feed.setPaused('lock', false);
    // Two refused polls after the resume: a join sent at the resume would have reached the server by then.
    for (let k = 0; k < 2; k++) {
      const before = polls();
      feed.refreshNow();
      await until('a refused poll', () => polls() > before && server.stats.inFlight === 0 && feed.status().kind === 'error');
    }
    expect(joins()).toBe(joinsWhileRefused);
  });
});

describe("live feed: the window's questions", () => {
  it("answers an agent's recent changes, and the trend of the agents in the watch scope only", async () => {
    const clock = new FakeClock(Date.now());
    const team = sim.agents[0]!.teamId;
    const base = defaultSettings();
    feed = createLiveFeed({ client, clock, logger: silentLogger, settings: { ...base, watch: { ...base.watch, scope: 'teams', teamIds: [team] } }, meAgentId: null });
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live');
    const inTeam = sim.agents.filter((a) => a.teamId === team);
    expect(inTeam.length).toBeLessThan(sim.agents.length);
    const last = feed.trend().buckets.at(-1)!;
    expect(Object.values(last.counts).reduce((a, b) => a + b, 0)).toBe(inTeam.length);

    const agent = inTeam[0]!.agentId;
    sim.forceState(agent, { state: 'Unavailable', code: 'Training' });
    let changed = false;
    feed.onChanges((c) => void (changed ||= c.some((x) => x.agentId === agent)));
    await clock.advance(base.pollIntervalSeconds * 1_000);
    await until('the change polled', () => changed);
    expect(feed.history(agent).at(-1)).toMatchObject({ agentId: agent, to: { outStateDescription: 'Training' } });
    expect(feed.history(-1)).toEqual([]);
  });
});

describe("live feed: the server's clock", () => {
  it("times a change whose state has no startDate on the server's clock, as its Date header measures it, not on this computer's", async () => {
    // The simulator's clock (its Date header) is 2025-01-15 13:00 UTC; this computer's runs 2 h 30 ahead.
    const clock = new FakeClock(sim.now() + 150 * 60_000);
    const serverClock = createServerClock(clock);
    const noStarts = createCxoneClient({
      baseUrl: server.apiBase,
      getAccessToken: async () => 'agent-token',
      onUnauthorized: () => {},
      fetch: withoutStartDates(),
      clock,
      onServerDate: (header) => {
        const t = parseHttpDate(header);
        if (t !== null) serverClock.observe(t);
      },
    });
    // Polls only when told (the interval is the longest there is), so the clocks move only here.
    const settings = { ...defaultSettings(), pollIntervalSeconds: 600 };
    feed = createLiveFeed({ client: noStarts, clock, logger: silentLogger, settings, meAgentId: null, timeline: () => serverClock.now() });
    const changes: AgentChange[] = [];
    feed.onChanges((cs) => void changes.push(...cs));
    feed.start();
    await until('the first list', () => feed!.status().kind === 'live');
    const firstAnswer = sim.now();
    expect(feed.snapshot().agents.every((a) => a.startDate === null)).toBe(true);
    // The baseline's agents had no startDate either: each is timed at the answer, on the server's clock
    // (a Date header is to the second; the clock takes the middle of it).
    expect(changes.length).toBe(sim.agents.length);
    for (const c of changes) expect(c.at - firstAnswer, `agent ${c.agentId}`).toSatisfy((d: number) => d >= 0 && d <= 1_000);

    // A minute later on both clocks, an agent changes state.
    await clock.advance(60_000);
    sim.advance(60_000);
    const agent = sim.agents.find((a) => a.isActive && sim.agentState(a.agentId)!.stateId !== 2)!.agentId;
    sim.forceState(agent, { state: 'Unavailable', code: 'Training' });
    changes.length = 0;
    feed.refreshNow();
    await until('the change polled', () => changes.some((c) => c.agentId === agent));
    const answeredAt = sim.now();
    const change = changes.find((c) => c.agentId === agent)!;
    expect(change).toMatchObject({ baseline: false, to: { outStateDescription: 'Training', startDate: null } });
    expect(change.at - answeredAt).toSatisfy((d: number) => d >= 0 && d <= 1_000);
    // Far from this computer's clock, which the roster would have used without the server's.
    expect(clock.now() - change.at).toBeGreaterThan(2 * 3_600_000);
    expect(feed.history(agent).at(-1)!.at).toBe(change.at);
  });
});
