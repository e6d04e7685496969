// The renderer's copy of the roster (renderer/src/roster/store.ts): a snapshot, then deltas that must
// follow it revision by revision — one that does not is refused, so the window asks for a snapshot
// instead of showing a roster that silently missed a change. And the tallies the header shows.
import { describe, expect, it } from 'vitest';
import { categorize, type AgentState } from '../../main/cxone/model';
import { RosterStore } from '../../renderer/src/roster/store';

function agent(agentId: number, stateId: number, reason: string | null = null, names: Partial<AgentState> = {}): AgentState {
  const stateName = ['LoggedOut', 'Available', 'Unavailable'][stateId]!;
  return {
    agentId, stateId, stateName, category: categorize(stateId, stateName, false), outStateId: reason ? 7 : null, outStateDescription: reason,
    isACW: false, contactId: null, skillName: null, mediaTypeName: null, startDate: '2026-11-29T14:05:00.000Z', lastUpdateTime: null,
    firstName: `First${agentId}`, lastName: 'Last', userName: `user${agentId}`, teamId: 1, teamName: 'North', businessUnitId: null, isActive: true,
    ...names,
  };
}

function loaded(agents: AgentState[], revision = 5): RosterStore {
  const store = new RosterStore();
  store.loadSnapshot({ revision, agents, teams: [{ id: 1, name: 'North' }] });
  return store;
}

describe('RosterStore deltas', () => {
  it("keeps the unavailable codes' time limits of the last snapshot, none before the directory loaded", () => {
    const store = loaded([agent(1, 1)]);
    expect(store.unavailableCodes).toEqual([]);
    const codes = [{ id: 12, name: 'Break', timeLimitMinutes: 15 }];
    store.loadSnapshot({ revision: 9, agents: [agent(1, 1)], teams: [], unavailableCodes: codes });
    expect(store.unavailableCodes).toEqual(codes);
    // A delta leaves them; the next snapshot replaces them, even with none.
    store.applyDelta({ base: 9, revision: 10, upserts: [agent(1, 2, 'Break')], removed: [] });
    expect(store.unavailableCodes).toEqual(codes);
    store.loadSnapshot({ revision: 11, agents: [agent(1, 1)], teams: [] });
    expect(store.unavailableCodes).toEqual([]);
  });

  it('a delta before any snapshot is stale', () => {
    expect(new RosterStore().applyDelta({ base: 0, revision: 1, upserts: [agent(1, 1)], removed: [] })).toBe('stale');
  });

  it('applies deltas in revision order and refuses one that does not follow, changing nothing', () => {
    const store = loaded([agent(1, 1), agent(2, 1)]);
    expect(store.applyDelta({ base: 5, revision: 6, upserts: [agent(1, 2, 'Lunch')], removed: [] })).toBe('applied');
    expect(store.currentRevision).toBe(6);
    // The same delta again, and one that skips a revision: both refused, the roster as it was.
    const version = store.getView().version;
    expect(store.applyDelta({ base: 5, revision: 6, upserts: [agent(2, 0)], removed: [] })).toBe('stale');
    expect(store.applyDelta({ base: 7, revision: 8, upserts: [agent(2, 0)], removed: [] })).toBe('stale');
    expect(store.get(2)?.stateId).toBe(1);
    expect(store.getView().version).toBe(version);
    expect(store.applyDelta({ base: 6, revision: 7, upserts: [], removed: [2] })).toBe('applied');
    expect([store.size, store.currentRevision]).toEqual([1, 7]);
  });
});

describe('RosterStore tallies', () => {
  it('a reason nobody has any more leaves the list, and reasons are read without surrounding spaces', () => {
    const store = loaded([agent(1, 2, 'Lunch'), agent(2, 2, ' Lunch '), agent(3, 2, '  '), agent(4, 1)]);
    expect(store.counts().reasons).toEqual([['Lunch', 2], ['No reason', 1]]);
    store.applyDelta({ base: 5, revision: 6, upserts: [agent(3, 1)], removed: [] });
    expect(store.counts().reasons).toEqual([['Lunch', 2]]);
    expect(store.counts().byCategory).toMatchObject({ unavailable: 2, available: 2 });
  });

  it('counts are the same object until the roster changes (React compares them by identity)', () => {
    const store = loaded([agent(1, 1)]);
    const first = store.counts();
    expect(store.counts()).toBe(first);
    store.applyDelta({ base: 5, revision: 6, upserts: [agent(1, 0)], removed: [] });
    expect(store.counts()).not.toBe(first);
    expect(store.counts().byCategory).toMatchObject({ available: 0, 'logged-out': 1 });
  });

  it('an agent a snapshot lists twice is counted once, as its last listing says', () => {
    const store = loaded([agent(1, 1), agent(2, 1), agent(1, 2, 'Break')]);
    expect(store.size).toBe(2);
    expect(store.counts()).toMatchObject({ total: 2, byCategory: { available: 1, unavailable: 1 }, reasons: [['Break', 1]] });
  });

  it('keeps the teams the snapshot names', () => {
    expect(loaded([agent(1, 1)]).teams).toEqual([{ id: 1, name: 'North' }]);
  });
});
