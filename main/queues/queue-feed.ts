// One tenant's queue feed: the queue poller → the board of skills → the published QueueState, narrowed to
// the watched skills (settings.watch.skillScope) and told which agents have each skill. The core builds
// one per tenant beside the agent feed, sharing its request budget, and stops it with the tenant.
import type { CxoneClient } from '../cxone/client';
import { createListeners } from '../listeners';
import type { RequestBudget } from '../monitor/request-budget';
import type { PauseReason } from '../monitor/status';
import type { Clock, Logger } from '../ports';
import type { Settings } from '../settings/schema';
import { QUEUES_OFF, type QueueState, type SkillQueue } from './model';
import { createQueueBoard } from './queue-board';
import { createAssignmentsLoader } from './assignments-loader';
import { createQueuePoller, type QueuePoller } from './queue-poller';
import type { SkillActivity } from './skill-activity';

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

/**
 * The skills the scope watches (settings.watch.skillScope), and why it cannot narrow them when so:
 * chosen ones; those of the watched agents (all while who has which skill, or who is watched, is not
 * known yet); or all.
 */
function watchedSkills(
  all: readonly SkillActivity[],
  watch: Settings['watch'],
  agentsOf: ReadonlyMap<number, number[]> | null,
  assignmentsRefused: boolean,
  watchedAgents: ReadonlySet<number> | null,
): { skills: readonly SkillActivity[]; reason: string | null } {
  if (watch.skillScope === 'chosen') {
    if (watch.skillIds.length === 0) return { skills: [], reason: NO_CHOSEN_SKILLS_REASON };
    const ids = new Set(watch.skillIds);
    return { skills: all.filter((s) => ids.has(s.skillId)), reason: null };
  }
  if (watch.skillScope === 'teams') {
    if (agentsOf === null) return { skills: all, reason: assignmentsRefused ? ASSIGNMENTS_UNKNOWN_REASON : null };
    if (watchedAgents === null) return { skills: all, reason: null };
    return { skills: all.filter((s) => (agentsOf.get(s.skillId) ?? []).some((id) => watchedAgents.has(id))), reason: null };
  }
  return { skills: all, reason: null };
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
  const assignments = createAssignmentsLoader({ client, clock, logger, ...(deps.budget ? { budget: deps.budget } : {}), onChange: () => publish() });
  let started = false;
  let stopped = false;
  let published: QueueState = QUEUES_OFF;
  let publishedKey = JSON.stringify(published);

  const off = () => settings.watch.skillScope === 'none';

  function compose(): QueueState {
    if (off() || !started || stopped) return QUEUES_OFF;
    const p = poller.status();
    if (p.status === 'idle') return QUEUES_OFF;
    const map = assignments.agentsOf();
    const scope = settings.watch;
    const watchedAgents = scope.skillScope === 'teams' && map !== null ? (deps.watchedAgentIds?.() ?? null) : null;
    const { skills, reason } = watchedSkills(board.skills(), scope, map, assignments.refused(), watchedAgents);
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

  const offs = [
    poller.onResult((r) => {
      if (board.apply(r)) publish();
    }),
    poller.onStatus(() => publish()),
  ];

  function startPolling(): void {
    poller.start();
    assignments.start();
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
      assignments.stop();
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
