// The simulated tenant's routes, checked where a mutation review (main/demo/*) found them unchecked:
// paging boundaries and links, the updatedSince delta and its "no change" answers, the business unit
// check, the directory and unavailable-code lists, the single agent, auth and the wire details the
// app reads. Plain fetch against the real server on 127.0.0.1; the simulator's clock is driven by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorServer } from '../../main/demo/server';
import type { SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
const auth = { authorization: 'Bearer test-token' };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${server.apiBase}/${path}`, { headers });
const json = async <T = Record<string, unknown>>(path: string): Promise<T> => (await (await get(path)).json()) as T;

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

describe("one agent's states", () => {
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
