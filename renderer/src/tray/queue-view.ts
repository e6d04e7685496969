// The queue strip's pure part: the order of the rows, the totals line, and who is available for a
// skill — kept out of the component so the sums are easy to check.
import type { AgentState } from '../../../main/cxone/model';
import type { QueueState, SkillQueue } from '../../../main/queues/model';
import { formatWait, queueEntryMs } from '../../../main/queues/queue-summary';
import type { Settings } from '../../../main/settings/schema';

/** Skills with someone waiting first (longest wait first), then the rest in CXone's order. */
export function orderQueues(skills: readonly SkillQueue[]): SkillQueue[] {
  const entry = new Map(skills.map((s) => [s.skillId, queueEntryMs(s)] as const));
  const waitingFirst = skills.filter((s) => entry.get(s.skillId) !== null).sort((a, b) => entry.get(a.skillId)! - entry.get(b.skillId)!);
  return [...waitingFirst, ...skills.filter((s) => entry.get(s.skillId) === null)];
}

export interface QueueTotals {
  skills: number;
  waiting: number;
  /** Entry time (server ms) of the longest-waiting contact over all skills; null when nobody waits. */
  earliestEntry: number | null;
  breached: number;
  atRisk: number;
}

export function queueTotals(skills: readonly SkillQueue[]): QueueTotals {
  let waiting = 0;
  let earliestEntry: number | null = null;
  let breached = 0;
  let atRisk = 0;
  for (const s of skills) {
    waiting += s.queueCount;
    const e = queueEntryMs(s);
    if (e !== null && (earliestEntry === null || e < earliestEntry)) earliestEntry = e;
    if (s.serviceLevelStatus === 'breached') breached++;
    if (s.serviceLevelStatus === 'at-risk') atRisk++;
  }
  return { skills: skills.length, waiting, earliestEntry, breached, atRisk };
}

/** The agents in the roster who have the skill and are Available now; null when CXone did not say who has it. */
export function availableForSkill(skill: SkillQueue, get: (agentId: number) => AgentState | undefined): AgentState[] | null {
  if (skill.agentIds === null) return null;
  const out: AgentState[] = [];
  for (const id of skill.agentIds) {
    const a = get(id);
    if (a && a.category === 'available') out.push(a);
  }
  return out;
}

/** The totals line's parts, joined by " · ": waiting (over how many skills), the longest wait, breached, at risk. */
export function queueSummaryLine(totals: QueueTotals, serverNow: number): string {
  const longest = totals.earliestEntry === null ? null : formatWait(serverNow - totals.earliestEntry);
  // Short parts keep together (no-break spaces); the first may wrap in a narrow (zoomed) window.
  return [
    `${totals.waiting} waiting${totals.skills > 1 ? ` in ${totals.skills} skills` : ''}`,
    longest && `longest\u00a0${longest}`,
    totals.breached > 0 && `${totals.breached}\u00a0breached`,
    totals.atRisk > 0 && `${totals.atRisk}\u00a0at\u00a0risk`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Which skills the user watches (the settings' own enum, not a copy of it). */
export type SkillScope = Settings['watch']['skillScope'];

/** Why an answer leaves the strip without rows (and whether choosing skills in Settings would help); null when it has rows. */
export function whyNoQueueRows(queues: QueueState, scope: SkillScope): { text: string; chooseSkills: boolean } | null {
  const say = (text: string, chooseSkills = false) => ({ text, chooseSkills });
  switch (queues.status) {
    case 'off':
      return scope === 'none' ? say('are off: you watch no skills.', true) : say(queues.reason ?? 'are off.');
    case 'loading':
      return say(queues.reason ? `are not loaded yet: ${queues.reason}` : 'Loading…');
    case 'unavailable':
      return say(`are unavailable: ${queues.reason ?? 'CXone refused the skill activity request.'}`);
    case 'error':
      return say(`could not be loaded: ${queues.reason ?? 'the last request failed.'} The app keeps trying.`);
  }
  if (queues.skills.length === 0) return say(queues.reason ?? noSkillsReason(scope), scope !== 'all');
  return null;
}

/** Why the strip has no rows, in one sentence per case. */
export function noSkillsReason(scope: SkillScope): string {
  switch (scope) {
    case 'chosen':
      return 'None of the skills you chose is in CXone’s answer. Choose skills in Settings → Watch.';
    case 'teams':
      return 'The agents of the teams you watch have no skills in CXone’s answer.';
    case 'none':
      return 'You watch no skills.';
    case 'all':
      return 'CXone lists no skills for this user.';
  }
}

/** The time the waits are true at, on the server's clock: now while live, the last answer while not. */
export function queueServerNow(q: QueueState, localNow: number): number {
  const at = q.status === 'live' || q.updatedAt === null ? localNow : q.updatedAt;
  return at + q.serverOffsetMs;
}
