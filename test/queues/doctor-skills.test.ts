// The doctor's skill-activity check against the simulated tenant on 127.0.0.1: it says when
// skills/activity answers, and names 403 (this user may not) and 404 (this tenant does not offer it)
// with their own codes — warnings, so the agent-list verdict is unchanged.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../main/diagnostics/doctor';
import { doctorReportSchema, type DoctorReport } from '../../main/diagnostics/finding';
import { SENDS_WHEN_DROPPED } from '../../main/cxone/client';
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
    expect(f.detail).toMatch(/^GET skills\/activity → HTTP 500: /);
  });

  it('says over how many pages the skills came, and nothing of pages for one', async () => {
    const one = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) }));
    expect(one.detail).toBe('GET skills/activity → HTTP 200, 10 skills.');
    t.server.settings.defaultPageSize = 4;
    try {
      const paged = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) }));
      expect(paged.detail).toBe('GET skills/activity → HTTP 200, 10 skills over 3 pages.');
    } finally {
      t.server.settings.defaultPageSize = null;
    }
  });

  it('the words of 204, 404 and a failure without any HTTP answer', async () => {
    const none: FetchLike = (input, init) => (String(input).includes('/skills/activity') ? Promise.resolve(new Response(null, { status: 204 })) : fetch(input, init));
    expect(skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null), fetch: none }))).toEqual({
      code: 'SKILL_ACTIVITY_OK',
      severity: 'ok',
      title: 'skills/activity answers, with no skills',
      detail: 'GET skills/activity → HTTP 204 with no skill: this user sees no skill queues.',
      fix: 'Skills appear once the user may see some (security profile, skill assignments).',
    });
    // A 404 without CXone's own words: no empty quote.
    const bare404: FetchLike = (input, init) => (String(input).includes('/skills/activity') ? Promise.resolve(new Response(null, { status: 404 })) : fetch(input, init));
    expect(skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null), fetch: bare404 }))).toEqual({
      code: 'SKILL_ACTIVITY_UNAVAILABLE',
      severity: 'warning',
      title: 'This tenant does not offer skill activity (404)',
      detail: "GET skills/activity → HTTP 404. The app's queue strip stays off; agent states are not affected.",
      fix: 'Check --api-version (skills/activity is part of v34.0).',
    });
    t.server.faults.add({ kind: 'reset', path: 'skills/activity', count: SENDS_WHEN_DROPPED });
    const reset = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null) }));
    expect(reset).toMatchObject({ code: 'SKILL_ACTIVITY_FAILED', severity: 'warning', title: 'skills/activity did not answer', fix: 'The app retries with backoff; run the doctor again later.' });
    expect(reset.detail).toMatch(/^GET skills\/activity → no HTTP answer: /);
  });

  it('403 names the permission, and says nothing of CXone\'s words when it sent none', async () => {
    const bare403: FetchLike = (input, init) => (String(input).includes('/skills/activity') ? Promise.resolve(new Response(null, { status: 403 })) : fetch(input, init));
    const f = skillFinding(await runDoctor({ accessToken: t.accessToken(), idToken: t.idToken(null), fetch: bare403 }));
    expect(f).toMatchObject({ code: 'SKILL_ACTIVITY_FORBIDDEN', title: 'This user may not see skill queues (403)' });
    expect(f.detail).toBe("GET skills/activity → HTTP 403. The app's queue strip stays off; agent states are not affected.");
  });
});
