// Queue notification rules through the one alert policy: the edges they fire on, the baseline they
// never fire on, and the shared coalescing, cooldown, cap, quiet hours and pause. Pure: time is passed in,
// except for the runner test, which drives the real runner with the monitor's fake clock (timers only).
import { describe, expect, it } from 'vitest';
import { createAlertPolicy, type AlertPolicyOptions } from '../../main/monitor/alerts';
import { createAlertRunner } from '../../main/monitor/alert-runner';
import { createQueueRuleTracker, effectiveQueueThresholds } from '../../main/monitor/queue-alerts';
import { formatWait } from '../../main/queues/queue-summary';
import type { NotificationDecision } from '../../main/monitor/alerts';
import type { QueueState, SkillQueue } from '../../main/queues/model';
import { notificationSettingsSchema, type NotificationSettings } from '../../main/settings/schema';
import { FakeClock } from './fakes';
import { agent } from './fakes';

const T = Date.UTC(2025, 0, 15, 13, 0, 0);
const SEC = 1000;
const MIN = 60_000;

function skill(skillId: number, over: Partial<SkillQueue> = {}): SkillQueue {
  return {
    skillId,
    skillName: `Skill ${skillId}`,
    mediaTypeName: 'Phone Call',
    isOutbound: false,
    queueCount: 0,
    earliestQueueTime: null,
    agentsAvailable: 2,
    agentsUnavailable: 1,
    agentsACW: 0,
    agentsWorking: 3,
    agentsLoggedIn: 6,
    serviceLevel: 90,
    serviceLevelGoal: 80,
    serviceLevelThreshold: 30,
    serviceLevelStatus: 'meeting',
    agentIds: null,
    ...over,
  };
}

/** A skill with `n` waiting, the longest since `waitingSince` (server ms). */
const waiting = (skillId: number, n: number, waitingSince: number | null = null) =>
  skill(skillId, { queueCount: n, earliestQueueTime: waitingSince === null ? null : new Date(waitingSince).toISOString() });

function live(skills: SkillQueue[], status: QueueState['status'] = 'live'): QueueState {
  return { status, reason: null, skills, updatedAt: T, serverOffsetMs: 0 };
}

type Rule = NotificationSettings['queueRules'][number];

function policy(rules: Rule[], over: Partial<NotificationSettings> = {}, opts: Partial<AlertPolicyOptions> = {}) {
  const settings = { ...notificationSettingsSchema.parse({}), cooldownSeconds: 0, maxPerMinute: 60, queueRules: rules, ...over };
  return createAlertPolicy({ settings, minuteOfDay: () => 12 * 60, ...opts });
}

/** Feeds a QueueState at `now` and returns what the 3 s burst window yields. */
function decide(p: ReturnType<typeof policy>, state: QueueState, now: number): NotificationDecision[] {
  p.onQueues(state, now);
  expect(p.tick(now + 2_999)).toEqual([]);
  return p.tick(now + 3_000);
}

const over5: Rule = { skillId: null, kind: 'waiting-over', threshold: 5 };
const wait60: Rule = { skillId: null, kind: 'longest-wait-over', threshold: 60 };

describe('queue rules', () => {
  it('do not notify what the first answer already shows (no storm at start), then notify when a count passes', () => {
    const p = policy([over5]);
    expect(decide(p, live([waiting(1, 9), waiting(2, 12), waiting(3, 1)]), T)).toEqual([]);
    expect(decide(p, live([waiting(1, 9), waiting(2, 12), waiting(3, 6)]), T + 10 * SEC)).toEqual([
      { title: 'Skill 3: 6 waiting', body: 'More than 5 contacts waiting · nobody waiting long' },
    ]);
  });

  it('says "more than 1 contact" in the singular', () => {
    const p = policy([{ skillId: null, kind: 'waiting-over', threshold: 1 }]);
    expect(decide(p, live([waiting(1, 0)]), T)).toEqual([]);
    expect(decide(p, live([waiting(1, 2)]), T + 10 * SEC)).toEqual([{ title: 'Skill 1: 2 waiting', body: 'More than 1 contact waiting · nobody waiting long' }]);
  });

  it('fire once per crossing and re-arm only after the condition clears', () => {
    const p = policy([over5]);
    decide(p, live([waiting(1, 0)]), T);
    expect(decide(p, live([waiting(1, 6)]), T + 10 * SEC)).toHaveLength(1);
    expect(decide(p, live([waiting(1, 8)]), T + 20 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 5)]), T + 30 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 7)]), T + 40 * SEC)).toEqual([{ title: 'Skill 1: 7 waiting', body: 'More than 5 contacts waiting · nobody waiting long' }]);
  });

  it('a longest wait passes its limit with time alone: due at entry + threshold, without a new poll', () => {
    const p = policy([wait60]);
    const entered = T - 20 * SEC;
    decide(p, live([waiting(1, 2, entered)]), T);
    expect(p.nextDueAt()).toBe(entered + 60 * SEC);
    expect(p.tick(entered + 60 * SEC - 1)).toEqual([]);
    expect(p.tick(entered + 60 * SEC)).toEqual([]); // joins the burst window
    expect(p.tick(entered + 63 * SEC)).toEqual([{ title: 'Skill 1: a contact waiting 1:00', body: 'Longest wait over 1:00 · 2 waiting' }]);
    // Still the same contact at the next poll: no second notification.
    expect(decide(p, live([waiting(1, 3, entered)]), entered + 70 * SEC)).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
    // Answered; the next one waits from later and passes the limit again in its own time.
    const next = entered + 65 * SEC;
    expect(decide(p, live([waiting(1, 1, next)]), entered + 80 * SEC)).toEqual([]);
    expect(p.nextDueAt()).toBe(next + 60 * SEC);
  });

  it('a baseline that shows a wait already past the limit is old news; nothing is planned for it', () => {
    const p = policy([wait60]);
    expect(decide(p, live([waiting(1, 4, T - 5 * MIN)]), T)).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
  });

  it('a rule for one skill is stronger than the rule for all; the lowest threshold of several counts', () => {
    const rules: Rule[] = [over5, { skillId: 2, kind: 'waiting-over', threshold: 20 }, { skillId: 2, kind: 'waiting-over', threshold: 15 }];
    expect(effectiveQueueThresholds(rules, 1).get('waiting-over')).toBe(5);
    expect(effectiveQueueThresholds(rules, 2).get('waiting-over')).toBe(15);
    expect(effectiveQueueThresholds(rules, 2).has('longest-wait-over')).toBe(false);
    const p = policy(rules);
    decide(p, live([waiting(1, 0), waiting(2, 0)]), T);
    expect(decide(p, live([waiting(1, 0), waiting(2, 10)]), T + 10 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 0), waiting(2, 16)]), T + 20 * SEC)).toHaveLength(1);
  });

  it('after no data (error, unavailable, off) or a resume, the next answer is a baseline again', () => {
    const p = policy([over5]);
    decide(p, live([waiting(1, 0)]), T);
    expect(decide(p, live([], 'error'), T + 10 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 9)]), T + 20 * SEC)).toEqual([]);
    decide(p, live([waiting(1, 0)]), T + 30 * SEC);
    p.queueBaseline();
    expect(decide(p, live([waiting(1, 9)]), T + 40 * SEC)).toEqual([]);
  });

  it('a new or changed rule starts from a baseline; a newly watched skill too', () => {
    const p = policy([over5]);
    decide(p, live([waiting(1, 9)]), T);
    p.setSettings({ ...notificationSettingsSchema.parse({}), cooldownSeconds: 0, maxPerMinute: 60, queueRules: [{ ...over5, threshold: 3 }] });
    expect(decide(p, live([waiting(1, 10), waiting(2, 30)]), T + 10 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 2), waiting(2, 30)]), T + 20 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 4), waiting(2, 30)]), T + 30 * SEC)).toHaveLength(1);
  });

  it('stale data moves no timer and fires nothing', () => {
    const p = policy([wait60]);
    decide(p, live([waiting(1, 1, T)]), T);
    expect(p.nextDueAt()).toBe(T + 60 * SEC);
    p.onQueues(live([waiting(1, 1, T)], 'stale'), T + 10 * SEC);
    expect(p.nextDueAt()).toBeNull();
    expect(p.tick(T + 2 * MIN)).toEqual([]);
    // Nor when the burst window would have closed.
    expect(p.tick(T + 2 * MIN + 3 * SEC)).toEqual([]);
  });

  it('after a resume, no longest wait fires on the old data; the next answer is the baseline', () => {
    const p = policy([wait60]);
    decide(p, live([waiting(1, 1, T - 20 * SEC)]), T);
    expect(p.nextDueAt()).toBe(T + 40 * SEC);
    p.queueBaseline();
    expect(p.nextDueAt()).toBeNull();
    expect(p.tick(T + 2 * MIN)).toEqual([]);
    expect(p.tick(T + 2 * MIN + 3 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 1, T - 20 * SEC)]), T + 3 * MIN)).toEqual([]);
  });

  it('a rule for one skill is for that skill only', () => {
    const rules: Rule[] = [{ skillId: 2, kind: 'waiting-over', threshold: 15 }];
    expect(effectiveQueueThresholds(rules, 1).size).toBe(0);
    const p = policy(rules);
    decide(p, live([waiting(1, 0), waiting(2, 0)]), T);
    expect(decide(p, live([waiting(1, 30), waiting(2, 0)]), T + 10 * SEC)).toEqual([]);
    expect(decide(p, live([waiting(1, 30), waiting(2, 16)]), T + 20 * SEC)).toEqual([{ title: 'Skill 2: 16 waiting', body: 'More than 15 contacts waiting · nobody waiting long' }]);
  });

  it('a queue that empties before its longest wait passes the limit notifies nothing', () => {
    const p = policy([wait60]);
    decide(p, live([waiting(1, 1, T - 10 * SEC)]), T);
    expect(decide(p, live([waiting(1, 0)]), T + 10 * SEC)).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
  });

  it('a settings change that leaves the queue rules as they were keeps comparing with the last answer', () => {
    const p = policy([over5]);
    decide(p, live([waiting(1, 0)]), T);
    p.setSettings({ ...notificationSettingsSchema.parse({}), cooldownSeconds: 30, maxPerMinute: 60, queueRules: [over5] });
    expect(decide(p, live([waiting(1, 9)]), T + 10 * SEC)).toEqual([{ title: 'Skill 1: 9 waiting', body: 'More than 5 contacts waiting · nobody waiting long' }]);
  });

  it('a count rule plans no wake-up, even while someone waits; with nothing pending the tracker says null', () => {
    const p = policy([over5]);
    decide(p, live([waiting(1, 2, T - 10 * SEC)]), T);
    expect(p.nextDueAt()).toBeNull();
    const tracker = createQueueRuleTracker([over5]);
    expect(tracker.observe(live([waiting(1, 2, T - 10 * SEC)]), T)).toEqual([]);
    expect(tracker.nextDueAt()).toBeNull();
  });

  it('a count alert says how long the longest has waited; a longest-wait alert in a burst says its wait', () => {
    const p = policy([over5, wait60]);
    p.onQueues(live([waiting(1, 0), waiting(2, 1, T - 50 * SEC)]), T);
    p.onQueues(live([waiting(1, 6, T + 5 * SEC), waiting(2, 1, T - 50 * SEC)]), T + 10 * SEC);
    expect(p.tick(T + 13 * SEC)).toEqual([{ title: '2 queue alerts', body: 'Skill 1: 6 waiting · Skill 2: waiting 1:00' }]);
    const q = policy([over5]);
    decide(q, live([waiting(1, 0)]), T);
    expect(decide(q, live([waiting(1, 6, T - 2 * MIN)]), T + 10 * SEC)).toEqual([{ title: 'Skill 1: 6 waiting', body: 'More than 5 contacts waiting · longest wait 2:10' }]);
  });

  it('stale data is not "no data": the next live answer is compared with the last live one, not a baseline', () => {
    const p = policy([over5]);
    decide(p, live([waiting(1, 0)]), T);
    p.onQueues(live([waiting(1, 9)], 'stale'), T + 10 * SEC);
    expect(decide(p, live([waiting(1, 9)]), T + 20 * SEC)).toHaveLength(1);
  });

  it('a longest wait plans nothing once its rule is removed or changed, or its skill is no longer watched', () => {
    const settings = (queueRules: Rule[]) => ({ ...notificationSettingsSchema.parse({}), cooldownSeconds: 0, maxPerMinute: 60, queueRules });
    const p = policy([wait60]);
    decide(p, live([waiting(1, 1, T)]), T);
    expect(p.nextDueAt()).toBe(T + 60 * SEC);
    p.setSettings(settings([]));
    expect(p.nextDueAt()).toBeNull();
    expect(p.tick(T + 2 * MIN)).toEqual([]);

    p.setSettings(settings([wait60]));
    decide(p, live([waiting(1, 1, T)]), T + 10 * SEC);
    expect(p.nextDueAt()).toBe(T + 60 * SEC);
    // A new threshold starts from a baseline: nothing is planned on the old one.
    p.setSettings(settings([{ ...wait60, threshold: 120 }]));
    expect(p.nextDueAt()).toBeNull();

    decide(p, live([waiting(1, 1, T)]), T + 20 * SEC);
    expect(p.nextDueAt()).toBe(T + 120 * SEC);
    decide(p, live([waiting(2, 0)]), T + 30 * SEC);
    expect(p.nextDueAt()).toBeNull();
    expect(p.tick(T + 3 * MIN)).toEqual([]);
  });

  it('are coalesced with agent changes into one notification within the burst window', () => {
    const p = policy([over5, wait60]);
    p.onQueues(live([waiting(1, 0), waiting(2, 0)]), T);
    p.onQueues(live([waiting(1, 6), waiting(2, 8)]), T + 10 * SEC);
    p.onChanges([{ agentId: 7, from: agent(7, { stateId: 1 }), to: agent(7, { stateId: 0 }), at: T + 10 * SEC, baseline: false }], T + 11 * SEC);
    expect(p.tick(T + 13 * SEC)).toEqual([{ title: '1 agent changed, 2 queue alerts', body: 'Skill 1: 6 waiting · Skill 2: 8 waiting · 1 logged out' }]);
  });

  it('a burst of queue alerts alone is titled by them, with no agent count', () => {
    const p = policy([over5]);
    p.onQueues(live([waiting(1, 0), waiting(2, 0)]), T);
    p.onQueues(live([waiting(1, 6), waiting(2, 8)]), T + 10 * SEC);
    expect(p.tick(T + 13 * SEC)).toEqual([{ title: '2 queue alerts', body: 'Skill 1: 6 waiting · Skill 2: 8 waiting' }]);
  });

  it('share the cooldown: a rule that flaps within it notifies once', () => {
    const p = policy([over5], { cooldownSeconds: 120 });
    decide(p, live([waiting(1, 0)]), T);
    expect(decide(p, live([waiting(1, 6)]), T + 10 * SEC)).toHaveLength(1);
    decide(p, live([waiting(1, 2)]), T + 20 * SEC);
    expect(decide(p, live([waiting(1, 6)]), T + 30 * SEC)).toEqual([]);
    decide(p, live([waiting(1, 2)]), T + 3 * MIN);
    expect(decide(p, live([waiting(1, 6)]), T + 4 * MIN)).toHaveLength(1);
    expect(p.suppressedCount()).toBe(1);
  });

  it('share the cap per minute with agent notifications', () => {
    const p = policy([over5], { maxPerMinute: 1 });
    decide(p, live([waiting(1, 0), waiting(2, 0)]), T);
    expect(decide(p, live([waiting(1, 6), waiting(2, 0)]), T + 10 * SEC)).toHaveLength(1);
    expect(decide(p, live([waiting(1, 6), waiting(2, 6)]), T + 20 * SEC)).toEqual([]);
  });

  it('stay quiet in quiet hours and while paused, and are no storm afterwards', () => {
    let minute = 23 * 60;
    const p = policy([over5], { quietHours: { enabled: true, start: '22:00', end: '07:00' } }, { minuteOfDay: () => minute });
    decide(p, live([waiting(1, 0)]), T);
    expect(decide(p, live([waiting(1, 9)]), T + 10 * SEC)).toEqual([]);
    minute = 8 * 60;
    // Still above the threshold after quiet hours: it was not a new crossing, so nothing now.
    expect(decide(p, live([waiting(1, 9)]), T + 20 * SEC)).toEqual([]);
    p.pauseUntil(null);
    decide(p, live([waiting(1, 0)]), T + 30 * SEC);
    expect(decide(p, live([waiting(1, 9)]), T + 40 * SEC)).toEqual([]);
    p.resume();
    decide(p, live([waiting(1, 0)]), T + 50 * SEC);
    expect(decide(p, live([waiting(1, 9)]), T + 60 * SEC)).toHaveLength(1);
  });

  it('nothing while notifications are off; turning them on is no storm', () => {
    const p = policy([over5], { enabled: false });
    decide(p, live([waiting(1, 0)]), T);
    expect(decide(p, live([waiting(1, 9)]), T + 10 * SEC)).toEqual([]);
    p.setSettings({ ...notificationSettingsSchema.parse({}), cooldownSeconds: 0, maxPerMinute: 60, queueRules: [over5] });
    expect(decide(p, live([waiting(1, 9)]), T + 20 * SEC)).toEqual([]);
  });

  it('formats waits as a person reads them', () => {
    expect([0, 59_999, 60_000, 185_000, 3_727_000].map(formatWait)).toEqual(['0:00', '0:59', '1:00', '3:05', '1:02:07']);
  });
});

describe('queue rules through the alert runner (fake clock: timers only)', () => {
  it('wakes when a longest wait passes its limit and shows one notification, with no new QueueState', async () => {
    const clock = new FakeClock(T);
    const shown: NotificationDecision[] = [];
    const p = policy([wait60]);
    const runner = createAlertRunner({ policy: p, clock, notifier: { show: (n) => shown.push(n) } });
    runner.handleQueues(live([waiting(4, 1, T - 30 * SEC)]));
    await clock.advance(29 * SEC);
    expect(shown).toEqual([]);
    await clock.advance(4 * SEC);
    expect(shown).toEqual([{ title: 'Skill 4: a contact waiting 1:00', body: 'Longest wait over 1:00 · 1 waiting' }]);
    await clock.advance(10 * MIN);
    expect(shown).toHaveLength(1);
    runner.stop();
    expect(clock.pending()).toBe(0);
  });

  it('clears its timer when nothing is due any more (stale data plans no wait)', async () => {
    const clock = new FakeClock(T);
    const shown: NotificationDecision[] = [];
    const runner = createAlertRunner({ policy: policy([wait60]), clock, notifier: { show: (n) => shown.push(n) } });
    runner.handleQueues(live([waiting(4, 1, T - 30 * SEC)]));
    expect(clock.pending()).toBe(1);
    runner.handleQueues(live([waiting(4, 1, T - 30 * SEC)], 'stale'));
    expect(clock.pending()).toBe(0);
    await clock.advance(10 * MIN);
    expect(shown).toEqual([]);
    runner.stop();
  });
});
