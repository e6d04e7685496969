// The doctor's skill-activity check against the simulated tenant on 127.0.0.1: it says when
// skills/activity answers, and names 403 (this user may not) and 404 (this tenant does not offer it)
// with their own codes — warnings, so the agent-list verdict is unchanged.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../main/diagnostics/doctor';
import { doctorReportSchema, type DoctorReport } from '../../main/diagnostics/finding';
import type { FetchLike } from '../../main/ports';
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

  it('SKILL_ACTIVITY_OK counts the contacts waiting over every skill', async () => {
    // Three waiting in one skill, whatever the hour the simulated tenant's clock shows: a count of skills
    // is then not a count of contacts.
    t.server.skills!.force(5001, { queueCount: 3, longestWaitSeconds: 60 });
    // The very answer the doctor read (the simulated queues move with time: a second request could differ).
    let skills: Array<{ queueCount: number }> = [];
    const recording: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('/skills/activity') && res.status === 200) skills = ((await res.clone().json()) as { skillActivity: typeof skills }).skillActivity;
      return res;
    };
    const f = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null), fetch: recording }));
    const waiting = skills.reduce((n, s) => n + s.queueCount, 0);
    expect(skills.some((s) => s.queueCount > 1)).toBe(true);
    expect(f.title).toBe(`skills/activity answers: ${skills.length} skills, ${waiting} contact${waiting === 1 ? '' : 's'} waiting`);
  });

  it('SKILL_ACTIVITY_OK as a warning when a skill item could not be read and was left out', async () => {
    // This fetch drops skillId from the first skills/activity item; everything else is real HTTP.
    const drifting: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/skills/activity') || res.status !== 200) return res;
      const body = (await res.json()) as { skillActivity: Array<Record<string, unknown>> };
      delete body.skillActivity[0]!.skillId;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const f = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null), fetch: drifting }));
    expect(f).toMatchObject({ code: 'SKILL_ACTIVITY_OK', severity: 'warning' });
    expect(f.detail).toContain('Left out 1 item that could not be read');
  });

  it('SKILL_ACTIVITY_OK with no skills when skills/activity answers 204 (nothing for this user)', async () => {
    // The simulated tenant always has skills: this fetch answers skills/activity with 204, as CXone may.
    const none: FetchLike = (input, init) => (String(input).includes('/skills/activity') ? Promise.resolve(new Response(null, { status: 204 })) : fetch(input, init));
    const f = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null), fetch: none }));
    expect(f).toMatchObject({ code: 'SKILL_ACTIVITY_OK', severity: 'ok', title: 'skills/activity answers, with no skills' });
    expect(f.detail).toContain('HTTP 204');
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
