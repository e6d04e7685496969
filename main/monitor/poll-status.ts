// What the poller says about itself (PollerStatus): the current status, published only when it
// differs; the last success, in wall time for people and monotonic time for staleness; and the timer
// that turns "live" into "stale" when no answer came for three intervals. Split from createPoller so
// the poll cycle there reads as what happens, and this as what is said about it.
import type { Clock, Logger } from '../ports';
import { monotonicNow } from '../ports';
import { createListeners } from '../listeners';
import { createTimeout } from './poll-timer';
import type { PauseReason, PollerStatus } from './status';

/** Intervals without an answer after which "live" is shown as "stale". */
export const STALE_AFTER_INTERVALS = 3;

/** The order in which pause reasons are told: a person's own pause first, then offline, suspend, lock. */
const PAUSE_ORDER: readonly PauseReason[] = ['user', 'offline', 'suspend', 'lock'];

export interface PollStatus {
  /** Publishes `next` to the listeners unless it equals (as JSON) the status already published. */
  set(next: PollerStatus): void;
  /** A poll succeeded now (wall and monotonic time are taken here); returns the wall time, ms. */
  succeeded(): number;
  /** Wall time (ms) of the last success; null before the first. */
  readonly lastSuccessAt: number | null;
  /** (Re)starts the stale timer: "live" becomes "stale" after STALE_AFTER_INTERVALS intervals. */
  armStale(): void;
  clearStale(): void;
  /** Publishes "paused" with the one of these reasons a person most needs to know. */
  setPaused(reasons: ReadonlySet<PauseReason>): void;
  /** The status now: "live" read as "stale" once it is older than the stale limit, timer or not. */
  current(): PollerStatus;
  onStatus(listener: (status: PollerStatus) => void): () => void;
}

/** `intervalMs`: the poll interval now (it may change while running). */
export function createPollStatus(clock: Clock, logger: Logger, intervalMs: () => number): PollStatus {
  const listeners = createListeners<PollerStatus>(logger, 'monitor status listener failed');
  const staleTimer = createTimeout(clock);
  const mono = () => monotonicNow(clock);
  let lastSuccessMono = 0;
  let lastSuccessAt: number | null = null;
  let published: PollerStatus = { kind: 'idle' };
  let publishedKey = JSON.stringify(published);

  function set(next: PollerStatus): void {
    const key = JSON.stringify(next);
    if (key === publishedKey) return;
    published = next;
    publishedKey = key;
    listeners.emit(next);
  }

  return {
    set,
    succeeded() {
      lastSuccessMono = mono();
      return (lastSuccessAt = clock.now());
    },
    get lastSuccessAt() {
      return lastSuccessAt;
    },
    armStale() {
      staleTimer.set(() => {
        if (published.kind === 'live') set({ kind: 'stale', lastSuccessAt, ...(published.issue ? { issue: published.issue } : {}) });
      }, STALE_AFTER_INTERVALS * intervalMs());
    },
    clearStale: () => staleTimer.clear(),
    setPaused(reasons) {
      const reason = PAUSE_ORDER.find((r) => reasons.has(r)) ?? 'user';
      set({ kind: 'paused', reason, lastSuccessAt });
    },
    current() {
      if (published.kind === 'live' && mono() - lastSuccessMono > STALE_AFTER_INTERVALS * intervalMs()) {
        return { kind: 'stale', lastSuccessAt: published.lastSuccessAt };
      }
      return published;
    },
    onStatus: (listener) => listeners.add(listener),
  };
}
