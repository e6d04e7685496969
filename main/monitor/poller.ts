// The poller: pulls agent states on a schedule and hands each answer to its listeners (the roster).
// First a full snapshot, then `updatedSince` deltas keyed on the SERVER's lastPollTime, in pages of a
// bounded size with a `fields` projection.
//
// When it resyncs (a full list) — only when something may have been missed, plus a rare safety net:
// - after an error, a resume (sleep, lock, offline, user pause), a wall-clock jump or a timer that
//   fired far too late (the machine slept): deltas may have been lost in the gap;
// - after a "gap" in the server's own answers: a lastPollTime earlier than the one before (another
//   server node, or its clock, answered — the earlier one may have been ahead, so changes stamped in
//   between can be missing), or a delta whose pages did not add up to its totalRecords;
// - and a safety resync every safetyResyncMs(agents): 1 h per 10,000 agents (at least 1 h, at most
//   6 h, never sooner than the settings' resyncMinutes). Why that is safe: `updatedSince` deltas are
//   complete by CXone's contract (every agent whose state changed since the server's own instant), and
//   every way this app knows to lose one leads to an immediate resync above. The safety resync only
//   bounds how long a fault nobody can see (the server dropping a change) can last — and such an
//   agent is also corrected by their next change, which comes within minutes for anyone working. A
//   full list costs what 100 delta polls at 1 % churn cost, so resyncing every 5 minutes (as before)
//   made it 78 % of all bytes; once an hour per 10,000 agents it is under a fifth of them at any size.
// One poll at a time, exponential backoff with full jitter, Retry-After honoured, pause with reasons:
// the poll loop both pollers share (poll-loop.ts); what a failure means, poll-failure.ts.
// Everything time-related goes through the Clock port, so tests drive it with a fake clock.
import type { AgentStatesResult, GetAgentStatesQuery } from '../cxone/client';
import { isCxoneError } from '../cxone/errors';
import type { AgentState } from '../cxone/model';
import type { Clock, Logger } from '../ports';
import { createListeners, type Listeners } from '../listeners';
import { createPollLoop, type PollLoop } from './poll-loop';
import { createPollStatus, type PollStatus } from './poll-status';
import { monotonicNow, silentLogger } from '../ports';
import { pollFailure } from './poll-failure';
import type { RequestBudget } from './request-budget';
import type { MonitorError, PauseReason, PollerStatus } from './status';
import { SyncCursor } from './sync-cursor';

/** The one thing the poller needs from the CXone client (CxoneClient satisfies it). */
export interface AgentStatesSource {
  getAgentStates(query?: GetAgentStatesQuery): Promise<AgentStatesResult>;
}

/**
 * Why a full snapshot was taken. 'periodic' (the safety resync) and 'gap' (the server's answers did not
 * line up while polling went on) are not baselines (see PollResult).
 */
export type SnapshotReason = 'start' | 'periodic' | 'error' | 'resume' | 'clock-jump' | 'requested' | 'gap';

export type PollResult =
  | {
      kind: 'snapshot';
      states: AgentState[];
      /** Client clock when the answer arrived (ms). */
      at: number;
      reason: SnapshotReason;
      /**
       * True when the snapshot catches up after a gap (start, resume, error, clock jump, explicit
       * request): what it reveals is not news and must not notify. A periodic resync replaces a delta
       * poll that would have reported the last interval's changes as news, so it is not a baseline.
       */
      baseline: boolean;
      /**
       * False when the list is not known to be whole (a page empty or unreadable, totalRecords not
       * reached, items left out): agents it does not name keep their last known state. Absent = true.
       */
      complete?: boolean;
    }
  | { kind: 'delta'; states: AgentState[]; at: number };

export interface PollerOptions {
  source: AgentStatesSource;
  clock: Clock;
  logger?: Logger;
  /** Default 10 000 ms; never below 5 000 ms. */
  intervalMs?: number;
  /**
   * Shortest period between safety resyncs (the settings' resyncMinutes). The period used grows with
   * the roster: see safetyResyncMs. Default 5 minutes.
   */
  resyncMs?: number;
  /** Safety-resync period per 10,000 agents (at least this much for any roster). Default 1 h; 0 = resyncMs alone. */
  resyncMsPer10kAgents?: number;
  /** Longest safety-resync period, however large the roster. Default 6 h. */
  maxResyncMs?: number;
  /** Page size (`top`) of every call, so no single answer is huge to read. Default 1000; null = none. */
  pageSize?: number | null;
  /** First backoff ceiling; doubles per consecutive error. Default: the interval. */
  backoffBaseMs?: number;
  /** Default 5 minutes. */
  backoffCapMs?: number;
  /** Smallest wait after an error, so full jitter never means "hammer right away". Default 1 000 ms. */
  backoffFloorMs?: number;
  /** Longest wait a server's Retry-After may impose (a longer one is capped, and the status says so). Default 10 minutes. */
  maxServerWaitMs?: number;
  /**
   * The time stamped on results (PollResult.at): the server's timeline where the caller measured it
   * (see server-clock.ts), so roster times never mix the server's clock with a wrong local one.
   * Default: the clock's wall time.
   */
  timeline?: () => number;
  /** [0, 1); injectable for tests. */
  random?: () => number;
  /** A timer that fires this much later than planned (or before it was set) means the clock jumped or the machine slept. Default: one interval. */
  clockJumpToleranceMs?: number;
  /**
   * `fields` projection passed to every call (optional). Dropped for the rest of the run if CXone
   * answers 400 to a call that carried it (an API version that does not know a field name).
   */
  fields?: readonly string[];
  /** The tenant's one request budget, shared with the other pollers (request-budget.ts): a backoff holds them all. */
  budget?: RequestBudget;
}

export interface Poller {
  /** Starts (or restarts after stop) with a full snapshot. */
  start(): void;
  /** Cancels every timer and ignores any answer still in flight; the status turns 'idle'. */
  stop(): void;
  pause(reason: PauseReason): void;
  /** Removes one pause reason; polling resumes (with a full resync) when none is left. */
  resume(reason: PauseReason): void;
  /** Polls now (a delta, unless a full snapshot is due), cutting any backoff short; coalesced if a poll is in flight. */
  refreshNow(): void;
  /**
   * The network changed or the machine woke: a poller waiting out a backoff (or a refused token)
   * tries again now instead of at the end of a wait of up to several minutes — or, while a server's
   * Retry-After holds the tenant's budget, when that ends. Otherwise nothing.
   */
  wake(): void;
  /** The session renewed its token: a poller stopped on a refused token polls again (once). */
  authRenewed(): void;
  /** Makes the next poll a full snapshot (baseline) and runs it now. */
  resyncNow(): void;
  setIntervalMs(ms: number): void;
  status(): PollerStatus;
  onStatus(listener: (status: PollerStatus) => void): () => void;
  onResult(listener: (result: PollResult) => void): () => void;
  pauseReasons(): PauseReason[];
  /** The server's lastPollTime the next delta will use (null before the first answer). */
  lastPollTime(): string | null;
}

export const MIN_INTERVAL_MS = 5_000;
export const DEFAULT_INTERVAL_MS = 10_000;
export const DEFAULT_RESYNC_MS = 5 * 60_000;
export const DEFAULT_RESYNC_MS_PER_10K_AGENTS = 60 * 60_000;
export const DEFAULT_MAX_RESYNC_MS = 6 * 60 * 60_000;
/**
 * Agents per page. A page of 1000 full v34 items is ~0.6 MB of JSON: a few ms to parse, so reading even
 * 100,000 agents never blocks the main process for long, while keeping requests per full list few.
 */
export const DEFAULT_PAGE_SIZE = 1000;

/**
 * The safety-resync period for a roster of `agents`: perTenK per 10,000 agents (at least perTenK),
 * capped at maxMs, never below floorMs. Why this is safe: see the comment at the top of this file.
 */
export function safetyResyncMs(agents: number, floorMs: number, perTenK = DEFAULT_RESYNC_MS_PER_10K_AGENTS, maxMs = DEFAULT_MAX_RESYNC_MS): number {
  const scaled = Math.min(maxMs, perTenK * Math.max(1, agents / 10_000));
  return Math.max(floorMs, scaled);
}
export const DEFAULT_BACKOFF_CAP_MS = 5 * 60_000;
export const DEFAULT_MAX_SERVER_WAIT_MS = 10 * 60_000;

export function clampInterval(ms: number | undefined): number {
  if (ms === undefined || !Number.isFinite(ms)) return DEFAULT_INTERVAL_MS;
  return Math.max(MIN_INTERVAL_MS, Math.round(ms));
}

/** A refused token after the client's one refresh: the words the status shows until a renewal helps. */
export const REFUSED_TOKEN_MESSAGE =
  'CXone refused the sign-in token even after renewing it. The agent list below is the last one received; sign in again, or wait for the next renewal.';

/** What the poller's parts share, built once by createPoller; intervalMs and fields change while it runs. */
interface AgentPoll {
  readonly options: PollerOptions;
  readonly logger: Logger;
  readonly report: PollStatus;
  readonly results: Listeners<PollResult>;
  readonly loop: PollLoop;
  readonly cursor: SyncCursor;
  /** Page size (`top`) of every call; null = none. */
  readonly pageSize: number | null;
  readonly maxServerWaitMs: number;
  /** The time stamped on results (PollerOptions.timeline). */
  readonly stamp: () => number;
  intervalMs: number;
  /** The projection; dropped after a 400 to a call that carried it. */
  fields: readonly string[] | undefined;
}

export function createPoller(options: PollerOptions): Poller {
  const { clock } = options;
  const logger = options.logger ?? silentLogger;
  const intervalMs = clampInterval(options.intervalMs);
  const resyncFloorMs = Math.max(intervalMs, options.resyncMs ?? DEFAULT_RESYNC_MS);
  const resyncPer10k = options.resyncMsPer10kAgents ?? DEFAULT_RESYNC_MS_PER_10K_AGENTS;
  const maxResyncMs = options.maxResyncMs ?? DEFAULT_MAX_RESYNC_MS;

  const report = createPollStatus(clock, logger, () => p.intervalMs);
  // A listener that failed halfway may hold a wrong picture: the next poll brings a full one.
  const results = createListeners<PollResult>(logger, 'poll result listener failed; a full resync follows', () => {
    cursor.needFull('error');
  });

  const loop = createPollLoop({
    clock,
    budget: options.budget,
    jumpToleranceMs: () => options.clockJumpToleranceMs ?? p.intervalMs,
    send: () => sendPoll(p),
    onClockJump(fire) {
      // The wall clock jumped or the machine slept: deltas may have been missed. Take a full snapshot.
      logger.info('wall clock jumped or the machine slept; resyncing', { wallDriftMs: fire.wallDriftMs, lateByMs: fire.lateByMs });
      cursor.needFull('clock-jump');
    },
    backoffCapMs: options.backoffCapMs ?? DEFAULT_BACKOFF_CAP_MS,
    backoffFloorMs: options.backoffFloorMs ?? 1_000,
    random: options.random ?? Math.random,
  });

  const cursor = new SyncCursor(logger, (agents) => safetyResyncMs(agents, resyncFloorMs, resyncPer10k, maxResyncMs));
  const p: AgentPoll = {
    options,
    logger,
    report,
    results,
    loop,
    cursor,
    pageSize: options.pageSize === undefined ? DEFAULT_PAGE_SIZE : options.pageSize,
    maxServerWaitMs: options.maxServerWaitMs ?? DEFAULT_MAX_SERVER_WAIT_MS,
    stamp: options.timeline ?? (() => clock.now()),
    intervalMs,
    fields: options.fields,
  };

  return {
    ...pollerLifecycle(p),
    ...pollerNudges(p),
    status: () => report.current(),
    onStatus: (listener) => report.onStatus(listener),
    onResult: (listener) => results.add(listener),
    pauseReasons: () => [...loop.paused],
    lastPollTime: () => cursor.lastPollTime,
  };
}

/** One poll: a delta, or the full list the cursor says is due. */
async function sendPoll(p: AgentPoll): Promise<() => void> {
  const { reason, query } = p.cursor.next(monotonicNow(p.options.clock), { ...(p.fields ? { fields: p.fields } : {}), ...(p.pageSize ? { top: p.pageSize } : {}) });
  try {
    const result = await p.options.source.getAgentStates(query);
    return () => onAnswer(p, result, reason);
  } catch (err) {
    return () => onFailure(p, err, query);
  }
}

/** Stopped, or paused meanwhile: the status says which pause, and nothing is scheduled. */
function settleIdle(p: AgentPoll): void {
  if (p.loop.running && p.loop.paused.size > 0) p.report.setPaused(p.loop.paused);
}

/** A good answer: to the listeners (the roster), then "live" or "stale" and the next poll planned. */
function onAnswer(p: AgentPoll, result: AgentStatesResult, reason: SnapshotReason | null): void {
  const { cursor, report, loop } = p;
  const at = p.stamp();
  const answer = cursor.answered(result, reason, at, monotonicNow(p.options.clock));
  const lastSuccessAt = report.succeeded();
  loop.succeeded();
  p.results.emit(answer);

  if (!loop.canPoll()) return settleIdle(p);
  cursor.noteReadIssues(result, reason);
  const issue = cursor.readIssue();
  // Until a whole list arrives, agents missing from the last one show their last known state: stale.
  report.set({ kind: cursor.incomplete ? 'stale' : 'live', lastSuccessAt, ...(issue ? { issue } : {}) });
  report.armStale();
  loop.schedule(p.intervalMs);
}

/** A failed poll: the next one is a baseline, after a renewal (refused token) or a backoff. */
function onFailure(p: AgentPoll, err: unknown, query: GetAgentStatesQuery): void {
  const info = pollFailure(err, { maxServerWaitMs: p.maxServerWaitMs, unexpected: 'Reading agent states failed unexpectedly; the app will retry.' });
  // The client already refreshed the token once: what helps now is a renewal or a new sign-in.
  const error: MonitorError = { kind: info.kind, message: info.unauthorized ? REFUSED_TOKEN_MESSAGE : info.message };
  dropRefusedProjection(p, err, query);
  p.logger.warn('polling agent states failed', { kind: error.kind, message: error.message });
  // Whatever the failed poll was meant to be, the next one catches up after a gap: a baseline.
  p.cursor.failed();
  p.loop.failed();
  p.report.clearStale();
  if (info.unauthorized) return waitForRenewal(p, error);
  if (!p.loop.canPoll()) return settleIdle(p);
  const delay = p.loop.backOff(p.options.backoffBaseMs ?? p.intervalMs, info.retryAfterMs, info.transient);
  const lastSuccessAt = p.report.lastSuccessAt;
  p.report.set(info.transient ? { kind: 'backing-off', nextAttemptAt: p.options.clock.now() + delay, error, lastSuccessAt } : { kind: 'error', error, lastSuccessAt });
}

/** A 400 to a call with a `fields` projection: an API version that does not know one of the names. */
function dropRefusedProjection(p: AgentPoll, err: unknown, query: GetAgentStatesQuery): void {
  if (!query.fields || !isCxoneError(err) || err.kind !== 'bad-request') return;
  // Read everything instead, for the rest of the run.
  p.logger.warn('CXone refused the fields projection; polling without it', { fields: query.fields.join(',') });
  p.fields = undefined;
}

/**
 * A refused token: retrying on a timer would only rotate tokens. Keep everything (the roster stays,
 * shown as of lastSuccessAt) and wait for a renewal or a new sign-in (authRenewed), "Refresh now", or a wake-up.
 */
function waitForRenewal(p: AgentPoll, error: MonitorError): void {
  p.loop.waitingForAuth = true;
  p.loop.clearTimer();
  if (p.loop.canPoll()) p.report.set({ kind: 'error', error, lastSuccessAt: p.report.lastSuccessAt });
  else settleIdle(p);
}

/** Start, stop, pause and resume, and what the status says after each. */
function pollerLifecycle(p: AgentPoll): Pick<Poller, 'start' | 'stop' | 'pause' | 'resume'> {
  const { loop, cursor, report } = p;
  return {
    start() {
      if (!loop.start()) return;
      cursor.reset();
      if (loop.paused.size > 0) {
        report.setPaused(loop.paused);
        return;
      }
      report.set({ kind: 'starting' });
      loop.poll();
    },
    stop() {
      loop.stop();
      report.clearStale();
      report.set({ kind: 'idle' });
    },
    pause(reason) {
      loop.pause(reason);
      if (!loop.running) return;
      report.clearStale();
      report.setPaused(loop.paused);
    },
    resume(reason) {
      if (!loop.resume(reason) || !loop.running) return settleIdle(p);
      // What happened while paused is not news; a baseline snapshot catches up without notifying.
      cursor.needFull('resume');
      const lastSuccessAt = report.lastSuccessAt;
      report.set(lastSuccessAt === null ? { kind: 'starting' } : { kind: 'stale', lastSuccessAt });
      loop.pollUnlessHeld();
    },
  };
}

/** Requests to poll sooner or differently: now, after a wake-up or a renewal, a full list, a new interval. */
function pollerNudges(p: AgentPoll): Pick<Poller, 'refreshNow' | 'wake' | 'authRenewed' | 'resyncNow' | 'setIntervalMs'> {
  const { loop } = p;
  return {
    refreshNow: () => loop.poll(),
    wake() {
      if (!loop.wakeDue()) return;
      // Now, unless a server's Retry-After still holds the tenant (then at its end, not the backoff's).
      p.logger.info('network changed or the machine woke; retrying now instead of waiting out the backoff');
      loop.pollUnlessHeld();
    },
    authRenewed: () => loop.authRenewed(),
    resyncNow() {
      p.cursor.needFull('requested');
      loop.poll();
    },
    setIntervalMs(ms) {
      p.intervalMs = clampInterval(ms);
      loop.replan(p.intervalMs);
    },
  };
}
