// Differential (seeded fast-check): the agents/states reader's shortcuts (issue 15) — each time
// spelling normalized once per page (PageTexts), item paths spelled out only for a left-out reason —
// give exactly what the general path gives: normalizeServerTime for any value, and for a whole page the
// same states, left-out count and reason as reading every item on a page of its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListTexts, PageTexts } from '../../main/cxone/agent-states';
import { parseAgentStatesPage } from '../../main/cxone/schemas';
import { normalizeServerTime } from '../../main/cxone/server-time';
import { agentStateSchema } from '../../main/cxone/model';
import { messyItem } from '../../main/demo/wire';

const BASE = Date.UTC(2025, 0, 15, 14, 3, 27);
// Canonical and odd spellings (CXONE-API.md §6), impossible dates and garbage, and non-strings.
const timeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((k) => new Date(BASE + k * 1000).toISOString()),
  fc.integer({ min: -3, max: 3 }).map((k) => new Date(BASE + k * 1000).toISOString().replace('.000Z', 'Z')),
  fc.integer({ min: -3, max: 3 }).map((k) => new Date(BASE + k * 1000).toISOString().slice(0, 19)),
  fc.constantFrom(
    '2025-01-15T14:03:27.1239999', '2025-01-15T14:03:27.5', '2025-01-15T15:03:27+01:00', '2025-01-15T09:03:27-05:00', '2025-01-15 14:03:27',
    '2025-01-15', ' 2025-01-15T14:03:27Z ', '2025-02-30T00:00:00Z', '2024-02-29T00:00:00Z', '2025-01-15T24:00:00Z', '0099-01-01T00:00:00Z',
    '2025-01-15T14:03:27.000z', '', 'garbage', '1736949807000',
  ),
  fc.string({ maxLength: 24 }),
  fc.constantFrom(null, undefined, 1736949807000, true, {}),
);

describe('agents/states reader: fast paths agree with the general path', () => {
  it('PageTexts.normalize is normalizeServerTime, for first readings and remembered ones alike', () => {
    fc.assert(
      fc.property(fc.array(timeArb, { maxLength: 400 }), (values) => {
        // A page's memo and a whole list's, each twice over: the second pass reads only remembered
        // spellings (past its limit, 256 for a page, a memo stops remembering), each value twice in a
        // row (the last reading is answered without the memo's lookup).
        for (const times of [new PageTexts(), new ListTexts()]) {
          for (const v of [...values, ...values.flatMap((x) => [x, x])]) expect(times.normalize(v)).toBe(normalizeServerTime(v));
        }
      }),
      { seed: 1518, numRuns: 200 },
    );
  });

  it('a page reads every item as it reads that item alone, §6 variants and unreadable items included', () => {
    const item = (k: number, start: unknown, variant: number, broken: number): Record<string, unknown> => {
      const it: Record<string, unknown> = {
        agentId: 40_100_000 + k, agentStateId: k % 9, agentStateName: '', outStateId: k % 3 ? 100 + k : 0, outStateDescription: k % 3 ? 'Break' : '',
        isACW: k % 5 === 0, contactId: k % 4 ? 700_000_000_000 + k : 0, skillName: 'Support EN 1', mediaTypeName: 'Chat', startDate: start,
        lastUpdateTime: start, firstName: 'Ana', lastName: 'Example', userName: `u${k}@example.com`, teamId: 77_001, teamName: 'Team 1', businessUnitId: 4_600_123, isActive: true,
      };
      const messy = messyItem(it, variant);
      // Unreadable in each way the reader names: no id, an id beyond 2^53, no state at all.
      if (broken === 1) {
        delete messy.agentId;
        delete messy.AgentId;
      }
      if (broken === 2) messy.contactId = 2 ** 60;
      if (broken === 3) for (const key of ['agentStateId', 'agentStateName', 'AgentStateId', 'AgentStateName']) delete messy[key];
      return messy;
    };
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: timeArb, variant: fc.nat({ max: 5 }), broken: fc.oneof(fc.constant(0), fc.nat({ max: 3 })) }), { maxLength: 60 }),
        (specs) => {
          const items = specs.map((s, k) => item(k, s.start, s.variant, s.broken));
          const page = parseAgentStatesPage({ agentStates: items, lastPollTime: new Date(BASE).toISOString() });
          const alone = items.map((it) => parseAgentStatesPage({ agentStates: [it] }));
          expect(page.states).toEqual(alone.flatMap((p) => p.states));
          expect(page.leftOut).toBe(alone.filter((p) => p.leftOut > 0).length);
          const first = alone.findIndex((p) => p.leftOut > 0);
          // The reason names the item's place on the page.
          expect(page.leftOutReason).toBe(first < 0 ? null : alone[first]!.leftOutReason!.replace('agentStates[0]', `agentStates[${first}]`));
        },
      ),
      { seed: 1519, numRuns: 150 },
    );
  });

  it('a full list and a delta read the same items into the same states (they differ only in how V8 places them)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ variant: fc.nat({ max: 5 }), k: fc.nat({ max: 1000 }) }), { maxLength: 30 }), (specs) => {
        const items = specs.map(({ variant, k }) =>
          messyItem({ agentId: 40_100_000 + k, agentStateId: k % 9, outStateId: k % 3 ? 100 + k : 0, outStateDescription: k % 3 ? 'Break' : '', isACW: k % 5 === 0, contactId: k % 4 ? 700_000_000_000 + k : 0, skillName: `Support EN ${k % 5} premium`, startDate: new Date(BASE + (k % 4) * 1000).toISOString().replace('.000Z', 'Z'), firstName: 'Ana', lastName: 'Example', teamId: 77_001 + (k % 7), teamName: `Team ${k % 7} North-East region` }, variant),
        );
        const asDelta = parseAgentStatesPage({ agentStates: items }, 'delta');
        const asList = parseAgentStatesPage({ agentStates: items }, 'full-list');
        expect(asList).toEqual(asDelta);
        // The same items as the pages of one list, sharing its texts (ListTexts): the same states.
        const list = new ListTexts();
        const third = Math.ceil(items.length / 3);
        const pages = [0, 1, 2].map((k) => parseAgentStatesPage({ agentStates: items.slice(k * third, (k + 1) * third) }, 'full-list', list));
        expect(pages.flatMap((p) => p.states)).toEqual(asDelta.states);
        for (const s of asList.states) expect(Object.keys(s)).toEqual(Object.keys(agentStateSchema.shape));
        // Where they differ: a full list's states come from the literal (which V8 pretenures), a delta's from the class.
        for (const s of asList.states) expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
        for (const s of asDelta.states) expect(Object.getPrototypeOf(s)).not.toBe(Object.prototype);
      }),
      { seed: 1521, numRuns: 100 },
    );
  });

  it('a delta\'s state is plain data made by a constructor, not by an object literal (V8 pretenures those; see ReadAgentState)', () => {
    const page = parseAgentStatesPage({
      agentStates: [{ agentId: 40_100_001, agentStateId: 3, agentStateName: 'InboundContact', contactId: 700_000_000_001, skillName: 'Support EN 1', firstName: 'Ana', lastName: 'Example', startDate: '2025-01-15T14:03:27Z' }],
    });
    const state = page.states[0]!;
    // Made by a constructor: a literal's prototype is Object.prototype.
    expect(Object.getPrototypeOf(state)).not.toBe(Object.prototype);
    // Still exactly an AgentState's own fields, in the schema's order, and nothing a copy would lose.
    expect(Object.keys(state)).toEqual(Object.keys(agentStateSchema.shape));
    expect(agentStateSchema.strict().parse(state)).toEqual(state);
    expect(structuredClone(state)).toEqual({ ...state });
    expect(JSON.parse(JSON.stringify(state))).toEqual({ ...state });
    expect(state).toMatchObject({ agentId: 40_100_001, stateName: 'InboundContact', category: 'on-contact', contactId: 700_000_000_001, skillName: 'Support EN 1', startDate: '2025-01-15T14:03:27.000Z' });
  });
});
