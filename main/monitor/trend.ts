// The trend strip's data: how many agents were in each category, minute by minute, for the last hour.
// Kept from the roster's change stream in O(changes): the current counts move with each change, and
// each minute's bucket holds the counts as they stood at the end of that minute (the current minute
// shows them live). A scope change calls recount() with the roster's agents.
import type { AgentState, StateCategory } from '../cxone/model';
import type { Clock } from '../ports';
import { systemClock } from '../ports';
import type { AgentChange, Trend } from './status';

export type CategoryCounts = Record<StateCategory, number>;

export interface TrendRecorder {
  /** Moves the counts by a batch of roster changes: O(changes). */
  record(changes: readonly AgentChange[], now?: number): void;
  /** Starts the counts over from a full list (scope change, sign-in); past buckets are kept. */
  recount(agents: Iterable<AgentState>, now?: number): void;
  /** The watch-scope predicate record/recount use; call recount() right after changing it. */
  setFilter(include: (agent: AgentState) => boolean): void;
  /** The last hour, oldest bucket first; the last bucket is the current minute, live. */
  trend(now?: number): Trend;
  current(): CategoryCounts;
}

function zeroCounts(): CategoryCounts {
  return { available: 0, 'on-contact': 0, unavailable: 0, acw: 0, 'logged-out': 0, other: 0 };
}

export interface TrendRecorderOptions {
  /** Used when a method is called without `now`. Default: the system clock. */
  clock?: Pick<Clock, 'now'>;
  windowMinutes?: number;
  bucketMs?: number;
  include?: (agent: AgentState) => boolean;
}

export function createTrendRecorder(opts: TrendRecorderOptions = {}): TrendRecorder {
  const clock = opts.clock ?? systemClock;
  const size = Math.max(1, opts.windowMinutes ?? 60);
  const bucketMs = opts.bucketMs ?? 60_000;
  let include = opts.include ?? (() => true);
  let counts = zeroCounts();
  /** Closed buckets, oldest first, at most size - 1 (the current minute makes the size-th). */
  const closed: { t: number; counts: CategoryCounts }[] = [];
  let currentStart: number | null = null;

  /** Closes every minute between the current one and `now`'s (at most a window's worth). */
  function roll(now: number): void {
    const start = Math.floor(now / bucketMs) * bucketMs;
    if (currentStart === null) {
      currentStart = start;
      return;
    }
    if (start <= currentStart) return; // same minute, or the clock went back: keep filling this one
    const elapsed = Math.min(size, (start - currentStart) / bucketMs);
    for (let i = elapsed; i >= 1; i--) closed.push({ t: start - i * bucketMs, counts: { ...counts } });
    if (closed.length > size - 1) closed.splice(0, closed.length - (size - 1));
    currentStart = start;
  }

  return {
    record(changes, now = clock.now()) {
      roll(now);
      for (const c of changes) {
        if (c.from && include(c.from)) counts[c.from.category] -= 1;
        if (include(c.to)) counts[c.to.category] += 1;
      }
    },
    recount(agents, now = clock.now()) {
      roll(now);
      counts = zeroCounts();
      for (const a of agents) if (include(a)) counts[a.category] += 1;
    },
    setFilter(next) {
      include = next;
    },
    trend(now = clock.now()) {
      roll(now);
      const buckets = closed.map((b) => ({ t: b.t, counts: { ...b.counts } }));
      buckets.push({ t: currentStart ?? now, counts: { ...counts } });
      return { bucketMs, buckets };
    },
    current: () => ({ ...counts }),
  };
}
