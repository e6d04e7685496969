// What a glance needs from the watched queues: how many wait in all, which queue is the worst, and the
// service level in words. One reading for the tray icon, its tooltip and the tray window's strip.
import { parseServerTime } from '../cxone/server-time';
import type { QueueState, ServiceLevelStatus, SkillQueue } from './model';

/** True when the state carries queue data (live, or stale but still the last known). */
export function hasQueueData(state: QueueState | null | undefined): state is QueueState {
  return !!state && (state.status === 'live' || state.status === 'stale');
}

/** Contacts waiting over all watched skills; null when there is no queue data. */
export function totalWaiting(state: QueueState | null | undefined): number | null {
  if (!hasQueueData(state)) return null;
  return state.skills.reduce((n, s) => n + s.queueCount, 0);
}

/** When the longest-waiting contact entered the queue, server ms; null when nobody waits. */
export function queueEntryMs(skill: Pick<SkillQueue, 'earliestQueueTime' | 'queueCount'>): number | null {
  if (skill.queueCount === 0 || skill.earliestQueueTime === null) return null;
  return parseServerTime(skill.earliestQueueTime) ?? null;
}

/** "3:05", "1:02:07": a wait as a person reads it in the tray and on a notification. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const SEVERITY: Readonly<Record<ServiceLevelStatus, number>> = { breached: 3, 'at-risk': 2, unknown: 1, meeting: 0 };

/**
 * The queue that most needs a look: the longest wait first (a caller waiting is the news), then the
 * most waiting, then the worse service level. Null when there are no skills.
 */
export function worstQueue(skills: readonly SkillQueue[]): SkillQueue | null {
  let worst: SkillQueue | null = null;
  let worstEntry = Infinity;
  for (const s of skills) {
    const entry = queueEntryMs(s) ?? Infinity;
    if (
      worst === null ||
      entry < worstEntry ||
      (entry === worstEntry && (s.queueCount > worst.queueCount || (s.queueCount === worst.queueCount && SEVERITY[s.serviceLevelStatus] > SEVERITY[worst.serviceLevelStatus])))
    ) {
      worst = s;
      worstEntry = entry;
    }
  }
  return worst;
}

/** The service level status as a word that stands without its colour. */
export const SERVICE_LEVEL_WORDS: Readonly<Record<ServiceLevelStatus, string>> = {
  meeting: 'on goal',
  'at-risk': 'at risk',
  breached: 'breached',
  unknown: 'no level',
};

/**
 * A service level as a whole percent, rounded down: the status compares the exact level with a whole-
 * percent goal, so a level rounded up could read as the goal it misses — "80%" beside "at risk" for 79.6 %
 * of an 80 % goal. Rounded down, the shown figure always sits on the same side of the goal as the status.
 */
export function serviceLevelPercent(level: number): string {
  return `${Math.floor(level)}%`;
}

/** "62% of 80% goal", "62%", or null when CXone reports no level. */
export function serviceLevelText(skill: Pick<SkillQueue, 'serviceLevel' | 'serviceLevelGoal'>): string | null {
  if (skill.serviceLevel === null) return null;
  const level = serviceLevelPercent(skill.serviceLevel);
  return skill.serviceLevelGoal === null ? level : `${level} of ${Math.round(skill.serviceLevelGoal)}% goal`;
}

/**
 * The tooltip's lead about queues, most important first: ["Billing: 14 waiting since 14:02, service
 * level breached", "31 waiting in 6 queues"] (the tooltip lets the later parts give way on a short
 * tooltip). Times are clock times: a tooltip is rendered on change, so a ticking "3:05" would be wrong
 * by the time anyone hovers. `formatTime` takes this computer's wall-clock ms. Empty without queue data.
 */
export function queueTooltipLead(state: QueueState | null | undefined, formatTime: (ms: number) => string): string[] {
  if (!hasQueueData(state) || state.skills.length === 0) return [];
  const total = totalWaiting(state) ?? 0;
  if (total === 0) return [`no one waiting in ${state.skills.length === 1 ? state.skills[0]!.skillName : `${state.skills.length} queues`}`];
  const worst = worstQueue(state.skills)!;
  const entry = queueEntryMs(worst);
  const since = entry === null ? '' : ` since ${formatTime(entry - state.serverOffsetMs)}`;
  const sl = worst.serviceLevelStatus === 'breached' || worst.serviceLevelStatus === 'at-risk' ? `, service level ${SERVICE_LEVEL_WORDS[worst.serviceLevelStatus]}` : '';
  const lead = `${worst.skillName}: ${worst.queueCount} waiting${since}${sl}`;
  return state.skills.length > 1 && total > worst.queueCount ? [lead, `${total} waiting in ${state.skills.length} queues`] : [lead];
}
