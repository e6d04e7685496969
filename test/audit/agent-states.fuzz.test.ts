// Fuzzing the agents/states parser's public entry points with arbitrary JSON and with plausible bodies
// whose fields hold anything: every input either parses or fails as a typed CxoneError ('malformed').
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CxoneError } from '../../main/cxone/errors';
import { parseAgentStatesJson, parseAgentStatesPage, type AgentStatesPage } from '../../main/cxone/schemas';
import { AUDIT_RUNS, fcOptions } from './runs';

const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 3, maxKeys: 5 }));

/** An item close to what CXone sends, with each field either plausible or arbitrary. */
const item = fc.record(
  {
    agentId: fc.oneof(fc.integer(), anyValue),
    agentStateName: fc.oneof(fc.constantFrom('Available', 'Unavailable', 'LoggedOut', 'InboundContact', 'OutboundContact'), anyValue),
    startDate: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anyValue),
    firstName: fc.oneof(fc.string(), anyValue),
    lastName: fc.oneof(fc.string(), anyValue),
    teamId: fc.oneof(fc.integer(), anyValue),
    outStateDescription: fc.oneof(fc.string(), anyValue),
    isACW: fc.oneof(fc.boolean(), anyValue),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  anyValue,
  fc.record({ agentStates: fc.oneof(fc.array(item, { maxLength: 5 }), anyValue), lastPollTime: fc.oneof(fc.string(), anyValue), totalRecords: anyValue, _links: anyValue }, { requiredKeys: [] }),
  fc.record({ resultSet: fc.oneof(fc.record({ agentStates: fc.oneof(fc.array(item, { maxLength: 5 }), anyValue), agentState: anyValue, lastPollTime: anyValue, totalRecords: anyValue }, { requiredKeys: [] }), anyValue) }, { requiredKeys: [] }),
);

function parsesOrTypedError(run: () => AgentStatesPage): void {
  let page: AgentStatesPage;
  try {
    page = run();
  } catch (err) {
    expect(err).toBeInstanceOf(CxoneError);
    expect((err as CxoneError).kind).toBe('malformed');
    return;
  }
  // What parses is the app's own shape: a list of states with integer ids, nothing else.
  expect(Array.isArray(page.states)).toBe(true);
  for (const s of page.states) expect(Number.isSafeInteger(s.agentId)).toBe(true);
}

describe(`agent-states parser fuzzing (${AUDIT_RUNS} cases per property)`, () => {
  it('parseAgentStatesPage: any value parses or fails as a typed malformed error', () => {
    fc.assert(fc.property(body, (b) => parsesOrTypedError(() => parseAgentStatesPage(b))), fcOptions);
  });

  it('parseAgentStatesJson: any text, and any body serialized, parses or fails as a typed malformed error', () => {
    const serialized = body.map((b) => {
      try {
        return JSON.stringify(b) ?? 'undefined';
      } catch {
        return '{'; // a BigInt or a cycle: not JSON at all
      }
    });
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), serialized);
    fc.assert(fc.property(text, (t) => parsesOrTypedError(() => parseAgentStatesJson(t))), fcOptions);
  });
});
