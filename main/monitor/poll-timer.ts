// The timers both pollers (agents: poller.ts, queues: queue-poller.ts) share.
import { monotonicNow, type Clock, type TimerHandle } from '../ports';

/** One pending timeout at a time: setting it again replaces the previous one. */
export interface Timeout {
  set(fn: () => void, ms: number): void;
  clear(): void;
  pending(): boolean;
}

export function createTimeout(clock: Clock): Timeout {
  let handle: TimerHandle | null = null;
  const clear = () => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
  };
  return {
    set(fn, ms) {
      clear();
      handle = clock.setTimeout(() => {
        handle = null;
        fn();
      }, ms);
    },
    clear,
    pending: () => handle !== null,
  };
}

/** How a poll timer fired: `jumped` when deltas may have been missed and a full list is due. */
export interface TimerFire {
  jumped: boolean;
  /** Wall time passed minus monotonic time passed since the timer was set. */
  wallDriftMs: number;
  /** How much later than planned the timer fired (monotonic). */
  lateByMs: number;
}

/**
 * The poll timer. When it fires it tells whether the wall clock moved unlike monotonic time (it was
 * set, or the machine slept while monotonic time stood still) or the timer fired far later than
 * planned (a sleep on a platform whose monotonic clock runs on) — by more than `toleranceMs()`.
 */
export function createPollTimer(clock: Clock, toleranceMs: () => number, onFire: (fire: TimerFire) => void): Timeout & { schedule(ms: number): void } {
  const timeout = createTimeout(clock);
  const mono = () => monotonicNow(clock);
  let setAt = 0;
  let setMono = 0;
  let dueMono = 0;
  function fired(): void {
    const monoNow = mono();
    const wallDriftMs = clock.now() - setAt - (monoNow - setMono);
    const lateByMs = monoNow - dueMono;
    const tolerance = toleranceMs();
    onFire({ jumped: Math.abs(wallDriftMs) > tolerance || lateByMs > tolerance, wallDriftMs, lateByMs });
  }
  return {
    ...timeout,
    schedule(ms) {
      timeout.clear();
      setAt = clock.now();
      setMono = mono();
      dueMono = setMono + ms;
      timeout.set(fired, ms);
    },
  };
}
