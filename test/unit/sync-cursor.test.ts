// The poller's cursor on its own (main/monitor/sync-cursor.ts): what the next request is and what an
// answer means. The poller's tests drive the same rules through timers and a simulated tenant.
import { describe, expect, it } from 'vitest';
import type { AgentStatesResult } from '../../main/cxone/client';
import { silentLogger } from '../../main/ports';
import { SyncCursor } from '../../main/monitor/sync-cursor';
import { agent } from '../monitor/fakes';

const HOUR = 3_600_000;
const list = (lastPollTime: string, extra: Partial<Extract<AgentStatesResult, { kind: 'changes' }>> = {}): AgentStatesResult => ({
  kind: 'changes',
  states: [],
  lastPollTime,
  totalRecords: 0,
  pages: 1,
  status: 200,
  ...extra,
});

describe('SyncCursor', () => {
  it('a full baseline list first, then deltas asked with the server\'s own lastPollTime, and a periodic (news) resync when due', () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    const first = cursor.next(0, { top: 1000 });
    expect(first).toEqual({ reason: 'start', query: { top: 1000 } });
    expect(cursor.answered(list('2026-11-30T10:00:00Z'), first.reason, 1, 0)).toMatchObject({ kind: 'snapshot', reason: 'start', baseline: true });
    const delta = cursor.next(10_000, { top: 1000 });
    expect(delta).toEqual({ reason: null, query: { top: 1000, updatedSince: '2026-11-30T10:00:00Z' } });
    expect(cursor.answered(list('2026-11-30T10:00:10Z'), null, 2, 10_000)).toMatchObject({ kind: 'delta' });
    // An answer without a time keeps the last one (never the client's clock).
    cursor.answered({ kind: 'no-change', status: 204, lastPollTime: null }, null, 3, 20_000);
    expect(cursor.lastPollTime).toBe('2026-11-30T10:00:10Z');
    const due = cursor.next(HOUR, {});
    expect(due.reason).toBe('periodic');
    expect(cursor.answered(list('2026-11-30T11:00:00Z'), due.reason, 4, HOUR)).toMatchObject({ kind: 'snapshot', baseline: false });
  });

  it("a lastPollTime that goes back is a gap: the next request is a full list, and it is news, not a baseline", () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    cursor.answered(list('2026-11-30T10:00:10Z'), cursor.next(0, {}).reason, 1, 0);
    cursor.answered(list('2026-11-30T10:00:05Z'), cursor.next(10_000, {}).reason, 2, 10_000);
    const next = cursor.next(20_000, {});
    expect(next).toEqual({ reason: 'gap', query: {} });
    expect(cursor.answered(list('2026-11-30T10:00:20Z'), next.reason, 3, 20_000)).toMatchObject({ kind: 'snapshot', reason: 'gap', baseline: false });
  });

  it("a delta hands on the agents it names; a 'no change' answer names none", () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    cursor.answered(list('2026-11-30T10:00:00Z'), cursor.next(0, {}).reason, 1, 0);
    const changed = [agent(7, { stateId: 2 })];
    expect(cursor.answered(list('2026-11-30T10:00:10Z', { states: changed, totalRecords: 1 }), cursor.next(10_000, {}).reason, 2, 10_000)).toEqual({ kind: 'delta', states: changed, at: 2 });
    expect(cursor.answered({ kind: 'no-change', status: 304, lastPollTime: null }, cursor.next(20_000, {}).reason, 3, 20_000)).toEqual({ kind: 'delta', states: [], at: 3 });
  });

  it('a full list asked for while a delta is out stays due after its answer; a full answer settles it', () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    cursor.answered(list('2026-11-30T10:00:00Z'), cursor.next(0, {}).reason, 1, 0);
    const delta = cursor.next(10_000, {});
    expect(delta.reason).toBeNull();
    cursor.needFull('requested');
    // The delta's answer goes back in time too (a gap): the reason asked for first stands.
    expect(cursor.answered(list('2026-11-30T09:59:50Z'), delta.reason, 2, 10_000)).toMatchObject({ kind: 'delta' });
    const full = cursor.next(20_000, {});
    expect(full).toEqual({ reason: 'requested', query: {} });
    cursor.needFull('resume');
    cursor.answered(list('2026-11-30T10:00:20Z'), full.reason, 3, 20_000);
    expect(cursor.next(30_000, {}).reason).toBeNull();
  });

  it('a lastPollTime that moves on, or repeats, is no gap: deltas go on', () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    cursor.answered(list('2026-11-30T10:00:10Z'), cursor.next(0, {}).reason, 1, 0);
    cursor.answered(list('2026-11-30T10:00:20Z'), cursor.next(10_000, {}).reason, 2, 10_000);
    cursor.answered(list('2026-11-30T10:00:20Z'), cursor.next(20_000, {}).reason, 3, 20_000);
    expect(cursor.next(30_000, {})).toEqual({ reason: null, query: { updatedSince: '2026-11-30T10:00:20Z' } });
  });

  it('a partial baseline keeps the next full list a baseline, and says why it is not whole until a whole one comes', () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    const partial = cursor.answered(list('2026-11-30T10:00:00Z', { complete: false, incompleteReason: 'page 3 was lost' }), cursor.next(0, {}).reason, 1, 0);
    expect(partial).toMatchObject({ kind: 'snapshot', baseline: true, complete: false });
    expect(cursor.incomplete).toBe(true);
    expect(cursor.readIssue()).toEqual({ leftOut: 0, reason: 'page 3 was lost', complete: false });
    cursor.failed();
    const next = cursor.next(10_000, {});
    expect(next.reason).toBe('error');
    cursor.needFull('periodic');
    const whole = cursor.answered(list('2026-11-30T10:01:00Z'), 'periodic', 2, 10_000);
    expect(whole).toMatchObject({ kind: 'snapshot', baseline: true });
    expect(whole).not.toHaveProperty('complete');
    expect(cursor.readIssue()).toBeNull();
  });

  it('a failed request turns a due or no resync into an error baseline, but keeps a reason already set', () => {
    const cursor = new SyncCursor(silentLogger, () => HOUR);
    cursor.needFull('resume');
    cursor.failed();
    expect(cursor.next(0, {}).reason).toBe('start');
    cursor.answered(list('2026-11-30T10:00:00Z'), 'start', 1, 0);
    cursor.needFull('clock-jump');
    cursor.failed();
    expect(cursor.next(1, {}).reason).toBe('clock-jump');
    cursor.answered(list('2026-11-30T10:00:10Z'), 'clock-jump', 2, 1);
    cursor.failed();
    expect(cursor.next(2, {}).reason).toBe('error');
    cursor.reset();
    expect(cursor.next(3, {})).toEqual({ reason: 'start', query: {} });
    expect(cursor.lastPollTime).toBeNull();
  });
});
