// The directory's envelope in every spelling (main/cxone/directory.ts): the count, poll time and
// business unit of GET /agents and GET /teams as v34 sends them, in PascalCase (old versions), inside
// the older resultSet wrapper, and with a spelling sent as null next to one that has the value; and
// what is not an answer at all (a body that is no object, a body with no list) as a 'malformed' error.
import { describe, expect, it } from 'vitest';
import { parseAgentsPage, parseTeamsBody } from '../../main/cxone/directory';
import { thrown } from '../harness/thrown';


const POLL = '2025-01-15T14:03:27.000Z';

describe('GET /agents: the envelope in every spelling', () => {
  it('camelCase, PascalCase and the resultSet wrapper (both key spellings) give the same count, poll time and business unit', () => {
    const agent = { agentId: 5, firstName: 'Ana' };
    const bodies: Record<string, unknown>[] = [
      { agents: [agent], totalRecords: '7', lastPollTime: POLL, businessUnitId: '4600' },
      { Agents: [agent], TotalRecords: '7', LastPollTime: POLL, BusinessUnitId: '4600' },
      { resultSet: { agents: [agent], totalRecords: 7, lastPollTime: POLL, businessUnitId: 4600 } },
      { ResultSet: { Agents: [agent], TotalRecords: 7, LastPollTime: POLL, BusinessUnitId: 4600 } },
    ];
    for (const body of bodies) {
      const p = parseAgentsPage(body);
      expect(p, JSON.stringify(body)).toMatchObject({ totalRecords: 7, lastPollTime: POLL, leftOut: 0 });
      expect(p.items, JSON.stringify(body)).toEqual([
        { agentId: 5, userId: null, firstName: 'Ana', lastName: '', userName: null, emailAddress: null, teamId: null, teamName: null, businessUnitId: 4600, isActive: true },
      ]);
    }
  });

  it('a spelling sent as null gives way to the one with the value; no poll time (absent or empty) is null', () => {
    const p = parseAgentsPage({ agents: null, Agents: [{ agentId: 5 }], totalRecords: null, TotalRecords: 3, businessUnitId: null, BusinessUnitId: 4600, lastPollTime: null, LastPollTime: POLL });
    expect(p).toMatchObject({ totalRecords: 3, lastPollTime: POLL, items: [{ agentId: 5, businessUnitId: 4600 }] });
    // A null single agent next to the list is no single agent.
    expect(parseAgentsPage({ agent: null, agents: [{ agentId: 8 }] }).items.map((a) => a.agentId)).toEqual([8]);
    expect(parseAgentsPage({ agents: [], lastPollTime: '' }).lastPollTime).toBeNull();
    expect(parseAgentsPage({ agents: [] })).toMatchObject({ lastPollTime: null, totalRecords: null });
  });

  it('one agent (GET /agents/{id}) in either spelling is a page of one; an unreadable one is left out and says why', () => {
    for (const body of [{ agent: { agentId: '6' } }, { Agent: { AgentId: '6', FirstName: 'Bo' } }]) {
      expect(parseAgentsPage(body), JSON.stringify(body)).toMatchObject({ items: [{ agentId: 6 }], totalRecords: 1, leftOut: 0 });
    }
    expect(parseAgentsPage({ agent: { firstName: 'No id' } })).toMatchObject({ items: [], leftOut: 1, leftOutReason: 'agent[0] has no readable agentId' });
  });

});

describe('GET /teams: the envelope in every spelling', () => {
  it('camelCase, PascalCase and the resultSet wrapper (both key spellings) give the same teams, count and poll time', () => {
    const bodies: Record<string, unknown>[] = [
      { teams: [{ teamId: 5, teamName: 'Billing' }], totalRecords: '4', lastPollTime: POLL },
      { Teams: [{ TeamId: 5, TeamName: 'Billing' }], TotalRecords: '4', LastPollTime: POLL },
      { resultSet: { teams: [{ teamId: 5, teamName: 'Billing' }], totalRecords: 4, lastPollTime: POLL } },
      { ResultSet: { Teams: [{ TeamId: 5, TeamName: 'Billing' }], TotalRecords: 4, LastPollTime: POLL } },
    ];
    for (const body of bodies) {
      const p = parseTeamsBody(body);
      expect(p.items, JSON.stringify(body)).toEqual([{ teamId: 5, teamName: 'Billing', isActive: true }]);
      expect(p.totalRecords, JSON.stringify(body)).toBe(4);
      expect(p.lastPollTime, JSON.stringify(body)).toBe(POLL);
    }
    expect(parseTeamsBody({ teams: [], lastPollTime: '' }).lastPollTime).toBeNull();
    expect(parseTeamsBody({ teams: [] })).toMatchObject({ lastPollTime: null, totalRecords: null });
  });

  it('a team whose id is null or not a number is left out and counted, not listed with no id', () => {
    const p = parseTeamsBody({ teams: [{ teamId: null, teamName: 'Ghost' }, { teamId: 'north', teamName: 'North' }, { teamId: 7 }] });
    expect(p.items).toEqual([{ teamId: 7, teamName: 'Team 7', isActive: true }]);
    expect(p).toMatchObject({ leftOut: 2, leftOutReason: 'teams[0] has no readable teamId' });
  });

});

describe('GET /agents and GET /teams: what is not an answer', () => {
  it.each([
    ['agents', parseAgentsPage, [{ agentId: 5 }]],
    ['teams', parseTeamsBody, [{ teamId: 5 }]],
  ] as const)('a body that is not an object is malformed at (body); a body with no %s list is malformed at %s', (list, parse, items) => {
    for (const body of [null, [], items, 'Service Unavailable']) {
      expect(thrown(() => parse(body)), JSON.stringify(body)).toMatchObject({
        kind: 'malformed',
        path: '(body)',
        message: expect.stringContaining('the body is not a JSON object'),
      });
    }
    expect(thrown(() => parse({ totalRecords: 3 }))).toMatchObject({ kind: 'malformed', path: list, message: expect.stringContaining(`the body has no ${list} list`) });
  });
});
