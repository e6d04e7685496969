// The app's own `fields` projection (AGENT_STATE_FIELDS, issue 15) and the doctor agree: the doctor
// finds nothing missing in it, and the parser reads from a projected item exactly what it reads from
// the full one — so the projection drops only bytes the app never looks at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_STATE_FIELDS, projectionApplies } from '../../main/cxone/agent-states';
import { parseAgentStatesPage } from '../../main/cxone/schemas';
import { project } from '../../main/demo/wire';
import { runDoctor } from '../../main/diagnostics/doctor';
import { startSimTenant, type SimTenant } from './helpers';

let t: SimTenant;
beforeAll(async () => {
  t = await startSimTenant({ agents: 300, seed: 15 });
});
afterAll(async () => {
  await t.stop();
});

describe('the fields projection', () => {
  it('is not too narrow for the doctor', async () => {
    const agentId = t.pinAgent(3);
    const r = await runDoctor({ accessToken: t.accessToken(), agentId: String(agentId), fields: [...AGENT_STATE_FIELDS] });
    expect(r.findings.map((f) => f.code)).not.toContain('FIELDS_TOO_NARROW');
    // …and the doctor would say so if one field the app reads were dropped from it.
    const without = await runDoctor({ accessToken: t.accessToken(), agentId: String(agentId), fields: AGENT_STATE_FIELDS.filter((f) => f !== 'startDate') });
    expect(without.findings.map((f) => f.code)).toContain('FIELDS_TOO_NARROW');
  });

  it('reads every agent exactly as from the full item', async () => {
    const full = (await (await fetch(`${t.server.apiBase}/agents/states`, { headers: { authorization: `Bearer ${t.accessToken()}` } })).json()) as { agentStates: Record<string, unknown>[] };
    expect(full.agentStates.length).toBe(300);
    const fields = new Set(AGENT_STATE_FIELDS.map((f) => f.toLowerCase()));
    const projected = { ...full, agentStates: full.agentStates.map((i) => project(i, fields)) };
    expect(JSON.stringify(projected).length).toBeLessThan(JSON.stringify(full).length * 0.8);
    expect(parseAgentStatesPage(projected).states).toEqual(parseAgentStatesPage(full).states);
  });

  it('is used from v34 on, where the items carry these names', () => {
    expect(projectionApplies('v34.0')).toBe(true);
    expect(projectionApplies('v35.1')).toBe(true);
    expect(projectionApplies('v26.0')).toBe(false);
    // A version the app cannot read gets no projection (every field, the safe side).
    for (const v of ['', 'latest', 'services/v34.0']) expect(projectionApplies(v)).toBe(false);
    expect(projectionApplies(' v34.0 ')).toBe(true);
  });
});
