// The server's clock, as this computer can know it without trusting its own wall clock: monotonic time
// plus a measured offset. Every CXone answer's Date header moves the estimate; server timestamps
// (startDate, lastPollTime) then compare with `now()` directly, and a wall-clock jump on this computer
// changes nothing. A change of the offset beyond the tolerance (the machine slept, the tenant changed,
// the first measurement) is announced, so schedules built on the old estimate are re-planned.
import { createListeners } from '../listeners';
import { monotonicNow, silentLogger, type Clock, type Logger } from '../ports';

/** Date headers have 1 s resolution and answers take time: smaller moves are noise, not news. */
const OFFSET_TOLERANCE_MS = 2_000;

export interface ServerClock {
  /** The server's time now (epoch ms), estimated. Before any answer: this computer's wall clock. */
  now(): number;
  /** An answer said the server's time was `serverMs` when it left (from its Date header). */
  observe(serverMs: number): void;
  /** Called with the offset's change (ms) whenever the estimate moved beyond the tolerance. */
  onShift(listener: (deltaMs: number) => void): () => void;
}

/** `logger`: where a shift listener's failure is logged (the estimate moves on regardless). */
export function createServerClock(clock: Clock, logger: Logger = silentLogger): ServerClock {
  // server time = monotonic + offset; until measured, assume the wall clock is right.
  let offset = clock.now() - monotonicNow(clock);
  const listeners = createListeners<number>(logger, 'server clock: a shift listener failed');
  return {
    now: () => monotonicNow(clock) + offset,
    observe(serverMs) {
      if (!Number.isFinite(serverMs)) return;
      // The header is truncated to the second: the middle of that second is the best guess.
      const measured = serverMs + 500 - monotonicNow(clock);
      const delta = measured - offset;
      if (Math.abs(delta) <= OFFSET_TOLERANCE_MS) return;
      offset = measured;
      listeners.emit(delta);
    },
    onShift: (listener) => listeners.add(listener),
  };
}

