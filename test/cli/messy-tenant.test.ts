// Done means: `watch --json` and the doctor read a messy two-page answer whole — ids as numeric
// strings, "True"/"False", nulls, times without a zone, PascalCase items, `_links.next` as a path from
// the host root — through runCli against the simulated tenant over HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import type { AgentChange } from '../../main/monitor/status';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: 40, seed: 13 });
  // Two pages of 20, spelled like a messy real tenant.
  server = await startSimulatorServer({ simulator: sim, messy: true, defaultPageSize: 20 });
});
afterAll(async () => {
  await server.stop();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: {} });
  return { code, out, err };
}

describe('a messy two-page tenant', () => {
  it('the simulator really serves it messy, on two pages', async () => {
    const res = await fetch(`${server.apiBase}/agents/states`, { headers: { authorization: 'Bearer t' } });
    const body = (await res.json()) as { _links: { next: string }; lastPollTime: string; agentStates: Array<Record<string, unknown>> };
    expect(body._links.next).toMatch(/^\/inContactAPI\/services\/v34\.0\/agents\/states\?/);
    expect(body.lastPollTime).not.toMatch(/Z$/);
    expect(body.agentStates).toHaveLength(20);
    expect(body.agentStates.some((i) => typeof i.agentId === 'string')).toBe(true);
    expect(body.agentStates.some((i) => typeof i.AgentId === 'string')).toBe(true);
  });

  it('watch --json prints every agent of both pages, each as the simulator has it', async () => {
    const r = await cli(['watch', '--api-endpoint', server.url, '--access-token', 'messy-token', '--json', '--polls', '1']);
    expect(r.err).not.toMatch(/stopped|malformed|not understand/);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as AgentChange & { type: string });
    expect(lines).toHaveLength(40);
    const truth = new Map(sim.snapshot().map((s) => [s.agentId, s]));
    for (const l of lines) {
      expect(l.type).toBe('change');
      expect(l.to).toEqual(truth.get(l.agentId));
      // Times go on with a zone.
      if (l.to.startDate) expect(l.to.startDate).toMatch(/Z$/);
    }
  });

  it('the doctor reads the whole list and finds an agent of the second page', async () => {
    const onPage2 = sim.agents[33]!.agentId;
    const r = await cli(['doctor', '--api-endpoint', server.url, '--access-token', 'messy-token', '--agent-id', String(onPage2), '--json']);
    const report = JSON.parse(r.out) as { ok: boolean; findings: Array<{ code: string; detail: string }>; agent?: Record<string, unknown> };
    const codes = report.findings.map((f) => f.code);
    expect(codes).toContain('AGENT_VISIBLE');
    for (const bad of ['ITEMS_LEFT_OUT', 'LIST_INCOMPLETE', 'UNEXPECTED_RESPONSE', 'AGENT_NOT_IN_LIST']) expect(codes).not.toContain(bad);
    expect(report.agent).toEqual(sim.agentState(onPage2));
    expect(r.code).toBe(0);
  });
});

describe('the doctor on a messy delta answer', () => {
  it('finds the agent in the delta answer when its item is spelled in PascalCase (AgentId): no "no change" claim', async () => {
    // updatedSince=1970 asks for "everything" (CXONE-API.md §3) and top=40 gets it on one page: every
    // agent is in the answer, the third item spelled in the PascalCase keys of old versions.
    const pascal = sim.agents[2]!.agentId;
    const raw = await fetch(`${server.apiBase}/agents/states?updatedSince=1970-01-01T00:00:00.000Z&top=40`, { headers: { authorization: 'Bearer t' } });
    const body = (await raw.json()) as { totalRecords: number; agentStates: Array<Record<string, unknown>> };
    expect(body.agentStates).toHaveLength(body.totalRecords);
    expect(body.agentStates[2]).toMatchObject({ AgentId: String(pascal) });
    const r = await cli(['doctor', '--api-endpoint', server.url, '--access-token', 'messy-token', '--agent-id', String(pascal), '--updated-since', '1970-01-01T00:00:00.000Z', '--top', '40', '--json']);
    const codes = (JSON.parse(r.out) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);
    expect(codes).toContain('AGENT_VISIBLE');
    expect(codes).not.toContain('NO_CHANGE_SINCE');
  });

  it('does not call an agent on a later page of the delta answer "no change" either', async () => {
    // The server pages the delta answer by 20 too: agent 34 of 40 changed since 1970, but is on page 2.
    const onPage2 = sim.agents[33]!.agentId;
    const r = await cli(['doctor', '--api-endpoint', server.url, '--access-token', 'messy-token', '--agent-id', String(onPage2), '--updated-since', '1970-01-01T00:00:00.000Z', '--json']);
    const report = JSON.parse(r.out) as { findings: Array<{ code: string; title: string }> };
    const codes = report.findings.map((f) => f.code);
    expect(codes).not.toContain('NO_CHANGE_SINCE');
    expect(report.findings.find((f) => f.code === 'PAGED_OUT')?.title).toContain('page 2');
  });
});
