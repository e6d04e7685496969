// Where the poller stands with the server (part of poller.ts, which owns timing, backoff and status):
// the server's own lastPollTime to ask deltas with, whether the next request must be a full list and
// why, and what an answer means — a snapshot (baseline or news) or a delta — and what it says about
// the data (items left out, a list that did not arrive whole). No timers, no I/O.
import type { AgentStatesResult, GetAgentStatesQuery, LeftOutItems } from '../cxone/client';
import { parseServerTime } from '../cxone/server-time';
import type { Logger } from '../ports';
import type { PollResult, SnapshotReason } from './poller';
import type { ReadIssue } from './status';

export class SyncCursor {
  private serverPollTime: string | null = null;
  private serverPollMs: number | null = null;
  /** Why the next request must be a full list; null: a delta will do. */
  private fullReason: SnapshotReason | null = 'start';
  /** Agents in the last full list: the safety resync's period grows with it. */
  private lastFullSize = 0;
  /** Monotonic time of the last full snapshot (resync schedule). */
  private lastFullMono = 0;
  /** Items left out of the last answer that had any (cleared by a clean full list). */
  private leftOut: LeftOutItems | null = null;
  /** Why the last full list was not whole; null once a whole one arrived. */
  private listIncomplete: string | null = null;
  /** The last full list was a partial baseline: the next full list is a baseline too. */
  private partialBaseline = false;

  /** `resyncDueMs(agents)`: the safety resync's period for a list of that many agents (safetyResyncMs). */
  constructor(
    private readonly logger: Logger,
    private readonly resyncDueMs: (agents: number) => number,
  ) {}

  /** A (re)start: nothing known, a full list first. */
  reset(): void {
    this.serverPollTime = null;
    this.serverPollMs = null;
    this.fullReason = 'start';
    this.partialBaseline = false;
    this.leftOut = null;
    this.listIncomplete = null;
  }

  /** The next request must be a full list, for `reason` unless one is due already. */
  needFull(reason: SnapshotReason): void {
    this.fullReason ??= reason;
  }

  /** A request failed: whatever it was meant to be, the next one catches up after a gap (a baseline). */
  failed(): void {
    if (this.fullReason === null || this.fullReason === 'periodic') this.fullReason = 'error';
  }

  /**
   * The next request: its reason (null for a delta) and its query, `base` (fields, top) plus
   * updatedSince for a delta. `monoNow`: the monotonic clock, for the safety resync.
   */
  next(monoNow: number, base: GetAgentStatesQuery): { reason: SnapshotReason | null; query: GetAgentStatesQuery } {
    // fullReason is null only after a success since the last start or error, so a full request made
    // now (the server never sent a lastPollTime to ask deltas with, or the resync is due) follows
    // live polling: 'periodic', whose changes are news — not a baseline that would silence them all.
    if (this.fullReason === null && (this.serverPollTime === null || monoNow - this.lastFullMono >= this.resyncDueMs(this.lastFullSize))) this.fullReason = 'periodic';
    const reason = this.fullReason;
    const query: GetAgentStatesQuery = { ...base };
    if (reason === null && this.serverPollTime !== null) query.updatedSince = this.serverPollTime;
    return { reason, query };
  }

  /** Takes in the answer to a request made for `reason`; returns what it means for the roster. `at`: the app's time of the answer. */
  answered(result: AgentStatesResult, reason: SnapshotReason | null, at: number, monoNow: number): PollResult {
    // Keep the previous server time when an answer carries none: a repeated change is harmless
    // (the roster diffs), a missed one is not. Never fall back to the client's clock.
    const gap = this.gapIn(result, reason);
    if (result.lastPollTime) {
      this.serverPollTime = result.lastPollTime;
      this.serverPollMs = parseServerTime(result.lastPollTime) ?? null;
    }
    // A full list asked for while this delta was out (a resume, Refresh, a snapshot that failed to
    // apply) is still due: the delta was asked before the reason arose. A full answer settles any.
    this.fullReason = reason === null ? (this.fullReason ?? gap) : null;
    if (reason === null || result.kind !== 'changes') {
      if (reason !== null) this.lastFullMono = monoNow;
      // A "no change" answer to a full request is NOT "everyone logged out": nothing is applied.
      return { kind: 'delta', states: result.kind === 'changes' ? result.states : [], at };
    }
    this.lastFullSize = result.totalRecords ?? result.states.length;
    this.lastFullMono = monoNow;
    const complete = result.complete !== false;
    const baseline = (reason !== 'periodic' && reason !== 'gap') || this.partialBaseline;
    // Whom a partial baseline missed is caught up by the next full list — still not news.
    this.partialBaseline = !complete && baseline;
    this.listIncomplete = complete ? null : (result.incompleteReason ?? 'CXone did not send the whole list.');
    // A partial list retires nobody (the roster keeps last known states).
    return { kind: 'snapshot', states: result.states, at, reason, baseline, ...(complete ? {} : { complete: false }) };
  }

  /**
   * Notes what the answer says about the data, for the status (readIssue): items left out (kept until a
   * full list has none), and logs both kinds of trouble. Called while polling goes on.
   */
  noteReadIssues(result: AgentStatesResult, reason: SnapshotReason | null): void {
    this.leftOut = result.kind === 'changes' && result.leftOut ? result.leftOut : reason !== null ? null : this.leftOut;
    if (this.leftOut) this.logger.warn('agents/states items left out', { count: this.leftOut.count, firstReason: this.leftOut.firstReason });
    if (this.listIncomplete) this.logger.warn('agents/states full list incomplete; nobody retired', { reason: this.listIncomplete });
  }

  /** What the status says about the data itself (items left out, a partial list), if anything. */
  readIssue(): ReadIssue | null {
    if (!this.leftOut && !this.listIncomplete) return null;
    return { leftOut: this.leftOut?.count ?? 0, reason: this.leftOut?.firstReason ?? this.listIncomplete!, complete: this.listIncomplete === null };
  }

  /** Whether the last full list was not whole (agents it missed show their last known state). */
  get incomplete(): boolean {
    return this.listIncomplete !== null;
  }

  /** The server's lastPollTime the next delta asks with (null before the first answer that had one). */
  get lastPollTime(): string | null {
    return this.serverPollTime;
  }

  /**
   * 'gap' when this answer shows a delta may have been missed while polling went on: a lastPollTime
   * earlier than the last one (another node or its clock answered: the last one may have been ahead),
   * or a delta whose pages did not add up (not for unreadable items: a resync would not read them either).
   */
  private gapIn(result: AgentStatesResult, reason: SnapshotReason | null): SnapshotReason | null {
    if (reason !== null) return null;
    const t = result.lastPollTime ? parseServerTime(result.lastPollTime) : undefined;
    if (t !== undefined && this.serverPollMs !== null && t < this.serverPollMs) {
      this.logger.info("the server's lastPollTime went back; resyncing", { before: this.serverPollTime, now: result.lastPollTime });
      return 'gap';
    }
    if (result.kind === 'changes' && result.complete === false && !result.leftOut) {
      this.logger.info('a delta did not arrive whole; resyncing', { reason: result.incompleteReason });
      return 'gap';
    }
    return null;
  }
}
