// Property (fixed seed): the delta path's shortcuts (issue 15) — a start time read once for the agents
// that share it, history points dated from it, states interned in place — answer exactly what the
// roster before issue 15 answered (test/monitor/reference/roster-before-i15.ts). Here, unlike in
// roster-history.property.test.ts, most agents of a delta share a start time, in canonical and odd
// spellings and as equal strings that are different instances, so the remembered readings are used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorize, type AgentState } from '../../main/cxone/model';
import { createRoster } from '../../main/monitor/roster';
import { createRoster as createReferenceRoster } from './reference/roster-before-i15';

const BASE = 1_700_000_000_000;
// A few shared instants, each in several spellings; `fresh` makes an equal string that is a new instance.
const fresh = (s: string) => [...s].join('');
const SPELLINGS: ReadonlyArray<(ms: number) => string | null> = [
  (ms) => new Date(ms).toISOString(),
  (ms) => fresh(new Date(ms).toISOString()),
  (ms) => new Date(ms).toISOString().replace('.000Z', 'Z'),
  (ms) => new Date(ms).toISOString().slice(0, 19),
  (ms) => new Date(ms).toISOString().replace('Z', '+00:00'),
  () => null,
  () => 'not a time',
];

const stateArb = fc
  .record({
    agent: fc.integer({ min: 1, max: 10 }),
    stateId: fc.integer({ min: 0, max: 8 }),
    code: fc.integer({ min: 0, max: 3 }),
    acw: fc.boolean(),
    contact: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: null }),
    instant: fc.integer({ min: 0, max: 2 }),
    spelling: fc.integer({ min: 0, max: SPELLINGS.length - 1 }),
    frozen: fc.boolean(),
  })
  .map((r): AgentState => {
    const stateName = ['LoggedOut', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'InboundConsult', 'OutboundConsult', 'Dialer', 'LoggedIn'][r.stateId]!;
    const s: AgentState = {
      agentId: 1000 + r.agent,
      stateId: r.stateId,
      stateName: fresh(stateName),
      category: categorize(r.stateId, stateName, r.acw),
      outStateId: r.code || null,
      outStateDescription: r.code ? fresh(`Code ${r.code}`) : null,
      isACW: r.acw,
      contactId: r.contact,
      skillName: r.code ? fresh('Skill 1') : null,
      mediaTypeName: null,
      startDate: SPELLINGS[r.spelling]!(BASE + r.instant * 10_000),
      lastUpdateTime: null,
      firstName: `First${r.agent}`,
      lastName: 'Last',
      userName: null,
      teamId: 1,
      teamName: fresh('Team 1'),
      businessUnitId: null,
      isActive: true,
    };
    // Someone may hand the roster frozen states: they are copied, not interned in place.
    return r.frozen ? Object.freeze(s) : s;
  });

describe('roster delta path (property against the roster before issue 15)', () => {
  it('gives the same changes, snapshot and history when a delta\'s agents share their start times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(stateArb, { maxLength: 12 }), { minLength: 1, maxLength: 25 }), (historySize, deltas) => {
        const roster = createRoster({ historySize });
        const reference = createReferenceRoster({ historySize });
        deltas.forEach((states, k) => {
          const at = BASE + k * 10_000;
          expect(roster.applyDelta(states, { at })).toEqual(reference.applyDelta(states, { at }));
        });
        expect(roster.snapshot()).toEqual(reference.snapshot());
        for (const s of reference.snapshot().agents) expect(roster.history(s.agentId)).toEqual(reference.history(s.agentId));
      }),
      { seed: 1517, numRuns: 300 },
    );
  });
});
