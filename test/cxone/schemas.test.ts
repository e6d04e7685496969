// The fast agents/states parser must accept, reject and normalize exactly like the zod specification.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CxoneError } from '../../main/cxone/errors';
import { agentStateSchema } from '../../main/cxone/model';
import { parseAgentStatesJson, parseAgentStatesPage, parseAgentStatesPageWithZod } from '../../main/cxone/schemas';
import { makeAgentStatesBody } from '../../main/demo/fixtures';

function outcome(parse: (b: unknown) => unknown, body: unknown): { ok: true; value: unknown } | { ok: false; kind: string } {
  try {
    return { ok: true, value: parse(body) };
  } catch (e) {
    if (!(e instanceof CxoneError)) throw e;
    return { ok: false, kind: e.kind };
  }
}

// Each field is sometimes of the right type, sometimes absent/null, sometimes of a wrong type.
const anyJson = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 6 }), fc.constant([]), fc.constant({}));
const mostly = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyJson });
const isoArb = fc.integer({ min: 1.6e12, max: 1.8e12 }).map((ms) => new Date(ms).toISOString());
const itemArb = fc
  .record(
    {
      agentId: mostly(fc.integer({ min: 1, max: 2 ** 40 })),
      agentStateId: mostly(fc.integer({ min: 0, max: 9 })),
      agentStateName: mostly(fc.constantFrom('LoggedOut', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'Dialer', 'LoggedIn')),
      isACW: mostly(fc.boolean()),
      isAcw: mostly(fc.boolean()),
      outStateId: mostly(fc.integer({ min: 0, max: 30 })),
      outStateDescription: mostly(fc.constantFrom('', 'Break', 'Lunch')),
      contactId: mostly(fc.integer({ min: 0, max: 2 ** 45 })),
      mediaTypeName: mostly(fc.constantFrom('', 'Chat', 'PhoneCall')),
      mediaName: mostly(fc.constantFrom('', 'Email')),
      mediaType: mostly(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom('Email', 'Chat'))),
      firstName: mostly(fc.string({ maxLength: 5 })),
      teamId: mostly(fc.integer({ min: 1, max: 99999 })),
      startDate: mostly(isoArb),
      lastPollTime: mostly(isoArb),
      isActive: mostly(fc.boolean()),
    },
    { requiredKeys: [] },
  )
  .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));

const bodyArb = fc.oneof(
  fc.record({ agentStates: fc.array(itemArb, { maxLength: 4 }), lastPollTime: mostly(isoArb), totalRecords: mostly(fc.nat()) }),
  fc.record({ resultSet: fc.record({ agentState: fc.array(itemArb, { maxLength: 4 }), lastPollTime: mostly(isoArb) }) }),
);

describe('agents/states parsing', () => {
  it('the fast path and the zod specification agree on acceptance and output', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(bodyArb, (body) => {
        const fast = outcome(parseAgentStatesPage, body);
        const spec = outcome(parseAgentStatesPageWithZod, body);
        expect(fast).toEqual(spec);
        if (fast.ok) accepted++;
        else rejected++;
      }),
      { numRuns: 600, seed: 42 },
    );
    // The generator must exercise both sides, or the agreement proves nothing.
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(50);
  });

  it('normalizes every shape of the same tenant to identical, schema-valid AgentStates', () => {
    const v34 = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9 }));
    const older = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9, shape: 'older' }));
    const rs = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9, shape: 'resultSet' }));
    expect(v34.states).toHaveLength(300);
    expect(older.states).toEqual(v34.states);
    expect(rs.states).toEqual(v34.states);
    expect(older.lastPollTime).toBe(v34.lastPollTime);
    expect(rs.lastPollTime).toBe(v34.lastPollTime);
    for (const s of v34.states) agentStateSchema.parse(s);
    // A realistic tenant has every category present.
    expect(new Set(v34.states.map((s) => s.category))).toEqual(new Set(['available', 'on-contact', 'unavailable', 'acw', 'logged-out']));
  });

  it('takes the latest per-item lastPollTime when there is no top-level one', () => {
    const page = parseAgentStatesPage({
      agentStates: [
        { agentId: 1, agentStateId: 1, lastPollTime: '2025-01-15T14:00:00.000Z' },
        { agentId: 2, agentStateId: 2, lastPollTime: '2025-01-15T14:05:00.000Z', isAcw: true, mediaName: 'Chat' },
        { agentId: 3, agentStateName: 'InboundContact', lastPollTime: '2025-01-15T14:01:00.000Z' },
      ],
    });
    expect(page.lastPollTime).toBe('2025-01-15T14:05:00.000Z');
    expect(page.states[1]).toMatchObject({ isACW: true, category: 'acw', mediaTypeName: 'Chat', stateName: 'Unavailable' });
    expect(page.states[2]).toMatchObject({ stateId: 3, category: 'on-contact' });
  });

  it('reports the offending path and a short excerpt, never the whole body', () => {
    const body = JSON.stringify({ agentStates: [{ agentId: 1, agentStateId: 1 }, { agentId: '2', agentStateId: 1, note: 'x'.repeat(500) }] });
    const err = (() => {
      try {
        parseAgentStatesJson(body);
      } catch (e) {
        return e as CxoneError;
      }
      throw new Error('expected a malformed error');
    })();
    expect(err.kind).toBe('malformed');
    expect(err.path).toBe('agentStates[1].agentId');
    expect(err.excerpt).toBe('"2"');
    const bad = (() => {
      try {
        parseAgentStatesJson('{"agentStates":[{"agentId":1,"agentStateName":"Avai' + 'y'.repeat(400));
      } catch (e) {
        return e as CxoneError;
      }
      throw new Error('expected a malformed error');
    })();
    expect(bad.path).toBe('(body)');
    expect(bad.excerpt!.length).toBeLessThanOrEqual(80);
  });

  it('rejects an item with neither state id nor name (fields left them out)', () => {
    expect(() => parseAgentStatesPage({ agentStates: [{ agentId: 5, firstName: 'Ana' }] })).toThrowError(/agentStates\[0\]\.agentStateId/);
  });
});
