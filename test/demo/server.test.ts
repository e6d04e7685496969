// The simulated tenant's HTTP face, spoken to with plain fetch on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgentStatesFixture } from '../../main/demo/fixtures';
import { startDemoTenant } from '../../main/demo/demo-tenant';
import { startSimulatorServer } from '../../main/demo/server';
import type { SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createCxoneClient } from '../../main/cxone/client';
import { parseAgentStatesJson } from '../../main/cxone/schemas';
import type { Clock } from '../../main/ports';
import { inTimeZoneAsync } from '../harness/time-zone';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
const auth = { authorization: 'Bearer test-token' };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${server.apiBase}/${path}`, { headers });

beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: 250, seed: 21 });
  server = await startSimulatorServer({ simulator: sim });
});
afterAll(() => server.stop());

describe('simulator server', () => {
  it('updatedSince deltas contain exactly the agents that changed, round after round', async () => {
    let r = await get('agents/states');
    let since = ((await r.json()) as { lastPollTime: string }).lastPollTime;
    let nonEmpty = 0;
    for (let round = 0; round < 30; round++) {
      const seq = sim.lastSeq();
      sim.advance(10_000);
      const expected = [...new Set(sim.events(seq).map((e) => e.agentId))].sort((a, b) => a - b);
      r = await get(`agents/states?updatedSince=${encodeURIComponent(since)}`);
      if (r.status === 200) {
        const page = parseAgentStatesJson(await r.text());
        expect(page.states.map((s) => s.agentId)).toEqual(expected);
        expect(page.states).toEqual(expected.map((id) => sim.agentState(id)));
        expect(page.lastPollTime).toBe(new Date(sim.now()).toISOString());
        since = page.lastPollTime!;
        if (expected.length) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('pages with totalRecords and an absolute _links.next on this server', async () => {
    const body = (await (await get('agents/states?top=100&skip=100')).json()) as {
      totalRecords: number;
      _links: { next: string | null; previous: string | null };
      agentStates: Array<{ agentId: number }>;
    };
    expect(body.totalRecords).toBe(250);
    expect(body.agentStates.map((a) => a.agentId)).toEqual(sim.agents.slice(100, 200).map((a) => a.agentId));
    expect(new URL(body._links.next!).searchParams.get('skip')).toBe('200');
    expect(body._links.next!.startsWith(server.apiBase)).toBe(true);
    expect(new URL(body._links.previous!).searchParams.get('skip')).toBe('0');
    const last = (await (await fetch(body._links.next!, { headers: auth })).json()) as { _links: { next?: string }; agentStates: unknown[] };
    expect(last.agentStates).toHaveLength(50);
    expect(last._links.next).toBeUndefined();
    // The first page has no previous link: v34 leaves off one that does not apply.
    expect(((await (await get('agents/states?top=100')).json()) as { _links: { previous?: string } })._links.previous).toBeUndefined();
    expect((await get('agents/states?top=0')).status).toBe(400);
  });

  it('projects fields case-insensitively', async () => {
    const body = (await (await get('agents/states?fields=AGENTID,agentStateName&top=2')).json()) as { agentStates: object[] };
    expect(body.agentStates.map((a) => Object.keys(a))).toEqual([['agentId', 'agentStateName'], ['agentId', 'agentStateName']]);
  });

  it('requires a bearer token and asks acceptToken about it', async () => {
    const none = await get('agents/states', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('icStatusDescription')).toBe('Authorization header is missing');
    const seen: string[] = [];
    server.settings.acceptToken = (t) => {
      seen.push(t);
      return t === 'good';
    };
    try {
      expect((await get('teams', { authorization: 'Bearer bad' })).status).toBe(401);
      expect((await get('teams', { authorization: 'Bearer good' })).status).toBe(200);
      expect(seen).toEqual(['bad', 'good']);
    } finally {
      server.settings.acceptToken = (t) => t.length > 0;
    }
    // Discovery needs no token.
    expect((await fetch(`${server.url}/.well-known/cxone-configuration?tenantId=${server.tenantId}`)).status).toBe(200);
    expect((await fetch(`${server.url}/.well-known/cxone-configuration?tenantId=other`)).status).toBe(404);
  });

  it('faults hit only their path, only the next N times', async () => {
    const h = server.faults.add({ kind: 'status', status: 503, path: /\/teams$/, count: 2 });
    expect((await get('agents/states?top=1')).status).toBe(200);
    expect((await get('teams')).status).toBe(503);
    expect(h.remaining()).toBe(1);
    const r = await get('teams');
    expect(r.status).toBe(503);
    expect(r.headers.get('icStatusDescription')).toBe('Service unavailable');
    expect((await get('teams')).status).toBe(200);
    expect(server.faults.active()).toEqual([]);
    const forever = server.faults.add({ kind: 'status', status: 429, retryAfter: '3' });
    for (let i = 0; i < 3; i++) expect((await get('unavailable-codes')).headers.get('retry-after')).toBe('3');
    forever.remove();
    // A 429 without its own Retry-After still says when to come back, as CXone's do.
    server.faults.add({ kind: 'status', status: 429, count: 1 });
    expect((await get('unavailable-codes')).headers.get('retry-after')).toBe('2');
    expect((await get('unavailable-codes')).status).toBe(200);
  });

  it('slow then failing: a slow rule is followed by the next matching rule', async () => {
    server.faults.add({ kind: 'slow', delayMs: 30, count: 1 });
    server.faults.add({ kind: 'status', status: 409, count: 1 });
    expect((await get('teams')).status).toBe(409);
    expect(server.requests.at(-1)).toMatchObject({ path: expect.stringMatching(/teams$/), status: 409, fault: 'status' });
  });

  // One rule for every list's query parameters (main/demo/route-answer.ts): a bad value is a 400 that
  // names the parameter, as CXone's icStatusDescription does; a good one, or none, is answered.
  it.each([
    ['agents/states', 'top', '0', '100'],
    ['agents/states', 'skip', '-1', '5'],
    ['agents/states', 'updatedSince', 'yesterday', '2025-01-15T14:03:27'],
    ['agents', 'top', 'x', '10'],
    ['agents', 'updateSince', '15/01/2025', '2025-01-15T14:03:27Z'],
    ['unavailable-codes', 'skip', '1.5', '2'],
    ['skills/activity', 'top', '0', '3'],
    ['skills/activity', 'updatedSince', 'soon', '2025-01-15T14:03:27Z'],
    ['skills/activity', 'mediaTypeId', '-4', '4'],
    ['skills/agents', 'skip', 'one', '1'],
  ])('%s?%s=%s is a 400 naming the parameter; a good value is answered', async (path, name, bad, good) => {
    const refused = await get(`${path}?${name}=${encodeURIComponent(bad)}`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('icStatusDescription')).toBe(`Invalid ${name}`);
    expect(await refused.json()).toEqual({ error: `Invalid ${name}` });
    const answered = await get(`${path}?${name}=${encodeURIComponent(good)}`);
    expect([200, 204, 304]).toContain(answered.status);
    expect((await get(`${path}?${name}=`)).status).toBe(200);
  });

  it('single agent: numeric id works, anything else is 404 "Invalid Agent Id"', async () => {
    const a = sim.agents[3]!;
    expect((await get(`agents/${a.agentId}/states`)).status).toBe(200);
    for (const bad of [a.userId, '1']) {
      const r = await get(`agents/${bad}/states`);
      expect(r.status).toBe(404);
      expect(r.headers.get('icStatusDescription')).toBe('Invalid Agent Id');
    }
  });

  it('tracks concurrency and stops cleanly with a request still pending', async () => {
    const own = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 5 }) });
    own.faults.add({ kind: 'slow', delayMs: 60_000 });
    const pending = fetch(`${own.apiBase}/teams`, { headers: auth }).then(
      (r) => r.status,
      () => 'closed',
    );
    const pending2 = fetch(`${own.apiBase}/teams`, { headers: auth }).catch(() => 'closed');
    for (let i = 0; i < 100 && own.stats.inFlight < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(own.stats.maxInFlight).toBe(2);
    await own.stop();
    expect(await pending).toBe('closed');
    expect(await pending2).toBe('closed');
    await expect(fetch(`${own.apiBase}/teams`, { headers: auth })).rejects.toThrow();
  });
});

/** A clock that reads `now()` and runs real timers that never hold the process open. */
function clockReading(now: () => number): Clock {
  return {
    now,
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref();
      return t;
    },
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

describe('demo tenant', () => {
  it('moves with its clock and serves the app through the same client', async () => {
    let now = Date.UTC(2025, 5, 1, 9, 0, 0);
    const clock = clockReading(() => now);
    const demo = await startDemoTenant({ agents: 40, seed: 3, clock });
    try {
      expect(demo.label).toBe('Demo tenant');
      const c = createCxoneClient({ baseUrl: demo.apiBase, getAccessToken: async () => 'demo', onUnauthorized: () => {}, clock });
      const first = await c.getAgentStates();
      expect(first.lastPollTime).toBe(new Date(now).toISOString());
      now += 20 * 60_000;
      const d = await c.getAgentStates({ updatedSince: first.lastPollTime! });
      expect(demo.simulator.now()).toBe(now);
      expect(d.lastPollTime).toBe(new Date(now).toISOString());
      if (d.kind !== 'changes') throw new Error('twenty minutes without a change');
      expect(d.states).toEqual(demo.simulator.changedSince(Date.parse(first.lastPollTime!)).map((id) => demo.simulator.agentState(id)));
    } finally {
      await demo.stop();
    }
  });
});

describe('demo tenant, in a zone with summer time', () => {
  it("keeps its queues' day on this computer's clock after the clocks go back", async () => {
    await inTimeZoneAsync('America/St_Johns', async () => {
      // Started the day before St John's clocks go back (Nov 1 2026, 02:00 NDT, −2:30, to 01:00 NST, −3:30).
      const now = Date.UTC(2026, 9, 31, 12, 0, 0);
      const clock = clockReading(() => now);
      const demo = await startDemoTenant({ agents: 20, seed: 3, clock });
      try {
        const skills = demo.server.skills!;
        // 12:00 UTC is 09:30 on the first day and 08:30 on the next: the morning peak stays in the morning.
        expect(skills.localHour(now)).toBe(9.5);
        expect(skills.localHour(now + 86_400_000)).toBe(8.5);
      } finally {
        await demo.stop();
      }
    });
  });
});

describe('bench fixtures', () => {
  it('a churn body lists the given share of agents, each in a different state than in the full body', () => {
    const full = parseAgentStatesJson(makeAgentStatesFixture(2000, { seed: 4 }).body).states;
    const delta = makeAgentStatesFixture(2000, { seed: 4, churn: 0.01 });
    const changed = parseAgentStatesJson(delta.body).states;
    expect(changed).toHaveLength(20);
    expect(changed.map((s) => s.agentId)).toEqual(delta.agentIds);
    const byId = new Map(full.map((s) => [s.agentId, s]));
    for (const s of changed) {
      const was = byId.get(s.agentId)!;
      expect([was.stateId, was.isACW, was.outStateId]).not.toEqual([s.stateId, s.isACW, s.outStateId]);
    }
  });
});
