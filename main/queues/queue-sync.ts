// Where the skill-queue poller stands with CXone (queue-poller.ts): the server's lastPollTime the next
// delta asks from, whether a full list is due, and why the last full list was not whole. The queue
// poller's counterpart of the agent poller's SyncCursor (main/monitor/sync-cursor.ts): it decides what
// the next request asks for and what an answer means, and never sends anything itself.
import type { GetSkillActivityQuery, SkillActivityResult } from '../cxone/client';
import type { QueuePollResult } from './queue-poller';
import { count } from '../words';

export class QueueSync {
  /** The server's lastPollTime of the last answer that had one: the next delta's updatedSince. */
  private serverPollTime: string | null = null;
  /** A full list is due (start, error, resume, clock jump, schedule, a listener that failed). */
  private fullDue = true;
  /** Monotonic ms of the last full list's answer. */
  private lastFullMono = 0;
  /** Why the last full list was not whole, or a delta's items were left out (shown beside live data). */
  incomplete: string | null = null;

  /** `resyncMs`: the full resync period now (ms). */
  constructor(private readonly resyncMs: () => number) {}

  /** Back to the start: no server time, a full list first, nothing incomplete. */
  reset(): void {
    this.serverPollTime = null;
    this.fullDue = true;
    this.incomplete = null;
  }

  /** Something may have been missed: the next request asks for the full list. */
  needFull(): void {
    this.fullDue = true;
  }

  /** The server's lastPollTime the next delta will use. */
  get lastPollTime(): string | null {
    return this.serverPollTime;
  }

  /** The next request at monotonic time `mono`: a full list when one is due or the period is up, else a delta. */
  next(mono: number, fields: readonly string[] | undefined): { full: boolean; query: GetSkillActivityQuery } {
    if (this.serverPollTime === null || mono - this.lastFullMono >= this.resyncMs()) this.fullDue = true;
    const full = this.fullDue;
    const query: GetSkillActivityQuery = {};
    if (fields) query.fields = fields;
    if (!full && this.serverPollTime !== null) query.updatedSince = this.serverPollTime;
    return { full, query };
  }

  /**
   * The answer to a request `next` made (`full` as it said), at monotonic `mono`, as the poller's
   * listeners get it. "No change" to a full request is no change, not "no skills": nothing is dropped.
   */
  answered(result: SkillActivityResult, full: boolean, mono: number): QueuePollResult {
    // Keep the previous server time when an answer has none; never the client's clock.
    if (result.lastPollTime) this.serverPollTime = result.lastPollTime;
    // A full list asked for while a delta was out (a resume, a listener that failed) is still due.
    if (full) {
      this.fullDue = false;
      this.lastFullMono = mono;
    }
    if (full && result.kind === 'changes') {
      this.incomplete = result.complete ? null : (result.incompleteReason ?? 'CXone did not send every skill.');
      return { kind: 'snapshot', skills: result.skills, complete: result.complete };
    }
    if (result.kind === 'changes' && result.leftOut) this.incomplete = `${count(result.leftOut.count, 'skill item')} could not be read (${result.leftOut.firstReason}).`;
    return { kind: 'delta', skills: result.kind === 'changes' ? result.skills : [] };
  }
}
