// The skill-queue poller: pulls GET skills/activity on the agent poller's principles (main/monitor/poller.ts)
// — a full list first, then `updatedSince` deltas on the SERVER's lastPollTime, "no change" answers kept
// as no change, a full resync on a schedule and whenever something may have been missed (an error, a
// resume, a clock jump or sleep), exponential backoff with jitter and Retry-After through the tenant's
// one request budget (request-budget.ts), one poll at a time — on the same poll loop (poll-loop.ts) and
// the same reading of failures (poll-failure.ts). What differs: a 403 or 404 means this user
// or tenant has no skill activity — the poller says so in one sentence and stops for good (no loop).
import type { GetSkillActivityQuery, SkillActivityResult } from '../cxone/client';
import { QueueSync } from './queue-sync';
import { isCxoneError } from '../cxone/errors';
import { clampInterval, DEFAULT_BACKOFF_CAP_MS, DEFAULT_MAX_SERVER_WAIT_MS, DEFAULT_RESYNC_MS } from '../monitor/poller';
import { createPollLoop, type PollLoop } from '../monitor/poll-loop';
import { pollFailure } from '../monitor/poll-failure';
import type { RequestBudget } from '../monitor/request-budget';
import type { PauseReason } from '../monitor/status';
import { createListeners, type Listeners } from '../listeners';
import { createTimeout } from '../monitor/poll-timer';
import { STALE_AFTER_INTERVALS } from '../monitor/poll-status';
import { monotonicNow, silentLogger, type Clock, type Logger } from '../ports';
import type { QueueState } from './model';
import type { SkillActivity } from './skill-activity';

/** What the poller needs from the CXone client (CxoneClient satisfies it). */
export interface SkillActivitySource {
  getSkillActivity(query?: GetSkillActivityQuery): Promise<SkillActivityResult>;
}

export type QueuePollResult =
  /** A full list; `complete` false when it is not known to be whole (then no skill is dropped for missing from it). */
  | { kind: 'snapshot'; skills: SkillActivity[]; complete: boolean }
  /** The skills that changed since the last answer (none for "no change"). */
  | { kind: 'delta'; skills: SkillActivity[] };

/** The poller's side of QueueState: everything but the skills. */
export interface QueuePollerStatus {
  status: Exclude<QueueState['status'], 'off'> | 'idle';
  reason: string | null;
  /** Local wall-clock ms of the last good answer; null before the first. */
  updatedAt: number | null;
}

export interface QueuePollerOptions {
  source: SkillActivitySource;
  clock: Clock;
  logger?: Logger;
  /** Default 10 000 ms; never below 5 000 ms (clampInterval). */
  intervalMs?: number;
  /** Full resync period. Default 5 minutes. */
  resyncMs?: number;
  budget?: RequestBudget;
  backoffCapMs?: number;
  maxServerWaitMs?: number;
  random?: () => number;
  fields?: readonly string[];
}

export interface QueuePoller {
  start(): void;
  stop(): void;
  pause(reason: PauseReason): void;
  resume(reason: PauseReason): void;
  refreshNow(): void;
  /** Network back or machine awake: a poller waiting out a backoff or a refused token tries now. */
  wake(): void;
  /** The session renewed its token: a poller waiting on a refused token polls again. */
  authRenewed(): void;
  setIntervalMs(ms: number): void;
  status(): QueuePollerStatus;
  onStatus(listener: (s: QueuePollerStatus) => void): () => void;
  onResult(listener: (r: QueuePollResult) => void): () => void;
  /** The server's lastPollTime the next delta will use. */
  lastPollTime(): string | null;
}

/** The reason of a poller paused before its first answer (the queue strip shows it instead of "Loading…"). */
export const PAUSED_BEFORE_FIRST_ANSWER = 'Polling is paused; the queues load when it resumes.';
const FLOOR_MS = 1_000;

/** The one sentence when CXone refuses skill activity for good (403/404); null for any other error. */
export function skillActivityRefusal(err: unknown): string | null {
  if (!isCxoneError(err) || (err.kind !== 'forbidden' && err.kind !== 'not-found')) return null;
  const said = err.statusDescription ? ` — CXone says "${err.statusDescription}"` : '';
  return err.kind === 'forbidden'
    ? `Queues are off: CXone does not let this user see skill activity (HTTP 403${said}); a CXone administrator can grant it in the user's security profile.`
    : `Queues are off: this CXone tenant does not offer skill activity (HTTP 404${said}).`;
}

/**
 * The queue poller's published status: each one once (the same status, words and time are not sent
 * again), and "live" turned "stale" after STALE_AFTER_INTERVALS intervals without an answer (arm() after
 * each one) — e.g. while the request budget shared with the agent poller holds every request.
 */
class QueueStatus {
  current: QueuePollerStatus = { status: 'idle', reason: null, updatedAt: null };
  private readonly staleTimer: ReturnType<typeof createTimeout>;
  readonly listeners: ReturnType<typeof createListeners<QueuePollerStatus>>;

  constructor(clock: Clock, logger: Logger, private readonly intervalMs: () => number) {
    this.staleTimer = createTimeout(clock);
    this.listeners = createListeners<QueuePollerStatus>(logger, 'queue status listener failed');
  }

  set(next: QueuePollerStatus): void {
    const c = this.current;
    if (next.status === c.status && next.reason === c.reason && next.updatedAt === c.updatedAt) return;
    this.current = next;
    this.listeners.emit(next);
  }

  /** After an answer: "stale" if no other comes within STALE_AFTER_INTERVALS intervals. */
  armStale(): void {
    this.staleTimer.set(() => {
      const c = this.current;
      if (c.status === 'live') this.set({ status: 'stale', reason: 'CXone has not answered for a while; the queue figures may be out of date.', updatedAt: c.updatedAt });
    }, STALE_AFTER_INTERVALS * this.intervalMs());
  }

  clearStale(): void {
    this.staleTimer.clear();
  }
}

/** What the queue poller's parts share, built once by createQueuePoller; intervalMs and refused change while it runs. */
interface QueuePoll {
  readonly options: QueuePollerOptions;
  readonly logger: Logger;
  readonly report: QueueStatus;
  readonly results: Listeners<QueuePollResult>;
  readonly loop: PollLoop;
  readonly sync: QueueSync;
  readonly maxServerWaitMs: number;
  intervalMs: number;
  /** 403/404: the feature is off for this tenant until the poller is started again. */
  refused: boolean;
}

export function createQueuePoller(options: QueuePollerOptions): QueuePoller {
  const q = buildQueuePoll(options);
  return { ...queuePollerLifecycle(q), ...queuePollerControls(q) };
}

/** The poller's parts, not started: its listeners, its status, its poll loop and where it stands with CXone. */
function buildQueuePoll(options: QueuePollerOptions): QueuePoll {
  const logger = options.logger ?? silentLogger;
  // The parts read `q` only when called, never while it is built.
  const q: QueuePoll = {
    options,
    logger,
    report: new QueueStatus(options.clock, logger, () => q.intervalMs),
    results: createListeners<QueuePollResult>(logger, 'queue result listener failed; a full resync follows', () => {
      q.sync.needFull();
    }),
    loop: createQueuePollLoop(options, logger, () => q),
    sync: new QueueSync(() => Math.max(q.intervalMs, options.resyncMs ?? DEFAULT_RESYNC_MS)),
    maxServerWaitMs: options.maxServerWaitMs ?? DEFAULT_MAX_SERVER_WAIT_MS,
    intervalMs: clampInterval(options.intervalMs),
    refused: false,
  };
  return q;
}

/** The shared poll loop (poll-loop.ts) on the queue poller's terms: its interval, its polls, its refusal. */
function createQueuePollLoop(options: QueuePollerOptions, logger: Logger, poll: () => QueuePoll): PollLoop {
  return createPollLoop({
    clock: options.clock,
    budget: options.budget,
    jumpToleranceMs: () => poll().intervalMs,
    send: () => sendQueuePoll(poll()),
    onClockJump(fire) {
      // The wall clock moved unlike monotonic time, or the timer fired far too late (sleep): resync.
      logger.info('queues: clock jumped or the machine slept; resyncing', { driftMs: fire.wallDriftMs });
      poll().sync.needFull();
    },
    // A 403 or 404 turned the feature off: no more requests until a new start.
    blocked: () => poll().refused,
    backoffCapMs: options.backoffCapMs ?? DEFAULT_BACKOFF_CAP_MS,
    backoffFloorMs: FLOOR_MS,
    random: options.random ?? Math.random,
  });
}

/** Everything but the lifecycle: a person's refresh, wake-ups, the interval, and what the poller tells. */
function queuePollerControls(q: QueuePoll): Omit<QueuePoller, 'start' | 'stop' | 'pause' | 'resume'> {
  const { loop, report, results, sync } = q;
  return {
    refreshNow: () => loop.poll(),
    wake() {
      if (loop.wakeDue()) loop.pollUnlessHeld();
    },
    authRenewed: () => loop.authRenewed(),
    setIntervalMs(ms) {
      q.intervalMs = clampInterval(ms);
      loop.replan(q.intervalMs);
    },
    status: () => report.current,
    onStatus: (listener) => report.listeners.add(listener),
    onResult: (listener) => results.add(listener),
    lastPollTime: () => sync.lastPollTime,
  };
}

/** One poll: a delta on the server's last time, or a full list when one is due. */
async function sendQueuePoll(q: QueuePoll): Promise<() => void> {
  const { full, query } = q.sync.next(monotonicNow(q.options.clock), q.options.fields);
  try {
    const result = await q.options.source.getSkillActivity(query);
    return () => onQueueAnswer(q, result, full);
  } catch (err) {
    return () => onQueueFailure(q, err);
  }
}

/** A good answer: to the listeners, then "live" (with why the list may not be whole) and the next poll planned. */
function onQueueAnswer(q: QueuePoll, result: SkillActivityResult, full: boolean): void {
  const { loop, report } = q;
  const answer = q.sync.answered(result, full, monotonicNow(q.options.clock));
  loop.succeeded();
  q.results.emit(answer);
  if (!loop.canPoll()) return;
  report.set({ status: 'live', reason: q.sync.incomplete, updatedAt: q.options.clock.now() });
  report.armStale();
  loop.schedule(q.intervalMs);
}

/** A failed poll: off for good on a refusal; otherwise a full list next, after a renewal or a backoff. */
function onQueueFailure(q: QueuePoll, err: unknown): void {
  const refusal = skillActivityRefusal(err);
  if (refusal) return turnOff(q, refusal);
  const { loop, report } = q;
  const info = pollFailure(err, { maxServerWaitMs: q.maxServerWaitMs, unexpected: 'Reading the skill queues failed unexpectedly; the app will retry.' });
  q.logger.warn('queues: polling skill activity failed', { message: info.message });
  q.sync.needFull();
  loop.failed();
  report.clearStale();
  const had = report.current.updatedAt;
  const status = had === null ? 'error' : 'stale';
  if (info.unauthorized) {
    // The client already renewed once; the agent poller shows the sign-in problem. Wait for a renewal.
    loop.waitingForAuth = true;
    loop.clearTimer();
    // Paused meanwhile, the strip keeps saying so (as the agent poller does); resume asks again.
    if (loop.canPoll()) report.set({ status, reason: info.message, updatedAt: had });
    return;
  }
  if (!loop.canPoll()) return;
  loop.backOff(q.intervalMs, info.retryAfterMs, info.transient);
  report.set({ status, reason: info.message, updatedAt: had });
}

/** No loop: this user or tenant has no skill activity. Only a new start (another tenant, sign-in) asks again. */
function turnOff(q: QueuePoll, refusal: string): void {
  q.logger.warn('queues: skill activity refused; queue polling is off', { message: refusal });
  q.refused = true;
  q.loop.clearTimer();
  q.report.clearStale();
  q.report.set({ status: 'unavailable', reason: refusal, updatedAt: q.report.current.updatedAt });
}

/** Start, stop, pause and resume, and what the queue strip says after each. */
function queuePollerLifecycle(q: QueuePoll): Pick<QueuePoller, 'start' | 'stop' | 'pause' | 'resume'> {
  const { loop, sync, report } = q;
  return {
    start() {
      if (!loop.start()) return;
      q.refused = false;
      sync.reset();
      report.set({ status: 'loading', reason: loop.paused.size > 0 ? PAUSED_BEFORE_FIRST_ANSWER : null, updatedAt: null });
      loop.poll();
    },
    stop() {
      loop.stop();
      report.clearStale();
      report.set({ status: 'idle', reason: null, updatedAt: null });
    },
    pause(reason) {
      loop.pause(reason);
      if (!loop.running || q.refused) return;
      report.clearStale();
      // With data it is stale; without, it is still loading, and says it waits for the pause to end
      // (before, the strip said "Loading…" for as long as the pause lasted).
      if (report.current.updatedAt !== null) report.set({ status: 'stale', reason: 'Polling is paused.', updatedAt: report.current.updatedAt });
      else report.set({ status: 'loading', reason: PAUSED_BEFORE_FIRST_ANSWER, updatedAt: null });
    },
    resume(reason) {
      if (!loop.resume(reason) || !loop.running || q.refused) return;
      // What happened while paused comes with a full list.
      sync.needFull();
      if (report.current.reason === PAUSED_BEFORE_FIRST_ANSWER) report.set({ status: 'loading', reason: null, updatedAt: null });
      loop.pollUnlessHeld();
    },
  };
}
