// The live feed with the "me" scope: the real feed (client → poller → roster) against the real
// simulator server on 127.0.0.1, whose request log shows which endpoints were called. The token
// belongs to agent `me` (the server's agentIdForToken), as a signed-in agent's would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient, type CxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type RequestRecord, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createLiveFeed, type LiveFeed } from '../../main/monitor/live-feed';
import type { AgentChange, MonitorStatus } from '../../main/monitor/status';
import { silentLogger, systemClock } from '../../main/ports';
import { defaultSettings, type Settings } from '../../main/settings/schema';
import { until } from '../harness/until';

const AGENTS = 40;
let sim: ContactCenterSimulator;
let server: SimulatorServer;
let client: CxoneClient;
let me: number;
let feed: LiveFeed | null = null;

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: AGENTS, seed: 17 });
  me = sim.agents[11]!.agentId;
  // Logged in through an agent app: there is a session to join.
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
const isAllStates = (r: RequestRecord) => r.path.endsWith('/agents/states');
const isMyStates = (r: RequestRecord) => r.path.endsWith(`/agents/${me}/states`);
const isSession = (r: RequestRecord) => r.path.includes('/agent-sessions/');
const since = (n: number) => server.requests.slice(n);

describe('live feed, "me" scope', () => {
  it('polls only /agents/{id}/states with the session long poll; switching to "all" and back swaps the poller', async () => {
    const settings = withScope(defaultSettings(), 'me');
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings, meAgentId: me });
    const statuses: MonitorStatus['kind'][] = [];
    const changes: AgentChange[] = [];
    feed.onStatus((s) => statuses.push(s.kind));
    feed.onChanges((c) => changes.push(...c));
    feed.start();
    await until('me in the roster', () => feed!.snapshot().agents.length === 1);
    expect(feed.snapshot().agents[0]!.agentId).toBe(me);
    await until('the session long poll', () => server.requests.some((r) => r.path.endsWith('/agent-sessions/join') && r.status === 202) && server.stats.inFlight === 1);
    expect(feed.status().kind).toBe('live');

    // A transition comes in through the session: one long-poll answer, read on its own fields, no extra call.
    await until('the code names (an event names its code by description)', () => feed!.snapshot().unavailableCodes?.length);
    const mark = server.requests.length;
    sim.forceState(me, { state: 'Unavailable', code: 'Training' });
    await until('the change', () => changes.some((c) => c.to.outStateDescription === 'Training'));
    expect(changes.filter((c) => !c.baseline)).toHaveLength(1);
    expect(since(mark).filter((r) => !isSession(r)).every(isMyStates)).toBe(true);
    expect(since(mark).filter(isMyStates)).toHaveLength(0);
    expect(feed.snapshot().agents[0]).toEqual(sim.agentState(me));
    expect(server.requests.some(isAllStates)).toBe(false);
    expect(feed.counts().unavailable).toBe(1);

    // To "all": the business unit's /agents/states, everyone in the roster, no more session calls
    // (the long poll waiting at the switch is cancelled: the server logs its client went away).
    await until('the next long poll waiting', () => server.stats.inFlight === 1);
    const toAll = server.requests.length;
    feed.applySettings(withScope(settings, 'all'));
    await until('everyone in the roster', () => feed!.snapshot().agents.length === AGENTS);
    await until('the long poll ended', () => server.stats.inFlight === 0);
    const afterAll = since(toAll);
    expect(afterAll.some(isAllStates)).toBe(true);
    expect(afterAll.filter(isMyStates)).toHaveLength(0);
    expect(afterAll.filter(isSession).map((r) => r.status)).toEqual([499]);
    expect(feed.status().kind).toBe('live');
    // The switch's catch-up snapshot is a baseline: nothing to notify.
    expect(changes.filter((c) => !c.baseline)).toHaveLength(1);
    expect(Object.values(feed.counts()).reduce((a, b) => a + b, 0)).toBe(AGENTS);

    // And back to "me": the single agent again, the roster holds only it (nobody marked logged out).
    const toMe = server.requests.length;
    feed.applySettings(withScope(settings, 'me'));
    await until('only me again', () => feed!.snapshot().agents.length === 1 && since(toMe).some(isMyStates));
    await until('the session again', () => since(toMe).some((r) => r.path.endsWith('/agent-sessions/join')));
    expect(since(toMe).some(isAllStates)).toBe(false);
    expect(feed.snapshot().agents[0]).toEqual(sim.agentState(me));
    expect(changes.filter((c) => !c.baseline)).toHaveLength(1);
    expect(statuses).not.toContain('error');
    // The old poller's stop is not the feed's: no 'idle' between the two scopes (the tray would flash it).
    expect(statuses).not.toContain('idle');

    feed.stop();
    feed = null;
    await until('no request left on the server', () => server.stats.inFlight === 0);
  });

  it("Settings' pickers still offer every agent of the directory while the roster holds only me", async () => {
    // GET /agents held a while: a question before it answers is answered from the roster (me alone),
    // and the next one after it from a new index, though the roster's size did not change.
    server.faults.add({ kind: 'slow', delayMs: 1_500, path: /\/agents$/, count: 1 });
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: withScope(defaultSettings(), 'me'), meAgentId: me });
    feed.start();
    await until('me in the roster', () => feed!.snapshot().agents.length === 1);
    const all = () => feed!.pickerChoices({ text: '', chosenAgentIds: [], limit: 200 });
    expect((await all()).matches.map((a) => a.agentId)).toEqual([me]);
    const choices = await until('the directory (GET /agents)', async () => {
      const c = await all();
      return c.matched === AGENTS && c;
    });
    expect(feed.snapshot().agents).toHaveLength(1);
    expect(choices.matches.map((a) => a.agentId).sort((a, b) => a - b)).toEqual(sim.agents.map((a) => a.agentId).sort((a, b) => a - b));
    expect(choices.teams).toHaveLength(new Set(sim.agents.map((a) => a.teamId)).size);
    // The codes come with the same directory load, for the code limits' picker.
    expect(choices.unavailableCodes.length).toBeGreaterThan(0);
    expect(choices.unavailableCodes).toEqual(feed.snapshot().unavailableCodes);
    // Another agent found by a part of the name, with its team, though no state of theirs was ever read.
    const other = sim.agents[30]!;
    const found = await feed.pickerChoices({ text: other.lastName.slice(1).toUpperCase(), chosenAgentIds: [], limit: 200 });
    expect(found.matches).toContainEqual({ agentId: other.agentId, name: `${other.firstName} ${other.lastName}`, teamId: other.teamId, teamName: other.teamName });
    expect(found.matches.every((a) => a.name!.toLowerCase().includes(other.lastName.slice(1).toLowerCase()))).toBe(true);
    expect(server.requests.some(isAllStates)).toBe(false);
  });

  it('pausing stops the long poll; resuming starts it again', async () => {
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: withScope(defaultSettings(), 'me'), meAgentId: me });
    feed.setPaused('user', true);
    feed.start();
    expect(feed.status().kind).toBe('paused');
    expect(server.requests).toHaveLength(0);
    feed.setPaused('user', false);
    await until('the session long poll', () => server.stats.inFlight === 1 && server.requests.some(isMyStates));
    feed.setPaused('lock', true);
    await until('the long poll ended', () => server.stats.inFlight === 0);
    const mark = server.requests.length;
    feed.setPaused('lock', false);
    await until('the long poll again', () => server.stats.inFlight === 1 && since(mark).some((r) => r.path.endsWith('/agent-sessions/join')));
    expect(server.requests.some(isAllStates)).toBe(false);
  });

  it('never starts or ends an agent session: through logoffs, logins, pauses, a scope switch and stop, only join and get-next-event reach CXone', async () => {
    const settings = { ...withScope(defaultSettings(), 'me'), pollIntervalSeconds: 5 };
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings, meAgentId: me });
    feed.start();
    const joins = () => server.requests.filter((r) => r.path.endsWith('/agent-sessions/join'));
    await until('listening', () => joins().some((r) => r.status === 202) && server.stats.inFlight === 1);
    await until('codes loaded', () => feed!.snapshot().unavailableCodes?.length);
    for (let round = 0; round < 2; round++) {
      // The agent logs off in their agent app: the session ends (AgentSessionEnd), the roster says so at once.
      sim.forceState(me, { state: 'LoggedOut' });
      await until('logged out in the roster', () => feed!.snapshot().agents[0]?.category === 'logged-out');
      const joinsWhileOut = joins().length;
      const polls = server.requests.filter(isMyStates).length;
      feed.refreshNow();
      await until('a poll while logged out', () => server.requests.filter(isMyStates).length > polls && server.stats.inFlight === 0);
      expect(joins()).toHaveLength(joinsWhileOut);
      // Logged in again: the next poll shows it and the app joins the new session — it never makes one.
      sim.forceState(me, { state: 'Available' });
      feed.refreshNow();
      await until('joined again', () => joins().length > joinsWhileOut && server.stats.inFlight === 1);
      expect(feed.snapshot().agents[0]).toEqual(sim.agentState(me));
    }
    // CXone says "Session Ended" while polls still show the agent logged in: wait, never start one.
    server.faults.add({ kind: 'status', status: 409, path: 'get-next-event', statusDescription: 'Session Ended', count: 1 });
    sim.forceState(me, { state: 'Unavailable', code: 'Break' }); // answers the waiting long poll; the next one meets the 409
    await until('on Break', () => feed!.snapshot().agents[0]?.outStateDescription === 'Break');
    await until('the 409', () => server.requests.some((r) => r.path.endsWith('/get-next-event') && r.status === 409));
    const joinsAfter = joins().length;
    const polls = server.requests.filter(isMyStates).length;
    feed.refreshNow();
    await until('a poll showing the agent still logged in', () => server.requests.filter(isMyStates).length > polls && server.stats.inFlight === 0);
    expect(joins()).toHaveLength(joinsAfter);
    // A pause and a scope switch there and back restart the watcher: each start joins, nothing more.
    feed.setPaused('user', true);
    feed.setPaused('user', false);
    feed.applySettings(withScope(settings, 'all'));
    feed.applySettings(withScope(settings, 'me'));
    await until('the session again', () => joins().length > joinsAfter && server.stats.inFlight === 1);
    feed.stop();
    feed = null;
    await until('no request left on the server', () => server.stats.inFlight === 0);

    const session = server.requests.filter(isSession);
    expect(session.length).toBeGreaterThan(5);
    const starts = server.requests.filter((r) => r.method === 'POST' && /\/agent-sessions\/?$/.test(r.path));
    const ends = server.requests.filter((r) => r.method === 'DELETE' && r.path.includes('/agent-sessions'));
    expect(starts).toEqual([]);
    expect(ends).toEqual([]);
    expect(new Set(session.map((r) => `${r.method} ${r.path.endsWith('/join') ? 'join' : r.path.endsWith('/get-next-event') ? 'next' : r.path}`))).toEqual(
      new Set(['POST join', 'GET next']),
    );
    // The record would show a start or an end if one came (the checks above can fail).
    const h = { authorization: 'Bearer agent-token' };
    await fetch(`${server.apiBase}/agent-sessions?stationId=1`, { method: 'POST', headers: h });
    await fetch(`${server.apiBase}/agent-sessions/x`, { method: 'DELETE', headers: h });
    expect(server.requests.filter((r) => (r.method === 'POST' && /\/agent-sessions\/?$/.test(r.path)) || r.method === 'DELETE')).toHaveLength(2);
  });

  it('without an icAgentId, "me" keeps polling /agents/states and shows nobody, saying why', async () => {
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: withScope(defaultSettings(), 'me'), meAgentId: null });
    feed.start();
    await until('a poll', () => feed!.status().kind === 'live');
    expect(server.requests.some(isAllStates)).toBe(true);
    expect(server.requests.some((r) => isMyStates(r) || isSession(r))).toBe(false);
    expect(feed.snapshot().agents).toHaveLength(0);
    expect(feed.scopeFilter().hiddenReason?.(sim.agentState(me)!)).toMatch(/no agent id \(icAgentId\)/);
  });
});
