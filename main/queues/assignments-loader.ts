// Who has which skill, for the queue feed (the "skills of the watched teams" scope, and a skill's
// Available agents): GET skills/agents, loaded once polling starts and again every 30 minutes, later
// after a failure, and never again once a tenant refuses it (403/404: outside the v34 contract subset,
// a tenant may not have it, or this user may not read it — not an error to show). Waits out the
// tenant's request budget like every other call.
import { errorText } from '../auth/errors';
import type { CxoneClient } from '../cxone/client';
import type { RequestBudget } from '../monitor/request-budget';
import type { Clock, Logger, TimerHandle } from '../ports';
import { skillActivityRefusal } from './queue-poller';
import { agentsBySkill } from './skill-assignments';

/** Who has which skill changes rarely: reload it this often. */
const ASSIGNMENTS_REFRESH_MS = 30 * 60_000;
/** After a failure other than 403/404, try the assignments again this much later. */
const ASSIGNMENTS_RETRY_MS = 5 * 60_000;

export interface AssignmentsLoader {
  /** Loads now unless loaded, loading, waiting to retry, refused or stopped. */
  start(): void;
  stop(): void;
  /** skillId → agent ids, ascending; null while unknown (not loaded yet, or refused). */
  agentsOf(): ReadonlyMap<number, number[]> | null;
  /** The tenant refused the call: agents per skill stay unknown. */
  refused(): boolean;
}

/** `onChange`: the map or the refusal changed (and after each attempt): the feed republishes. */
export function createAssignmentsLoader(deps: {
  client: Pick<CxoneClient, 'getSkillAssignments'>;
  clock: Clock;
  logger: Logger;
  budget?: RequestBudget;
  onChange: () => void;
}): AssignmentsLoader {
  const { client, clock, logger } = deps;
  let agentsOf: Map<number, number[]> | null = null;
  let refused = false;
  let timer: TimerHandle | null = null;
  /** A load is out: a start() meanwhile must not begin a second one (and a second chain of reloads). */
  let loading = false;
  let stopped = false;

  const later = (ms: number) => {
    timer = clock.setTimeout(() => void load(), ms);
  };

  async function load(): Promise<void> {
    timer = null;
    if (stopped || refused) return;
    const held = deps.budget?.waitMs() ?? 0;
    if (held > 0) return later(held);
    let next = ASSIGNMENTS_REFRESH_MS;
    loading = true;
    try {
      const list = await client.getSkillAssignments().finally(() => (loading = false));
      if (stopped) return;
      agentsOf = agentsBySkill(list);
    } catch (err) {
      if (stopped) return;
      if (skillActivityRefusal(err)) {
        refused = true;
        agentsOf = null;
        logger.info('queues: skill assignments not available; agents per skill stay unknown', { error: errorText(err) });
        deps.onChange();
        return;
      }
      logger.warn('queues: could not load skill assignments', { error: errorText(err) });
      next = ASSIGNMENTS_RETRY_MS;
    }
    deps.onChange();
    later(next);
  }

  return {
    start() {
      if (timer === null && !loading && agentsOf === null && !refused && !stopped) void load();
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    agentsOf: () => agentsOf,
    refused: () => refused,
  };
}
