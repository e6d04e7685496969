// Reading agents/states as real tenants send it: every documented shape, the §6 variants, and one
// unreadable item costing only itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../harness/thrown';
import { agentStateSchema } from '../../main/cxone/model';
import { parseAgentStatesJson, parseAgentStatesPage } from '../../main/cxone/schemas';
import { makeAgentStatesBody } from '../../main/demo/fixtures';
import { messyItem } from '../../main/demo/wire';


type Body = { agentStates: Array<Record<string, unknown>> } & Record<string, unknown>;
const v34Body = (n: number, seed = 9) => JSON.parse(makeAgentStatesBody(n, { seed })) as Body;

describe('agents/states parsing', () => {
  it('normalizes every shape of the same tenant to identical, schema-valid AgentStates', () => {
    const v34 = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9 }));
    const older = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9, shape: 'older' }));
    const rs = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9, shape: 'resultSet' }));
    const messy = parseAgentStatesJson(makeAgentStatesBody(300, { seed: 9, messy: true }));
    expect(v34.states).toHaveLength(300);
    expect(older.states).toEqual(v34.states);
    expect(rs.states).toEqual(v34.states);
    expect(messy.states).toEqual(v34.states);
    expect(older.lastPollTime).toBe(v34.lastPollTime);
    expect(rs.lastPollTime).toBe(v34.lastPollTime);
    for (const p of [v34, older, rs, messy]) expect(p.leftOut).toBe(0);
    for (const s of v34.states) agentStateSchema.parse(s);
    // A realistic tenant has every category present.
    expect(new Set(v34.states.map((s) => s.category))).toEqual(new Set(['available', 'on-contact', 'unavailable', 'acw', 'logged-out']));
  });

  it('reads each §6 variant of any item as the same agent (property)', () => {
    const body = v34Body(120, 3);
    const clean = parseAgentStatesPage(body).states;
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5 }), { minLength: body.agentStates.length, maxLength: body.agentStates.length }), fc.boolean(), (variants, resultSet) => {
        const items = body.agentStates.map((it, i) => messyItem(it, variants[i]!));
        const messy = resultSet ? { ResultSet: { AgentState: items, LastPollTime: body.lastPollTime, TotalRecords: String(items.length) } } : { ...body, agentStates: items, totalRecords: String(items.length) };
        const page = parseAgentStatesPage(messy);
        expect(page.leftOut).toBe(0);
        expect(page.states).toEqual(clean);
        expect(page.totalRecords).toBe(items.length);
      }),
      { numRuns: 30, seed: 11 },
    );
  });

  it('reads the envelope in every spelling: counts as text, PascalCase keys, the resultSet wrapper, no list at all', () => {
    const item = { agentId: 40_100_001, agentStateId: 1, agentStateName: 'Available' };
    const t = '2025-01-15T14:03:27.000Z';
    const read = (body: Record<string, unknown>) => {
      const p = parseAgentStatesPage(body);
      return { n: p.states.length, totalRecords: p.totalRecords, lastPollTime: p.lastPollTime };
    };
    expect(read({ TotalRecords: '3', LastPollTime: t, AgentStates: [item] })).toEqual({ n: 1, totalRecords: 3, lastPollTime: t });
    expect(read({ resultSet: { TotalRecords: 3, LastPollTime: t, AgentState: [item] } })).toEqual({ n: 1, totalRecords: 3, lastPollTime: t });
    // The count beside the wrapper, as some versions put it.
    expect(read({ totalRecords: '3', ResultSet: { lastPollTime: t, agentStates: [item] } })).toEqual({ n: 1, totalRecords: 3, lastPollTime: t });
    expect(read({ totalRecords: 0, lastPollTime: t, _links: {} })).toEqual({ n: 0, totalRecords: 0, lastPollTime: t });
    expect(thrown(() => parseAgentStatesPage({ error: 'invalid_token' })).kind).toBe('malformed');
  });

  it('times come out with a zone whatever the server sent; lastPollTime keeps the server spelling', () => {
    const page = parseAgentStatesPage({
      LastPollTime: '2025-01-15T14:05:02.3170000',
      AgentStates: [{ AgentId: '77001', AgentStateId: '2', IsACW: 'False', StartDate: '2025-01-15T14:03:27', OutStateId: '12', OutStateDescription: 'Break', TeamId: null }],
    });
    expect(page.lastPollTime).toBe('2025-01-15T14:05:02.3170000');
    expect(page.states).toEqual([
      expect.objectContaining({ agentId: 77001, stateId: 2, stateName: 'Unavailable', category: 'unavailable', isACW: false, outStateId: 12, teamId: null, startDate: '2025-01-15T14:03:27.000Z' }),
    ]);
  });

  it('takes the latest per-item lastPollTime when there is no top-level one (by instant, not by text)', () => {
    const page = parseAgentStatesPage({
      agentStates: [
        { agentId: 1, agentStateId: 1, lastPollTime: '2025-01-15T14:00:00.000Z' },
        { agentId: 2, agentStateId: 2, lastPollTime: '2025-01-15T14:30:00+01:00', isAcw: 'True', mediaName: 'Chat' },
        { agentId: 3, agentStateName: 'InboundContact', lastPollTime: '2025-01-15T14:01:00' },
      ],
    });
    expect(page.lastPollTime).toBe('2025-01-15T14:01:00');
    expect(page.states[1]).toMatchObject({ isACW: true, category: 'acw', mediaTypeName: 'Chat', stateName: 'Unavailable' });
    expect(page.states[2]).toMatchObject({ stateId: 3, category: 'on-contact' });
  });

  it('a lastPollTime that is not a time is never kept (it goes back as updatedSince); per item, the latest wins wherever it stands', () => {
    const item = (agentId: number, lastPollTime: unknown) => ({ agentId, agentStateId: 1, lastPollTime });
    const poll = (body: Record<string, unknown>) => parseAgentStatesPage(body).lastPollTime;
    expect(poll({ lastPollTime: 'garbage', agentStates: [] })).toBeNull();
    expect(poll({ lastPollTime: 1736949807000, agentStates: [] })).toBeNull();
    // An unreadable top-level one falls back to the items'; an unreadable item's is passed over.
    const items = [item(1, 'nope'), item(2, '2025-01-15T14:05:00Z'), item(3, '2025-01-15T14:01:00Z'), item(4, null)];
    expect(poll({ lastPollTime: 'garbage', agentStates: items })).toBe('2025-01-15T14:05:00Z');
    expect(poll({ agentStates: items })).toBe('2025-01-15T14:05:00Z');
  });

  it('reads the state, the ids and the flags an item leaves out or spells oddly as the app defines them', () => {
    const [unknownId, systemId, unknownName, defaults, named] = parseAgentStatesPage({
      agentStates: [
        { agentId: 1, agentStateId: 9 },
        // Negative system state ids exist in reporting (CXONE-API.md §6).
        { agentId: 2, agentStateId: -1 },
        { agentId: 3, agentStateName: 'Training' },
        // Unreadable optional ids count as absent; no isActive is active; an empty user name is none.
        { agentId: 4, agentStateId: 1, teamId: 'x', businessUnitId: {}, outStateId: 1.5, contactId: true, userName: '' },
        { agentId: 5, agentStateId: 1, userName: 'ana@example.com', isActive: 'False' },
      ],
    }).states;
    expect(unknownId).toMatchObject({ stateId: 9, stateName: 'State 9', category: 'other' });
    expect(systemId).toMatchObject({ stateId: -1, stateName: 'State -1', category: 'other' });
    expect(unknownName).toMatchObject({ stateId: -1, stateName: 'Training', category: 'other' });
    expect(defaults).toMatchObject({ teamId: null, businessUnitId: null, outStateId: null, contactId: null, userName: null, isActive: true });
    expect(named).toMatchObject({ userName: 'ana@example.com', isActive: false });
  });

  it("reads NICE SDK's resultSet.agentState, and a resultSet without a list as an empty one", () => {
    const t = '2025-01-15T14:00:00Z';
    const sdk = parseAgentStatesPage({ resultSet: { agentState: [{ agentId: 1, agentStateId: 1 }], lastPollTime: t } });
    expect(sdk).toMatchObject({ states: [{ agentId: 1, stateName: 'Available' }], lastPollTime: t, leftOut: 0 });
    expect(parseAgentStatesPage({ resultSet: { totalRecords: 0, lastPollTime: t } })).toMatchObject({ states: [], totalRecords: 0, lastPollTime: t, leftOut: 0 });
  });

  it('leaves out only the items it cannot read, keeps every other agent, and says why', () => {
    const good = (id: number) => ({ agentId: id, agentStateId: 1, firstName: `A${id}` });
    const page = parseAgentStatesPage({
      totalRecords: 10,
      agentStates: [
        good(1),
        { agentStateId: 1 }, // no id
        good(2),
        { agentId: 'abc', agentStateId: 1 },
        { agentId: 2 ** 53 + 2, agentStateId: 1 }, // JSON.parse already rounded it: never used as an id
        { agentId: '9007199254740993', agentStateId: 1 },
        { agentId: 3, agentStateId: 1, contactId: 2 ** 60 },
        { agentId: 4, firstName: 'no state' },
        'not an object',
        // Fields the app never reads (or reads as optional) cost nothing, whatever they hold.
        { ...good(5), isOutbound: { odd: true }, skillId: 'x', stationId: [1], teamName: {}, mediaType: null, startDate: 'garbage' },
      ],
    });
    expect(page.states.map((s) => s.agentId)).toEqual([1, 2, 5]);
    expect(page.states[2]).toMatchObject({ teamName: null, startDate: null, firstName: 'A5' });
    expect(page.leftOut).toBe(7);
    expect(page.leftOutReason).toBe('agentStates[1].agentId is missing');
    const why = (items: unknown[]) => parseAgentStatesPage({ agentStates: items }).leftOutReason;
    expect(why([{ agentId: 'abc', agentStateId: 1 }])).toBe('agentStates[0].agentId: "abc" is not an integer id');
    expect(why([{ agentId: 2 ** 53 + 2, agentStateId: 1 }])).toMatch(/agentStates\[0\]\.agentId 9007199254740994 is beyond 2\^53/);
    expect(why([{ agentId: 3, agentStateId: 1, contactId: '9007199254740993' }])).toMatch(/contactId .* is beyond 2\^53/);
    // Any kept id rounded by JSON.parse costs the item, not only the contact's.
    for (const key of ['outStateId', 'teamId', 'businessUnitId']) {
      expect(why([{ agentId: 3, agentStateId: 1, [key]: 2 ** 60 }])).toMatch(new RegExp(`^agentStates\\[0\\]\\.${key} \\d+ is beyond 2\\^53`));
    }
    expect(why([{ agentId: null, agentStateId: 1 }])).toBe('agentStates[0].agentId is missing');
    expect(why([{ agentId: '', agentStateId: 1 }])).toBe('agentStates[0].agentId is missing');
    for (const item of [null, 'x', [1]]) expect(why([item])).toBe('agentStates[0] is not an object');
    expect(why([{ agentId: 4 }])).toMatch(/neither agentStateId nor agentStateName/);
  });

  it('an unreadable body or list is a malformed error with the path and a short excerpt', () => {
    const bad = thrown(() => parseAgentStatesJson('{"agentStates":[{"agentId":1,"agentStateName":"Avai' + 'y'.repeat(400)));
    expect(bad).toMatchObject({ kind: 'malformed', path: '(body)' });
    expect(bad.excerpt!.length).toBeLessThanOrEqual(80);
    expect(thrown(() => parseAgentStatesPage({ agentStates: null }))).toMatchObject({ kind: 'malformed', path: 'agentStates' });
    expect(thrown(() => parseAgentStatesPage({ something: [] }))).toMatchObject({ kind: 'malformed', path: 'agentStates' });
    expect(thrown(() => parseAgentStatesPage([1, 2]))).toMatchObject({ kind: 'malformed', path: '(body)' });
    // v34 requires no key: an envelope with no list is an empty list, in either spelling of its keys.
    for (const envelope of [
      { totalRecords: 0, lastPollTime: '2025-01-15T14:00:00.000Z', _links: { self: 'x' }, businessUnitId: 4600123 },
      { TotalRecords: '0', LastPollTime: '2025-01-15T14:00:00.000Z', _Links: {} },
      {},
    ]) {
      const page = parseAgentStatesPage(envelope);
      expect(page.states).toEqual([]);
      expect(page.leftOut).toBe(0);
    }
    expect(parseAgentStatesPage({ TotalRecords: '0', LastPollTime: '2025-01-15T14:00:00.000Z' })).toMatchObject({ totalRecords: 0, lastPollTime: '2025-01-15T14:00:00.000Z' });
    expect(thrown(() => parseAgentStatesPage({ totalRecords: 0, error: 'Invalid token' }))).toMatchObject({ kind: 'malformed', path: 'agentStates' });
  });

  it('deeply nested values end in a left-out item or a typed error, never a stack overflow', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    // Nested where an item should be: that item is left out.
    const nestedItem = parseAgentStatesJson(`{"agentStates":[${deep(200_000)},{"agentId":1,"agentStateId":1,"skillName":${deep(200_000)}}]}`);
    expect(nestedItem.states).toMatchObject([{ agentId: 1, skillName: null }]);
    expect(nestedItem.leftOut).toBe(1);
    // Nested as the list itself, or as the whole body: a malformed error whose excerpt could not overflow either.
    expect(thrown(() => parseAgentStatesJson(`{"agentStates":{"a":${deep(200_000)}}}`))).toMatchObject({ kind: 'malformed', path: 'agentStates', excerpt: '{…}' });
    expect(thrown(() => parseAgentStatesJson(deep(500_000)))).toMatchObject({ kind: 'malformed', path: '(body)', excerpt: '[…]' });
  });
});

describe('the small endpoints are as tolerant', () => {
  it('agents and teams read numeric strings, "True"/"False", nulls and PascalCase keys; an item without a readable id is left out and counted, not the list', async () => {
    const { parseAgentsPage, parseTeamsBody } = await import('../../main/cxone/directory');
    const d = parseAgentsPage({
      agents: [
        { agentId: '77001', userID: 'a1b2', teamId: '12', isActive: 'False', firstName: null, userName: 4711 },
        { agentId: 'seven', firstName: 'Nobody' },
        { agentId: '9007199254740993' },
        'not an agent',
        { AgentId: 77002, FirstName: 'Ana', TeamName: 'Billing', IsActive: 'True' },
      ],
      totalRecords: '5',
      businessUnitId: '4600',
    });
    expect(d.items).toEqual([
      { agentId: 77001, userId: 'a1b2', firstName: '', lastName: '', userName: '4711', emailAddress: null, teamId: 12, teamName: null, businessUnitId: 4600, isActive: false },
      { agentId: 77002, userId: null, firstName: 'Ana', lastName: '', userName: null, emailAddress: null, teamId: null, teamName: 'Billing', businessUnitId: 4600, isActive: true },
    ]);
    expect(d).toMatchObject({ leftOut: 3, leftOutReason: 'agents[1] has no readable agentId', totalRecords: 5 });
    expect(parseAgentsPage({ resultSet: { agents: [{ agentId: 5, userId: 'u' }], totalRecords: 1 } }).items[0]).toMatchObject({ agentId: 5, userId: 'u' });
    expect(parseAgentsPage({ agent: { agentId: '6' } }).items.map((a) => a.agentId)).toEqual([6]);
    const t = parseTeamsBody({ teams: [{ teamId: '5', teamName: 'Billing', isActive: 'True' }, { teamName: 'No id' }, { TeamId: 6 }] });
    expect(t.items).toEqual([
      { teamId: 5, teamName: 'Billing', isActive: true },
      { teamId: 6, teamName: 'Team 6', isActive: true },
    ]);
    expect(t).toMatchObject({ leftOut: 1, leftOutReason: 'teams[1] has no readable teamId' });
    // No list at all is still an answer the app does not understand.
    expect(thrown(() => parseAgentsPage({ error: 'x' }))).toMatchObject({ kind: 'malformed' });
    expect(thrown(() => parseTeamsBody({ teams: { a: 1 } }))).toMatchObject({ kind: 'malformed' });
  });
});

describe('agent session events', () => {
  it('an entry that is not an object is dropped, an event without a text Type is kept (it still means "look again"), never the batch', async () => {
    const { agentSessionEventsBodySchema, parseWith } = await import('../../main/cxone/schemas');
    const d = parseWith(agentSessionEventsBodySchema, { sessionId: 51, events: [null, 7, { Type: 'AgentState', CurrentState: 'Available' }, { Type: { odd: 1 } }, { Type: 12 }] }, 'get-next-event');
    expect(d.sessionId).toBe('51');
    expect(d.events).toEqual([
      { type: 'AgentState', raw: { Type: 'AgentState', CurrentState: 'Available' } },
      { type: null, raw: { Type: { odd: 1 } } },
      { type: '12', raw: { Type: 12 } },
    ]);
    expect(parseWith(agentSessionEventsBodySchema, { sessionId: 'x' }, 'get-next-event').events).toEqual([]);
  });
});

describe('next-page links (one reader for every list)', () => {
  it('reads _links.next in each spelling and wrapping, for agent states, skills, assignments, codes and the directory alike', async () => {
    const { nextLinkOf } = await import('../../main/cxone/lenient');
    const next = '/inContactAPI/services/v34.0/agents?skip=100&top=100';
    for (const body of [{ _links: { next } }, { _Links: { Next: next } }, { Links: { next: { href: ` ${next} ` } } }]) expect(nextLinkOf(body)).toBe(next);
    for (const body of [{}, { _links: null }, { _links: { next: '  ' } }, { _links: { next: 5 } }, { _links: [next] }]) expect(nextLinkOf(body)).toBeNull();
    const { parseUnavailableCodesPage } = await import('../../main/cxone/unavailable-codes');
    const { parseAgentsPage } = await import('../../main/cxone/directory');
    // Lists that read only `_links.next` as a plain string before now read the other spellings too.
    expect(parseUnavailableCodesPage({ unavailableCodes: [], _Links: { Next: { href: next } } }).nextLink).toBe(next);
    expect(parseAgentsPage({ agents: [], Links: { next } }).nextLink).toBe(next);
  });
});

describe('the shapes every list shares (one reader each, lenient.ts)', () => {
  it('the older resultSet wrapper in either spelling, PascalCase items, and one unreadable item left out — for agent states, skills, assignments, codes and the directory alike', async () => {
    const { parseSkillActivityPage } = await import('../../main/queues/skill-activity');
    const { parseSkillAssignmentsPage } = await import('../../main/queues/skill-assignments');
    const { parseUnavailableCodesPage } = await import('../../main/cxone/unavailable-codes');
    const { parseAgentsPage, parseTeamsBody } = await import('../../main/cxone/directory');
    for (const wrapper of ['resultSet', 'ResultSet']) {
      const wrap = (key: string, items: unknown[]) => ({ [wrapper]: { [key]: items, totalRecords: items.length } });
      const states = parseAgentStatesPage(wrap('agentStates', [{ AgentId: '7', AgentStateId: 1 }, { agentStateId: 1 }]));
      expect(states.states.map((s) => s.agentId)).toEqual([7]);
      expect(states.leftOut).toBe(1);
      const skills = parseSkillActivityPage(wrap('skillActivity', [{ SkillId: '12', SkillName: 'Billing', QueueCount: '3' }, 'x']));
      expect(skills.skills.map((s) => [s.skillId, s.skillName])).toEqual([[12, 'Billing']]);
      expect(skills.leftOut).toBe(1);
      const assignments = parseSkillAssignmentsPage(wrap('agentSkillAssignments', [{ AgentId: 7, SkillId: '12' }, { AgentId: 8, SkillId: 12, IsActive: 'False' }, { skillId: 12 }]));
      expect(assignments).toMatchObject({ assignments: [{ agentId: 7, skillId: 12 }], leftOut: 1, leftOutReason: 'agentSkillAssignments[2] has no readable agentId and skillId' });
      const codes = parseUnavailableCodesPage(wrap('unavailableCodes', [{ OutStateId: '101', OutStateName: 'Lunch' }, { name: 'no id' }]));
      expect(codes).toMatchObject({ codes: [{ outStateId: 101, outStateDescription: 'Lunch' }], skipped: 1, firstSkipReason: 'unavailableCodes[1] has no readable id', totalRecords: 2 });
      const agents = parseAgentsPage(wrap('agents', [{ AgentId: '7', FirstName: 'Ana' }, null]));
      expect(agents).toMatchObject({ items: [{ agentId: 7, firstName: 'Ana' }], leftOut: 1, leftOutReason: 'agents[1] is not an object', totalRecords: 2 });
      const teams = parseTeamsBody(wrap('teams', [{ TeamId: '77001', TeamName: 'North' }]));
      expect(teams.items).toEqual([{ teamId: 77001, teamName: 'North', isActive: true }]);
    }
  });
});
