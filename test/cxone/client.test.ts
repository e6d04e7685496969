// The CXone client against the real simulated tenant on 127.0.0.1: every status and shape variant.
import { createServer } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCxoneClient, SENDS_WHEN_DROPPED } from '../../main/cxone/client';
import type { CxoneClient, CxoneClientOptions } from '../../main/cxone/client';
import { AuthError } from '../../main/auth/errors';
import type { Clock, Logger } from '../../main/ports';
import { systemClock } from '../../main/ports';
import { startSimulatorServer } from '../../main/demo/server';
import type { SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { failure } from './failure';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
const logged: unknown[] = [];
const captureLogger: Logger = {
  debug: (m, d) => void logged.push([m, d]),
  info: (m, d) => void logged.push([m, d]),
  warn: (m, d) => void logged.push([m, d]),
  error: (m, d) => void logged.push([m, d]),
};

function client(extra: Partial<CxoneClientOptions> = {}) {
  return createCxoneClient({
    baseUrl: server.apiBase,
    getAccessToken: async () => TOKEN,
    onUnauthorized: () => {},
    logger: captureLogger,
    ...extra,
  });
}

const statesRequests = () => server.requests.filter((r) => r.path.endsWith('/agents/states'));

beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: 120, seed: 7 });
  server = await startSimulatorServer({ simulator: sim });
});
afterAll(async () => {
  await server.stop();
  // No token may ever reach a log line.
  expect(JSON.stringify(logged)).not.toContain(TOKEN);
  expect(JSON.stringify(logged)).not.toContain('c2VjcmV0LXRva2Vu');
});
afterEach(() => {
  server.faults.clear();
  server.settings.shape = 'v34';
  server.settings.noChange = '200-empty';
  server.settings.defaultPageSize = null;
  server.settings.messy = false;
  server.settings.acceptToken = (t) => t.length > 0;
});

describe('agents/states shapes', () => {
  for (const shape of ['v34', 'older', 'resultSet'] as const) {
    it(`a full snapshot in the ${shape} shape equals the simulator's truth`, async () => {
      server.settings.shape = shape;
      const r = await client().getAgentStates();
      expect(r.kind).toBe('changes');
      if (r.kind !== 'changes') return;
      expect(r.states).toEqual(sim.snapshot());
      expect(r.lastPollTime).toBe(new Date(sim.now()).toISOString());
      expect(r.totalRecords).toBe(120);
      expect(r.pages).toBe(1);
    });
  }

  it('a delta with updatedSince holds exactly the agents that changed, stamped with the server clock', async () => {
    const c = client();
    const first = await c.getAgentStates();
    const since = first.lastPollTime!;
    sim.advance(45_000);
    const changed = sim.changedSince(Date.parse(since));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(120);
    const d = await c.getAgentStates({ updatedSince: since });
    expect(d.kind).toBe('changes');
    if (d.kind !== 'changes') return;
    expect(d.states.map((s) => s.agentId)).toEqual(changed);
    expect(d.states).toEqual(changed.map((id) => sim.agentState(id)));
    expect(d.lastPollTime).toBe(new Date(sim.now()).toISOString());
  });

  it('reads a full list into literal-made states and a delta into class-made ones (agent-states.ts, StatesRead)', async () => {
    const c = client();
    const first = await c.getAgentStates();
    if (first.kind !== 'changes') throw new Error('the first read is a full list');
    expect(first.states.every((s) => Object.getPrototypeOf(s) === Object.prototype)).toBe(true);
    sim.advance(45_000);
    const d = await c.getAgentStates({ updatedSince: first.lastPollTime! });
    if (d.kind !== 'changes' || d.states.length === 0) throw new Error('the simulator changed nobody in 45 s');
    expect(d.states.some((s) => Object.getPrototypeOf(s) === Object.prototype)).toBe(false);
  });
});

describe('no-change answers', () => {
  for (const answer of ['200-empty', '204', '304'] as const) {
    it(`${answer} is "no change", never "everyone logged out"`, async () => {
      server.settings.noChange = answer;
      const c = client();
      const first = await c.getAgentStates();
      // Precondition: nothing changes at the very instant of the poll, so the delta must be empty.
      expect(sim.changedSince(Date.parse(first.lastPollTime!))).toEqual([]);
      const d = await c.getAgentStates({ updatedSince: first.lastPollTime! });
      expect(d.kind).toBe('no-change');
      if (d.kind !== 'no-change') return;
      expect(d.status).toBe(answer === '200-empty' ? 200 : Number(answer));
      expect(d.lastPollTime).toBe(answer === '200-empty' ? first.lastPollTime : null);
    });
  }
});

describe('paging and fields', () => {
  it('follows top/skip pages to totalRecords', async () => {
    const before = statesRequests().length;
    const r = await client().getAgentStates({ top: 7 });
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.pages).toBe(18);
    expect(r.states).toEqual(sim.snapshot());
    const reqs = statesRequests().slice(before);
    expect(reqs).toHaveLength(18);
    expect(reqs.at(-1)!.query).toContain('skip=119');
  });

  it('closed while a list is being paged: it stops at the next page, and every later call fails unsent', async () => {
    const before = statesRequests().length;
    // The feed that owns the client stops (sign-out, another tenant, quit) once the third page has come.
    let answered = 0;
    const c: CxoneClient = client({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (++answered === 3) c.close();
        return res;
      },
    });
    const e = await failure(c.getAgentStates({ top: 7 }));
    expect(e).toMatchObject({ kind: 'network', message: `The request to CXone (${new URL(server.apiBase).host}) was cancelled.` });
    expect(statesRequests().length - before).toBe(3);
    const sent = server.requests.length;
    for (const call of [c.getTeams(), c.getAgentState(1), c.getSkillAssignments(), c.getRaw('agents/states')]) await expect(call).rejects.toMatchObject({ kind: 'network' });
    expect(server.requests.length).toBe(sent);
  });

  it('closed while a request is out: that request is cancelled at once, not left to its timeout', async () => {
    server.faults.add({ kind: 'slow', delayMs: 3_000, path: 'agents/states', count: 1 });
    let out!: () => void;
    const sent = new Promise<void>((r) => (out = r));
    const c = client({
      timeoutMs: 60_000,
      fetch: (input, init) => {
        out();
        return fetch(input, init);
      },
    });
    const pending = failure(c.getAgentStates());
    await sent;
    c.close();
    // Cancelled rather than answered: the answer would have come after 3 s, and with a list.
    expect(await pending).toMatchObject({ kind: 'network', message: expect.stringMatching(/was cancelled\.$/) });
  });

  it('follows _links.next when the server pages on its own', async () => {
    server.settings.defaultPageSize = 50;
    const r = await client().getAgentStates();
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.pages).toBe(3);
    expect(r.states).toHaveLength(120);
  });

  it('stops after one page when asked to', async () => {
    const r = await client().getAgentStates({ top: 10, skip: 20, followPages: false });
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.states.map((s) => s.agentId)).toEqual(sim.agents.slice(20, 30).map((a) => a.agentId));
    expect(r.totalRecords).toBe(120);
  });

  it('sends fields and reads a projected answer', async () => {
    const r = await client().getAgentStates({ fields: ['agentId', 'agentStateId', 'agentStateName', 'isACW'] });
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(statesRequests().at(-1)!.query).toContain('fields=agentId%2CagentStateId%2CagentStateName%2CisACW');
    const truth = sim.snapshot();
    expect(r.states.map((s) => [s.agentId, s.stateId, s.category])).toEqual(truth.map((s) => [s.agentId, s.stateId, s.category]));
    expect(r.states[0]!.firstName).toBe('');
  });

  it('leaves out items whose state the fields left out, and says which field is missing', async () => {
    const r = await client().getAgentStates({ fields: ['agentId', 'firstName'] });
    if (r.kind !== 'changes') throw new Error('a page of unreadable items is not "no change"');
    expect(r.states).toEqual([]);
    expect(r.leftOut).toEqual({ count: 120, firstReason: expect.stringMatching(/^agentStates\[0\]: neither agentStateId nor agentStateName/) });
    expect(r.complete).toBe(false);
  });

  /** A loopback CXone that pages by skip; its first page's next link is the given one. */
  async function pagingServer(next: (port: number) => string, opts: { total?: number; base?: string } = {}) {
    const total = opts.total ?? 3;
    const base = opts.base ?? '/inContactAPI/services/v34.0';
    const seen: string[] = [];
    const srv = createServer((req, res) => {
      seen.push(req.url ?? '');
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (u.pathname !== `${base}/agents/states`) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const skip = Number(u.searchParams.get('skip') ?? 0);
      const items = skip < total ? [{ agentId: skip + 1, agentStateId: 1 }] : [];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ totalRecords: total, _links: skip === 0 ? { next: next(port) } : {}, agentStates: items }));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    return {
      seen,
      api: `http://127.0.0.1:${port}${base}`,
      close: async () => {
        srv.closeAllConnections();
        await new Promise((r) => srv.close(r));
      },
    };
  }

  it('refuses a next-page link to another host (the token would go with it) and pages on with top/skip on its own host', async () => {
    const s = await pagingServer(() => 'https://evil.example/page2');
    const fetched: string[] = [];
    try {
      const r = await client({ baseUrl: s.api, fetch: (u, init) => (fetched.push(String(u)), fetch(u, init)) }).getAgentStates();
      if (r.kind !== 'changes') throw new Error('expected changes');
      expect(r.states.map((a) => a.agentId)).toEqual([1, 2, 3]);
      expect(r.complete).toBe(true);
      expect(fetched.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
      expect(s.seen.slice(1)).toEqual(['/inContactAPI/services/v34.0/agents/states?skip=1&top=1', '/inContactAPI/services/v34.0/agents/states?skip=2&top=1']);
    } finally {
      await s.close();
    }
  });

  it('a next link back to the page itself is not followed: the rest comes by top/skip, each page once', async () => {
    const s = await pagingServer((port) => `http://127.0.0.1:${port}/inContactAPI/services/v34.0/agents/states`);
    try {
      const r = await client({ baseUrl: s.api }).getAgentStates();
      if (r.kind !== 'changes') throw new Error('expected changes');
      expect([r.states.map((a) => a.agentId), r.pages, r.complete]).toEqual([[1, 2, 3], 3, true]);
      expect(s.seen).toEqual(['/inContactAPI/services/v34.0/agents/states', '/inContactAPI/services/v34.0/agents/states?skip=1&top=1', '/inContactAPI/services/v34.0/agents/states?skip=2&top=1']);
    } finally {
      await s.close();
    }
  });

  it('pages on from the skip and with the top the caller asked for, and sends no empty fields list', async () => {
    const s = await pagingServer(() => 'https://evil.example/next', { total: 5 });
    try {
      const r = await client({ baseUrl: s.api }).getAgentStates({ skip: 1, top: 2, fields: [] });
      if (r.kind !== 'changes') throw new Error('expected changes');
      // The server sends one agent a page whatever top says; the client asks on from where it got to.
      expect(s.seen).toEqual([
        '/inContactAPI/services/v34.0/agents/states?top=2&skip=1',
        '/inContactAPI/services/v34.0/agents/states?top=2&skip=2',
        '/inContactAPI/services/v34.0/agents/states?top=2&skip=3',
        '/inContactAPI/services/v34.0/agents/states?top=2&skip=4',
      ]);
      expect(r.states.map((a) => a.agentId)).toEqual([2, 3, 4, 5]);
    } finally {
      await s.close();
    }
  });

  it('follows at most maxPages pages, then says the list is not whole', async () => {
    const s = await pagingServer(() => 'states?skip=1', { total: 10 });
    try {
      const r = await client({ baseUrl: s.api, maxPages: 4 }).getAgentStates();
      if (r.kind !== 'changes') throw new Error('expected changes');
      expect([r.pages, r.states.length, s.seen.length]).toEqual([4, 4, 4]);
      expect(r.complete).toBe(false);
      expect(r.incompleteReason).toBe('CXone kept sending more pages after 4; the app stopped following them.');
    } finally {
      await s.close();
    }
  });

  it('resolves a next link given as a path from the host root against the request URL (no doubled base path)', async () => {
    const s = await pagingServer(() => '/inContactAPI/services/v34.0/agents/states?skip=1');
    try {
      const r = await client({ baseUrl: s.api }).getAgentStates();
      if (r.kind !== 'changes') throw new Error('expected changes');
      expect(r.states.map((a) => a.agentId)).toEqual([1, 2, 3]);
      expect(s.seen[1]).toBe('/inContactAPI/services/v34.0/agents/states?skip=1');
      // A relative reference resolves against the page it came with, too.
      const rel = await pagingServer(() => 'states?skip=1');
      try {
        const r2 = await client({ baseUrl: rel.api }).getAgentStates();
        expect(r2.kind === 'changes' && r2.states.length).toBe(3);
        expect(rel.seen[1]).toBe('/inContactAPI/services/v34.0/agents/states?skip=1');
      } finally {
        await rel.close();
      }
    } finally {
      await s.close();
    }
  });

  it('merges an agent that overlapping pages list twice: the later page wins, at the first place; the count is of distinct agents', async () => {
    // Page 1 (skip 0): agents 1 and 2; page 2 (skip 1): agents 2 (changed meanwhile) and 3. totalRecords 3.
    const srv = createServer((req, res) => {
      const skip = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('skip') ?? 0);
      const items =
        skip === 0
          ? [{ agentId: 1, agentStateId: 1 }, { agentId: 2, agentStateId: 1 }]
          : [{ agentId: 2, agentStateId: 2, outStateId: 5, outStateDescription: 'Break' }, { agentId: 3, agentStateId: 1 }];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ totalRecords: 3, _links: skip === 0 ? { next: `${req.url?.split('?')[0]}?skip=1` } : {}, agentStates: items }));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const r = await client({ baseUrl: `http://127.0.0.1:${(srv.address() as { port: number }).port}/inContactAPI/services/v34.0` }).getAgentStates();
      if (r.kind !== 'changes') throw new Error('expected changes');
      expect(r.states.map((a) => [a.agentId, a.stateName])).toEqual([[1, 'Available'], [2, 'Unavailable'], [3, 'Available']]);
      expect(r.states[1]!.outStateDescription).toBe('Break');
      expect(r.complete).toBe(true);
    } finally {
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
  });

  it('counts a list read from a skip as whole when the skipped agents and the ones sent make totalRecords', async () => {
    server.settings.defaultPageSize = null;
    const r = await client().getAgentStates({ top: 1000, skip: 20 });
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.states).toHaveLength(sim.agents.length - 20);
    expect(r.complete).toBe(true);
  });

  it('reads a messy tenant (numeric strings, "True"/"False", nulls, zone-less times, PascalCase, root-path links) whole', async () => {
    server.settings.defaultPageSize = 50;
    server.settings.messy = true;
    const r = await client().getAgentStates();
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.pages).toBe(3);
    expect(r.complete).toBe(true);
    expect(r.leftOut).toBeUndefined();
    expect(r.states).toEqual(sim.snapshot());
    expect(r.lastPollTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
  });

  it('a list shorter than its totalRecords is marked incomplete, with the reason', async () => {
    server.settings.defaultPageSize = 50;
    server.faults.add({ kind: 'short-list', missing: 5, path: 'agents/states' });
    const r = await client().getAgentStates();
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.complete).toBe(false);
    expect(r.incompleteReason).toMatch(/totalRecords 120 but sent 1\d\d/);
    // The pages that did come are all kept.
    expect(r.states.length).toBeGreaterThan(100);
  });

  it('a body sent in small pieces that split multi-byte characters reads exactly (decoded once, whole)', async () => {
    const names = ['Chloé', 'Zoë', 'Bergström', 'Łukasz', '李雷', 'Søren 🙂'];
    const body = Buffer.from(JSON.stringify({
      totalRecords: names.length,
      agentStates: names.map((firstName, i) => ({ agentId: 100 + i, agentStateId: 1, agentStateName: 'Available', firstName, lastName: 'Ü', startDate: '2025-01-15T14:03:27Z' })),
    }));
    // 7-byte writes with a pause between them: most multi-byte characters straddle two chunks.
    const chunked = createServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < body.length; i += 7) {
        res.write(body.subarray(i, i + 7));
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
    await new Promise<void>((r) => chunked.listen(0, '127.0.0.1', r));
    try {
      const port = (chunked.address() as { port: number }).port;
      const got = await client({ baseUrl: `http://127.0.0.1:${port}/inContactAPI/services/v34.0` }).getAgentStates();
      expect(got.kind).toBe('changes');
      if (got.kind !== 'changes') return;
      expect(got.states.map((s) => s.firstName)).toEqual(names);
      expect(got.states.every((s) => s.lastName === 'Ü')).toBe(true);
    } finally {
      chunked.closeAllConnections();
      await new Promise((r) => chunked.close(r));
    }
  });

  it('a body larger than the limit, or nested a million deep, is a typed error', async () => {
    const e = await failure(client({ maxBodyBytes: 10_000 }).getAgentStates());
    expect(e).toMatchObject({ kind: 'malformed', path: '(body)' });
    expect(e.message).toMatch(/larger than/);
    const n = 1_000_000;
    const deep = createServer((_req, res) => res.end('['.repeat(n) + ']'.repeat(n)));
    await new Promise<void>((r) => deep.listen(0, '127.0.0.1', r));
    try {
      const port = (deep.address() as { port: number }).port;
      const d = await failure(client({ baseUrl: `http://127.0.0.1:${port}/inContactAPI/services/v34.0` }).getAgentStates());
      expect(d).toMatchObject({ kind: 'malformed', path: '(body)' });
    } finally {
      deep.closeAllConnections();
      await new Promise((r) => deep.close(r));
    }
  });
});

describe('other endpoints', () => {
  it('one agent by numeric id', async () => {
    const a = sim.agents[5]!;
    // agents/{id}/states carries no userName (cxone-contract): everything else is the list's state.
    expect(await client().getAgentState(a.agentId)).toEqual({ ...sim.agentState(a.agentId), userName: null });
  });

  it('a user UUID on the state endpoint is 404 "Invalid Agent Id"', async () => {
    const e = await failure(client().getAgentState(sim.agents[5]!.userId));
    expect(e).toMatchObject({ kind: 'not-found', status: 404, statusDescription: 'Invalid Agent Id' });
    expect(e.message).toContain('Invalid Agent Id');
  });

  it('agents, with names and teams, maps a UUID to the numeric id', async () => {
    const r = await client().getAgents({ top: 25 });
    expect(r.agents).toHaveLength(120);
    expect(r.agents[3]).toMatchObject({ agentId: sim.agents[3]!.agentId, teamName: sim.agents[3]!.teamName, isActive: sim.agents[3]!.isActive });
    const byUuid = await client().getAgent(sim.agents[9]!.userId);
    expect(byUuid.agentId).toBe(sim.agents[9]!.agentId);
    expect((await failure(client().getAgent(123))).kind).toBe('not-found');
  });

  it('agents with updateSince after the last profile change is "no change" in every spelling', async () => {
    for (const answer of ['200-empty', '204', '304'] as const) {
      server.settings.noChange = answer;
      const r = await client().getAgents({ updateSince: new Date(sim.now()).toISOString() });
      expect(r.agents).toEqual([]);
      expect(r.status).toBe(answer === '200-empty' ? 200 : Number(answer));
    }
  });

  it('teams and unavailable codes', async () => {
    const teams = await client().getTeams();
    expect(teams.map((t) => t.teamId)).toEqual(sim.teams.map((t) => t.teamId));
    const codes = await client().getUnavailableCodes();
    expect(codes.map((c) => c.outStateDescription)).toContain('Lunch');
    expect(codes.filter((c) => c.isAcw).map((c) => c.outStateDescription)).toEqual(['ACW']);
  });

  it('getRaw returns any status without interpreting it', async () => {
    server.faults.add({ kind: 'status', status: 403, statusDescription: 'Security permissions prevent access to data', count: 1 });
    const raw = await client().getRaw('agents/states?top=1');
    expect(raw).toMatchObject({ status: 403, statusDescription: 'Security permissions prevent access to data' });
    expect(raw.url).toBe(`${server.apiBase}/agents/states?top=1`);
  });
});

describe('lists whose pages overlap, and what the client sends (a server on 127.0.0.1 answering by path)', () => {
  // /agents and /skills/activity in two pages that both list one item (the second copy changed
  // meanwhile); a team's code list naming one code twice; a raw answer longer than a report keeps.
  const queries: string[] = [];
  let srv: ReturnType<typeof createServer>;
  let base = '';
  beforeAll(async () => {
    srv = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      queries.push(`${url.pathname.split('/v34.0/')[1]}${url.search}`);
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const next = skip === 0 ? { next: `${url.pathname}?skip=1` } : {};
      const send = (body: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (url.pathname.endsWith('/agents')) {
        const agents = skip === 0
          ? [{ agentId: 1, firstName: 'Ann', lastName: 'A' }, { agentId: 2, firstName: 'Bo', lastName: 'B' }]
          : [{ agentId: 2, firstName: 'Bob', lastName: 'B' }, { agentId: 3, firstName: 'Cy', lastName: 'C' }];
        return send({ totalRecords: 3, _links: next, agents });
      }
      if (url.pathname.endsWith('/skills/activity')) {
        const skillActivity = skip === 0
          ? [{ skillId: 10, skillName: 'Billing', queueCount: 1 }, { skillId: 11, skillName: 'Sales', queueCount: 0 }]
          : [{ skillId: 11, skillName: 'Sales', queueCount: 4 }, { skillId: 12, skillName: 'Support', queueCount: 2 }];
        return send({ totalRecords: 3, lastPollTime: '2026-12-01T10:00:00.000Z', _links: next, skillActivity });
      }
      if (url.pathname.endsWith('/teams/5/unavailable-codes')) {
        return send({ teamId: 5, teamName: 'Billing', unavailableCodes: [
          { outstateId: 12, outstateName: 'Break', isAcw: false, isActive: true, agentTimeoutMins: '15' },
          { outstateId: 12, outstateName: 'Break', isAcw: false, isActive: true, agentTimeoutMins: '15' },
          { outstateId: 13, outstateName: 'Lunch', isAcw: false, isActive: true, agentTimeoutMins: '30' },
        ] });
      }
      return send({ note: 'x'.repeat(5_000) });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(srv.address() as { port: number }).port}/inContactAPI/services/v34.0`;
  });
  afterAll(async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  });

  it('GET agents: an agent on two pages is one agent, as the later page has it', async () => {
    const r = await client({ baseUrl: base }).getAgents();
    expect(r.agents.map((a) => [a.agentId, a.firstName])).toEqual([[1, 'Ann'], [2, 'Bob'], [3, 'Cy']]);
  });

  it('GET agents sends the paging words it is given, and no others', async () => {
    queries.length = 0;
    await client({ baseUrl: base }).getAgents({ top: 2, skip: 0, followPages: false });
    expect(queries).toEqual(['agents?top=2&skip=0']);
  });

  it('GET skills/activity: a skill on two pages is one skill, as the later page has it', async () => {
    const r = await client({ baseUrl: base }).getSkillActivity();
    if (r.kind !== 'changes') throw new Error('expected changes');
    expect(r.skills.map((k) => [k.skillId, k.queueCount])).toEqual([[10, 1], [11, 4], [12, 2]]);
  });

  it("a team's unavailable codes name each code once", async () => {
    const codes = await client({ baseUrl: base }).getTeamUnavailableCodes(5);
    expect(codes.map((c) => [c.outStateId, c.outStateDescription])).toEqual([[12, 'Break'], [13, 'Lunch']]);
  });

  it('getRaw parses the whole body but keeps at most 2,000 characters of its text', async () => {
    const raw = await client({ baseUrl: base }).getRaw('anything');
    expect(raw.json).toEqual({ note: 'x'.repeat(5_000) });
    expect(raw.bodyText).toHaveLength(2_000);
  });
});

describe('401: refresh once, retry once', () => {
  it('a refused token is refreshed and the call retried once', async () => {
    let current = 'expired-token';
    let refreshes = 0;
    server.settings.acceptToken = (t) => t === 'fresh-token';
    const c = client({
      getAccessToken: async () => current,
      onUnauthorized: () => {
        refreshes++;
        current = 'fresh-token';
      },
    });
    const before = statesRequests().length;
    const r = await c.getAgentStates();
    expect(r.kind).toBe('changes');
    expect(refreshes).toBe(1);
    expect(statesRequests().slice(before).map((q) => q.status)).toEqual([401, 200]);
  });

  it('a client closed while its request is answered 401 asks the session for no renewal and sends nothing more', async () => {
    // A sign-out while a poll is out: its late 401 must not renew the session that was just ended.
    let refreshes = 0;
    let tokensAsked = 0;
    server.settings.acceptToken = () => false;
    const c: CxoneClient = client({
      getAccessToken: async () => {
        tokensAsked++;
        return TOKEN;
      },
      onUnauthorized: () => void refreshes++,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        c.close();
        return res;
      },
    });
    const before = statesRequests().length;
    expect(await failure(c.getAgentStates())).toMatchObject({ kind: 'network', message: expect.stringMatching(/was cancelled\.$/) });
    expect([refreshes, tokensAsked, statesRequests().length - before]).toEqual([0, 1, 1]);
    // Nor does a call after close() ask for a token.
    await failure(c.getTeams());
    expect(tokensAsked).toBe(1);
  });

  it('a second 401 is reported as unauthorized, without a third try', async () => {
    let refreshes = 0;
    server.settings.acceptToken = () => false;
    const before = statesRequests().length;
    const e = await failure(client({ onUnauthorized: () => void refreshes++ }).getAgentStates());
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401, statusDescription: 'Invalid token' });
    expect(refreshes).toBe(1);
    expect(statesRequests().length - before).toBe(2);
    expect(JSON.stringify(e.toJSON()) + e.message).not.toContain(TOKEN);
  });

  it('tells the session which token was refused, so a late 401 cannot drop a newer token', async () => {
    let current = 'old-token';
    const refused: string[] = [];
    server.settings.acceptToken = (t) => t === 'new-token';
    const c = client({
      getAccessToken: async () => current,
      onUnauthorized: (t) => {
        refused.push(t);
        current = 'new-token';
      },
    });
    expect((await c.getAgentStates()).kind).toBe('changes');
    expect(refused).toEqual(['old-token']);
  });

  it('an injected 401 fault on the next request only costs one retry', async () => {
    let refreshes = 0;
    server.faults.add({ kind: 'status', status: 401, path: 'agents/states', count: 1 });
    const r = await client({ onUnauthorized: () => void refreshes++ }).getAgentStates();
    expect(r.kind).toBe('changes');
    expect(refreshes).toBe(1);
  });
});

describe('error statuses', () => {
  it('403 carries the icStatusDescription text', async () => {
    server.faults.add({ kind: 'status', status: 403, statusDescription: 'Access to business unit is restricted', count: 1 });
    const e = await failure(client().getAgentStates());
    expect(e).toMatchObject({ kind: 'forbidden', status: 403, statusDescription: 'Access to business unit is restricted' });
    expect(e.message).toContain('Access to business unit is restricted');
  });

  it('404, 409, 400, 500 and 503 map to their kinds', async () => {
    const cases = [
      [404, 'not-found'],
      [409, 'conflict'],
      [400, 'bad-request'],
      [500, 'unavailable'],
      [503, 'unavailable'],
    ] as const;
    for (const [status, kind] of cases) {
      server.faults.add({ kind: 'status', status, count: 1 });
      const e = await failure(client().getAgentStates());
      expect(e.kind).toBe(kind);
      expect(e.status).toBe(status);
      expect(e.statusDescription).toBeTruthy();
    }
  });

  it('a bad updatedSince is a 400 from the server', async () => {
    const e = await failure(client().getAgentStates({ updatedSince: 'yesterday' }));
    expect(e).toMatchObject({ kind: 'bad-request', statusDescription: 'Invalid updatedSince' });
  });

  it('429 Retry-After in seconds and as an HTTP date', async () => {
    const fixedNow = Date.UTC(2030, 0, 1, 12, 0, 0);
    const clock: Clock = { ...systemClock, now: () => fixedNow };
    server.faults.add({ kind: 'status', status: 429, retryAfter: '7', count: 1 });
    expect(await failure(client({ clock }).getAgentStates())).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    server.faults.add({ kind: 'status', status: 429, retryAfter: new Date(fixedNow + 30_000).toUTCString(), count: 1 });
    expect(await failure(client({ clock }).getAgentStates())).toMatchObject({ kind: 'rate-limited', retryAfterMs: 30_000 });
    server.faults.add({ kind: 'status', status: 503, retryAfter: '12', count: 1 });
    expect(await failure(client({ clock }).getAgentStates())).toMatchObject({ kind: 'unavailable', retryAfterMs: 12_000 });
  });

  it('a slow server is a timeout', async () => {
    server.faults.add({ kind: 'slow', delayMs: 3000, count: 1 });
    const e = await failure(client({ timeoutMs: 150 }).getAgentStates());
    expect(e.kind).toBe('timeout');
    expect(e.status).toBeNull();
  });

  it('a slow but timely server is fine', async () => {
    server.faults.add({ kind: 'slow', delayMs: 50, count: 1 });
    expect((await client().getAgentStates()).kind).toBe('changes');
  });

  it('malformed JSON', async () => {
    server.faults.add({ kind: 'malformed-json', count: 1 });
    const e = await failure(client().getAgentStates());
    expect(e).toMatchObject({ kind: 'malformed', status: 200, path: '(body)' });
    expect(e.excerpt).toContain('agentStates');
  });

  it('schema drift: agentId as a string is read; items without an id are left out; a null list is malformed', async () => {
    server.faults.add({ kind: 'schema-drift', count: 1 });
    const r = await client().getAgentStates();
    expect(r.kind === 'changes' && r.states).toEqual(sim.snapshot());
    server.faults.add({ kind: 'schema-drift', drift: 'agentId-missing', count: 1 });
    const gone = await client().getAgentStates();
    if (gone.kind !== 'changes') throw new Error('unreadable items are not "no change"');
    expect(gone).toMatchObject({ states: [], complete: false, leftOut: { count: 120, firstReason: 'agentStates[0].agentId is missing' } });
    server.faults.add({ kind: 'schema-drift', drift: 'agentStates-null', count: 1 });
    expect(await failure(client().getAgentStates())).toMatchObject({ kind: 'malformed', path: 'agentStates' });
  });

  it('a GET whose connection is reset before any answer is sent once more, on a fresh connection', async () => {
    server.faults.add({ kind: 'reset', path: 'agents/states', count: 1 });
    const before = statesRequests().length;
    const r = await client().getAgentStates();
    expect(r.kind === 'changes' && r.states).toEqual(sim.snapshot());
    expect(statesRequests().slice(before).map((q) => q.fault)).toEqual(['reset', null]);
    const resend = logged.find((l) => (l as [string])[0].includes('sending the GET again')) as [string, Record<string, unknown>] | undefined;
    // The line says which call and why, by path only: never the query, the host or a header.
    expect(resend?.[1]).toEqual({ endpoint: `${new URL(server.apiBase).pathname}/agents/states`, reason: 'ECONNRESET', sent: 1 });
  });

  it('a connection reset at every send is a network error, after a bounded number of sends', async () => {
    expect(SENDS_WHEN_DROPPED).toBeLessThanOrEqual(5);
    server.faults.add({ kind: 'reset', path: 'agents/states', count: SENDS_WHEN_DROPPED });
    const before = statesRequests().length;
    const e = await failure(client().getAgentStates());
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/could not be reached: the connection was closed before an answer \(ECONNRESET\)/);
    expect(statesRequests().length - before).toBe(SENDS_WHEN_DROPPED);
  });

  it('a POST whose connection is reset is not sent again (it is not idempotent)', async () => {
    server.faults.add({ kind: 'reset', path: 'agent-sessions/join', count: 1 });
    const before = server.requests.filter((q) => q.path.endsWith('/agent-sessions/join')).length;
    const e = await failure(client().joinAgentSession());
    expect(e.kind).toBe('network');
    expect(server.requests.filter((q) => q.path.endsWith('/agent-sessions/join')).length - before).toBe(1);
  });

  it('a kept-alive connection the server closed as it was reused: undici fails the request, the client sends it again', async () => {
    // A plain server (not the simulator's fault switch): it answers the first request on a connection
    // and closes the connection when a second one arrives on it, as a server whose idle timeout fires
    // just as the client reuses the socket. undici reports that as UND_ERR_SOCKET ("other side closed").
    const perSocket = new WeakMap<object, number>();
    let answered = 0;
    const srv = createServer((req, res) => {
      const k = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, k);
      if (k > 1) {
        req.socket.destroy();
        return;
      }
      answered += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ totalRecords: 1, agentStates: [{ agentId: 7, agentStateId: 1 }] }));
    });
    srv.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const c = client({ baseUrl: `http://127.0.0.1:${(srv.address() as { port: number }).port}/incontactapi/services/v34.0` });
      // Reads after the first go out on kept-alive connections, which the server then closes: without the
      // client's further sends, most of these fail (undici alone: 3 of 6, measured).
      for (let i = 0; i < 6; i++) {
        const r = await c.getAgentStates();
        expect(r.kind === 'changes' && r.states.map((s) => s.agentId)).toEqual([7]);
      }
      expect(answered).toBe(6);
    } finally {
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
  });

  it('no sign-in at all is unauthorized before any request', async () => {
    const before = server.requests.length;
    const e = await failure(client({ getAccessToken: async () => { throw new Error('signed out'); } }).getTeams());
    expect(e.kind).toBe('unauthorized');
    const expired = await failure(client({ getAccessToken: async () => { throw new AuthError('expired', 'Your CXone session has expired.'); } }).getTeams());
    expect(expired.kind).toBe('unauthorized');
    expect(server.requests.length).toBe(before);
  });

  it('a session that cannot renew because the sign-in server is unreachable is a network error, not a sign-out', async () => {
    const e = await failure(
      client({ getAccessToken: async () => { throw new AuthError('network', 'Cannot reach the sign-in server (ECONNREFUSED).'); } }).getAgentStates(),
    );
    expect(e.kind).toBe('network');
    expect(e.message).toContain('Cannot reach the sign-in server');
  });
});
