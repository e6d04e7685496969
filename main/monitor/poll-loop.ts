// The schedule both pollers of a tenant share (agent states: poller.ts, skill activity:
// queue-poller.ts): one poll at a time, a poll asked for meanwhile runs right after it, an answer from
// before a stop() is dropped, pause reasons, a timer that notices a clock jump or a sleep, the
// tenant's one request budget (another poller's backoff holds this one's timer too), and exponential
// backoff with full jitter after a failure. What a poll asks and what its answer or failure means stays
// with each poller.
import type { PauseReason } from './status';
import type { Clock } from '../ports';
import { createPollTimer, type Timeout, type TimerFire } from './poll-timer';
import type { RequestBudget } from './request-budget';

/** Full jitter (a uniform draw below the exponential ceiling), floored, and never sooner than Retry-After. */
export function backoffDelay(
  attempt: number,
  opts: { baseMs: number; capMs: number; floorMs: number; random: () => number; retryAfterMs: number | null },
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const jittered = Math.max(opts.floorMs, Math.floor(opts.random() * ceiling));
  return opts.retryAfterMs !== null && opts.retryAfterMs > jittered ? opts.retryAfterMs : jittered;
}

export interface PollLoopOptions {
  clock: Clock;
  budget?: RequestBudget;
  /** How much later than planned a timer may fire before it counts as a clock jump or a sleep. */
  jumpToleranceMs: () => number;
  /**
   * Sends one poll's request and resolves (never rejects) to what its answer or failure means, run only
   * if the loop was not stopped meanwhile.
   */
  send: () => Promise<() => void>;
  /** The timer saw the wall clock jump or the machine sleep: deltas may be missing. */
  onClockJump: (fire: TimerFire) => void;
  /** A reason of the poller's own not to poll (the queue poller's refusal); default none. */
  blocked?: () => boolean;
  /** Backoff: the ceiling's cap and the least wait, ms; [0, 1) for the jitter. */
  backoffCapMs: number;
  backoffFloorMs: number;
  random: () => number;
}

export interface PollLoop {
  readonly running: boolean;
  /** The API refused the token even after a refresh: polling waits for a renewal (authRenewed). */
  waitingForAuth: boolean;
  readonly paused: ReadonlySet<PauseReason>;
  /** Running, not paused and not blocked. */
  canPoll(): boolean;
  /** Starts (false if it was running already); failures and the wait for a token are forgotten. */
  start(): boolean;
  /** Stops: the timer is cleared and an answer still in flight will be dropped. */
  stop(): void;
  /** Adds a pause reason (a running loop's timer is cleared). */
  pause(reason: PauseReason): void;
  /** Removes a pause reason; true when it was one and none is left. */
  resume(reason: PauseReason): boolean;
  /** Polls now, or right after the poll in flight. */
  poll(): void;
  /**
   * Polls now, or when the tenant's request budget ends its hold: a wake-up, a resume or a renewal is
   * no reason to ignore a server's Retry-After (only a person's "Refresh now" cuts it short: poll()).
   */
  pollUnlessHeld(): void;
  schedule(ms: number): void;
  clearTimer(): void;
  /** A good answer: failures are forgotten. */
  succeeded(): void;
  /** A failure: counts it (the backoff grows with the count). */
  failed(): void;
  /**
   * Waits out a failure: the next poll after a jittered, growing delay (never sooner than the server's
   * retryAfterMs); a transient fault holds the tenant's other pollers as long. Returns the delay.
   */
  backOff(baseMs: number, retryAfterMs: number | null, transient: boolean): number;
  /** The network came back or the machine woke: true when a poll waiting out a failure should go now. */
  wakeDue(): boolean;
  /** The token was renewed: polls if it was waiting for that (and idle). */
  authRenewed(): void;
  /** Re-plans a waiting poll on a new interval (a backoff wait is left alone). */
  replan(intervalMs: number): void;
}

/** What the loop's parts share, built once by createPollLoop. */
interface LoopState {
  readonly o: PollLoopOptions;
  readonly timer: Timeout & { schedule(ms: number): void };
  readonly paused: Set<PauseReason>;
  running: boolean;
  /** Bumped by stop(): an answer from an older generation is dropped. */
  generation: number;
  inFlight: boolean;
  /** A poll asked for while one was in flight: it runs right after. */
  pollAgain: boolean;
  /** Failures since the last good answer: the backoff grows with them. */
  failures: number;
  waitingForAuth: boolean;
}

export function createPollLoop(o: PollLoopOptions): PollLoop {
  const s: LoopState = {
    o,
    timer: createPollTimer(o.clock, o.jumpToleranceMs, (fire) => onTimer(s, fire)),
    paused: new Set<PauseReason>(),
    running: false,
    generation: 0,
    inFlight: false,
    pollAgain: false,
    failures: 0,
    waitingForAuth: false,
  };
  return {
    get running() {
      return s.running;
    },
    get waitingForAuth() {
      return s.waitingForAuth;
    },
    set waitingForAuth(v: boolean) {
      s.waitingForAuth = v;
    },
    paused: s.paused,
    canPoll: () => canPoll(s),
    ...loopLifecycle(s),
    poll() {
      void poll(s);
    },
    pollUnlessHeld: () => pollUnlessHeld(s),
    schedule: (ms) => s.timer.schedule(ms),
    clearTimer: () => s.timer.clear(),
    ...loopFailures(s),
  };
}

const canPoll = (s: LoopState) => s.running && s.paused.size === 0 && !(s.o.blocked?.() ?? false);

function onTimer(s: LoopState, fire: TimerFire): void {
  if (fire.jumped) s.o.onClockJump(fire);
  pollUnlessHeld(s);
}

/**
 * A poll not asked for by a person: while the tenant's budget holds requests (another poller backing
 * off, a server's Retry-After) it waits as long, without a request. ("Refresh now" is one request and
 * still cuts any backoff short.)
 */
function pollUnlessHeld(s: LoopState): void {
  if (!canPoll(s)) return;
  const held = s.o.budget?.waitMs() ?? 0;
  if (held > 0) {
    s.timer.schedule(held);
    return;
  }
  void poll(s);
}

async function poll(s: LoopState): Promise<void> {
  if (!canPoll(s)) return;
  if (s.inFlight) {
    s.pollAgain = true;
    return;
  }
  s.timer.clear();
  s.inFlight = true;
  const gen = s.generation;
  const handle = await s.o.send();
  s.inFlight = false;
  // Stopped (and maybe restarted) while this poll was in flight: its answer belongs to nobody.
  if (gen === s.generation) handle();
  if (s.pollAgain) {
    s.pollAgain = false;
    void poll(s);
  }
}

/** Start, stop, pause and resume. */
function loopLifecycle(s: LoopState): Pick<PollLoop, 'start' | 'stop' | 'pause' | 'resume'> {
  return {
    start() {
      if (s.running) return false;
      s.running = true;
      s.failures = 0;
      s.waitingForAuth = false;
      return true;
    },
    stop() {
      s.running = false;
      s.waitingForAuth = false;
      s.generation += 1;
      // inFlight stays as it is: a request still out blocks a restart's first poll until it settles.
      s.pollAgain = false;
      s.timer.clear();
    },
    pause(reason) {
      s.paused.add(reason);
      if (s.running) s.timer.clear();
    },
    resume(reason) {
      return s.paused.delete(reason) && s.paused.size === 0;
    },
  };
}

/** Answers and failures: the failure count, the backoff it buys, and the ways a wait is cut short. */
function loopFailures(s: LoopState): Pick<PollLoop, 'succeeded' | 'failed' | 'backOff' | 'wakeDue' | 'authRenewed' | 'replan'> {
  const { o } = s;
  return {
    succeeded() {
      s.failures = 0;
      s.waitingForAuth = false;
    },
    failed() {
      s.failures += 1;
    },
    backOff(baseMs, retryAfterMs, transient) {
      const delay = backoffDelay(s.failures, { baseMs, capMs: o.backoffCapMs, floorMs: o.backoffFloorMs, random: o.random, retryAfterMs });
      s.timer.schedule(delay);
      if (transient) o.budget?.hold(delay, retryAfterMs !== null);
      return delay;
    },
    wakeDue: () => canPoll(s) && !s.inFlight && (s.failures > 0 || s.waitingForAuth),
    authRenewed() {
      // Only a loop that is waiting and idle: a renewal caused by its own 401 (while the poll is in
      // flight) must not start another poll, or each refusal would buy a refresh and a new try forever.
      if (!s.waitingForAuth || !canPoll(s) || s.inFlight) return;
      pollUnlessHeld(s);
    },
    replan(intervalMs) {
      if (s.timer.pending() && s.failures === 0) s.timer.schedule(intervalMs);
    },
  };
}
