// The demo's skill queues rise and fall believably: traffic follows the day (a morning peak, quiet
// nights), Billing Phone breaches its service level over lunch and meets it in the morning, the agent
// counts per skill are the agent simulator's own, and it is all deterministic for a seed.
import { describe, expect, it } from 'vitest';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { dayCurve, DEMO_SKILLS, SkillActivitySimulator } from '../../main/demo/skills-sim';
import { parseSkillActivityPage } from '../../main/queues/skill-activity';

const DAY = Date.UTC(2025, 0, 15, 0, 0, 0);

function day(seed = 1) {
  const agents = new ContactCenterSimulator({ agents: 120, seed, startTime: DAY + 3 * 3_600_000 });
  const skills = new SkillActivitySimulator({ agents });
  return { agents, skills };
}

/** Parsed skills every 10 minutes from 03:00 to 20:00 UTC. */
function sample(seed = 1) {
  const { agents, skills } = day(seed);
  const rows: Array<{ hour: number; skills: ReturnType<typeof parseSkillActivityPage>['skills']; raw: Record<string, unknown>[] }> = [];
  for (let t = 0; t < 17 * 6; t++) {
    agents.advance(10 * 60_000);
    skills.advanceTo(agents.now());
    const raw = skills.skills.map((_, k) => skills.item(k, 1));
    rows.push({ hour: (agents.now() - DAY) / 3_600_000, skills: parseSkillActivityPage({ skillActivity: raw }).skills, raw });
  }
  return rows;
}

describe('demo skill queues', () => {
  it('ten skills over several media, one outbound, the agent simulator’s contact skills among them', () => {
    expect(DEMO_SKILLS).toHaveLength(10);
    expect(new Set(DEMO_SKILLS.map((s) => s.mediaTypeName)).size).toBeGreaterThanOrEqual(4);
    expect(DEMO_SKILLS.filter((s) => s.isOutbound)).toHaveLength(1);
    const { agents } = day();
    agents.advance(3_600_000);
    const contactSkills = new Set(agents.snapshot().map((a) => a.skillName).filter(Boolean));
    for (const name of contactSkills) expect(DEMO_SKILLS.map((s) => s.skillName)).toContain(name);
  });

  it('traffic follows the day: a morning peak, quiet before seven', () => {
    expect(dayCurve(10, 'office')).toBeGreaterThan(dayCurve(12.5, 'office'));
    expect(dayCurve(10, 'office')).toBeGreaterThan(dayCurve(16, 'office'));
    expect(dayCurve(4, 'office')).toBe(0);
    expect(dayCurve(4, 'allday')).toBeGreaterThan(0);
    const rows = sample();
    const phoneAnswered = (h: number) => {
      const r = rows.find((x) => Math.abs(x.hour - h) < 0.01)!;
      const raw = r.raw.find((i) => i.skillId === 5001)!;
      return (raw.inSLA as number) + (raw.outSLA as number);
    };
    expect(phoneAnswered(10.5)).toBeGreaterThan(3 * Math.max(1, phoneAnswered(6)));
    // Calls wait in the morning, not at night (email is another story: it piles up overnight).
    const calls = (lo: number, hi: number) =>
      rows.filter((r) => r.hour >= lo && r.hour < hi).reduce((n, r) => n + r.skills.filter((s) => s.mediaTypeName === 'PhoneCall').reduce((m, s) => m + s.queueCount, 0), 0);
    expect(calls(9, 12)).toBeGreaterThan(calls(4, 7));
    const email = (h: number) => rows.find((x) => Math.abs(x.hour - h) < 0.01)!.skills.find((s) => s.skillId === 5003)!.queueCount;
    expect(email(6.5)).toBeGreaterThan(email(3.5));
  });

  it('Billing Phone breaches its service level over lunch and meets it in the morning', () => {
    const rows = sample();
    const billing = (lo: number, hi: number) => rows.filter((r) => r.hour >= lo && r.hour < hi).map((r) => r.skills.find((s) => s.skillId === 5004)!.serviceLevelStatus);
    expect(billing(12.2, 13.6)).toContain('breached');
    expect(billing(9, 11.5)).toContain('meeting');
    // And most skills meet their goal most of the working day.
    const day = rows.filter((r) => r.hour >= 9 && r.hour < 17).flatMap((r) => r.skills.filter((s) => s.serviceLevelStatus !== 'unknown'));
    expect(day.filter((s) => s.serviceLevelStatus === 'meeting').length / day.length).toBeGreaterThan(0.6);
  });

  it('agent counts per skill are the states of the agents who have it', () => {
    const { agents, skills } = day(4);
    agents.advance(7 * 3_600_000);
    skills.advanceTo(agents.now());
    for (const [k, s] of skills.skills.entries()) {
      const members = skills.agentsWith(s.skillId).map((id) => agents.statusOf(id)!);
      const item = skills.item(k, 1);
      expect(item.agentsAvailable, s.skillName).toBe(members.filter((m) => m.stateId === 1).length);
      expect(item.agentsLoggedIn).toBe(members.filter((m) => m.stateId !== 0).length);
      expect(item.agentsACW).toBe(members.filter((m) => m.isACW).length);
    }
    expect(skills.assignments().length).toBeGreaterThanOrEqual(agents.agents.length);
  });

  it('is deterministic for a seed', () => {
    expect(sample(9).map((r) => r.raw)).toEqual(sample(9).map((r) => r.raw));
  });

  it('force() puts a queue into a given state for screenshots and tests, and it shows as a change', () => {
    const { agents, skills } = day();
    agents.advance(7 * 3_600_000);
    skills.advanceTo(agents.now());
    const before = agents.now();
    skills.force(5001, { queueCount: 12, longestWaitSeconds: 300, serviceLevel: 40 });
    const k = skills.skills.findIndex((s) => s.skillId === 5001);
    const [s] = parseSkillActivityPage({ skillActivity: [skills.item(k, 1)] }).skills;
    expect(s).toMatchObject({ queueCount: 12, serviceLevel: 40, serviceLevelStatus: 'breached' });
    expect(Date.parse(s!.earliestQueueTime!)).toBe(agents.now() - 300_000);
    expect(skills.changedSince(before)).toContain(k);
  });
});
