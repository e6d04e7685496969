// What the skill-queue poller asks next and how it reads an answer (main/queues/queue-sync.ts): a
// full list first and on a period, deltas on the server's own time, and the words for data that is
// not whole.
import { describe, expect, it } from 'vitest';
import type { SkillActivityResult } from '../../main/cxone/client';
import { QueueSync } from '../../main/queues/queue-sync';

const RESYNC = 300_000;
const T1 = '2025-01-15T13:00:00.000Z';
const T2 = '2025-01-15T13:00:10.000Z';

const changes = (over: Partial<Extract<SkillActivityResult, { kind: 'changes' }>> = {}): SkillActivityResult => ({
  kind: 'changes', skills: [], lastPollTime: T1, totalRecords: 0, pages: 1, status: 200, complete: true, ...over,
});

describe('QueueSync', () => {
  it('asks for the full list first, then deltas on the server time, and the full list again when the period is up', () => {
    const sync = new QueueSync(() => RESYNC);
    expect(sync.next(0, ['skillId'])).toEqual({ full: true, query: { fields: ['skillId'] } });
    sync.answered(changes(), true, 0);
    expect(sync.next(10_000, undefined)).toEqual({ full: false, query: { updatedSince: T1 } });
    // An answer without a time keeps the one before: never the client's clock.
    sync.answered({ kind: 'no-change', lastPollTime: null, status: 304 }, false, 10_000);
    expect(sync.lastPollTime).toBe(T1);
    sync.answered(changes({ lastPollTime: T2 }), false, 20_000);
    expect(sync.next(RESYNC - 1, undefined)).toEqual({ full: false, query: { updatedSince: T2 } });
    expect(sync.next(RESYNC, undefined).full).toBe(true);
  });

  it('asks for the full list after needFull and from scratch after reset', () => {
    const sync = new QueueSync(() => RESYNC);
    sync.answered(changes(), true, 0);
    sync.needFull();
    expect(sync.next(1_000, undefined).full).toBe(true);
    sync.answered(changes({ complete: false }), true, 1_000);
    sync.reset();
    expect(sync.lastPollTime).toBeNull();
    expect(sync.incomplete).toBeNull();
    expect(sync.next(2_000, undefined)).toEqual({ full: true, query: {} });
  });

  // Found by a mutation review of main/queues/queue-sync.ts.
  it('a full list asked for while a delta is out stays due after its answer; a full answer settles it', () => {
    const sync = new QueueSync(() => RESYNC);
    sync.answered(changes(), true, 0);
    expect(sync.next(10_000, undefined).full).toBe(false);
    sync.needFull();
    sync.answered(changes({ lastPollTime: T2 }), false, 10_000);
    expect(sync.next(20_000, undefined)).toEqual({ full: true, query: {} });
    sync.needFull();
    sync.answered(changes({ lastPollTime: T2 }), true, 20_000);
    expect(sync.next(30_000, undefined)).toEqual({ full: false, query: { updatedSince: T2 } });
  });

  it('a first answer without a server time (204 to the full list) leaves nothing to ask a delta from: the full list again', () => {
    const sync = new QueueSync(() => RESYNC);
    const first = sync.next(0, undefined);
    expect(first.full).toBe(true);
    sync.answered({ kind: 'no-change', lastPollTime: null, status: 204 }, first.full, 0);
    expect(sync.next(10_000, undefined)).toEqual({ full: true, query: {} });
  });

  it('reads a full list as a snapshot, "no change" to it as an empty delta, and says why data is not whole', () => {
    const sync = new QueueSync(() => RESYNC);
    expect(sync.answered(changes({ complete: false, incompleteReason: 'page 2 failed' }), true, 0)).toEqual({ kind: 'snapshot', skills: [], complete: false });
    expect(sync.incomplete).toBe('page 2 failed');
    expect(sync.answered(changes({ complete: false }), true, 0)).toMatchObject({ kind: 'snapshot' });
    expect(sync.incomplete).toBe('CXone did not send every skill.');
    sync.answered(changes(), true, 0);
    expect(sync.incomplete).toBeNull();
    expect(sync.answered({ kind: 'no-change', lastPollTime: T2, status: 204 }, true, 0)).toEqual({ kind: 'delta', skills: [] });
    sync.answered(changes({ leftOut: { count: 2, firstReason: 'skills[4].skillId is not an id' } }), false, 0);
    expect(sync.incomplete).toBe('2 skill items could not be read (skills[4].skillId is not an id).');
    sync.answered(changes({ leftOut: { count: 1, firstReason: 'skills[0].skillId is missing' } }), false, 0);
    expect(sync.incomplete).toBe('1 skill item could not be read (skills[0].skillId is missing).');
  });
});

// Found by a mutation review of main/queues/queue-sync.ts: a delta's skills and the period counted from
// a full list taken later than time 0 had no test.
describe('QueueSync, further', () => {
  const skill = { skillId: 5, skillName: 'Billing', mediaTypeName: 'PhoneCall', isOutbound: false, queueCount: 2, earliestQueueTime: T1, agentsAvailable: 1,
    agentsUnavailable: 0, agentsACW: 0, agentsWorking: 1, agentsLoggedIn: 2, serviceLevel: 90, serviceLevelGoal: 80, serviceLevelThreshold: 30, serviceLevelStatus: 'meeting' as const };

  it('passes a delta’s changed skills on', () => {
    const sync = new QueueSync(() => RESYNC);
    sync.answered(changes(), true, 0);
    expect(sync.answered(changes({ skills: [skill], lastPollTime: T2 }), false, 10_000)).toEqual({ kind: 'delta', skills: [skill] });
  });

  it('counts the resync period from the last full list, not from time 0', () => {
    const sync = new QueueSync(() => RESYNC);
    const start = 7_200_000;
    sync.answered(changes(), true, start);
    expect(sync.next(start + 10_000, undefined).full).toBe(false);
    expect(sync.next(start + RESYNC - 1, undefined).full).toBe(false);
    expect(sync.next(start + RESYNC, undefined).full).toBe(true);
  });
});
