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

  it("records the state reached when an agent's first change compacts the table while the state left is added back", () => {
    // The table holds 4,096 shapes. Compaction keeps only those history points use, so an agent that
    // never changed loses its shape; its first change adds it back, and when that is what fills the
    // table, the compaction renumbers the shape of the state it is changing to.
    const roster = createRoster({ historySize: 3 });
    const reference = createReferenceRoster({ historySize: 3 });
    const at = 1_700_000_000_000;
    // A change of contact is a change of state; the skill makes the shape.
    const state = (agentId: number, skill: string, k: number): AgentState => ({
      agentId, stateId: 1, stateName: 'Available', category: 'available', outStateId: null, outStateDescription: null, isACW: false,
      contactId: k || null, skillName: skill, mediaTypeName: null, startDate: new Date(at + k * 1000).toISOString(), lastUpdateTime: null,
      firstName: 'A', lastName: String(agentId), userName: null, teamId: null, teamName: null, businessUnitId: null, isActive: true,
    });
    const both = (states: AgentState[], k: number) => expect(roster.applyDelta(states, { at: at + k * 1000 })).toEqual(reference.applyDelta(states, { at: at + k * 1000 }));
    // 4,096 agents of 4,096 distinct shapes: the table is full, and no history point uses any of them.
    both(Array.from({ length: 4_096 }, (_, i) => state(i + 1, `First ${i}`, 0)), 0);
    // Agent 1's change compacts the table to nothing, then its two points' shapes are added: 2 shapes.
    both([state(1, 'Changed 1', 1)], 1);
    // 4,093 new agents of new shapes: 4,095 in the table.
    both(Array.from({ length: 4_093 }, (_, i) => state(10_000 + i, `Second ${i}`, 2)), 2);
    // Agent 2 reaches a new shape (the 4,096th); the shape it left was dropped, and adding it back compacts.
    both([state(2, 'Changed 2', 3)], 3);
    // Its next change shows whether the point of 'Changed 2' still names that shape.
    both([state(2, 'Changed 3', 4)], 4);
    expect(roster.history(2).map((c) => [c.from?.skillName, c.to.skillName])).toEqual([
      ['First 1', 'Changed 2'],
      ['Changed 2', 'Changed 3'],
    ]);
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
