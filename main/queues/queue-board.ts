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
        // A whole list: skills it does not name are gone.
        const before = order;
        const changed = before.length !== result.skills.length || result.skills.some((s, i) => before[i]?.skillId !== s.skillId || !same(before[i]!, s));
        order = [...result.skills];
        reindex();
        if (order.length !== byId.size) {
          // A skill listed twice: keep its last item, in its first place.
          const last = new Map(order.map((s) => [s.skillId, s] as const));
          order = [...last.keys()].map((id) => last.get(id)!);
          reindex();
        }
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
