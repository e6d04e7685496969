// One tenant's queue feed: the queue poller → the board of skills → the published QueueState, narrowed to
// the watched skills (settings.watch.skillScope) and told which agents have each skill. The core builds
// one per tenant beside the agent feed, sharing its request budget, and stops it with the tenant.
import type { CxoneClient } from '../cxone/client';
import { errorText } from '../auth/errors';
import { createListeners } from '../listeners';
import type { RequestBudget } from '../monitor/request-budget';
import type { PauseReason } from '../monitor/status';
import type { Clock, Logger, TimerHandle } from '../ports';
import type { Settings } from '../settings/schema';
import { QUEUES_OFF, type QueueState, type SkillQueue } from './model';
import { createQueueBoard } from './queue-board';
import { createQueuePoller, skillActivityRefusal, type QueuePoller } from './queue-poller';
import type { SkillActivity } from './skill-activity';
import { agentsBySkill } from './skill-assignments';

/** Who has which skill changes rarely: reload it this often. */
const ASSIGNMENTS_REFRESH_MS = 30 * 60_000;
/** After a failure other than 403/404, try the assignments again this much later. */
const ASSIGNMENTS_RETRY_MS = 5 * 60_000;

export const ASSIGNMENTS_UNKNOWN_REASON = 'CXone did not say which agents have which skill, so every skill is shown.';
export const NO_CHOSEN_SKILLS_REASON = 'No skills are chosen to watch (Settings → Watch).';

export interface QueueFeed {
  start(): void;
  stop(): void;
  state(): QueueState;
  onState(listener: (state: QueueState) => void): () => void;
  applySettings(settings: Settings): void;
  /** The watched agents may have changed (for the "skills of the watched teams" scope): recompute. */
  watchedAgentsChanged(): void;
  setPaused(reason: PauseReason, paused: boolean): void;
  refreshNow(): void;
  wake(): void;
  authRenewed(): void;
}

export interface QueueFeedDeps {
  client: Pick<CxoneClient, 'getSkillActivity' | 'getSkillAssignments'>;
  clock: Clock;
  logger: Logger;
  settings: Settings;
  budget?: RequestBudget;
  /** The server's clock as measured (server-clock.ts); default this computer's. */
  serverNow?: () => number;
  /** The agents in the watch scope (ids), or null while unknown: the "teams" skill scope reads it. */
  watchedAgentIds?: () => ReadonlySet<number> | null;
  random?: () => number;
}

export function createQueueFeed(deps: QueueFeedDeps): QueueFeed {
  const { client, clock, logger } = deps;
  let settings = deps.settings;
  const board = createQueueBoard();
  const listeners = createListeners<QueueState>(logger, 'queue state listener failed');
  const poller: QueuePoller = createQueuePoller({
    source: client,
    clock,
    logger,
    intervalMs: settings.pollIntervalSeconds * 1000,
    resyncMs: settings.resyncMinutes * 60_000,
    ...(deps.budget ? { budget: deps.budget } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  });
  /** skillId → agent ids; null while unknown (not loaded yet, or refused). */
  let agentsOf: Map<number, number[]> | null = null;
  /** 403/404 on the assignments: never asked again for this tenant. */
  let assignmentsRefused = false;
  let assignmentsTimer: TimerHandle | null = null;
  let started = false;
  let stopped = false;
  let published: QueueState = QUEUES_OFF;
  let publishedKey = JSON.stringify(published);

  const off = () => settings.watch.skillScope === 'none';

  function watched(all: readonly SkillActivity[]): { skills: readonly SkillActivity[]; reason: string | null } {
    const w = settings.watch;
    if (w.skillScope === 'chosen') {
      if (w.skillIds.length === 0) return { skills: [], reason: NO_CHOSEN_SKILLS_REASON };
      const ids = new Set(w.skillIds);
      return { skills: all.filter((s) => ids.has(s.skillId)), reason: null };
    }
    if (w.skillScope === 'teams') {
      if (agentsOf === null) return { skills: all, reason: assignmentsRefused ? ASSIGNMENTS_UNKNOWN_REASON : null };
      const agents = deps.watchedAgentIds?.() ?? null;
      if (agents === null) return { skills: all, reason: null };
      const map = agentsOf;
      return { skills: all.filter((s) => (map.get(s.skillId) ?? []).some((id) => agents.has(id))), reason: null };
    }
    return { skills: all, reason: null };
  }

  function compose(): QueueState {
    if (off() || !started || stopped) return QUEUES_OFF;
    const p = poller.status();
    if (p.status === 'idle') return QUEUES_OFF;
    const { skills, reason } = watched(board.skills());
    const map = agentsOf;
    const queues: SkillQueue[] = skills.map((s) => ({ ...s, agentIds: map ? (map.get(s.skillId) ?? []) : null }));
    const serverNow = deps.serverNow ?? (() => clock.now());
    return {
      status: p.status,
      // The poller's news (refused, failing, stale) before the scope's explanation.
      reason: p.reason ?? reason,
      skills: p.status === 'unavailable' ? [] : queues,
      updatedAt: p.updatedAt,
      serverOffsetMs: Math.round(serverNow() - clock.now()),
      // Every skill CXone named, watched or not: Settings → Watch offers them to choose from (issue 14 UI).
      knownSkills: board.skills().map((k) => ({ skillId: k.skillId, skillName: k.skillName })),
    };
  }

  function publish(): void {
    const next = compose();
    // The offset alone moving by a few ms is no news for the window.
    const key = JSON.stringify({ ...next, serverOffsetMs: Math.round(next.serverOffsetMs / 1000) });
    if (key === publishedKey) return;
    published = next;
    publishedKey = key;
    listeners.emit(next);
  }

  async function loadAssignments(): Promise<void> {
    assignmentsTimer = null;
    if (stopped || assignmentsRefused) return;
    const held = deps.budget?.waitMs() ?? 0;
    if (held > 0) {
      assignmentsTimer = clock.setTimeout(() => void loadAssignments(), held);
      return;
    }
    let next = ASSIGNMENTS_REFRESH_MS;
    try {
      const list = await client.getSkillAssignments();
      if (stopped) return;
      agentsOf = agentsBySkill(list);
    } catch (err) {
      if (stopped) return;
      if (skillActivityRefusal(err)) {
        // Outside the contract subset: a tenant may not have it, or this user may not read it. Not an error to show.
        assignmentsRefused = true;
        agentsOf = null;
        logger.info('queues: skill assignments not available; agents per skill stay unknown', { error: errorText(err) });
        publish();
        return;
      }
      logger.warn('queues: could not load skill assignments', { error: errorText(err) });
      next = ASSIGNMENTS_RETRY_MS;
    }
    publish();
    assignmentsTimer = clock.setTimeout(() => void loadAssignments(), next);
  }

  const offs = [
    poller.onResult((r) => {
      if (board.apply(r)) publish();
    }),
    poller.onStatus(() => publish()),
  ];

  function startPolling(): void {
    poller.start();
    if (assignmentsTimer === null && agentsOf === null && !assignmentsRefused) void loadAssignments();
  }

  return {
    start() {
      if (started) return;
      started = true;
      if (!off()) startPolling();
      publish();
    },
    stop() {
      stopped = true;
      offs.forEach((o) => o());
      poller.stop();
      if (assignmentsTimer !== null) clock.clearTimeout(assignmentsTimer);
      assignmentsTimer = null;
      publish();
    },
    // What was last published: the window's event and its getQueues answer never disagree.
    state: () => (started && !stopped ? published : QUEUES_OFF),
    onState: (listener) => listeners.add(listener),
    applySettings(next) {
      const prev = settings;
      settings = next;
      if (prev.pollIntervalSeconds !== next.pollIntervalSeconds) poller.setIntervalMs(next.pollIntervalSeconds * 1000);
      if (started && !stopped) {
        if (prev.watch.skillScope !== 'none' && off()) {
          poller.stop();
          board.clear();
        } else if (prev.watch.skillScope === 'none' && !off()) startPolling();
      }
      publish();
    },
    watchedAgentsChanged() {
      if (settings.watch.skillScope === 'teams') publish();
    },
    setPaused(reason, paused) {
      if (paused) poller.pause(reason);
      else poller.resume(reason);
    },
    refreshNow: () => poller.refreshNow(),
    wake: () => poller.wake(),
    authRenewed: () => poller.authRenewed(),
  };
}
