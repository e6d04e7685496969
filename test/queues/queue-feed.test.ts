// The queue feed against the simulated tenant over HTTP: who has which skill comes from skills/agents
// (outside the contract subset) — when a tenant refuses it, agentIds stay null, the "teams" scope says
// it cannot tell, and the endpoint is not asked again; when skills/activity itself is refused, the
// published state is 'unavailable' with one sentence.
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { queueStateSchema, type QueueState } from '../../main/queues/model';
import { ASSIGNMENTS_UNKNOWN_REASON, createQueueFeed, type QueueFeed } from '../../main/queues/queue-feed';
import { silentLogger } from '../../main/ports';
import { settingsSchema } from '../../main/settings/schema';
import { until } from '../harness/until';
import { FakeClock, settle } from '../monitor/fakes';

const API = '/inContactAPI/services/v34.0';
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

/** `serverAheadMs`: how far the measured server clock runs ahead of this computer's. */
async function feedOn(watch: Record<string, unknown>, fault?: { status: number; path: string }, serverAheadMs?: number) {
  const sim = new ContactCenterSimulator({ agents: 40, seed: 2, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
  const server: SimulatorServer = await startSimulatorServer({ simulator: sim });
  if (fault) server.faults.add({ kind: 'status', ...fault });
  const clock = new FakeClock(sim.now());
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {}, clock });
  const settings = settingsSchema.parse({ watch });
  let watched: ReadonlySet<number> | null = new Set([sim.agents[0]!.agentId]);
  const feed: QueueFeed = createQueueFeed({
    client, clock, logger: silentLogger, settings, random: () => 0.5, watchedAgentIds: () => watched,
    ...(serverAheadMs === undefined ? {} : { serverNow: () => clock.now() + serverAheadMs }),
  });
  const states: QueueState[] = [];
  feed.onState((s) => states.push(queueStateSchema.parse(s)));
  cleanup.push(() => feed.stop(), () => server.stop());
  /** Lets the requests in flight finish (real HTTP), with the fake clock standing still. */
  const idle = async () => {
    for (let i = 0; i < 40; i++) {
      const n = server.stats.total;
      await new Promise((r) => setTimeout(r, 25));
      await settle();
      if (server.stats.inFlight === 0 && server.stats.total === n) return;
    }
  };
  feed.start();
  if (watch.skillScope !== 'none') await until('the first answer', () => feed.state().status !== 'loading');
  await idle();
  /** The agents in the watch scope from now on, null for not known yet (the feed is told only by watchedAgentsChanged). */
  const setWatched = (ids: readonly number[] | null) => void (watched = ids && new Set(ids));
  return { sim, server, clock, feed, states, idle, setWatched };
}

describe('queue feed', () => {
  it('knows each skill’s agents from skills/agents', async () => {
    const { feed } = await feedOn({ skillScope: 'all' });
    await until('agents per skill', () => feed.state().skills.length > 0 && feed.state().skills[0]!.agentIds !== null);
    const s = feed.state();
    expect(s.status).toBe('live');
    expect(s.skills.every((q) => Array.isArray(q.agentIds))).toBe(true);
  });

  it('a refused skills/agents leaves agentIds unknown, says so for the teams scope, and is never asked again', async () => {
    for (const status of [403, 404]) {
      const { feed, server, clock, sim, idle } = await feedOn({ skillScope: 'teams' }, { status, path: 'skills/agents' });
      const s = feed.state();
      expect(s.status).toBe('live');
      expect(s.skills).toHaveLength(10);
      expect(s.skills.every((q) => q.agentIds === null)).toBe(true);
      expect(s.reason).toBe(ASSIGNMENTS_UNKNOWN_REASON);
      for (let i = 0; i < 12 * 6; i++) {
        sim.advance(10_000);
        await clock.advance(10_000);
        await idle();
      }
      expect(server.requests.filter((r) => r.path === `${API}/skills/agents`)).toHaveLength(1);
      expect(server.requests.filter((r) => r.path === `${API}/skills/activity`).length).toBeGreaterThan(60);
    }
  });

  it('a refused skills/activity publishes unavailable with the sentence, and no skills', async () => {
    const { feed, states } = await feedOn({ skillScope: 'all' }, { status: 403, path: 'skills/activity' });
    expect(feed.state()).toMatchObject({ status: 'unavailable', skills: [] });
    expect(feed.state().reason).toMatch(/Queues are off: CXone does not let this user see skill activity/);
    expect(states.at(-1)!.status).toBe('unavailable');
  });

  it('teams: the skills shown follow the watched agents as soon as the feed is told they changed', async () => {
    const { feed, sim, setWatched } = await feedOn({ skillScope: 'teams' });
    await until('agents per skill', () => feed.state().skills.length > 0 && feed.state().skills[0]!.agentIds !== null);
    const one = feed.state().skills.map((q) => q.skillId);
    expect(one.length).toBeLessThan(10);
    setWatched(sim.agents.map((a) => a.agentId));
    expect(feed.state().skills.map((q) => q.skillId)).toEqual(one);
    feed.watchedAgentsChanged();
    expect(feed.state().skills.length).toBeGreaterThan(one.length);
  });

  // Found by a mutation review of main/queues/queue-feed.ts: only the e2e suite (Electron) checked these.
  it('chosen skills are shown in CXone’s order, every skill CXone named is offered to choose, and the server clock’s lead is told', async () => {
    const { feed } = await feedOn({ skillScope: 'chosen', skillIds: [5004, 5001] }, undefined, 90_000);
    const s = feed.state();
    expect(s.skills.map((q) => q.skillId)).toEqual([5001, 5004]);
    expect(s.knownSkills).toHaveLength(10);
    expect(s.knownSkills).toContainEqual({ skillId: 5004, skillName: s.skills[1]!.skillName });
    // The window ticks the longest wait on the server's clock from this.
    expect(s.serverOffsetMs).toBe(90_000);
  });

  // Found by a mutation review of main/queues/queue-feed.ts: these had no test.
  it('teams with the watched agents not known yet shows every skill; all skills with skills/agents refused says nothing about it', async () => {
    const teams = await feedOn({ skillScope: 'teams' });
    await until('agents per skill', () => teams.feed.state().skills[0]?.agentIds != null);
    teams.setWatched(null);
    teams.feed.watchedAgentsChanged();
    expect(teams.feed.state()).toMatchObject({ skills: { length: 10 }, reason: null });
    // Every skill is watched anyway: who has which skill narrows nothing, so its refusal is no news.
    const all = await feedOn({ skillScope: 'all' }, { status: 403, path: 'skills/agents' });
    await until('the refusal', () => all.server.requests.some((r) => r.path === `${API}/skills/agents` && r.status === 403));
    await all.idle();
    expect(all.feed.state()).toMatchObject({ status: 'live', skills: { length: 10 }, reason: null });
  });

  it('refreshNow asks for the skill activity at once, with the clock standing still', async () => {
    const { feed, server, idle } = await feedOn({ skillScope: 'all' });
    const asked = () => server.requests.filter((r) => r.path === `${API}/skills/activity`).length;
    const before = asked();
    feed.refreshNow();
    await idle();
    expect(asked()).toBe(before + 1);
  });

  it('a settings save that keeps the poll interval leaves the next poll where it was', async () => {
    const { feed, clock } = await feedOn({ skillScope: 'all' });
    const settings = settingsSchema.parse({ watch: { skillScope: 'all' } });
    const due = clock.nextTimerAt();
    expect(due).toBe(clock.now() + settings.pollIntervalSeconds * 1000);
    await clock.advance(4_000);
    feed.applySettings({ ...settings, notifications: { ...settings.notifications, enabled: !settings.notifications.enabled } });
    expect(clock.nextTimerAt()).toBe(due);
  });

  it('skillScope none: nothing is requested and the state is off', async () => {
    const { feed, server } = await feedOn({ skillScope: 'none' });
    expect(feed.state().status).toBe('off');
    expect(server.requests.filter((r) => r.path.includes('/skills/'))).toHaveLength(0);
  });

  it('a feed stopped before it started stays stopped: a late start() asks nothing and says off', async () => {
    const sim = new ContactCenterSimulator({ agents: 10, seed: 2, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
    const server = await startSimulatorServer({ simulator: sim });
    cleanup.push(() => server.stop());
    const clock = new FakeClock(sim.now());
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {}, clock });
    const feed = createQueueFeed({ client, clock, logger: silentLogger, settings: settingsSchema.parse({ watch: { skillScope: 'all' } }) });
    cleanup.push(() => feed.stop());
    const states: QueueState[] = [];
    feed.onState((s) => states.push(s));
    // A tenant switched away before its feed got going: the core stops it, and a late start must not revive it.
    feed.stop();
    feed.start();
    await clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests.filter((r) => r.path.includes('/skills/'))).toHaveLength(0);
    expect(feed.state().status).toBe('off');
    expect(states.every((s) => s.status === 'off')).toBe(true);
  });
});
