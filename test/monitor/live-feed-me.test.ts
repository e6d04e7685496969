// The live feed with the "me" scope: the real feed (client → poller → roster) against the real
// simulator server on 127.0.0.1, whose request log shows which endpoints were called. The token
// belongs to agent `me` (the server's agentIdForToken), as a signed-in agent's would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient, type CxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type RequestRecord, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createLiveFeed, type LiveFeed } from '../../main/live-feed';
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
    await until('the session long poll', () => server.requests.some((r) => r.path.endsWith('/agent-sessions/join') && r.status === 200) && server.stats.inFlight === 1);
    expect(feed.status().kind).toBe('live');

    // A transition comes in through the session: one long-poll answer, one single-agent call.
    const mark = server.requests.length;
    sim.forceState(me, { state: 'Unavailable', code: 'Training' });
    await until('the change', () => changes.some((c) => c.to.outStateDescription === 'Training'));
    expect(changes.filter((c) => !c.baseline)).toHaveLength(1);
    expect(since(mark).filter((r) => !isSession(r)).every(isMyStates)).toBe(true);
    expect(since(mark).filter(isMyStates)).toHaveLength(1);
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

    feed.stop();
    feed = null;
    await until('no request left on the server', () => server.stats.inFlight === 0);
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
