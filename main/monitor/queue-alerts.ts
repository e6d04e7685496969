// Queue notification rules ("more than N waiting", "longest wait over N seconds"), per skill or for every
// watched skill, evaluated over successive QueueStates. Pure: `now` is passed in (the server's clock as
// measured, like every alert time), and the alert policy (alerts.ts) owns what happens to a hit — the
// same coalescing, cooldown, cap, quiet hours and pause as agent notifications.
//
// A rule notifies when its condition BECOMES true, once, and re-arms when it clears. What is already
// true when first seen — the first answer after start or resume, a newly watched skill, a new or
// changed rule — is the baseline: no notification for it (no storm at start).
import type { QueueState, SkillQueue } from '../queues/model';
import { formatWait, queueEntryMs } from '../queues/queue-summary';
import type { NotificationSettings } from '../settings/schema';
import { count } from '../words';

export type QueueRule = NotificationSettings['queueRules'][number];
export type QueueRuleKind = QueueRule['kind'];

export const QUEUE_RULE_KINDS: readonly QueueRuleKind[] = ['waiting-over', 'longest-wait-over'];

/** One rule's condition that has just become true for one skill. */
export interface QueueAlert {
  skillId: number;
  skillName: string;
  kind: QueueRuleKind;
  /** Contacts (waiting-over) or seconds (longest-wait-over). */
  threshold: number;
  queueCount: number;
  /** Longest wait at the moment of the alert, ms; null when nobody waits. */
  longestWaitMs: number | null;
}

/**
 * The threshold that applies to one skill for each kind: a rule for that skill is stronger than a rule
 * for all skills (like an agent's rule over its team's); among several, the lowest threshold.
 */
export function effectiveQueueThresholds(rules: readonly QueueRule[], skillId: number): Map<QueueRuleKind, number> {
  const out = new Map<QueueRuleKind, number>();
  for (const kind of QUEUE_RULE_KINDS) {
    const own = rules.filter((r) => r.kind === kind && r.skillId === skillId);
    const pool = own.length > 0 ? own : rules.filter((r) => r.kind === kind && r.skillId === null);
    if (pool.length > 0) out.set(kind, Math.min(...pool.map((r) => r.threshold)));
  }
  return out;
}

interface Tracked {
  kind: QueueRuleKind;
  threshold: number;
  skill: SkillQueue;
  /** Entry time of the longest-waiting contact (server ms); null when nobody waits. */
  earliest: number | null;
  /** The condition was true when last looked at (fired, or true since the baseline). */
  active: boolean;
}

export interface QueueRuleTracker {
  setRules(rules: readonly QueueRule[]): void;
  /** Reads a new QueueState; returns the conditions that became true with it. */
  observe(state: QueueState, now: number): QueueAlert[];
  /** Longest waits that passed their threshold with time alone (no new poll needed). */
  due(now: number): QueueAlert[];
  /** When due() has something to do next; null when nothing is pending or the data is not live. */
  nextDueAt(): number | null;
  /** The next QueueState is a baseline and no timer runs until it comes (the owner calls it on suspend and resume: what changed while asleep is old news). */
  reset(): void;
}

const isTrue = (t: Pick<Tracked, 'kind' | 'threshold' | 'skill' | 'earliest'>, now: number): boolean =>
  t.kind === 'waiting-over' ? t.skill.queueCount > t.threshold : t.earliest !== null && now - t.earliest >= t.threshold * 1000;

const alertOf = (t: Tracked, now: number): QueueAlert => ({
  skillId: t.skill.skillId,
  skillName: t.skill.skillName,
  kind: t.kind,
  threshold: t.threshold,
  queueCount: t.skill.queueCount,
  longestWaitMs: t.earliest === null ? null : Math.max(0, now - t.earliest),
});

/** The tracker's state, shared by the functions below (as RosterParts is in roster.ts). */
interface TrackerParts {
  rules: readonly QueueRule[];
  /** One per skill and kind of rule that applies to it, by `${skillId}:${kind}`. */
  tracked: Map<string, Tracked>;
  /** Timers run only on live data: a stale list's longest wait is a guess, not news. */
  live: boolean;
  baselineNext: boolean;
}

/** One observe() call: its time, whether it is a baseline, and what it saw and fired so far. */
interface Observation {
  now: number;
  baseline: boolean;
  /** Keys of the trackers this state still has; the others are dropped. */
  seen: Set<string>;
  fired: QueueAlert[];
}

function setRules(p: TrackerParts, next: readonly QueueRule[]): void {
  p.rules = next;
  // A tracker whose threshold changed or whose rule went away starts again from a baseline.
  for (const [key, t] of p.tracked) {
    if (effectiveQueueThresholds(p.rules, t.skill.skillId).get(t.kind) !== t.threshold) p.tracked.delete(key);
  }
}

function observe(p: TrackerParts, state: QueueState, now: number): QueueAlert[] {
  if (state.status !== 'live' && state.status !== 'stale') {
    // No data (off, loading, error, refused): whatever shows next is a new baseline.
    p.tracked.clear();
    p.live = false;
    p.baselineNext = true;
    return [];
  }
  p.live = state.status === 'live';
  if (!p.live) return [];
  const o: Observation = { now, baseline: p.baselineNext, seen: new Set(), fired: [] };
  p.baselineNext = false;
  for (const skill of state.skills) observeSkill(p, skill, o);
  for (const key of p.tracked.keys()) if (!o.seen.has(key)) p.tracked.delete(key);
  return o.fired;
}

/** Tracks each rule that applies to one skill anew; one that became true since the last state fires. */
function observeSkill(p: TrackerParts, skill: SkillQueue, o: Observation): void {
  for (const [kind, threshold] of effectiveQueueThresholds(p.rules, skill.skillId)) {
    const key = `${skill.skillId}:${kind}`;
    o.seen.add(key);
    const next = { kind, threshold, skill, earliest: queueEntryMs(skill) };
    const trueNow = isTrue(next, o.now);
    const prev = p.tracked.get(key);
    const t: Tracked = { ...next, active: trueNow };
    p.tracked.set(key, t);
    if (o.baseline || !prev || prev.threshold !== threshold) continue;
    if (trueNow && !prev.active) o.fired.push(alertOf(t, o.now));
  }
}

function due(p: TrackerParts, now: number): QueueAlert[] {
  if (!p.live) return [];
  const fired: QueueAlert[] = [];
  for (const t of p.tracked.values()) {
    if (t.active || t.kind !== 'longest-wait-over' || !isTrue(t, now)) continue;
    t.active = true;
    fired.push(alertOf(t, now));
  }
  return fired;
}

function nextDueAt(p: TrackerParts): number | null {
  if (!p.live) return null;
  let soonest = Infinity;
  for (const t of p.tracked.values()) {
    if (!t.active && t.kind === 'longest-wait-over' && t.earliest !== null) soonest = Math.min(soonest, t.earliest + t.threshold * 1000);
  }
  return soonest === Infinity ? null : soonest;
}

export function createQueueRuleTracker(initial: readonly QueueRule[] = []): QueueRuleTracker {
  const p: TrackerParts = { rules: initial, tracked: new Map(), live: false, baselineNext: true };
  return {
    setRules: (next) => setRules(p, next),
    observe: (state, now) => observe(p, state, now),
    due: (now) => due(p, now),
    nextDueAt: () => nextDueAt(p),
    reset() {
      // Asleep or just woken: no timer on the old data until the next state, which is a baseline.
      p.baselineNext = true;
      p.live = false;
    },
  };
}

/** The phrase of one alert in a summary: "Sales: 14 waiting", "Billing: waiting 3:05". */
export function queueAlertPhrase(a: QueueAlert): string {
  return a.kind === 'waiting-over' ? `${a.skillName}: ${a.queueCount} waiting` : `${a.skillName}: waiting ${formatWait(a.longestWaitMs ?? 0)}`;
}

/** One queue alert as a notification. */
export function queueAlertDecision(a: QueueAlert): { title: string; body: string } {
  const longest = a.longestWaitMs === null ? 'nobody waiting long' : `longest wait ${formatWait(a.longestWaitMs)}`;
  if (a.kind === 'waiting-over') {
    return { title: `${a.skillName}: ${a.queueCount} waiting`, body: `More than ${count(a.threshold, 'contact')} waiting · ${longest}` };
  }
  return {
    title: `${a.skillName}: a contact waiting ${formatWait(a.longestWaitMs ?? 0)}`,
    body: `Longest wait over ${formatWait(a.threshold * 1000)} · ${a.queueCount} waiting`,
  };
}
