// One tenant's queue feed: the queue poller → the board of skills → the published QueueState, narrowed to
// the watched skills (settings.watch.skillScope) and told which agents have each skill. The core builds
// one per tenant beside the agent feed, sharing its request budget, and stops it with the tenant.
import type { CxoneClient } from '../cxone/client';
import { createListeners, type Listeners } from '../listeners';
import type { RequestBudget } from '../monitor/request-budget';
import type { PauseReason } from '../monitor/status';
import type { Clock, Logger } from '../ports';
import type { Settings } from '../settings/schema';
import { QUEUES_OFF, type QueueState, type SkillQueue } from './model';
import { createQueueBoard, type QueueBoard } from './queue-board';
import { createAssignmentsLoader, type AssignmentsLoader } from './assignments-loader';
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

/** What the feed's parts share, built once by createQueueFeed; settings and the rest change while it runs. */
interface QueueFeedState {
  readonly deps: QueueFeedDeps;
  readonly board: QueueBoard;
  readonly listeners: Listeners<QueueState>;
  readonly poller: QueuePoller;
  readonly assignments: AssignmentsLoader;
  settings: Settings;
  started: boolean;
  stopped: boolean;
  /** What was last published, and its key (publish tells the listeners only when that changes). */
  published: QueueState;
  publishedKey: string;
}

export function createQueueFeed(deps: QueueFeedDeps): QueueFeed {
  const f = createFeedState(deps);
  const { poller } = f;
  const offs = listenToPoller(f);
  return {
    start: () => start(f),
    stop: () => stop(f, offs),
    // What was last published: the window's event and its getQueues answer never disagree.
    state: () => (f.started && !f.stopped ? f.published : QUEUES_OFF),
    onState: (listener) => f.listeners.add(listener),
    applySettings: (next) => applySettings(f, next),
    watchedAgentsChanged() {
      if (f.settings.watch.skillScope === 'teams') publish(f);
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

/** The feed's parts, not started: the poller and the assignments loader share the request budget. */
function createFeedState(deps: QueueFeedDeps): QueueFeedState {
  const { client, clock, logger, settings } = deps;
  const budget = deps.budget ? { budget: deps.budget } : {};
  const f: QueueFeedState = {
    deps,
    board: createQueueBoard(),
    listeners: createListeners<QueueState>(logger, 'queue state listener failed'),
    poller: createQueuePoller({
      source: client,
      clock,
      logger,
      intervalMs: settings.pollIntervalSeconds * 1000,
      resyncMs: settings.resyncMinutes * 60_000,
      ...budget,
      ...(deps.random ? { random: deps.random } : {}),
    }),
    assignments: createAssignmentsLoader({ client, clock, logger, ...budget, onChange: () => publish(f) }),
    settings,
    started: false,
    stopped: false,
    published: QUEUES_OFF,
    publishedKey: JSON.stringify(QUEUES_OFF),
  };
  return f;
}

/** Each poll's skills go onto the board, and its status out: both published. Returns the unsubscribers. */
function listenToPoller(f: QueueFeedState): (() => void)[] {
  return [
    f.poller.onResult((r) => {
      if (f.board.apply(r)) publish(f);
    }),
    f.poller.onStatus(() => publish(f)),
  ];
}

/** Once: a feed that was stopped (even before it started) is done; the core builds a new one per tenant. */
function start(f: QueueFeedState): void {
  if (f.started || f.stopped) return;
  f.started = true;
  if (!off(f)) startPolling(f);
  publish(f);
}

/** Stops polling; the publish after it tells the listeners the queues are off. */
function stop(f: QueueFeedState, offs: readonly (() => void)[]): void {
  f.stopped = true;
  offs.forEach((o) => o());
  f.poller.stop();
  f.assignments.stop();
  publish(f);
}

/** The settings watch no skills: nothing is polled or shown. */
const off = (f: QueueFeedState) => f.settings.watch.skillScope === 'none';

function startPolling(f: QueueFeedState): void {
  f.poller.start();
  f.assignments.start();
}

/** The QueueState to show now: the poller's status, the watched skills, and who has each. */
function compose(f: QueueFeedState): QueueState {
  const { deps, board, assignments } = f;
  if (off(f) || !f.started || f.stopped) return QUEUES_OFF;
  const p = f.poller.status();
  if (p.status === 'idle') return QUEUES_OFF;
  const map = assignments.agentsOf();
  const scope = f.settings.watch;
  const watchedAgents = scope.skillScope === 'teams' && map !== null ? (deps.watchedAgentIds?.() ?? null) : null;
  const { skills, reason } = watchedSkills(board.skills(), scope, map, assignments.refused(), watchedAgents);
  const queues: SkillQueue[] = skills.map((s) => ({ ...s, agentIds: map ? (map.get(s.skillId) ?? []) : null }));
  const serverNow = deps.serverNow ?? (() => deps.clock.now());
  return {
    status: p.status,
    // The poller's news (refused, failing, stale) before the scope's explanation.
    reason: p.reason ?? reason,
    skills: p.status === 'unavailable' ? [] : queues,
    updatedAt: p.updatedAt,
    serverOffsetMs: Math.round(serverNow() - deps.clock.now()),
    // Every skill CXone named, watched or not: Settings → Watch offers them to choose from (issue 14 UI).
    knownSkills: board.skills().map((k) => ({ skillId: k.skillId, skillName: k.skillName })),
  };
}

/** Tells the listeners the QueueState to show, when it differs from the last one told. */
function publish(f: QueueFeedState): void {
  const next = compose(f);
  // The offset alone moving by a few ms is no news for the window.
  const key = JSON.stringify({ ...next, serverOffsetMs: Math.round(next.serverOffsetMs / 1000) });
  if (key === f.publishedKey) return;
  f.published = next;
  f.publishedKey = key;
  f.listeners.emit(next);
}

/** New settings: the poll interval, and polling stopped or started when the skill scope turns off or on. */
function applySettings(f: QueueFeedState, next: Settings): void {
  const { poller } = f;
  const prev = f.settings;
  f.settings = next;
  if (prev.pollIntervalSeconds !== next.pollIntervalSeconds) poller.setIntervalMs(next.pollIntervalSeconds * 1000);
  if (f.started && !f.stopped) {
    if (prev.watch.skillScope !== 'none' && off(f)) {
      poller.stop();
      f.board.clear();
    } else if (prev.watch.skillScope === 'none' && !off(f)) startPolling(f);
  }
  publish(f);
}
