// The skills as the app last heard of them: full lists replace, deltas update (QueuePollResult). Keeps
// CXone's order (a skill first seen in a delta goes last) and says whether an answer changed anything,
// so the feed publishes only real changes.
import type { QueuePollResult } from './queue-poller';
import type { SkillActivity } from './skill-activity';

export interface QueueBoard {
  /** Applies one poll result; true when any skill changed, appeared or went. */
  apply(result: QueuePollResult): boolean;
  /** The skills in CXone's order. */
  skills(): readonly SkillActivity[];
  clear(): void;
}

const KEYS: readonly (keyof SkillActivity)[] = [
  'skillName', 'mediaTypeName', 'isOutbound', 'queueCount', 'earliestQueueTime', 'agentsAvailable', 'agentsUnavailable', 'agentsACW',
  'agentsWorking', 'agentsLoggedIn', 'serviceLevel', 'serviceLevelGoal', 'serviceLevelThreshold', 'serviceLevelStatus',
];

function same(a: SkillActivity, b: SkillActivity): boolean {
  for (const k of KEYS) if (a[k] !== b[k]) return false;
  return true;
}

export function createQueueBoard(): QueueBoard {
  let order: SkillActivity[] = [];
  const byId = new Map<number, number>();

  const reindex = () => {
    byId.clear();
    order.forEach((s, i) => byId.set(s.skillId, i));
  };

  function upsert(s: SkillActivity): boolean {
    const i = byId.get(s.skillId);
    if (i === undefined) {
      byId.set(s.skillId, order.length);
      order.push(s);
      return true;
    }
    if (same(order[i]!, s)) return false;
    order[i] = s;
    return true;
  }

  return {
    apply(result) {
      if (result.kind === 'snapshot' && result.complete) {
        // A whole list: skills it does not name are gone. A skill listed twice keeps its last item, in its
        // first place — before comparing, so the same doubled list next time is no change.
        const last = new Map(result.skills.map((s) => [s.skillId, s] as const));
        const next = last.size === result.skills.length ? result.skills : [...last.values()];
        const changed = order.length !== next.length || next.some((s, i) => order[i]!.skillId !== s.skillId || !same(order[i]!, s));
        order = [...next];
        reindex();
        return changed;
      }
      let changed = false;
      for (const s of result.skills) if (upsert(s)) changed = true;
      return changed;
    },
    skills: () => order,
    clear() {
      order = [];
      byId.clear();
    },
  };
}
