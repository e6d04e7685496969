// The notification policy, rule by rule. Pure: time is passed in, so no clock is needed.
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { createAlertPolicy, inQuietHours, isNotableTransition, NOTIFIABLE_CATEGORIES, notifyingCategories, type AlertPolicyOptions } from '../../main/monitor/alerts';
import type { AgentChange } from '../../main/monitor/status';
import { notificationSettingsSchema, type NotificationSettings } from '../../main/settings/schema';
import { agent } from './fakes';
import { FAR_ZONE, inTimeZone } from '../harness/time-zone';

const T = Date.UTC(2025, 0, 15, 13, 0, 0);
const MIN = 60_000;

const available = (id: number, over: Partial<AgentState> = {}) => agent(id, { stateId: 1, ...over });
const onBreak = (id: number, over: Partial<AgentState> = {}) => agent(id, { stateId: 2, outStateId: 12, outStateDescription: 'Break', ...over });
const onLunch = (id: number) => agent(id, { stateId: 2, outStateId: 13, outStateDescription: 'Lunch' });
const loggedOut = (id: number) => agent(id, { stateId: 0 });
const onContact = (id: number) => agent(id, { stateId: 3, contactId: 5 });
const acw = (id: number) => agent(id, { stateId: 1, isACW: true });

function change(from: AgentState | null, to: AgentState, at = T, baseline = false): AgentChange {
  return { agentId: to.agentId, from, to, at, baseline };
}

function settings(over: Partial<NotificationSettings> = {}): NotificationSettings {
  // Cooldown 0 and a high cap unless a test is about them.
  return { ...notificationSettingsSchema.parse({}), cooldownSeconds: 0, maxPerMinute: 60, ...over };
}

function policy(over: Partial<NotificationSettings> = {}, opts: Partial<AlertPolicyOptions> = {}) {
  return createAlertPolicy({ settings: settings(over), minuteOfDay: () => 12 * 60, ...opts });
}

/** Feeds changes at `now` and returns what the burst window yields when it closes. */
function decide(p: ReturnType<typeof policy>, cs: AgentChange[], now = T) {
  p.onChanges(cs, now);
  expect(p.tick(now + 2_999)).toEqual([]);
  return p.tick(now + 3_000);
}

describe('alert policy', () => {
  it('notifies a single transition with the agent, team and previous state', () => {
    const p = policy();
    expect(decide(p, [change(available(1), onBreak(1))])).toEqual([
      { title: 'First1 Last1 is now on Break', body: 'Support Tier 1 · was available', agentId: 1 },
    ]);
    expect(decide(p, [change(onBreak(1), loggedOut(1))], T + MIN)).toEqual([
      { title: 'First1 Last1 logged out', body: 'Support Tier 1 · was on Break', agentId: 1 },
    ]);
  });

  it('follows the per-category toggles (defaults: available, unavailable, logged out on; contact, ACW off)', () => {
    const p = policy();
    expect(decide(p, [change(available(1), onContact(1))])).toEqual([]);
    expect(decide(p, [change(onContact(1), acw(1))])).toEqual([]);
    expect(decide(p, [change(acw(1), available(1))])).toHaveLength(1);
    const q = policy({ toAvailable: false, toOnContact: true, toAcw: true });
    expect(decide(q, [change(onBreak(1), available(1))])).toEqual([]);
    expect(decide(q, [change(available(1), onContact(1))])[0]!.title).toBe('First1 Last1 is now on a contact');
    expect(decide(q, [change(onContact(1), acw(1))], T + MIN)[0]!.title).toBe('First1 Last1 is now in after-contact work');
    expect(decide(policy({ toLoggedOut: false }), [change(available(1), loggedOut(1))])).toEqual([]);
    expect(decide(policy({ toUnavailable: false }), [change(available(1), onBreak(1))])).toEqual([]);
  });

  it('notifies a change of unavailable reason, but not a new contact within on-contact', () => {
    const p = policy({ toOnContact: true });
    expect(isNotableTransition(change(onBreak(1), onLunch(1)))).toBe(true);
    // The same break with other fields changed (a move to another team, say) is no news.
    expect(isNotableTransition(change(onBreak(1), onBreak(1, { teamName: 'Support Tier 2' })))).toBe(false);
    expect(isNotableTransition(change(available(1), available(1, { outStateId: 12 })))).toBe(false);
    expect(decide(p, [change(onBreak(1), onLunch(1))])[0]!.title).toBe('First1 Last1 is now on Lunch');
    expect(decide(p, [change(onContact(1), agent(1, { stateId: 3, contactId: 6 }))])).toEqual([]);
  });

  it('never notifies baseline changes (start, resume, resync)', () => {
    const p = policy();
    expect(decide(p, [change(null, onBreak(1), T, true), change(available(2), loggedOut(2), T, true)])).toEqual([]);
    expect(p.nextDueAt()).toBeNull();
  });

  it('notifies an agent first seen in a (non-baseline) delta', () => {
    expect(decide(policy(), [change(null, available(1))])).toEqual([{ title: 'First1 Last1 is now available', body: 'Support Tier 1 · first seen available', agentId: 1 }]);
  });

  it('does nothing when notifications are off', () => {
    expect(decide(policy({ enabled: false }), [change(available(1), onBreak(1))])).toEqual([]);
  });

  it('coalesces a burst within 3 s into one notification', () => {
    const p = policy();
    p.onChanges([change(available(5), loggedOut(5)), change(onBreak(4), available(4)), change(available(1), onBreak(1))], T);
    p.onChanges([change(available(2), onBreak(2)), change(available(3), onBreak(3))], T + 2_000);
    expect(p.nextDueAt()).toBe(T + 3_000);
    // The largest group first, then by name.
    expect(p.tick(T + 3_000)).toEqual([{ title: '5 agents changed', body: '3 on Break · 1 available · 1 logged out' }]);
    // The next change opens a new window.
    expect(decide(p, [change(available(6), onBreak(6))], T + 4_000)).toHaveLength(1);
  });

  it('keeps the latest change of an agent that changed twice within a burst', () => {
    const p = policy();
    p.onChanges([change(available(1), onBreak(1))], T);
    p.onChanges([change(onBreak(1), loggedOut(1))], T + 1_000);
    expect(p.tick(T + 3_000)).toEqual([{ title: 'First1 Last1 logged out', body: 'Support Tier 1 · was on Break', agentId: 1 }]);
  });

  it('pinned-only notifies pinned agents only, and pins can change', () => {
    const p = policy({ pinnedOnly: true }, { pinnedAgentIds: [2] });
    expect(decide(p, [change(available(1), onBreak(1)), change(available(2), onBreak(2))])).toEqual([
      expect.objectContaining({ agentId: 2 }),
    ]);
    p.setPinned([1]);
    expect(decide(p, [change(onBreak(1), available(1)), change(onBreak(2), available(2))], T + MIN)).toEqual([
      expect.objectContaining({ agentId: 1 }),
    ]);
  });

  it('a team rule replaces the toggles for that team only', () => {
    const p = policy({ teamRules: [{ teamId: 9, categories: ['on-contact'] }] });
    const team9 = (s: AgentState) => ({ ...s, teamId: 9, teamName: 'Sales' });
    expect(decide(p, [change(team9(available(1)), team9(onBreak(1)))])).toEqual([]);
    expect(decide(p, [change(team9(onBreak(1)), team9(onContact(1)))], T + MIN)).toEqual([expect.objectContaining({ title: 'First1 Last1 is now on a contact', body: 'Sales · was on Break' })]);
    expect(decide(p, [change(available(2), onBreak(2))], T + 2 * MIN)).toHaveLength(1); // other teams: toggles
  });

  it('NOTIFIABLE_CATEGORIES (what the settings window offers for a team rule) are the values a rule honours', () => {
    expect(NOTIFIABLE_CATEGORIES).toEqual(['available', 'unavailable', 'logged-out', 'on-contact', 'acw']);
    const team9 = (s: AgentState) => ({ ...s, teamId: 9 });
    const into = { available: available(1), unavailable: onBreak(1), 'logged-out': loggedOut(1), 'on-contact': onContact(1), acw: acw(1) };
    const from = { available: onBreak(1), unavailable: available(1), 'logged-out': available(1), 'on-contact': available(1), acw: onContact(1) };
    for (const category of NOTIFIABLE_CATEGORIES) {
      const k = category as keyof typeof into;
      // Every switch off: only the team rule can let the change through.
      const off = { toAvailable: false, toUnavailable: false, toLoggedOut: false, toOnContact: false, toAcw: false };
      const p = policy({ ...off, teamRules: [{ teamId: 9, categories: [category] }] });
      expect(decide(p, [change(team9(from[k]), team9(into[k]))]), category).toHaveLength(1);
      const others = NOTIFIABLE_CATEGORIES.filter((c) => c !== category);
      expect(decide(policy({ ...off, teamRules: [{ teamId: 9, categories: others }] }), [change(team9(from[k]), team9(into[k]))]), category).toEqual([]);
    }
  });

  it('leaves out an agent notified less than the cooldown ago', () => {
    const p = policy({ cooldownSeconds: 60 });
    expect(decide(p, [change(available(1), onBreak(1))], T)).toHaveLength(1);
    expect(decide(p, [change(onBreak(1), available(1))], T + 10_000)).toEqual([]);
    expect(decide(p, [change(available(1), onBreak(1)), change(available(2), onBreak(2))], T + 20_000)).toEqual([
      expect.objectContaining({ agentId: 2 }),
    ]);
    expect(decide(p, [change(onBreak(1), available(1))], T + 60_000)).toHaveLength(1);
    expect(p.suppressedCount()).toBe(2);
  });

  it('caps notifications per minute', () => {
    const p = policy({ maxPerMinute: 2 });
    expect(decide(p, [change(available(1), onBreak(1))], T)).toHaveLength(1);
    expect(decide(p, [change(available(2), onBreak(2))], T + 5_000)).toHaveLength(1);
    expect(decide(p, [change(available(3), onBreak(3))], T + 10_000)).toEqual([]);
    expect(p.suppressedCount()).toBe(1);
    // A minute after the first, it no longer counts.
    expect(decide(p, [change(available(4), onBreak(4))], T + 60_000)).toHaveLength(1);
  });

  it('a batch the cooldown emptied is no notification: it does not count against the cap', () => {
    const p = policy({ cooldownSeconds: 60, maxPerMinute: 2 });
    expect(decide(p, [change(available(1), onBreak(1))], T)).toHaveLength(1);
    expect(decide(p, [change(onBreak(1), available(1))], T + 10_000)).toEqual([]);
    expect(decide(p, [change(available(2), onBreak(2))], T + 20_000)).toHaveLength(1);
  });

  it('a burst still waiting when notifications are turned off is dropped, and not counted as suppressed', () => {
    const p = policy();
    p.onChanges([change(available(1), onBreak(1))], T);
    p.setSettings(settings({ enabled: false }));
    expect(p.tick(T + 3_000)).toEqual([]);
    expect(p.suppressedCount()).toBe(0);
  });

  it('stays quiet in quiet hours, across midnight', () => {
    let minute = 23 * 60;
    const p = policy({ quietHours: { enabled: true, start: '22:00', end: '07:00' } }, { minuteOfDay: () => minute });
    expect(decide(p, [change(available(1), onBreak(1))])).toEqual([]);
    minute = 6 * 60 + 59;
    expect(decide(p, [change(onBreak(1), available(1))])).toEqual([]);
    expect(p.suppressedCount()).toBe(2);
    minute = 7 * 60;
    expect(decide(p, [change(available(1), onBreak(1))])).toHaveLength(1);
    // Minutes count too: 22:30–07:15.
    expect([22 * 60 + 29, 22 * 60 + 30, 7 * 60 + 14, 7 * 60 + 15].map((m) => inQuietHours(m, '22:30', '07:15'))).toEqual([false, true, true, false]);
    expect(inQuietHours(12 * 60, '09:00', '17:00')).toBe(true);
    expect(inQuietHours(17 * 60, '09:00', '17:00')).toBe(false);
    expect(inQuietHours(8 * 60 + 59, '09:00', '17:00')).toBe(false);
    expect(inQuietHours(0, '22:00', '07:00')).toBe(true);
    // Boundaries: the start minute is quiet, the end minute is not, on either side of midnight.
    expect(inQuietHours(22 * 60, '22:00', '07:00')).toBe(true);
    expect(inQuietHours(21 * 60 + 59, '22:00', '07:00')).toBe(false);
    expect(inQuietHours(7 * 60, '22:00', '07:00')).toBe(false);
    expect(inQuietHours(9 * 60, '09:00', '17:00')).toBe(true);
    expect(inQuietHours(12 * 60, '22:00', '22:00')).toBe(false);
    expect(decide(policy({ quietHours: { enabled: false, start: '00:00', end: '23:59' } }), [change(available(1), onBreak(1))])).toHaveLength(1);
  });

  it("reads quiet hours on this computer's clock: in a far time zone, and on the day its clocks go back", () => {
    // No minuteOfDay given: the system's zone decides, as in the app. CI runs in UTC, where a UTC reading hides.
    const quiet = () => createAlertPolicy({ settings: settings({ quietHours: { enabled: true, start: '22:00', end: '07:00' } }) });
    inTimeZone(FAR_ZONE, () => {
      // 13:00 UTC on Jan 15 is 02:45 on the 16th in Chatham (+13:45 in summer): quiet; 20:00 UTC is 09:45 there.
      expect(decide(quiet(), [change(available(1), onBreak(1))], T)).toEqual([]);
      expect(decide(quiet(), [change(available(1), onBreak(1))], T + 7 * 60 * MIN)).toHaveLength(1);
    });
    inTimeZone('America/St_Johns', () => {
      // Nov 1 2026, 02:00 NDT (−2:30) goes back to 01:00 NST (−3:30): quiet hours end at 07:00 NDT, 09:30 UTC,
      // on Oct 31, and at 07:00 NST, 10:30 UTC, on Nov 1. No one fixed offset gets both mornings right.
      const p = quiet();
      expect(decide(p, [change(available(1), onBreak(1))], Date.UTC(2026, 9, 31, 9, 26))).toEqual([]);
      expect(decide(p, [change(onBreak(1), available(1))], Date.UTC(2026, 9, 31, 9, 30))).toHaveLength(1);
      expect(decide(p, [change(available(1), onBreak(1))], Date.UTC(2026, 10, 1, 10, 26))).toEqual([]);
      expect(decide(p, [change(onBreak(1), available(1))], Date.UTC(2026, 10, 1, 10, 30))).toHaveLength(1);
    });
  });

  it('pauses until a time, indefinitely, and resumes', () => {
    const p = policy();
    p.pauseUntil(T + 10 * MIN);
    expect(p.pauseState(T)).toEqual({ paused: true, until: T + 10 * MIN, indefinitely: false });
    expect(decide(p, [change(available(1), onBreak(1))], T)).toEqual([]);
    expect(p.pauseState(T + 10 * MIN)).toEqual({ paused: false, until: null, indefinitely: false });
    expect(decide(p, [change(onBreak(1), available(1))], T + 10 * MIN)).toHaveLength(1);
    p.pauseUntil(null);
    expect(p.pauseState(T + 100 * MIN)).toEqual({ paused: true, until: null, indefinitely: true });
    expect(decide(p, [change(available(2), onBreak(2))], T + 100 * MIN)).toEqual([]);
    expect(p.suppressedCount()).toBe(2);
    p.resume();
    expect(decide(p, [change(onBreak(2), available(2))], T + 101 * MIN)).toHaveLength(1);
  });

  it('says "more than 1 minute" in the singular', () => {
    const p = policy({ unavailableLongerThanMinutes: 1, toUnavailable: false });
    p.onChanges([change(available(1), onBreak(1), T)], T);
    expect(p.tick(T + MIN)).toEqual([]); // queued into a burst window
    expect(p.tick(T + MIN + 3_000)).toEqual([{ title: 'First1 Last1 unavailable for 1+ minutes', body: 'Support Tier 1 · on Break for more than 1 minute', agentId: 1 }]);
  });

  it('alerts once when an agent stays unavailable longer than N minutes', () => {
    const p = policy({ unavailableLongerThanMinutes: 15, toUnavailable: false });
    const since = T;
    p.onChanges([change(available(1), onBreak(1), since)], T);
    expect(p.nextDueAt()).toBe(since + 15 * MIN);
    expect(p.tick(since + 15 * MIN - 1)).toEqual([]);
    expect(p.tick(since + 15 * MIN)).toEqual([]); // queued into a burst window
    expect(p.tick(since + 15 * MIN + 3_000)).toEqual([
      { title: 'First1 Last1 unavailable for 15+ minutes', body: 'Support Tier 1 · on Break for more than 15 minutes', agentId: 1 },
    ]);
    expect(p.tick(since + 60 * MIN)).toEqual([]); // once per period
    expect(p.nextDueAt()).toBeNull();
  });

  it('restarts the long-unavailable clock only when the agent leaves unavailable, not on a new reason', () => {
    const p = policy({ unavailableLongerThanMinutes: 10, toUnavailable: false, toAvailable: false });
    p.onChanges([change(available(1), onBreak(1), T)], T);
    p.onChanges([change(onBreak(1), onLunch(1), T + 5 * MIN)], T + 5 * MIN);
    expect(p.nextDueAt()).toBe(T + 10 * MIN);
    p.onChanges([change(onLunch(1), available(1), T + 8 * MIN)], T + 8 * MIN);
    expect(p.nextDueAt()).toBeNull();
  });

  it('does not alert for an unavailable period already past the threshold when a baseline shows it', () => {
    const p = policy({ unavailableLongerThanMinutes: 15 });
    p.onChanges([change(null, onBreak(1), T - 60 * MIN, true), change(null, onBreak(2), T - 5 * MIN, true)], T);
    expect(p.nextDueAt()).toBe(T + 10 * MIN); // only agent 2, when it crosses 15 minutes
    p.tick(T + 10 * MIN);
    expect(p.tick(T + 10 * MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 2 })]);
  });

  it('applies pinned-only and team rules to long-unavailable alerts too', () => {
    const p = policy({ unavailableLongerThanMinutes: 1, pinnedOnly: true }, { pinnedAgentIds: [2] });
    p.onChanges([change(available(1), onBreak(1), T), change(available(2), onBreak(2), T)], T);
    p.tick(T + 3_000); // the transitions themselves
    p.tick(T + MIN);
    expect(p.tick(T + MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 2, title: 'First2 Last2 unavailable for 1+ minutes' })]);
  });

  it('summarises long-unavailable alerts in a burst', () => {
    const p = policy({ unavailableLongerThanMinutes: 1, toUnavailable: false });
    p.onChanges([change(available(1), onBreak(1), T), change(available(2), onBreak(2), T)], T);
    p.tick(T + MIN);
    expect(p.tick(T + MIN + 3_000)).toEqual([{ title: '2 agents changed', body: '2 unavailable over 1 min' }]);
  });
});

describe('alert policy: team rules and long-unavailable', () => {
  it('a team rule without "unavailable" silences long-unavailable alerts for that team', () => {
    const p = createAlertPolicy({ settings: settings({ unavailableLongerThanMinutes: 1, teamRules: [{ teamId: 9, categories: ['available'] }] }), minuteOfDay: () => 600 });
    const t9 = (s: AgentState) => ({ ...s, teamId: 9 });
    p.onChanges([change(t9(available(1)), t9(onBreak(1)), T), change(available(2), onBreak(2), T)], T);
    p.tick(T + 3_000);
    p.tick(T + MIN);
    expect(p.tick(T + MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 2 })]);
  });
});

describe('alert policy: agent rules (agent rule > team rule > toggles; pinned-only on top)', () => {
  const sales = (s: AgentState) => ({ ...s, teamId: 9, teamName: 'Sales' });

  it('an agent rule beats its team rule; a teammate without one follows the team rule', () => {
    const p = policy({ teamRules: [{ teamId: 9, categories: ['on-contact'] }], agentRules: [{ agentId: 1, categories: ['logged-out'] }] });
    // Agent 1: the team's category does not notify, its own does.
    expect(decide(p, [change(sales(available(1)), sales(onContact(1)))])).toEqual([]);
    expect(decide(p, [change(sales(onContact(1)), sales(loggedOut(1)))], T + MIN)).toEqual([expect.objectContaining({ agentId: 1, title: 'First1 Last1 logged out' })]);
    // Agent 2, same team: the team rule.
    expect(decide(p, [change(sales(available(2)), sales(onContact(2)))], T + 2 * MIN)).toEqual([expect.objectContaining({ agentId: 2 })]);
    expect(decide(p, [change(sales(onContact(2)), sales(loggedOut(2)))], T + 3 * MIN)).toEqual([]);
  });

  it('an agent rule beats the toggles; other agents follow the toggles', () => {
    const p = policy({ agentRules: [{ agentId: 1, categories: ['acw'] }] });
    expect(decide(p, [change(onBreak(1), available(1))])).toEqual([]); // "to Available" is on, but not for agent 1
    expect(decide(p, [change(onContact(1), acw(1))], T + MIN)).toEqual([expect.objectContaining({ agentId: 1 })]); // "to ACW" is off, but agent 1 asked
    expect(decide(p, [change(onBreak(2), available(2))], T + 2 * MIN)).toEqual([expect.objectContaining({ agentId: 2 })]);
    expect(decide(p, [change(onContact(2), acw(2))], T + 3 * MIN)).toEqual([]);
  });

  it('a rule with no categories mutes that agent only (transitions and long-unavailable alerts)', () => {
    const p = policy({ unavailableLongerThanMinutes: 1, agentRules: [{ agentId: 1, categories: [] }] });
    const into = [available(1), onBreak(1), loggedOut(1), onContact(1), acw(1)];
    into.forEach((to, i) => expect(decide(p, [change(i === 0 ? onContact(1) : into[i - 1]!, to)], T + i * 10_000)).toEqual([]));
    p.onChanges([change(available(1), onBreak(1), T + MIN), change(available(2), onBreak(2), T + MIN)], T + MIN);
    expect(p.tick(T + MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 2 })]);
    p.tick(T + 2 * MIN);
    expect(p.tick(T + 2 * MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 2, title: 'First2 Last2 unavailable for 1+ minutes' })]);
  });

  it('an agent rule with "unavailable" brings long-unavailable alerts back for that agent even when its team rule has none', () => {
    const p = policy({ unavailableLongerThanMinutes: 1, teamRules: [{ teamId: 9, categories: [] }], agentRules: [{ agentId: 1, categories: ['unavailable'] }] });
    p.onChanges([change(sales(available(1)), sales(onBreak(1)), T), change(sales(available(2)), sales(onBreak(2)), T)], T);
    expect(p.tick(T + 3_000)).toEqual([expect.objectContaining({ agentId: 1, title: 'First1 Last1 is now on Break' })]);
    p.tick(T + MIN);
    expect(p.tick(T + MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 1, title: 'First1 Last1 unavailable for 1+ minutes' })]);
  });

  it('pinned-only still applies on top of an agent rule', () => {
    const p = policy({ pinnedOnly: true, agentRules: [{ agentId: 1, categories: ['unavailable'] }] }, { pinnedAgentIds: [2] });
    expect(decide(p, [change(available(1), onBreak(1))])).toEqual([]);
    p.setPinned([1, 2]);
    expect(decide(p, [change(onBreak(1), onLunch(1))], T + MIN)).toEqual([expect.objectContaining({ agentId: 1, title: 'First1 Last1 is now on Lunch' })]);
  });

  it('NOTIFIABLE_CATEGORIES are the values an agent rule honours, whatever the toggles and team rule say', () => {
    const into = { available: available(1), unavailable: onBreak(1), 'logged-out': loggedOut(1), 'on-contact': onContact(1), acw: acw(1) };
    const from = { available: onBreak(1), unavailable: available(1), 'logged-out': available(1), 'on-contact': available(1), acw: onContact(1) };
    const allOn = { toAvailable: true, toUnavailable: true, toLoggedOut: true, toOnContact: true, toAcw: true, teamRules: [{ teamId: 9, categories: NOTIFIABLE_CATEGORIES }] };
    for (const category of NOTIFIABLE_CATEGORIES) {
      const k = category as keyof typeof into;
      const only = policy({ ...allOn, agentRules: [{ agentId: 1, categories: [category] }] });
      expect(decide(only, [change(sales(from[k]), sales(into[k]))]), category).toHaveLength(1);
      const others = policy({ ...allOn, agentRules: [{ agentId: 1, categories: NOTIFIABLE_CATEGORIES.filter((c) => c !== category) }] });
      expect(decide(others, [change(sales(from[k]), sales(into[k]))]), category).toEqual([]);
    }
  });

  it('notifyingCategories says which setting decides, by precedence', () => {
    const s = settings({ toOnContact: true, toAcw: false, teamRules: [{ teamId: 9, categories: ['acw'] }], agentRules: [{ agentId: 1, categories: [] }] });
    expect(notifyingCategories(s, 1, 9)).toEqual({ categories: [], source: 'agent-rule' });
    expect(notifyingCategories(s, 2, 9)).toEqual({ categories: ['acw'], source: 'team-rule' });
    expect(notifyingCategories(s, 2, 7)).toEqual({ categories: ['available', 'unavailable', 'logged-out', 'on-contact'], source: 'toggles' });
    expect(notifyingCategories(s, null, null).source).toBe('toggles');
  });
});

describe('alert policy: per-code time limits ("on <code> longer than N minutes")', () => {
  const limits = [
    { outStateId: 12, timeLimitMinutes: 15 },
    { outStateId: 13, timeLimitMinutes: null },
  ];

  it("a code's own limit from CXone is the default threshold, without the general setting", () => {
    const p = policy({ unavailableLongerThanMinutes: 0, toUnavailable: false });
    p.setCodeLimits(limits);
    p.onChanges([change(available(1), onBreak(1), T)], T);
    expect(p.nextDueAt()).toBe(T + 15 * MIN);
    p.tick(T + 15 * MIN);
    expect(p.tick(T + 15 * MIN + 3_000)).toEqual([
      { title: 'First1 Last1 on Break for 15+ minutes', body: 'Support Tier 1 · on Break for more than 15 minutes', agentId: 1 },
    ]);
    expect(p.nextDueAt()).toBeNull();
  });

  it("the user's code rule beats the code's limit; 0 turns it off for that code only", () => {
    const p = policy({ unavailableLongerThanMinutes: 0, toUnavailable: false, codeRules: [{ outStateId: 12, minutes: 5 }] });
    p.setCodeLimits(limits);
    p.onChanges([change(available(1), onBreak(1), T)], T);
    expect(p.nextDueAt()).toBe(T + 5 * MIN);
    p.setSettings(settings({ unavailableLongerThanMinutes: 30, toUnavailable: false, codeRules: [{ outStateId: 12, minutes: 0 }] }));
    expect(p.nextDueAt()).toBeNull();
  });

  it("with CXone's own limits switched off, a code without a rule follows the general threshold; the user's rules still apply", () => {
    const p = policy({ unavailableLongerThanMinutes: 0, toUnavailable: false, codeLimitsFromCxone: false });
    p.setCodeLimits(limits);
    p.onChanges([change(available(1), onBreak(1), T)], T);
    expect(p.nextDueAt()).toBeNull();
    p.setSettings(settings({ unavailableLongerThanMinutes: 0, toUnavailable: false, codeLimitsFromCxone: false, codeRules: [{ outStateId: 12, minutes: 7 }] }));
    expect(p.nextDueAt()).toBe(T + 7 * MIN);
  });

  it('a code without a limit or rule falls back to the general threshold, timed from the start of the period', () => {
    const p = policy({ unavailableLongerThanMinutes: 20, toUnavailable: false, toAvailable: false });
    p.setCodeLimits(limits);
    p.onChanges([change(available(1), onLunch(1), T)], T);
    expect(p.nextDueAt()).toBe(T + 20 * MIN);
  });

  it('going on another code restarts the per-code clock, and the new limits re-arm a period already alerted', () => {
    const p = policy({ unavailableLongerThanMinutes: 0, toUnavailable: false, toAvailable: false });
    p.setCodeLimits([{ outStateId: 13, timeLimitMinutes: 30 }]);
    p.onChanges([change(available(1), onLunch(1), T)], T);
    p.onChanges([change(onLunch(1), onBreak(1), T + 20 * MIN)], T + 20 * MIN);
    expect(p.nextDueAt()).toBeNull(); // Break has no limit yet
    p.setCodeLimits([{ outStateId: 12, timeLimitMinutes: 15 }]);
    expect(p.nextDueAt()).toBe(T + 35 * MIN);
  });

  it('a new threshold measures an alerted period again; other settings and the same code limits do not', () => {
    const p = policy({ unavailableLongerThanMinutes: 15, toUnavailable: false, codeLimitsFromCxone: true });
    p.setCodeLimits(limits);
    p.onChanges([change(available(1), onLunch(1), T)], T);
    p.tick(T + 15 * MIN);
    expect(p.tick(T + 15 * MIN + 3_000)).toEqual([expect.objectContaining({ title: 'First1 Last1 unavailable for 15+ minutes' })]);
    expect(p.nextDueAt()).toBeNull();
    // Neither a setting that is no threshold nor the same code list reloaded re-arms it.
    p.setSettings(settings({ unavailableLongerThanMinutes: 15, toUnavailable: false, maxPerMinute: 5 }));
    p.setCodeLimits([...limits]);
    expect(p.nextDueAt()).toBeNull();
    // A higher general threshold: the period is measured against it, and alerts once more.
    p.setSettings(settings({ unavailableLongerThanMinutes: 30, toUnavailable: false }));
    expect(p.nextDueAt()).toBe(T + 30 * MIN);
    p.tick(T + 30 * MIN);
    expect(p.tick(T + 30 * MIN + 3_000)).toEqual([expect.objectContaining({ title: 'First1 Last1 unavailable for 30+ minutes' })]);
    // The code list changed (Lunch now has a limit of its own): measured again, on that limit.
    p.setCodeLimits([{ outStateId: 12, timeLimitMinutes: 15 }, { outStateId: 13, timeLimitMinutes: 45 }]);
    expect(p.nextDueAt()).toBe(T + 45 * MIN);
  });

  it('an update on the same code keeps its clock; a new code re-arms only a limit of its own', () => {
    const p = policy({ unavailableLongerThanMinutes: 15, toUnavailable: false, toAvailable: false });
    p.setCodeLimits([{ outStateId: 12, timeLimitMinutes: 10 }, { outStateId: 13, timeLimitMinutes: 30 }]);
    p.onChanges([change(available(1), onBreak(1), T)], T);
    p.onChanges([change(onBreak(1), onBreak(1, { teamName: 'Support Tier 2' }), T + 5 * MIN)], T + 5 * MIN);
    expect(p.nextDueAt()).toBe(T + 10 * MIN);
    p.tick(T + 10 * MIN);
    expect(p.tick(T + 10 * MIN + 3_000)).toHaveLength(1);
    // Lunch has a limit of its own: timed from the change, alerted again.
    p.onChanges([change(onBreak(1), onLunch(1), T + 20 * MIN)], T + 20 * MIN);
    expect(p.nextDueAt()).toBe(T + 50 * MIN);
    // Another agent past the general limit moves to a code without one: the same period, alerted once.
    const meeting = (id: number, outStateId: number) => onBreak(id, { outStateId, outStateDescription: `Meeting ${outStateId}` });
    p.onChanges([change(available(2), meeting(2, 14), T + 20 * MIN)], T + 20 * MIN);
    p.tick(T + 35 * MIN);
    expect(p.tick(T + 35 * MIN + 3_000)).toEqual([expect.objectContaining({ agentId: 2 })]);
    p.onChanges([change(meeting(2, 14), meeting(2, 15), T + 36 * MIN)], T + 36 * MIN);
    expect(p.nextDueAt()).toBe(T + 50 * MIN);
  });

  it('news (not a baseline) of a period already past its limit alerts at once', () => {
    const p = policy({ unavailableLongerThanMinutes: 15, toUnavailable: false });
    p.onChanges([change(available(1), onBreak(1), T - 20 * MIN)], T);
    expect(p.nextDueAt()).toBe(T - 5 * MIN);
    p.tick(T);
    expect(p.tick(T + 3_000)).toEqual([expect.objectContaining({ title: 'First1 Last1 unavailable for 15+ minutes' })]);
  });

  it('a baseline that shows an agent already past the code limit is old news', () => {
    const p = policy({ unavailableLongerThanMinutes: 0 });
    p.setCodeLimits(limits);
    p.onChanges([change(null, onBreak(1), T - 20 * MIN, true), change(null, onBreak(2), T - 5 * MIN, true)], T);
    expect(p.nextDueAt()).toBe(T + 10 * MIN);
  });
});
