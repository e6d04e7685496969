// The queue poller against the simulated tenant over HTTP on 127.0.0.1 (real server, real client): a
// full list first, then updatedSince on the server's lastPollTime, "no change" kept as no change, pages
// followed, 403/404 turning the feature off with no further request, and the request budget it shares
// with the agent-state poller (a 503 with Retry-After on one endpoint holds the other). The poller's
// clock is a FakeClock so schedules are exact; the simulator's time moves only when the test says so.
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient, type GetAgentStatesQuery, type GetSkillActivityQuery } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createPoller } from '../../main/monitor/poller';
import { createRequestBudget, type RequestBudget } from '../../main/monitor/request-budget';
import { createQueueBoard } from '../../main/queues/queue-board';
import { createQueuePoller, PAUSED_BEFORE_FIRST_ANSWER, type QueuePoller, type QueuePollerStatus, type QueuePollResult } from '../../main/queues/queue-poller';
import { FakeClock, settle } from '../monitor/fakes';

const SKILLS_PATH = '/inContactAPI/services/v34.0/skills/activity';

interface Rig {
  sim: ContactCenterSimulator;
  server: SimulatorServer;
  clock: FakeClock;
  poller: QueuePoller;
  budget: RequestBudget;
  results: QueuePollResult[];
  statuses: QueuePollerStatus[];
  /** Skill calls: fake-clock time and query. */
  calls: Array<{ at: number; query: GetSkillActivityQuery }>;
  stateCalls: Array<{ at: number; query: GetAgentStatesQuery }>;
  /** Waits until every request made so far has been answered and handled. */
  drain(): Promise<void>;
  /** Moves the fake clock (and the simulator) in 5 s steps, draining between steps. */
  step(ms: number): Promise<void>;
  client: ReturnType<typeof createCxoneClient>;
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) {
    r.poller.stop();
    await r.server.stop();
  }
  rigs = [];
});

async function rig(serverOpts: { defaultPageSize?: number | null; noChange?: '200-empty' | '204' | '304'; skills?: false } = {}): Promise<Rig> {
  const sim = new ContactCenterSimulator({ agents: 60, seed: 5, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
  const server = await startSimulatorServer({ simulator: sim, ...serverOpts });
  const clock = new FakeClock(sim.now());
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {}, clock });
  const pending: Promise<unknown>[] = [];
  const calls: Rig['calls'] = [];
  const stateCalls: Rig['stateCalls'] = [];
  const source = {
    getSkillActivity(query: GetSkillActivityQuery = {}) {
      calls.push({ at: clock.now(), query });
      const p = client.getSkillActivity(query);
      pending.push(p.catch(() => null));
      return p;
    },
  };
  const budget = createRequestBudget(clock);
  const poller = createQueuePoller({ source, clock, intervalMs: 10_000, budget, random: () => 0.5 });
  const results: QueuePollResult[] = [];
  const statuses: QueuePollerStatus[] = [];
  poller.onResult((r) => results.push(r));
  poller.onStatus((s) => statuses.push(s));
  const drain = async () => {
    for (let i = 0; i < 20; i++) {
      const n = pending.length;
      await Promise.all(pending);
      await settle();
      if (pending.length === n) return;
    }
  };
  const r: Rig = {
    sim,
    server,
    clock,
    poller,
    budget,
    results,
    statuses,
    calls,
    stateCalls,
    drain,
    client,
    async step(ms) {
      for (let left = ms; left > 0; left -= 5_000) {
        const d = Math.min(5_000, left);
        sim.advance(d);
        await clock.advance(d);
        await drain();
      }
    },
  };
  // The agent poller's calls go through the same recorder when a test builds one.
  (r as Rig & { recordStates: (q: GetAgentStatesQuery) => Promise<unknown> }).recordStates = (q) => {
    stateCalls.push({ at: clock.now(), query: q });
    const p = client.getAgentStates(q);
    pending.push(p.catch(() => null));
    return p;
  };
  rigs.push(r);
  return r;
}

const skillRequests = (s: SimulatorServer) => s.requests.filter((q) => q.path === SKILLS_PATH);

/** A rig whose queue poller has read its full list and moved on to deltas (updatedSince). */
async function pollingDeltas(): Promise<Rig> {
  const r = await rig();
  r.poller.start();
  await r.drain();
  await r.step(10_000);
  expect(r.calls.at(-1)!.query.updatedSince).toBeDefined();
  return r;
}

/** The tenant's agents' poller on the rig's clock and budget, asking the rig's simulator for agents/states. */
function agentPollerOn(r: Rig) {
  const recordStates = (r as Rig & { recordStates: (q: GetAgentStatesQuery) => Promise<never> }).recordStates;
  return createPoller({ source: { getAgentStates: recordStates }, clock: r.clock, intervalMs: 10_000, budget: r.budget, random: () => 0.5 });
}

describe('queue poller against the simulator', () => {
  it('takes the full list first, then deltas with updatedSince = the server lastPollTime, every interval', async () => {
    const r = await rig();
    r.poller.start();
    await r.drain();
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]!.query.updatedSince).toBeUndefined();
    expect(r.results[0]).toMatchObject({ kind: 'snapshot', complete: true });
    expect((r.results[0] as { skills: unknown[] }).skills).toHaveLength(10);
    expect(r.poller.status()).toMatchObject({ status: 'live', reason: null });
    const firstPoll = r.poller.lastPollTime();
    expect(firstPoll).toBe(new Date(r.sim.now()).toISOString());

    await r.step(10_000);
    expect(r.calls).toHaveLength(2);
    expect(r.calls[1]!.query.updatedSince).toBe(firstPoll);
    expect(skillRequests(r.server).at(-1)!.query).toContain(`updatedSince=${encodeURIComponent(firstPoll!)}`);
    expect(r.results[1]!.kind).toBe('delta');
    // A delta names only the skills that changed since then (the simulator's ground truth).
    const changed = r.server.skills!.changedSince(Date.parse(firstPoll!)).map((k) => r.server.skills!.skills[k]!.skillId);
    expect((r.results[1] as { skills: { skillId: number }[] }).skills.map((s) => s.skillId).sort()).toEqual(changed.sort());
  });

  it('a "no change" answer (200 empty, 204, 304) changes nothing and the next delta asks from the same time', async () => {
    for (const noChange of ['200-empty', '204', '304'] as const) {
      const r = await rig({ noChange });
      const board = createQueueBoard();
      r.poller.onResult((res) => board.apply(res));
      r.poller.start();
      await r.drain();
      // The server repeats what changed AT the time asked from (at least once): one more poll a moment later.
      r.sim.advance(1);
      await r.clock.advance(10_000);
      await r.drain();
      const before = board.skills();
      const since = r.poller.lastPollTime();
      // The simulator's clock stands still: nothing changed since the last answer.
      await r.clock.advance(10_000);
      await r.drain();
      expect(r.results.at(-1), noChange).toEqual({ kind: 'delta', skills: [] });
      expect(board.skills()).toEqual(before);
      expect(r.poller.status().status).toBe('live');
      await r.clock.advance(10_000);
      await r.drain();
      // 204/304 carry no lastPollTime: the last server time is kept, never the client's clock.
      if (noChange !== '200-empty') expect(r.calls.at(-1)!.query.updatedSince).toBe(since);
    }
  });

  it('follows every page of a full list', async () => {
    const r = await rig({ defaultPageSize: 3 });
    r.poller.start();
    await r.drain();
    expect(skillRequests(r.server)).toHaveLength(4);
    expect(r.results[0]).toMatchObject({ kind: 'snapshot', complete: true });
    expect((r.results[0] as { skills: unknown[] }).skills).toHaveLength(10);
  });

  for (const status of [403, 404]) {
    it(`HTTP ${status} turns queues off with one sentence and no further request, however long it waits`, async () => {
      const r = await rig();
      r.server.faults.add({ kind: 'status', status, path: 'skills/activity' });
      r.poller.start();
      await r.drain();
      expect(r.poller.status().status).toBe('unavailable');
      expect(r.poller.status().reason).toMatch(status === 403 ? /does not let this user see skill activity \(HTTP 403/ : /does not offer skill activity \(HTTP 404/);
      r.poller.refreshNow();
      r.poller.wake();
      r.poller.authRenewed();
      await r.step(30 * 60_000);
      expect(skillRequests(r.server)).toHaveLength(1);
      expect(r.clock.pending()).toBe(0);
    });
  }

  // Found by a mutation review of main/queues/queue-poller.ts: only parts of the sentence had a test.
  it('the refusal sentence in full: what CXone said, and for a 403 who can grant it', async () => {
    const said = { 403: 'User lacks the Skills View permission', 404: 'Resource not found' } as const;
    for (const status of [403, 404] as const) {
      const r = await rig();
      r.server.faults.add({ kind: 'status', status, statusDescription: said[status], path: 'skills/activity' });
      r.poller.start();
      await r.drain();
      expect(r.poller.status().reason).toBe(
        status === 403
          ? 'Queues are off: CXone does not let this user see skill activity (HTTP 403 — CXone says "User lacks the Skills View permission"); a CXone administrator can grant it in the user\'s security profile.'
          : 'Queues are off: this CXone tenant does not offer skill activity (HTTP 404 — CXone says "Resource not found").',
      );
    }
  });

  it('a tenant without the endpoint at all (the simulator started with skills: false) is the same 404: off, one request', async () => {
    const r = await rig({ skills: false });
    r.poller.start();
    await r.drain();
    expect(r.poller.status()).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/HTTP 404/) });
    await r.step(60_000);
    expect(skillRequests(r.server)).toHaveLength(1);
  });

  it('other errors back off and resync with a full list; the data is then stale, not gone', async () => {
    const r = await rig();
    r.poller.start();
    await r.drain();
    r.server.faults.add({ kind: 'status', status: 500, path: 'skills/activity', count: 1 });
    await r.step(10_000);
    expect(r.poller.status()).toMatchObject({ status: 'stale' });
    expect(r.poller.status().reason).toMatch(/HTTP 500/);
    const n = r.calls.length;
    await r.step(30_000);
    expect(r.calls.length).toBeGreaterThan(n);
    // After the error, a full list (no updatedSince), and live again.
    expect(r.calls[n]!.query.updatedSince).toBeUndefined();
    expect(r.poller.status().status).toBe('live');
  });

  it('shares one request budget with the agent poller: a 503 with Retry-After on agents/states holds skills/activity too', async () => {
    const r = await rig();
    const agentPoller = agentPollerOn(r);
    try {
      agentPoller.start();
      r.poller.start();
      await r.drain();
      // No storm at start: one request each.
      expect(r.stateCalls).toHaveLength(1);
      expect(r.calls).toHaveLength(1);
      r.server.faults.add({ kind: 'status', status: 503, retryAfter: '60', path: 'agents/states', count: 1 });
      await r.step(10_000);
      expect(agentPoller.status().kind).toBe('backing-off');
      const heldAt = r.clock.now();
      const before = r.calls.length;
      // For the next minute (CXone's Retry-After), neither poller sends anything.
      await r.step(55_000);
      expect(r.calls.filter((c) => c.at > heldAt)).toHaveLength(0);
      expect(r.stateCalls.filter((c) => c.at > heldAt)).toHaveLength(0);
      await r.step(10_000);
      expect(r.calls.length).toBeGreaterThan(before);
      expect(r.stateCalls.at(-1)!.at).toBeGreaterThanOrEqual(heldAt + 60_000);
      expect(r.calls[before]!.at).toBeGreaterThanOrEqual(heldAt + 60_000);
    } finally {
      agentPoller.stop();
    }
  });

  it('a person\'s "Refresh now" is one request and is not held by the budget (both pollers)', async () => {
    const r = await rig();
    const agentPoller = agentPollerOn(r);
    try {
      agentPoller.start();
      r.poller.start();
      await r.drain();
      r.server.faults.add({ kind: 'status', status: 503, retryAfter: '60', path: 'agents/states', count: 1 });
      await r.step(10_000);
      expect(r.budget.waitMs()).toBeGreaterThan(0);
      const [skills, states] = [r.calls.length, r.stateCalls.length];
      r.poller.refreshNow();
      agentPoller.refreshNow();
      await r.drain();
      expect(r.calls).toHaveLength(skills + 1);
      expect(r.stateCalls).toHaveLength(states + 1);
      expect(agentPoller.status().kind).toBe('live');
    } finally {
      agentPoller.stop();
    }
  });

  it('a failure of the queue poller holds the agent poller as well (never two storms)', async () => {
    const r = await rig();
    const agentPoller = agentPollerOn(r);
    try {
      agentPoller.start();
      r.poller.start();
      await r.drain();
      r.server.faults.add({ kind: 'status', status: 429, retryAfter: '40', path: 'skills/activity', count: 1 });
      await r.step(10_000);
      const heldAt = r.clock.now();
      await r.step(35_000);
      expect(r.stateCalls.filter((c) => c.at > heldAt)).toHaveLength(0);
      await r.step(10_000);
      expect(r.stateCalls.filter((c) => c.at > heldAt).length).toBeGreaterThan(0);
    } finally {
      agentPoller.stop();
    }
  });

  it('a Retry-After of 34 days is honoured up to 10 minutes, and the strip says so in the agent poller\'s words', async () => {
    const r = await rig();
    r.poller.start();
    await r.drain();
    r.server.faults.add({ kind: 'status', status: 429, retryAfter: '2998080', path: 'skills/activity', count: 1 });
    await r.step(10_000);
    const refusedAt = r.clock.now();
    const st = r.poller.status();
    // Data already shown stays, marked stale, with the reason (main/monitor/poll-failure.ts, shared with the agent poller).
    expect(st.status).toBe('stale');
    expect(st.reason).toMatch(/asked the app to wait 34\.7 days; it tries again after 10 min instead\.$/);
    await r.step(9 * 60_000);
    expect(r.calls.filter((c) => c.at > refusedAt)).toHaveLength(0);
    await r.step(65_000);
    expect(r.calls.filter((c) => c.at > refusedAt)).toHaveLength(1);
    expect(r.poller.status().status).toBe('live');
  });

  it('with everything failing for 20 minutes, the two pollers together stay within a bounded number of requests', async () => {
    const r = await rig();
    const agentPoller = agentPollerOn(r);
    try {
      r.server.faults.add({ kind: 'status', status: 503 });
      agentPoller.start();
      r.poller.start();
      await r.drain();
      await r.step(20 * 60_000);
      // Exponential backoff (10 s doubling to a 5-minute cap), one budget: a handful each, not 120 each.
      expect(r.calls.length + r.stateCalls.length).toBeLessThanOrEqual(24);
      expect(r.poller.status().status).toBe('error');
    } finally {
      agentPoller.stop();
    }
  });

  it('a wall-clock jump makes the next poll a full list', async () => {
    const r = await pollingDeltas();
    r.clock.shift(3_600_000);
    await r.step(10_000);
    expect(r.calls.at(-1)!.query.updatedSince).toBeUndefined();
  });

  it('paused before its first answer it says so (not "loading" for ever), asks nothing, and loads on resume', async () => {
    const r = await rig();
    r.poller.pause('user');
    r.poller.start();
    await r.step(30_000);
    expect(r.calls).toHaveLength(0);
    expect(r.poller.status()).toEqual({ status: 'loading', reason: PAUSED_BEFORE_FIRST_ANSWER, updatedAt: null });
    r.poller.resume('user');
    await r.drain();
    expect(r.calls).toHaveLength(1);
    expect(r.poller.status()).toMatchObject({ status: 'live', reason: null });
    // Paused after the first answer it is stale with its time, as before.
    r.poller.pause('lock');
    expect(r.poller.status()).toMatchObject({ status: 'stale', reason: 'Polling is paused.' });
    expect(r.poller.status().updatedAt).not.toBeNull();
  });

  it('held by the shared budget (a Retry-After on agents/states) for three intervals, live figures turn stale, and live again after', async () => {
    const r = await rig();
    const agentPoller = agentPollerOn(r);
    try {
      agentPoller.start();
      r.poller.start();
      await r.drain();
      r.server.faults.add({ kind: 'status', status: 503, retryAfter: '120', path: 'agents/states', count: 1 });
      await r.step(10_000);
      expect(r.poller.status().status).toBe('live');
      // No answer for 3 intervals (nothing was even asked): the strip says the figures may be old.
      await r.step(30_000);
      expect(r.poller.status()).toMatchObject({ status: 'stale', reason: expect.stringMatching(/has not answered for a while/) });
      await r.step(90_000);
      expect(r.poller.status()).toMatchObject({ status: 'live', reason: null });
    } finally {
      agentPoller.stop();
    }
  });

  it('after resuming, the first poll is a full list', async () => {
    const r = await pollingDeltas();
    r.poller.pause('suspend');
    await r.step(60_000);
    const n = r.calls.length;
    r.poller.resume('suspend');
    await r.drain();
    expect(r.calls).toHaveLength(n + 1);
    expect(r.calls[n]!.query.updatedSince).toBeUndefined();
  });

  it('a sleep that comes and goes while a delta is out still brings a full list after that delta', async () => {
    const r = await pollingDeltas();
    r.server.faults.add({ kind: 'slow', delayMs: 200, path: 'skills/activity', count: 1 });
    await r.clock.advance(10_000);
    const n = r.calls.length;
    expect(r.calls[n - 1]!.query.updatedSince).toBeDefined();
    r.poller.pause('suspend');
    r.poller.resume('suspend');
    await r.drain();
    // The delta's answer came after the resume; the full list the resume asked for still follows it.
    expect(r.calls).toHaveLength(n + 1);
    expect(r.calls[n]!.query.updatedSince).toBeUndefined();
    expect(r.results.at(-1)).toMatchObject({ kind: 'snapshot' });
  });

  it('turned off by a 403, a pause and resume change nothing; a new start asks again', async () => {
    const r = await rig();
    r.server.faults.add({ kind: 'status', status: 403, path: 'skills/activity', count: 1 });
    r.poller.start();
    await r.drain();
    const off = r.poller.status();
    expect(off.status).toBe('unavailable');
    r.poller.pause('lock');
    expect(r.poller.status()).toEqual(off);
    r.poller.resume('lock');
    await r.step(60_000);
    expect(skillRequests(r.server)).toHaveLength(1);
    r.poller.stop();
    r.poller.start();
    await r.drain();
    expect(skillRequests(r.server)).toHaveLength(2);
    expect(r.poller.status().status).toBe('live');
  });

  it('a refused token (401 after the renewal) waits for the next renewal instead of retrying on a timer', async () => {
    const r = await rig();
    r.poller.start();
    await r.drain();
    r.server.faults.add({ kind: 'status', status: 401, path: 'skills/activity', count: 2 });
    await r.step(10_000);
    expect(r.poller.status()).toMatchObject({ status: 'stale' });
    const n = skillRequests(r.server).length;
    await r.step(10 * 60_000);
    expect(skillRequests(r.server)).toHaveLength(n);
    r.poller.authRenewed();
    await r.drain();
    expect(skillRequests(r.server)).toHaveLength(n + 1);
    expect(r.poller.status().status).toBe('live');
  });

  it('publishes each status once: repeated failures with the same words add no repeated status', async () => {
    const r = await rig();
    r.poller.start();
    await r.drain();
    r.server.faults.add({ kind: 'status', status: 500, path: 'skills/activity', count: 4 });
    await r.step(5 * 60_000);
    const same = (a: QueuePollerStatus, b: QueuePollerStatus) => a.status === b.status && a.reason === b.reason && a.updatedAt === b.updatedAt;
    expect(r.statuses.filter((st, i) => i > 0 && same(st, r.statuses[i - 1]!))).toEqual([]);
    expect(r.statuses.filter((st) => st.status === 'stale').length).toBeGreaterThan(0);
  });

  it('a pause that starts while the first answer is pending reads as paused until resume', async () => {
    const r = await rig();
    r.poller.start();
    r.poller.pause('offline');
    expect(r.poller.status()).toMatchObject({ status: 'loading', reason: PAUSED_BEFORE_FIRST_ANSWER });
    r.poller.resume('offline');
    expect(r.poller.status()).toMatchObject({ status: 'loading', reason: null });
    await r.drain();
    expect(r.poller.status()).toMatchObject({ status: 'live' });
  });

  it('a refused token answering a poll sent before a pause keeps the strip saying it is paused; resume asks again', async () => {
    const r = await rig();
    r.poller.start();
    await r.drain();
    const before = r.calls.length;
    // Held 200 ms (the pause comes meanwhile), then 401 twice: the client renews once and asks again, then gives up.
    r.server.faults.add({ kind: 'slow', delayMs: 200, path: 'skills/activity', count: 1 });
    r.server.faults.add({ kind: 'status', status: 401, path: 'skills/activity', count: 2 });
    await r.clock.advance(10_000);
    expect(r.calls.length).toBe(before + 1);
    r.poller.pause('lock');
    await r.drain();
    expect(r.server.requests.filter((q) => q.path === SKILLS_PATH && q.status === 401)).toHaveLength(2);
    expect(r.poller.status()).toMatchObject({ status: 'stale', reason: 'Polling is paused.' });
    r.poller.resume('lock');
    await r.drain();
    expect(r.poller.status()).toMatchObject({ status: 'live', reason: null });
  });
});

