import { describe, expect, it } from 'vitest';
import { createAlertPolicy } from '../../main/monitor/alerts';
import { createAlertRunner } from '../../main/monitor/alert-runner';
import type { AgentChange } from '../../main/monitor/status';
import { trendSchema } from '../../main/monitor/status';
import { createTrendRecorder } from '../../main/monitor/trend';
import { createWatchFilter, filterDelta, filterSnapshot } from '../../main/monitor/watch-scope';
import type { NotificationRequest } from '../../main/ports';
import { notificationSettingsSchema } from '../../main/settings/schema';
import { FakeClock, agent } from './fakes';

const T = Date.UTC(2025, 0, 15, 13, 0, 0);
const a1 = agent(1, { teamId: 10 });
const a2 = agent(2, { teamId: 20 });
const a3 = agent(3, { teamId: null });

describe('watch scope', () => {
  it('all shows everyone', () => {
    const f = createWatchFilter({ scope: 'all', teamIds: [], agentIds: [] }, null);
    expect([a1, a2, a3].map((a) => f.includes(a))).toEqual([true, true, true]);
    expect(f.hiddenReason(a3)).toBeNull();
  });

  it('teams shows the chosen teams and explains the rest', () => {
    const f = createWatchFilter({ scope: 'teams', teamIds: [10], agentIds: [2] }, null);
    expect([a1, a2, a3].map((a) => f.includes(a))).toEqual([true, false, false]);
    expect(f.hiddenReason(a2)).toMatch(/team \(20\) is not one of them/);
    expect(f.hiddenReason(a1)).toBeNull();
    expect(createWatchFilter({ scope: 'teams', teamIds: [], agentIds: [] }, null).hiddenReason(a1)).toMatch(/no team is chosen/);
  });

  it('agents shows the chosen agents', () => {
    const f = createWatchFilter({ scope: 'agents', teamIds: [10], agentIds: [2, 3] }, null);
    expect([a1, a2, a3].map((a) => f.includes(a))).toEqual([false, true, true]);
    expect(f.hiddenReason(a1)).toMatch(/chosen agents/);
    expect(f.hiddenReason(a3)).toBeNull();
  });

  it('me shows the signed-in agent, and nobody (with a reason) when the user has no agent id', () => {
    const f = createWatchFilter({ scope: 'me', teamIds: [], agentIds: [] }, 2);
    expect([a1, a2, a3].map((a) => f.includes(a))).toEqual([false, true, false]);
    expect(f.hiddenReason(a2)).toBeNull();
    expect(f.hiddenReason(a1)).toMatch(/"me" \(agent 2\); this is another agent/);
    const none = createWatchFilter({ scope: 'me', teamIds: [], agentIds: [] }, null);
    expect(none.includes(a2)).toBe(false);
    expect(none.hiddenReason(a2)).toMatch(/no agent id/);
  });

  it('narrows snapshots, and turns out-of-scope upserts into removals', () => {
    const f = createWatchFilter({ scope: 'teams', teamIds: [10], agentIds: [] }, null);
    expect(filterSnapshot({ revision: 3, agents: [a1, a2, a3], teams: [] }, f).agents).toEqual([a1]);
    const moved = { ...a1, teamId: 20 };
    expect(filterDelta({ base: 3, revision: 4, upserts: [moved, a2, { ...a3, teamId: 10 }], removed: [7] }, f)).toEqual({
      base: 3,
      revision: 4,
      upserts: [{ ...a3, teamId: 10 }],
      removed: [7, 1, 2],
    });
  });
});

function ch(from: ReturnType<typeof agent> | null, to: ReturnType<typeof agent>): AgentChange {
  return { agentId: to.agentId, from, to, at: T, baseline: false };
}

describe('trend recorder', () => {
  it('counts agents per category minute by minute from the change stream', () => {
    const t = createTrendRecorder();
    t.record([ch(null, agent(1)), ch(null, agent(2)), ch(null, agent(3, { stateId: 2 }))], T);
    t.record([ch(agent(1), agent(1, { stateId: 3 }))], T + 30_000);
    t.record([ch(agent(2), agent(2, { stateId: 0 }))], T + 61_000);
    const out = trendSchema.parse(t.trend(T + 3 * 60_000 + 1));
    expect(out.bucketMs).toBe(60_000);
    expect(out.buckets.map((b) => b.t)).toEqual([T, T + 60_000, T + 120_000, T + 180_000]);
    expect(out.buckets.map((b) => [b.counts.available, b.counts['on-contact'], b.counts.unavailable, b.counts['logged-out']])).toEqual([
      [1, 1, 1, 0],
      [0, 1, 1, 1],
      [0, 1, 1, 1],
      [0, 1, 1, 1],
    ]);
  });

  it('keeps only the last 60 minutes, even after a long gap', () => {
    const t = createTrendRecorder();
    t.record([ch(null, agent(1))], T);
    expect(t.trend(T + 5 * 3600_000).buckets).toHaveLength(60);
    const b = t.trend(T + 5 * 3600_000 + 59 * 60_000).buckets;
    expect(b).toHaveLength(60);
    expect(b[0]!.t).toBe(T + 5 * 3600_000);
  });

  it('respects the scope filter and recounts on a scope change', () => {
    const t = createTrendRecorder({ include: (a) => a.teamId === 10 });
    t.record([ch(null, a1), ch(null, a2)], T);
    expect(t.current().available).toBe(1);
    t.setFilter(() => true);
    t.recount([a1, a2, a3], T);
    expect(t.current().available).toBe(3);
  });

  it('does not move counts backwards in time when the clock steps back', () => {
    const t = createTrendRecorder();
    t.record([ch(null, agent(1))], T + 120_000);
    t.record([ch(null, agent(2))], T);
    const b = t.trend(T + 120_000).buckets;
    expect(b).toHaveLength(1);
    expect(b[0]!.counts.available).toBe(2);
  });
});

describe('alert runner', () => {
  // The Notifier port stands in for Electron's Notification, which cannot run here.
  it('wakes the policy at its due time through the clock and shows the decisions; stop leaves no timer', async () => {
    const clock = new FakeClock(T);
    const shown: NotificationRequest[] = [];
    const policy = createAlertPolicy({ settings: notificationSettingsSchema.parse({ cooldownSeconds: 0 }), minuteOfDay: () => 600 });
    const runner = createAlertRunner({ policy, clock, notifier: { show: (n) => shown.push(n) } });
    runner.handleChanges([ch(agent(1), agent(1, { stateId: 0 }))]);
    expect(clock.pending()).toBe(1);
    await clock.advance(2_999);
    expect(shown).toEqual([]);
    await clock.advance(1);
    expect(shown).toEqual([{ title: 'First1 Last1 logged out', body: 'Support Tier 1 · was available', agentId: 1 }]);
    expect(clock.pending()).toBe(0);
    runner.handleChanges([ch(agent(2), agent(2, { stateId: 0 }))]);
    runner.stop();
    expect(clock.pending()).toBe(0);
  });

  it('keeps one timer at most, and re-arms after firing for an alert that is due later', async () => {
    const clock = new FakeClock(T);
    const shown: NotificationRequest[] = [];
    const settings = notificationSettingsSchema.parse({ cooldownSeconds: 0, unavailableLongerThanMinutes: 5 });
    const policy = createAlertPolicy({ settings, minuteOfDay: () => 600 });
    const runner = createAlertRunner({ policy, clock, notifier: { show: (n) => shown.push(n) } });
    // A baseline shows agent 1 on a break: no notification, but its long-unavailable clock starts (due T + 5 min).
    runner.handleChanges([{ ...ch(null, agent(1, { stateId: 2, outStateId: 12, outStateDescription: 'Break' })), baseline: true }]);
    expect(clock.pending()).toBe(1);
    await clock.advance(1_000);
    // A burst opens (due T + 4 s): the earlier timer is replaced, not joined by a second one.
    runner.handleChanges([ch(agent(2), agent(2, { stateId: 0 }))]);
    expect(clock.pending()).toBe(1);
    await clock.advance(3_000);
    expect(shown.map((n) => n.title)).toEqual(['First2 Last2 logged out']);
    // Nothing else happens, yet the long-unavailable alert still comes: firing planned the next wake-up.
    expect(clock.pending()).toBe(1);
    await clock.advance(5 * 60_000 - 4_000 + 3_000);
    expect(shown.map((n) => n.title)).toEqual(['First2 Last2 logged out', 'First1 Last1 unavailable for 5+ minutes']);
    runner.stop();
    expect(clock.pending()).toBe(0);
  });

  it('a notification the notifier fails to show is logged, and the next wake-up is still planned', async () => {
    const clock = new FakeClock(T);
    const shown: NotificationRequest[] = [];
    const warned: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => void warned.push(m), error() {} };
    let failNext = true;
    const notifier = {
      show(n: NotificationRequest) {
        if (failNext) {
          failNext = false;
          throw new Error('the notification centre is gone');
        }
        shown.push(n);
      },
    };
    const settings = notificationSettingsSchema.parse({ cooldownSeconds: 0, unavailableLongerThanMinutes: 5 });
    const runner = createAlertRunner({ policy: createAlertPolicy({ settings, minuteOfDay: () => 600 }), clock, notifier, logger });
    runner.handleChanges([{ ...ch(null, agent(1, { stateId: 2, outStateId: 12, outStateDescription: 'Break' })), baseline: true }]);
    runner.handleChanges([ch(agent(2), agent(2, { stateId: 0 }))]);
    await clock.advance(3_000);
    expect(shown).toEqual([]);
    expect(warned).toEqual(['showing a notification failed']);
    expect(clock.pending()).toBe(1);
    await clock.advance(5 * 60_000);
    expect(shown.map((n) => n.title)).toEqual(['First1 Last1 unavailable for 5+ minutes']);
    runner.stop();
  });
});
