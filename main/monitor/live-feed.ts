// One running data pipeline for one tenant (CXone or the demo): the client feeds the poller, the
// poller feeds the roster, the roster's deltas and changes go out narrowed to the watch scope.
// The core builds a new feed when the tenant changes and retunes this one when settings change.
// With the "me" scope and a known icAgentId, the poller reads only GET /agents/{id}/states and the
// agent-session long poll tells it when to look; a scope change to or from "me" swaps the poller.
import type { CxoneClient, UnavailableCode } from '../cxone/client';
import { AGENT_STATE_FIELDS, projectionApplies } from '../cxone/agent-states';
import { createAgentSessionWatcher, type AgentSessionWatcher } from './agent-session';
import { createDirectoryRefresh, type DirectoryRefresh } from './directory-refresh';
import { createMeSource } from './me-source';
import { applyOwnStateEvent, type OwnStateEvent } from './own-state-event';
import { createListeners, type Listeners } from '../listeners';
import { createPoller, type AgentStatesSource, type PollResult, type Poller } from './poller';
import type { RequestBudget } from './request-budget';
import { createRoster, SNAPSHOT_SLICE, type Roster } from './roster';
import { createScopeView, type ScopeView } from './scope-view';
import { createPickerChoices, type PickerChoices, type PickerChoicesFinder, type PickerQuery } from './picker-choices';
import type { AgentChange, PauseReason, PollerStatus } from './status';
import type { Clock, Logger } from '../ports';
import type { Settings } from '../settings/schema';

/** One tenant's running feed. What it shows (snapshot, counts, trend, deltas, changes) is its roster as the watch scope sees it: ScopeView. */
export interface LiveFeed extends Pick<ScopeView, 'snapshot' | 'trend' | 'counts' | 'scopeFilter' | 'watchedAgentIds' | 'onDelta' | 'onChanges'> {
  start(): void;
  stop(): void;
  status(): PollerStatus;
  history(agentId: number): AgentChange[];
  /** What Settings' watch pickers offer: the teams, and the agents of the roster or the directory matching the query. */
  pickerChoices(query: PickerQuery): Promise<PickerChoices>;
  refreshNow(): void;
  /** The network changed or the machine woke: retry now if waiting out a backoff. */
  wake(): void;
  /** The session renewed its token: resume if polling stopped on a refused token. */
  authRenewed(): void;
  setPaused(reason: PauseReason, paused: boolean): void;
  applySettings(settings: Settings): void;
  onStatus(listener: (status: PollerStatus) => void): () => void;
  /** The tenant's unavailable codes each time they are (re)loaded: names and their own time limits. */
  onUnavailableCodes(listener: (codes: readonly UnavailableCode[]) => void): () => void;
  /**
   * What Settings' pickers offer may have changed — an agent added to or gone from the roster, a
   * directory (re)load — so an open picker asks pickerChoices again. Not told for a state change.
   */
  onPickerChoicesChanged(listener: () => void): () => void;
}

/** The poller waits because CXone refused the (renewed) token. */
export function isTokenRefused(status: PollerStatus): boolean {
  return status.kind === 'error' && status.error.kind === 'unauthorized';
}

export interface LiveFeedDeps {
  client: CxoneClient;
  clock: Clock;
  logger: Logger;
  settings: Settings;
  meAgentId: number | null;
  /** The server's clock as measured (server-clock.ts), stamped on poll results; default the wall clock. */
  timeline?: () => number;
  /** The tenant's request budget, shared with the queue poller (monitor/request-budget.ts). */
  budget?: RequestBudget;
}

/** The poller for `settings` on `source`: interval and resync floor from the settings, the projection on v34+. */
function pollerFor(source: AgentStatesSource, settings: Settings, deps: LiveFeedDeps): Poller {
  return createPoller({
    source,
    clock: deps.clock,
    logger: deps.logger,
    intervalMs: settings.pollIntervalSeconds * 1000,
    resyncMs: settings.resyncMinutes * 60_000,
    // Only the fields the app reads (v34 names; an older API version gets everything).
    ...(projectionApplies(settings.tenant.apiVersion) ? { fields: AGENT_STATE_FIELDS } : {}),
    ...(deps.timeline ? { timeline: deps.timeline } : {}),
    ...(deps.budget ? { budget: deps.budget } : {}),
  });
}

/**
 * A poll's answer into the roster. A big full list goes in slices with the event loop let run between
 * them (100,000 agents merged at once would block the main process for a few hundred ms); if merging
 * one fails, `resync` asks for a full list again.
 */
function applyPollResult(roster: Roster, result: PollResult, logger: Logger, resync: () => void): void {
  if (result.kind !== 'snapshot' || result.states.length <= SNAPSHOT_SLICE) {
    roster.applyPollResult(result);
    return;
  }
  roster.applySnapshotInSlices(result.states, { baseline: result.baseline, at: result.at, complete: result.complete !== false }).catch((err: unknown) => {
    logger.error('applying a full list failed; resyncing', { error: String(err) });
    resync();
  });
}

/**
 * The directory refresh for `roster`, telling `onCodes` each load. Only a snapshot carries the codes'
 * time limits (the rows' warnings), so when they load or change the renderers are told to fetch one.
 */
function directoryFor(deps: LiveFeedDeps, roster: Roster, view: ScopeView, onCodes: (codes: readonly UnavailableCode[]) => void): DirectoryRefresh {
  /** The codes the renderers were last sent, to tell them only when these change. */
  let sentCodes: string | null = null;
  return createDirectoryRefresh({
    client: deps.client,
    roster,
    clock: deps.clock,
    logger: deps.logger,
    onCodes(codes) {
      onCodes(codes);
      const key = JSON.stringify(codes);
      if (key === sentCodes) return;
      sentCodes = key;
      view.resendSnapshot();
    },
  });
}

/** One's own AgentState event into the roster, the way a polled delta goes, without waiting for the poll. */
function applyOwnState(roster: Roster, directory: DirectoryRefresh, clock: Clock, me: number, e: OwnStateEvent): void {
  const base = roster.get(me);
  // Nothing polled yet to build on (names, team): the poll that is due will bring the state.
  if (!base) return;
  const next = applyOwnStateEvent(base, e, directory.codeIdByName);
  roster.applyPollResult({ kind: 'delta', states: [next], at: clock.now() });
}

/** The poller and, for "me", its session watcher: what reads the tenant for the current watch scope. */
interface Pipeline {
  /** The agent whose state alone is polled, or null for /agents/states. */
  me: number | null;
  poller: Poller;
  watcher: AgentSessionWatcher | null;
}

/** What the feed's parts share, built once by createLiveFeed; the settings and the pipeline change while it runs. */
interface FeedState {
  readonly deps: LiveFeedDeps;
  readonly roster: Roster;
  readonly view: ScopeView;
  readonly statuses: Listeners<PollerStatus>;
  readonly codeLists: Listeners<readonly UnavailableCode[]>;
  readonly directory: DirectoryRefresh;
  readonly pickerChoices: PickerChoicesFinder;
  readonly pickerNames: Listeners<void>;
  /** namesVersion(f) when pickerNames was last told (or the feed began). */
  pickerNamesSeen: string;
  settings: Settings;
  /** Successful directory loads: a new one may bring new names (and codes) for Settings' pickers. */
  directoryLoads: number;
  started: boolean;
  stopped: boolean;
  /** CXone refused the token and no poll has worked since: the session is not called with it (a resume's status alone does not say so). */
  tokenRefused: boolean;
  pipeline: Pipeline;
  /** Unhooks the pipeline from the roster and the status listeners. */
  detachPipeline: () => void;
}

export function createLiveFeed(deps: LiveFeedDeps): LiveFeed {
  const { clock, logger } = deps;
  const roster = createRoster();
  const view = createScopeView({ roster, clock, logger, watch: deps.settings.watch, meAgentId: deps.meAgentId });
  const f: FeedState = {
    deps,
    roster,
    view,
    statuses: createListeners<PollerStatus>(logger, 'a monitor status listener failed'),
    codeLists: createListeners<readonly UnavailableCode[]>(logger, 'an unavailable codes listener failed'),
    directory: directoryFor(deps, roster, view, (codes) => {
      f.directoryLoads += 1;
      f.codeLists.emit(codes);
      tellPickerNames(f);
    }),
    pickerChoices: createPickerChoices({
      snapshot: () => roster.snapshot(),
      directory: () => roster.directory(),
      namesVersion: () => namesVersion(f),
    }, clock),
    pickerNames: createListeners<void>(logger, 'a picker choices listener failed'),
    pickerNamesSeen: '', // set right below, once the state exists to read
    settings: deps.settings,
    directoryLoads: 0,
    started: false,
    stopped: false,
    tokenRefused: false,
    pipeline: pipelineFor(deps, deps.settings, []),
    detachPipeline: () => {}, // replaced right below, once the state exists to wire to
  };
  f.detachPipeline = wirePipeline(f);
  f.pickerNamesSeen = namesVersion(f);
  roster.onDelta(() => tellPickerNames(f));

  return {
    ...feedLifecycle(f),
    status: () => f.pipeline.poller.status(),
    snapshot: () => view.snapshot(),
    pickerChoices: (query) => f.pickerChoices.find(query),
    history: (agentId) => roster.history(agentId),
    trend: () => view.trend(),
    counts: () => view.counts(),
    scopeFilter: () => view.scopeFilter(),
    watchedAgentIds: () => view.watchedAgentIds(),
    refreshNow: () => f.pipeline.poller.refreshNow(),
    wake: () => f.pipeline.poller.wake(),
    authRenewed: () => f.pipeline.poller.authRenewed(),
    onDelta: (listener) => view.onDelta(listener),
    onChanges: (listener) => view.onChanges(listener),
    onStatus: (listener) => f.statuses.add(listener),
    onUnavailableCodes: (listener) => f.codeLists.add(listener),
    onPickerChoicesChanged: (listener) => f.pickerNames.add(listener),
  };
}

/** What the pickers' index is built from, as a version: the roster's agents and the directory loads. */
const namesVersion = (f: FeedState) => `${f.roster.size}:${f.directoryLoads}`;

/** Tells pickerNames when namesVersion moved on; run after anything that may move it. */
function tellPickerNames(f: FeedState): void {
  const now = namesVersion(f);
  if (now === f.pickerNamesSeen) return;
  f.pickerNamesSeen = now;
  f.pickerNames.emit();
}

/** The agent whose state alone is polled, or null for /agents/states (any other scope, or no icAgentId). */
const meFor = (deps: LiveFeedDeps, s: Settings) => (s.watch.scope === 'me' ? deps.meAgentId : null);

/** The poller (and, for "me", its session watcher) for `settings`, holding `pauses`. */
function pipelineFor(deps: LiveFeedDeps, settings: Settings, pauses: readonly PauseReason[]): Pipeline {
  const { client, clock, logger } = deps;
  const me = meFor(deps, settings);
  const source = me === null ? client : createMeSource({ client, agentId: me });
  const poller = pollerFor(source, settings, deps);
  for (const r of pauses) poller.pause(r);
  const watcher = me === null ? null : createAgentSessionWatcher({ api: client, poller, agentId: me, clock, logger });
  return { me, poller, watcher };
}

/** The pipeline's results and own-state events into the roster, its statuses out; returns the unhook. */
function wirePipeline(f: FeedState): () => void {
  const { roster, directory, deps } = f;
  const { me, poller: p, watcher: w } = f.pipeline;
  const offs = [
    ...(w && me !== null ? [w.onOwnState((e) => applyOwnState(roster, directory, deps.clock, me, e))] : []),
    p.onResult((result) => applyPollResult(roster, result, deps.logger, () => f.pipeline.poller.resyncNow())),
    p.onStatus((status) => {
      // The token refused: no more session calls with it until polling works again.
      if (isTokenRefused(status)) {
        f.tokenRefused = true;
        w?.stop();
      } else if (status.kind === 'live') {
        f.tokenRefused = false;
        syncWatcher(f);
      }
      f.statuses.emit(status);
    }),
  ];
  return () => offs.forEach((off) => off());
}

/**
 * The watcher runs while the feed runs, polling is not paused (a paused poller would ignore it), and
 * CXone has not refused the token since the last poll that worked — a resume reports 'stale' before
 * its poll meets the refusal again, so the poller's status now does not tell.
 */
function syncWatcher(f: FeedState): void {
  const { poller, watcher } = f.pipeline;
  if (!watcher) return;
  if (f.started && !f.stopped && poller.pauseReasons().length === 0 && !f.tokenRefused) watcher.start();
  else watcher.stop();
}

/**
 * Swaps the poller for one on the source the settings now call for. The roster starts over: it
 * held what the old source covered, and a one-agent snapshot would mark everyone else logged out.
 */
function rebuildPipeline(f: FeedState): void {
  const pauses = f.pipeline.poller.pauseReasons();
  f.detachPipeline();
  f.pipeline.watcher?.stop();
  f.pipeline.poller.stop();
  f.roster.clear();
  f.pipeline = pipelineFor(f.deps, f.settings, pauses);
  f.detachPipeline = wirePipeline(f);
  if (f.started && !f.stopped) {
    f.pipeline.poller.start();
    syncWatcher(f);
  }
}

/** Start, stop, pause and new settings: what runs, and what the watch scope now calls for. */
function feedLifecycle(f: FeedState): Pick<LiveFeed, 'start' | 'stop' | 'setPaused' | 'applySettings'> {
  return {
    start() {
      f.started = true;
      f.pipeline.poller.start();
      syncWatcher(f);
      f.directory.start();
    },
    stop() {
      f.stopped = true;
      f.directory.stop();
      f.pickerChoices.drop();
      f.view.stop();
      f.pipeline.watcher?.stop();
      f.pipeline.poller.stop();
      f.detachPipeline();
    },
    setPaused(reason, paused) {
      if (paused) f.pipeline.poller.pause(reason);
      else f.pipeline.poller.resume(reason);
      syncWatcher(f);
    },
    applySettings(next) {
      const prev = f.settings;
      f.settings = next;
      if (prev.pollIntervalSeconds !== next.pollIntervalSeconds) f.pipeline.poller.setIntervalMs(next.pollIntervalSeconds * 1000);
      if (JSON.stringify(prev.watch) !== JSON.stringify(next.watch)) {
        // The pipeline first: the recount then sees the roster the new scope starts from.
        if (!f.stopped && meFor(f.deps, prev) !== meFor(f.deps, next)) rebuildPipeline(f);
        f.view.setWatch(next.watch);
      }
    },
  };
}
