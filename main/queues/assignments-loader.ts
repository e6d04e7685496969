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

export interface AssignmentsLoaderDeps {
  client: Pick<CxoneClient, 'getSkillAssignments'>;
  clock: Clock;
  logger: Logger;
  budget?: RequestBudget;
  /** The map or the refusal changed (and after each attempt): the feed republishes. */
  onChange: () => void;
}

/** What the loader's parts share, built once by createAssignmentsLoader. */
interface AssignmentsLoad {
  readonly deps: AssignmentsLoaderDeps;
  agentsOf: Map<number, number[]> | null;
  refused: boolean;
  timer: TimerHandle | null;
  /** A load is out: a start() meanwhile must not begin a second one (and a second chain of reloads). */
  loading: boolean;
  stopped: boolean;
}

export function createAssignmentsLoader(deps: AssignmentsLoaderDeps): AssignmentsLoader {
  const a: AssignmentsLoad = { deps, agentsOf: null, refused: false, timer: null, loading: false, stopped: false };
  return {
    start() {
      if (a.timer === null && !a.loading && a.agentsOf === null && !a.refused && !a.stopped) void loadAssignments(a);
    },
    stop() {
      a.stopped = true;
      if (a.timer !== null) deps.clock.clearTimeout(a.timer);
      a.timer = null;
    },
    agentsOf: () => a.agentsOf,
    refused: () => a.refused,
  };
}

function loadLater(a: AssignmentsLoad, ms: number): void {
  a.timer = a.deps.clock.setTimeout(() => void loadAssignments(a), ms);
}

/** A load when the request budget allows, then the next one planned (unless stopped or refused). */
async function loadAssignments(a: AssignmentsLoad): Promise<void> {
  a.timer = null;
  if (a.stopped || a.refused) return;
  const held = a.deps.budget?.waitMs() ?? 0;
  if (held > 0) return loadLater(a, held);
  const next = await requestAssignments(a);
  if (next === null) return;
  a.deps.onChange();
  loadLater(a, next);
}

/** One request: the map kept, or the failure read. Returns when to load next; null for never (stopped or refused). */
async function requestAssignments(a: AssignmentsLoad): Promise<number | null> {
  a.loading = true;
  try {
    const list = await a.deps.client.getSkillAssignments().finally(() => (a.loading = false));
    if (a.stopped) return null;
    a.agentsOf = agentsBySkill(list);
    return ASSIGNMENTS_REFRESH_MS;
  } catch (err) {
    if (a.stopped) return null;
    return assignmentsFailed(a, err);
  }
}

/** A 403/404 is final (told once, here); any other failure is retried later. */
function assignmentsFailed(a: AssignmentsLoad, err: unknown): number | null {
  const { logger } = a.deps;
  if (skillActivityRefusal(err)) {
    a.refused = true;
    a.agentsOf = null;
    logger.info('queues: skill assignments not available; agents per skill stay unknown', { error: errorText(err) });
    a.deps.onChange();
    return null;
  }
  logger.warn('queues: could not load skill assignments', { error: errorText(err) });
  return ASSIGNMENTS_RETRY_MS;
}
