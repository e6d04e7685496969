// The doctor's skill-activity check against the simulated tenant on 127.0.0.1: it says when
// skills/activity answers, and names 403 (this user may not) and 404 (this tenant does not offer it)
// with their own codes — warnings, so the agent-list verdict is unchanged.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../main/diagnostics/doctor';
import { doctorReportSchema, type DoctorReport } from '../../main/diagnostics/finding';
import { startSimTenant, type SimTenant } from '../diagnostics/helpers';

let t: SimTenant;
beforeAll(async () => {
  t = await startSimTenant();
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => t.server.faults.clear());

const skillFinding = (r: DoctorReport) => {
  doctorReportSchema.parse(r);
  const f = r.findings.filter((x) => x.code.startsWith('SKILL_ACTIVITY_'));
  expect(f).toHaveLength(1);
  return f[0]!;
};

describe('doctor: does skills/activity answer for this user?', () => {
  it('SKILL_ACTIVITY_OK with the number of skills and contacts waiting', async () => {
    const r = await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) });
    const f = skillFinding(r);
    expect(f).toMatchObject({ code: 'SKILL_ACTIVITY_OK', severity: 'ok' });
    expect(f.title).toMatch(/^skills\/activity answers: 10 skills, \d+ contacts? waiting$/);
  });

  it('SKILL_ACTIVITY_FORBIDDEN on 403, with CXone’s own words; the agent verdict stands', async () => {
    t.server.faults.add({ kind: 'status', status: 403, path: 'skills/activity', statusDescription: 'Security permissions prevent access to data' });
    const r = await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) });
    const f = skillFinding(r);
    expect(f).toMatchObject({ code: 'SKILL_ACTIVITY_FORBIDDEN', severity: 'warning' });
    expect(f.detail).toContain('Security permissions prevent access to data');
    expect(f.fix).toMatch(/security profile/);
    expect(r.ok).toBe(true);
  });

  it('SKILL_ACTIVITY_UNAVAILABLE on 404, SKILL_ACTIVITY_FAILED on anything else', async () => {
    t.server.faults.add({ kind: 'status', status: 404, path: 'skills/activity', count: 1 });
    expect(skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) })).code).toBe('SKILL_ACTIVITY_UNAVAILABLE');
    t.server.faults.add({ kind: 'status', status: 500, path: 'skills/activity', count: 1 });
    const f = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) }));
    expect(f).toMatchObject({ code: 'SKILL_ACTIVITY_FAILED', severity: 'warning' });
    expect(f.detail).toContain('HTTP 500');
  });
});
