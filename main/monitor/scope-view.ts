// The roster as the user's watch scope sees it: its snapshot, deltas and changes narrowed to the
// scope, the live per-category counts and trend of the agents in it, and the set of their ids. The
// live feed owns one per roster; a scope change (setWatch) recounts and tells the renderer to fetch
// a fresh snapshot. Listeners are isolated: one that throws is logged and the others still run, so a
// failing renderer channel cannot silence notifications (nor the other way round).
import type { StateCategory } from '../cxone/model';
import type { AppFilter } from '../diagnostics/doctor';
import type { Clock, Logger } from '../ports';
import type { Settings } from '../settings/schema';
import { createListeners } from '../listeners';
import type { Roster } from './roster';
import { RESET_BASE, type AgentChange, type RosterDelta, type RosterSnapshot, type Trend } from './status';
import { createTrendRecorder } from './trend';
import { createWatchFilter, filterDelta, filterSnapshot, type WatchFilter } from './watch-scope';

export interface ScopeView {
  /** The roster narrowed to the watch scope. */
  snapshot(): RosterSnapshot;
  trend(): Trend;
  /** Agents per category in the watch scope (kept up to date change by change). */
  counts(): Record<StateCategory, number>;
  /** The watch scope as the doctor's HIDDEN_BY_APP_FILTER check takes it. */
  scopeFilter(): AppFilter;
  /**
   * The ids of the agents in the watch scope, or null while there are none (before the first list).
   * Built from the snapshot on the first call after a scope change, then kept by the deltas: at
   * 100,000 agents a snapshot and a Set of its ids took 41–56 ms, which the queue feed paid at every
   * publish with the "skills of the watched teams" scope (issue 15). Read it, do not keep it.
   */
  watchedAgentIds(): ReadonlySet<number> | null;
  /** A new watch scope: recounts, and sends a reset delta (RESET_BASE) so the renderer fetches a snapshot. */
  setWatch(watch: Settings['watch']): void;
  /**
   * Sends a reset delta (RESET_BASE): what only a snapshot carries (the unavailable codes with their time
   * limits) has changed, so the renderers fetch a fresh one.
   */
  resendSnapshot(): void;
  onDelta(listener: (delta: RosterDelta) => void): () => void;
  /** Changes of agents in the watch scope, for the notification policy. */
  onChanges(listener: (changes: AgentChange[]) => void): () => void;
  /** Stops listening to the roster. */
  stop(): void;
}

export function createScopeView(deps: { roster: Roster; clock: Clock; logger: Logger; watch: Settings['watch']; meAgentId: number | null }): ScopeView {
  const { roster, clock } = deps;
  let filter: WatchFilter = createWatchFilter(deps.watch, deps.meAgentId);
  // The trend recorder also keeps the live per-category counts of the watch scope (tray, tooltip).
  const trend = createTrendRecorder({ include: (a) => filter.includes(a) });
  const deltas = createListeners<RosterDelta>(deps.logger, 'a roster delta listener failed');
  const changes = createListeners<AgentChange[]>(deps.logger, 'an agent change listener failed');
  /** watchedAgentIds()'s set once asked for; null again when the scope changes. */
  let watched: Set<number> | null = null;

  const offs = [
    roster.onChanges((list) => {
      trend.record(list, clock.now());
      const inScope = list.filter((c) => filter.includes(c.to));
      if (inScope.length) changes.emit(inScope);
    }),
    roster.onDelta((delta) => {
      const narrowed = filterDelta(delta, filter);
      if (watched) {
        // Out of scope or gone: filterDelta lists both as removed.
        for (const a of narrowed.upserts) watched.add(a.agentId);
        for (const id of narrowed.removed) watched.delete(id);
      }
      if (narrowed.upserts.length || narrowed.removed.length || delta.base !== delta.revision) deltas.emit(narrowed);
    }),
  ];

  const resendSnapshot = () => deltas.emit({ base: RESET_BASE, revision: roster.revision, upserts: [], removed: [] });

  return {
    snapshot: () => filterSnapshot(roster.snapshot(), filter),
    trend: () => trend.trend(clock.now()),
    counts: () => trend.current(),
    scopeFilter: () => ({ describe: `the watch scope "${filter.scope}"`, hiddenReason: (a) => filter.hiddenReason(a) }),
    watchedAgentIds() {
      watched ??= new Set(filterSnapshot(roster.snapshot(), filter).agents.map((a) => a.agentId));
      return watched.size > 0 ? watched : null;
    },
    setWatch(watch) {
      filter = createWatchFilter(watch, deps.meAgentId);
      watched = null;
      trend.setFilter((a) => filter.includes(a));
      trend.recount(roster.snapshot().agents, clock.now());
      resendSnapshot();
    },
    resendSnapshot,
    onDelta: (listener) => deltas.add(listener),
    onChanges: (listener) => changes.add(listener),
    stop: () => offs.forEach((off) => off()),
  };
}
