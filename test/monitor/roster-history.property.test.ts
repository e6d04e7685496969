// Property (fixed seed): the roster's compact history (typed arrays, interned strings — issue 15)
// answers exactly what the roster answered before it (test/monitor/reference/roster-before-i15.ts) —
// same changes from every snapshot and delta, same snapshot, same history() for every agent — over
// random sequences with odd startDate spellings, contact ids, partial lists and many distinct states.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorize, type AgentState } from '../../main/cxone/model';
import { createRoster, type Roster } from '../../main/monitor/roster';
import { createRoster as createReferenceRoster } from './reference/roster-before-i15';

const START_SPELLINGS = [
  (ms: number) => new Date(ms).toISOString(),
  () => null,
  // Not what the parser produces, but a roster takes any AgentState: kept as text.
  (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z'),
  () => 'not a time',
  (ms: number) => new Date(ms + 1).toISOString(),
];

const stateArb = (agents: number) =>
  fc
    .record({
      agent: fc.integer({ min: 1, max: agents }),
      stateId: fc.integer({ min: 0, max: 8 }),
      code: fc.integer({ min: 0, max: 6 }),
      skill: fc.integer({ min: 0, max: 40 }),
      acw: fc.boolean(),
      contact: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: null }),
      startMs: fc.integer({ min: 1_700_000_000_000, max: 1_700_100_000_000 }),
      spelling: fc.integer({ min: 0, max: START_SPELLINGS.length - 1 }),
      team: fc.integer({ min: 1, max: 4 }),
    })
    .map((r): AgentState => {
      const stateName = ['LoggedOut', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'InboundConsult', 'OutboundConsult', 'Dialer', 'LoggedIn'][r.stateId]!;
      return {
        agentId: 1000 + r.agent,
        stateId: r.stateId,
        stateName,
        category: categorize(r.stateId, stateName, r.acw),
        outStateId: r.code || null,
        outStateDescription: r.code ? `Code ${r.code}` : null,
        isACW: r.acw,
        contactId: r.contact,
        skillName: r.skill ? `Skill ${r.skill}` : null,
        mediaTypeName: r.skill % 3 === 0 ? null : 'Phone Call',
        startDate: START_SPELLINGS[r.spelling]!(r.startMs),
        lastUpdateTime: new Date(r.startMs).toISOString(),
        firstName: `First${r.agent}`,
        lastName: `Last${r.agent}`,
        userName: `agent${r.agent}@example.com`,
        teamId: r.team,
        teamName: `Team ${r.team}`,
        businessUnitId: 4600000,
        isActive: true,
      };
    });

const opArb = fc.oneof(
  fc.record({ kind: fc.constant('delta' as const), states: fc.array(stateArb(12), { maxLength: 8 }), at: fc.integer({ min: 1_700_000_000_000, max: 1_700_200_000_000 }) }),
  fc.record({
    kind: fc.constant('snapshot' as const),
    states: fc.array(stateArb(12), { maxLength: 14 }),
    at: fc.integer({ min: 1_700_000_000_000, max: 1_700_200_000_000 }),
    baseline: fc.boolean(),
    complete: fc.boolean(),
  }),
);

function expectSame(a: Roster, b: ReturnType<typeof createReferenceRoster>): void {
  expect(a.snapshot()).toEqual(b.snapshot());
  for (const s of b.snapshot().agents) expect(a.history(s.agentId)).toEqual(b.history(s.agentId));
}

describe('roster history, compact (property against the roster before issue 15)', () => {
  it('gives the same changes, snapshot and history for any sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(opArb, { minLength: 1, maxLength: 40 }), (historySize, ops) => {
        const roster = createRoster({ historySize });
        const reference = createReferenceRoster({ historySize });
        for (const op of ops) {
          const got =
            op.kind === 'delta'
              ? roster.applyDelta(op.states, { at: op.at })
              : roster.applySnapshot(op.states, { baseline: op.baseline, at: op.at, complete: op.complete });
          const want =
            op.kind === 'delta'
              ? reference.applyDelta(op.states, { at: op.at })
              : reference.applySnapshot(op.states, { baseline: op.baseline, at: op.at, complete: op.complete });
          expect(got).toEqual(want);
        }
        expectSame(roster, reference);
      }),
      { seed: 1515, numRuns: 300 },
    );
  });

  it('stays the same when the shape table is compacted (more distinct states than its limit)', () => {
    const roster = createRoster({ historySize: 3 });
    const reference = createReferenceRoster({ historySize: 3 });
    const base = 1_700_000_000_000;
    // 9,000 distinct skill names over 30 agents: the table outgrows 4,096 shapes and is rebuilt.
    for (let k = 0; k < 9_000; k++) {
      const agentId = 1 + (k % 30);
      const s: AgentState = {
        agentId, stateId: 1 + (k % 2), stateName: k % 2 ? 'Unavailable' : 'Available', category: k % 2 ? 'unavailable' : 'available',
        outStateId: null, outStateDescription: null, isACW: false, contactId: k, skillName: `Skill ${k}`, mediaTypeName: null,
        startDate: new Date(base + k * 1000).toISOString(), lastUpdateTime: null, firstName: 'A', lastName: String(agentId),
        userName: null, teamId: null, teamName: null, businessUnitId: null, isActive: true,
      };
      expect(roster.applyDelta([s], { at: base + k * 1000 })).toEqual(reference.applyDelta([s], { at: base + k * 1000 }));
      // Compared often, so some check sees history recorded before a compaction (remapped) — at the
      // end alone, every point left is newer than the last one.
      if (k % 100 === 99) expectSame(roster, reference);
    }
    expectSame(roster, reference);
  });

  it('forgets history on clear, as before', () => {
    const roster = createRoster();
    const at = 1_700_000_000_000;
    fc.assert(
      fc.property(fc.array(stateArb(5), { minLength: 2, maxLength: 10 }), (states) => {
        roster.applyDelta(states, { at });
        roster.clear();
        expect(roster.size).toBe(0);
        for (const s of states) expect(roster.history(s.agentId)).toEqual([]);
      }),
      { seed: 1516, numRuns: 50 },
    );
  });
});
