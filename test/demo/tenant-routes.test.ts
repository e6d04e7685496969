// The simulated tenant's routes, checked where a mutation review (main/demo/*) found them unchecked:
// paging boundaries and links, the updatedSince delta and its "no change" answers, the business unit
// check, the directory and unavailable-code lists, the single agent, auth and the wire details the
// app reads. Plain fetch against the real server on 127.0.0.1; the simulator's clock is driven by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer } from '../../main/demo/server';
import type { SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { SkillActivitySimulator } from '../../main/demo/skills-sim';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
const auth = { authorization: 'Bearer test-token' };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${server.apiBase}/${path}`, { headers });
const json = async <T = Record<string, unknown>>(path: string): Promise<T> => (await (await get(path)).json()) as T;

interface StatesBody {
  totalRecords: number | string;
  lastPollTime: string;
  _links: { self?: string; next?: string; previous?: string };
  agentStates: Array<Record<string, unknown>>;
}

beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: 250, seed: 21 });
  server = await startSimulatorServer({ simulator: sim });
});
afterAll(() => server.stop());
afterEach(() => {
  server.settings.noChange = '200-empty';
  server.settings.messy = false;
  server.faults.clear();
});

describe('agents/states paging', () => {
  it('a last page that ends exactly at totalRecords has no next link', async () => {
    const last = await json<StatesBody>('agents/states?top=125&skip=125');
    expect(last.agentStates).toHaveLength(125);
    expect(last._links.next).toBeUndefined();
    const first = await json<StatesBody>('agents/states?top=125');
    expect(new URL(first._links.next!).searchParams.get('skip')).toBe('125');
  });

  it('links carry the page size, and a previous link never goes below skip 0', async () => {
    const body = await json<StatesBody>('agents/states?top=100&skip=30');
    expect(body.agentStates.map((a) => a.agentId)).toEqual(sim.agents.slice(30, 130).map((a) => a.agentId));
    const prev = new URL(body._links.previous!);
    expect(prev.searchParams.get('skip')).toBe('0');
    expect(prev.searchParams.get('top')).toBe('100');
    expect(new URL(body._links.next!).searchParams.get('top')).toBe('100');
  });

  it('skip without top lists the rest from skip on', async () => {
    const body = await json<StatesBody>('agents/states?skip=240');
    expect(body.agentStates.map((a) => a.agentId)).toEqual(sim.agents.slice(240).map((a) => a.agentId));
    expect(body.totalRecords).toBe(250);
    // skip=0 is the first page, not a bad value.
    expect((await json<StatesBody>('agents/states?top=5&skip=0')).agentStates.map((a) => a.agentId)).toEqual(sim.agents.slice(0, 5).map((a) => a.agentId));
  });
});

describe('agents/states with updatedSince', () => {
  it("counts only the delta's agents in totalRecords and pages through them", async () => {
    const since = (await json<StatesBody>('agents/states?top=1')).lastPollTime;
    const ids = sim.agents.filter((a) => a.isActive).slice(0, 3).map((a) => a.agentId);
    sim.advance(1000);
    for (const id of ids) sim.forceState(id, { state: 'Unavailable', code: 'Lunch', holdMs: 3600_000 });
    const page = await json<StatesBody>(`agents/states?updatedSince=${encodeURIComponent(since)}&top=2&skip=1`);
    const changed = sim.changedSince(Date.parse(since));
    expect(changed).toEqual(expect.arrayContaining(ids));
    expect(page.totalRecords).toBe(changed.length);
    expect(page.agentStates.map((a) => a.agentId)).toEqual(changed.slice(1, 3));
  });

  it('lists an agent whose state changed exactly at updatedSince (at least once), not one that changed before', async () => {
    sim.advance(60_000);
    const id = sim.agents.filter((a) => a.isActive)[5]!.agentId;
    sim.forceState(id, { state: 'Available', holdMs: 3600_000 });
    const at = new Date(sim.now()).toISOString();
    const atIt = await json<StatesBody>(`agents/states?updatedSince=${encodeURIComponent(at)}`);
    expect(atIt.agentStates.map((a) => a.agentId)).toContain(id);
    const after = new Date(sim.now() + 1).toISOString();
    const later = await json<StatesBody>(`agents/states?updatedSince=${encodeURIComponent(after)}`);
    expect(later.agentStates).toEqual([]);
  });

  it.each([
    ['200-empty', 200],
    ['204', 204],
    ['304', 304],
  ] as const)('nothing changed: the server answers its "no change" (%s) with the server clock', async (kind, status) => {
    server.settings.noChange = kind;
    const future = new Date(sim.now() + 3600_000).toISOString();
    const r = await get(`agents/states?updatedSince=${encodeURIComponent(future)}`);
    expect(r.status).toBe(status);
    if (status === 200) {
      expect(await r.json()).toMatchObject({ totalRecords: 0, agentStates: [], lastPollTime: new Date(sim.now()).toISOString() });
    } else {
      expect(await r.text()).toBe('');
    }
  });

  it('fields are trimmed and matched without case', async () => {
    const body = await json<StatesBody>(`agents/states?top=1&fields=${encodeURIComponent(' agentId , AgentStateName ,')}`);
    expect(Object.keys(body.agentStates[0]!)).toEqual(['agentId', 'agentStateName']);
  });

  it('reqBUIds: its own business unit is answered, only another one is 403', async () => {
    expect((await get(`agents/states?top=1&reqBUIds=1,${sim.businessUnitId}`)).status).toBe(200);
    const r = await get('agents/states?top=1&reqBUIds=1234');
    expect(r.status).toBe(403);
    expect(r.headers.get('icStatusDescription')).toBe('Access to business unit is restricted');
  });
});

describe('messy tenant', () => {
  it('spells the count as text, and picks each item\'s spelling by its place in the whole list', async () => {
    server.settings.messy = true;
    const body = await json<StatesBody>('agents/states?top=3&skip=2');
    expect(body.totalRecords).toBe('250');
    // The item at list position 2 (2 % 3 === 2) is the one in PascalCase, whatever the page.
    expect(Object.keys(body.agentStates[0]!)).toContain('AgentId');
    expect(Object.keys(body.agentStates[1]!)).toContain('agentId');
    expect(body.lastPollTime.endsWith('Z')).toBe(false);
  });
});

describe('agents (directory)', () => {
  it('updateSince after the last profile change lists nobody; before it lists everyone', async () => {
    const after = new Date(sim.profilesUpdatedAt + 1).toISOString();
    const none = await json<{ totalRecords: number; agents: unknown[] }>(`agents?updateSince=${encodeURIComponent(after)}`);
    expect(none).toMatchObject({ totalRecords: 0, agents: [] });
    const at = new Date(sim.profilesUpdatedAt).toISOString();
    expect((await json<{ totalRecords: number }>(`agents?updateSince=${encodeURIComponent(at)}`)).totalRecords).toBe(250);
  });

  it('a schema-drift fault spells the directory\'s agent ids as text', async () => {
    server.faults.add({ kind: 'schema-drift', path: /\/agents$/, count: 1 });
    const body = await json<{ agents: Array<{ agentId: unknown }> }>('agents?top=2');
    expect(body.agents.map((a) => a.agentId)).toEqual(sim.agents.slice(0, 2).map((a) => String(a.agentId)));
  });

  it('skip without top lists the rest', async () => {
    const body = await json<{ totalRecords: number; agents: Array<{ agentId: number }> }>('agents?skip=245');
    expect(body.totalRecords).toBe(250);
    expect(body.agents.map((a) => a.agentId)).toEqual(sim.agents.slice(245).map((a) => a.agentId));
  });

  it('one agent by its numeric id or its user UUID; an unknown one is 404 "Invalid Agent Id"', async () => {
    const a = sim.agents[7]!;
    // A UUID is the same UUID in capitals.
    for (const id of [String(a.agentId), a.userId, a.userId.toUpperCase()]) {
      expect(await json(`agents/${id}`)).toMatchObject({ businessUnitId: sim.businessUnitId, agents: [{ agentId: a.agentId, userID: a.userId }] });
    }
    const r = await get('agents/40119999');
    expect(r.status).toBe(404);
    expect(r.headers.get('icStatusDescription')).toBe('Invalid Agent Id');
  });
});

describe('unavailable codes', () => {
  it('the BU list filters on isActive and pages with skip', async () => {
    const all = await json<{ totalRecords: number; unavailableCodes: Array<{ id: number }> }>('unavailable-codes?top=3&skip=2');
    expect(all.totalRecords).toBe(sim.unavailableCodes.length);
    expect(all.unavailableCodes.map((c) => c.id)).toEqual(sim.unavailableCodes.slice(2, 5).map((c) => c.outStateId));
    // Every demo code is active.
    expect(await json('unavailable-codes?isActive=false')).toMatchObject({ totalRecords: 0, unavailableCodes: [] });
    expect((await json<{ totalRecords: number }>('unavailable-codes?isActive=True')).totalRecords).toBe(sim.unavailableCodes.length);
  });

  it("a team's list spells a code without a time limit as '' and an unknown team is 404", async () => {
    const body = await json<{ unavailableCodes: Array<{ outstateName: string; agentTimeoutMins: string }> }>(`teams/${sim.teams[0]!.teamId}/unavailable-codes`);
    const mins = Object.fromEntries(body.unavailableCodes.map((c) => [c.outstateName, c.agentTimeoutMins]));
    expect(mins).toMatchObject({ Break: '15', Training: '', ACW: '' });
    const r = await get('teams/1/unavailable-codes');
    expect(r.status).toBe(404);
    expect(r.headers.get('icStatusDescription')).toBe('Invalid Team Id');
  });
});

describe('the server', () => {
  it("a slow rule is followed by the next rule that is not slow: a second slow rule waits for the next request", async () => {
    server.faults.add({ kind: 'slow', delayMs: 1, count: 1, path: '/teams' });
    const second = server.faults.add({ kind: 'slow', delayMs: 1, count: 1, path: '/teams' });
    expect((await get('teams')).status).toBe(200);
    expect(second.remaining()).toBe(1);
    expect((await get('teams')).status).toBe(200);
    expect(second.remaining()).toBe(0);
  });

  it("dates its answers by the simulator's clock, not this computer's", async () => {
    sim.advance(1234);
    const r = await get('teams');
    expect(Date.parse(r.headers.get('date')!)).toBe(Math.floor(sim.now() / 1000) * 1000);
  });

  it('refuses a token acceptToken rejects and an empty bearer with 401', async () => {
    server.settings.acceptToken = (t) => t === 'good';
    try {
      const bad = await get('teams', { authorization: 'Bearer bad' });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('icStatusDescription')).toBe('Invalid token');
    } finally {
      server.settings.acceptToken = (t) => t.length > 0;
    }
    expect((await get('teams', { authorization: 'Bearer ' })).status).toBe(401);
    expect((await get('teams', { authorization: 'Bearertest-token' })).status).toBe(401);
  });

  it('only GETs the API (405 otherwise), and a path with a trailing slash is the same path', async () => {
    const post = await fetch(`${server.apiBase}/agents/states`, { method: 'POST', headers: auth, body: '{}' });
    expect(post.status).toBe(405);
    expect((await fetch(`${server.url}/.well-known/cxone-configuration?tenantId=${server.tenantId}`, { method: 'POST' })).status).toBe(405);
    expect((await get('teams/')).status).toBe(200);
  });

  it('stats is a copy taken when read: it does not move with later requests', async () => {
    const before = server.stats;
    await get('teams');
    expect(server.stats.total).toBe(before.total + 1);
  });

  it("serves the skills it is given, makes the demo's once when none are given, and has none with skills: false", async () => {
    const small = new ContactCenterSimulator({ agents: 5 });
    const given = new SkillActivitySimulator({ agents: small });
    const servers = [
      await startSimulatorServer({ simulator: small, skills: given, tenantId: 'tenant-given' }),
      await startSimulatorServer({ simulator: small }),
      await startSimulatorServer({ simulator: small, skills: false }),
    ];
    try {
      const [withGiven, withDefault, without] = servers as [SimulatorServer, SimulatorServer, SimulatorServer];
      expect(withGiven.skills).toBe(given);
      expect(withGiven.tenantId).toBe('tenant-given');
      expect((await fetch(`${withGiven.url}/.well-known/cxone-configuration?tenantId=tenant-given`)).status).toBe(200);
      expect(withDefault.skills).not.toBeNull();
      expect(withDefault.skills).toBe(withDefault.skills);
      expect(without.skills).toBeNull();
      const activity = (s: SimulatorServer) => fetch(`${s.apiBase}/skills/activity`, { headers: auth }).then((r) => r.status);
      expect(await activity(withDefault)).toBe(200);
      expect(await activity(without)).toBe(404);
    } finally {
      for (const s of servers) await s.stop();
    }
  });
});

describe('state items on the wire', () => {
  it('logged out: category LoggedOut, no station, no contact time; on a contact: one open contact and its handle time', async () => {
    const [out, busy] = sim.agents.filter((a) => a.isActive).slice(10, 12).map((a) => a.agentId);
    sim.forceState(out!, { state: 'LoggedOut', holdMs: 3600_000 });
    sim.forceState(busy!, { state: 'InboundContact', holdMs: 3600_000 });
    const items = (await json<StatesBody>('agents/states')).agentStates;
    const o = items.find((i) => i.agentId === out)!;
    expect(o).toMatchObject({ agentStateName: 'LoggedOut', agentStateCategory: 'LoggedOut', stationId: 0, openContacts: 0 });
    expect(o).not.toHaveProperty('contactStartHandleTime');
    expect(o).not.toHaveProperty('sessionStartTime');
    const b = items.find((i) => i.agentId === busy)!;
    expect(b).toMatchObject({ agentStateName: 'InboundContact', openContacts: 1, contactStartHandleTime: new Date(sim.now()).toISOString() });
    expect(b.stationId).toBeGreaterThan(0);
  });

  it('the ACW code is after-contact work (isACW), and a forced state keeps the session it happens in', async () => {
    const a = sim.agents.filter((x) => x.isActive).find((x) => sim.statusOf(x.agentId)!.sessionStartTime !== null && sim.statusOf(x.agentId)!.sessionStartTime! < sim.now())!;
    const session = sim.statusOf(a.agentId)!.sessionStartTime!;
    sim.advance(1000);
    sim.forceState(a.agentId, { state: 'Unavailable', code: 'ACW', holdMs: 3600_000 });
    const item = (await json<{ agentStates: Array<Record<string, unknown>> }>(`agents/${a.agentId}/states`)).agentStates[0]!;
    expect(item).toMatchObject({ agentStateName: 'Unavailable', outStateDescription: 'ACW', isACW: true });
    const listed = (await json<StatesBody>('agents/states')).agentStates.find((i) => i.agentId === a.agentId)!;
    expect(listed.sessionStartTime).toBe(new Date(session).toISOString());
  });

  it("one agent's states: the server's time on the item (lastPollTime)", async () => {
    const a = sim.agents[4]!;
    const body = await json<{ agentStates: Array<Record<string, unknown>> }>(`agents/${a.agentId}/states`);
    expect(body.agentStates[0]!.lastPollTime).toBe(new Date(sim.now()).toISOString());
  });

  // CXONE-API.md §3: agents/{agentId}/states "takes updatedSince and fields too, with the same 'only
  // what changed' meaning" (the contract lists both parameters). The simulator used to ignore both.
  it("one agent's states with updatedSince: the agent when it changed since, else the server's 'no change'", async () => {
    const id = sim.agents.filter((a) => a.isActive)[20]!.agentId;
    sim.advance(1000);
    sim.forceState(id, { state: 'Unavailable', code: 'Break', holdMs: 3600_000 });
    const changedAt = sim.now();
    sim.advance(5000);
    const before = await json<{ agentStates: Array<Record<string, unknown>> }>(`agents/${id}/states?updatedSince=${encodeURIComponent(new Date(changedAt).toISOString())}`);
    expect(before.agentStates.map((s) => s.agentId)).toEqual([id]);
    const after = await get(`agents/${id}/states?updatedSince=${encodeURIComponent(new Date(changedAt + 1).toISOString())}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ agentStates: [] });
    server.settings.noChange = '204';
    expect((await get(`agents/${id}/states?updatedSince=${encodeURIComponent(new Date(changedAt + 1).toISOString())}`)).status).toBe(204);
    const bad = await get(`agents/${id}/states?updatedSince=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('icStatusDescription')).toBe('Invalid updatedSince');
  });

  it("one agent's states with fields: only those fields, case-insensitively, and still the server's time", async () => {
    const a = sim.agents[4]!;
    const body = await json<{ agentStates: Array<Record<string, unknown>> }>(`agents/${a.agentId}/states?fields=${encodeURIComponent('AGENTID, agentStateName,mediaName')}`);
    expect(body.agentStates[0]).toEqual({ agentId: a.agentId, agentStateName: sim.agentState(a.agentId)!.stateName, mediaName: expect.any(String), lastPollTime: new Date(sim.now()).toISOString() });
  });
});
