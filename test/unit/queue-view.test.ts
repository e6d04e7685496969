// The queue strip's pure part (renderer/src/tray/queue-view.ts): the order of its rows, the totals line,
// who is available for a skill, and the clock the waits are true at. The strip itself is checked in
// Chromium (test/e2e/queues.spec.ts); these are the sums and orders, case by case.
import { describe, expect, it } from 'vitest';
import { categorize, type AgentState } from '../../main/cxone/model';
import type { QueueState, SkillQueue } from '../../main/queues/model';
import { availableForSkill, noSkillsReason, orderQueues, queueServerNow, queueSummaryLine, queueTotals, whyNoQueueRows } from '../../renderer/src/tray/queue-view';

const T = Date.UTC(2026, 11, 2, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function skill(skillId: number, queueCount: number, waitingSinceMs: number | null, status: SkillQueue['serviceLevelStatus'] = 'meeting', agentIds: number[] | null = null): SkillQueue {
  return {
    skillId, skillName: `Skill ${skillId}`, mediaTypeName: 'Phone Call', isOutbound: false, queueCount,
    earliestQueueTime: waitingSinceMs === null ? null : iso(waitingSinceMs),
    agentsAvailable: 0, agentsUnavailable: 0, agentsACW: 0, agentsWorking: 0, agentsLoggedIn: 0,
    serviceLevel: null, serviceLevelGoal: 80, serviceLevelThreshold: 30, serviceLevelStatus: status, agentIds,
  };
}

describe('orderQueues', () => {
  it('puts skills with someone waiting first, longest wait first, then the rest in CXone order', () => {
    const skills = [skill(1, 0, null), skill(2, 3, T - 60_000), skill(3, 0, null), skill(4, 1, T - 300_000), skill(5, 2, T - 5_000)];
    expect(orderQueues(skills).map((s) => s.skillId)).toEqual([4, 2, 5, 1, 3]);
  });

  it('a skill whose count is 0 counts as nobody waiting, whatever time CXone still sends', () => {
    expect(orderQueues([skill(1, 0, T - 900_000), skill(2, 1, T - 1_000)]).map((s) => s.skillId)).toEqual([2, 1]);
  });
});

describe('queueTotals', () => {
  it('adds the waiting contacts, finds the earliest entry over all skills, and counts breached and at-risk skills', () => {
    const totals = queueTotals([skill(1, 2, T - 60_000, 'breached'), skill(2, 0, null, 'at-risk'), skill(3, 5, T - 120_000, 'breached'), skill(4, 1, T - 10_000, 'unknown')]);
    expect(totals).toEqual({ skills: 4, waiting: 8, earliestEntry: T - 120_000, breached: 2, atRisk: 1 });
  });

  it('nobody waiting: no earliest entry', () => {
    expect(queueTotals([skill(1, 0, null)])).toEqual({ skills: 1, waiting: 0, earliestEntry: null, breached: 0, atRisk: 0 });
  });
});

describe('availableForSkill', () => {
  const agent = (agentId: number, stateId: number): AgentState => {
    const stateName = ['LoggedOut', 'Available', 'Unavailable'][stateId]!;
    return {
      agentId, stateId, stateName, category: categorize(stateId, stateName, false), outStateId: null, outStateDescription: null, isACW: false,
      contactId: null, skillName: null, mediaTypeName: null, startDate: null, lastUpdateTime: null, firstName: 'A', lastName: 'B', userName: null,
      teamId: null, teamName: null, businessUnitId: null, isActive: true,
    };
  };
  const roster = new Map([agent(1, 1), agent(2, 2), agent(3, 1)].map((a) => [a.agentId, a]));

  it('lists the skill\'s agents who are Available now, skipping ones the roster does not hold', () => {
    expect(availableForSkill(skill(1, 1, T, 'meeting', [1, 2, 3, 99]), (id) => roster.get(id))?.map((a) => a.agentId)).toEqual([1, 3]);
  });

  it('null when CXone did not say who has the skill (not "nobody")', () => {
    expect(availableForSkill(skill(1, 1, T), (id) => roster.get(id))).toBeNull();
    expect(availableForSkill(skill(1, 1, T, 'meeting', []), (id) => roster.get(id))).toEqual([]);
  });
});

describe('queueServerNow and noSkillsReason', () => {
  const state = (status: QueueState['status'], updatedAt: number | null): QueueState => ({ status, reason: null, skills: [], updatedAt, serverOffsetMs: 1_500 });

  it('live: now on the server clock; otherwise the time of the last answer, so waits stop there', () => {
    expect(queueServerNow(state('live', T - 30_000), T)).toBe(T + 1_500);
    expect(queueServerNow(state('stale', T - 30_000), T)).toBe(T - 30_000 + 1_500);
    expect(queueServerNow(state('loading', null), T)).toBe(T + 1_500);
  });

  it('says why the strip is empty for each skill scope', () => {
    expect(noSkillsReason('chosen')).toMatch(/Settings → Watch/);
    expect(noSkillsReason('teams')).toMatch(/teams you watch/);
    expect(noSkillsReason('none')).toBe('You watch no skills.');
    expect(noSkillsReason('all')).toBe('CXone lists no skills for this user.');
  });
});

describe('queueSummaryLine', () => {
  it('joins waiting (over how many skills), the longest wait, breached and at risk, with no-break spaces inside each part', () => {
    const totals = queueTotals([skill(1, 2, T - 313_000, 'breached'), skill(2, 1, T - 5_000, 'at-risk'), skill(3, 0, null)]);
    expect(queueSummaryLine(totals, T)).toBe('3 waiting in 3 skills · longest\u00a05:13 · 1\u00a0breached · 1\u00a0at\u00a0risk');
  });

  it('one skill and nobody waiting: only the count', () => {
    expect(queueSummaryLine(queueTotals([skill(1, 0, null)]), T)).toBe('0 waiting');
  });
});

describe('whyNoQueueRows', () => {
  const q = (status: QueueState['status'], reason: string | null, skills: SkillQueue[] = []): QueueState => ({ status, reason, skills, updatedAt: null, serverOffsetMs: 0 });

  it('one sentence per status without rows, offering Settings only where choosing skills helps', () => {
    expect(whyNoQueueRows(q('off', null), 'none')).toEqual({ text: 'are off: you watch no skills.', chooseSkills: true });
    expect(whyNoQueueRows(q('off', null), 'all')).toEqual({ text: 'are off.', chooseSkills: false });
    expect(whyNoQueueRows(q('loading', null), 'all')).toEqual({ text: 'Loading…', chooseSkills: false });
    expect(whyNoQueueRows(q('loading', 'waiting'), 'all')?.text).toBe('are not loaded yet: waiting');
    expect(whyNoQueueRows(q('unavailable', null), 'all')?.text).toBe('are unavailable: CXone refused the skill activity request.');
    expect(whyNoQueueRows(q('error', 'HTTP 500'), 'all')?.text).toBe('could not be loaded: HTTP 500 The app keeps trying.');
    expect(whyNoQueueRows(q('live', null), 'chosen')).toEqual({ text: noSkillsReason('chosen'), chooseSkills: true });
    expect(whyNoQueueRows(q('live', null), 'all')).toEqual({ text: noSkillsReason('all'), chooseSkills: false });
  });

  it('null when there are rows to show, live or stale', () => {
    expect(whyNoQueueRows(q('live', null, [skill(1, 0, null)]), 'all')).toBeNull();
    expect(whyNoQueueRows(q('stale', 'timeout', [skill(1, 0, null)]), 'all')).toBeNull();
  });
});
