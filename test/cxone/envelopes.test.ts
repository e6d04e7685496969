// Every list reader finds its envelope — the list, totalRecords and lastPollTime — in the four places
// CXone's versions put it: at the top level or in the older resultSet wrapper, camelCase or PascalCase
// (CXONE-API.md §6). One table over all six readers, so a reader that looks in fewer places than the
// others fails here (GET /teams once read lastPollTime at the top level only).
import { describe, expect, it } from 'vitest';
import { parseAgentStatesPage } from '../../main/cxone/agent-states';
import { parseAgentsPage, parseTeamsBody } from '../../main/cxone/directory';
import { envelopeValue } from '../../main/cxone/lenient';
import { parseUnavailableCodesPage } from '../../main/cxone/unavailable-codes';
import { parseSkillActivityPage } from '../../main/queues/skill-activity';
import { parseSkillAssignmentsPage } from '../../main/queues/skill-assignments';

const POLL = '2026-12-03T09:30:00.000Z';

interface Reader {
  /** The list's key in camelCase (PascalCase is derived). */
  key: string;
  item: Record<string, unknown>;
  read: (body: unknown) => { count: number; totalRecords: number | null; lastPollTime?: string | null };
  /** Whether the page reports lastPollTime. */
  poll: boolean;
}

const READERS: Record<string, Reader> = {
  'agents/states': {
    key: 'agentStates',
    item: { agentId: 1, agentStateId: 1, agentStateName: 'Available' },
    read: (b) => ((p) => ({ count: p.states.length, totalRecords: p.totalRecords, lastPollTime: p.lastPollTime }))(parseAgentStatesPage(b)),
    poll: true,
  },
  agents: {
    key: 'agents',
    item: { agentId: 5, firstName: 'Ana', lastName: 'Rossi' },
    read: (b) => ((p) => ({ count: p.items.length, totalRecords: p.totalRecords, lastPollTime: p.lastPollTime }))(parseAgentsPage(b)),
    poll: true,
  },
  teams: {
    key: 'teams',
    item: { teamId: 5, teamName: 'Billing' },
    read: (b) => ((p) => ({ count: p.items.length, totalRecords: p.totalRecords, lastPollTime: p.lastPollTime }))(parseTeamsBody(b)),
    poll: true,
  },
  'unavailable-codes': {
    key: 'unavailableCodes',
    item: { id: 3, name: 'Lunch' },
    read: (b) => ((p) => ({ count: p.codes.length, totalRecords: p.totalRecords }))(parseUnavailableCodesPage(b)),
    poll: false,
  },
  'skills/activity': {
    key: 'skillActivity',
    item: { skillId: 11, skillName: 'Billing Voice', mediaTypeId: 4, queueCount: 2 },
    read: (b) => ((p) => ({ count: p.skills.length, totalRecords: p.totalRecords, lastPollTime: p.lastPollTime }))(parseSkillActivityPage(b)),
    poll: true,
  },
  'skills/agents': {
    key: 'agentSkillAssignments',
    item: { agentId: 5, skillId: 11 },
    read: (b) => ((p) => ({ count: p.assignments.length, totalRecords: p.totalRecords }))(parseSkillAssignmentsPage(b)),
    poll: false,
  },
};

const pascal = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

/** The envelope (list of one item, a count of 4 — as text at the top, as a number inside — and the poll time) in one of its four places. */
function placed(r: Reader, where: 'top' | 'resultSet', spelling: 'camel' | 'Pascal'): Record<string, unknown> {
  const k = (name: string) => (spelling === 'camel' ? name : pascal(name));
  const envelope = { [k(r.key)]: [r.item], [k('totalRecords')]: where === 'top' ? '4' : 4, [k('lastPollTime')]: POLL };
  return where === 'top' ? envelope : { [k('resultSet')]: envelope };
}

describe('list envelopes in every place and spelling', () => {
  for (const [name, r] of Object.entries(READERS)) {
    it(`${name}: the list, totalRecords${r.poll ? ' and lastPollTime' : ''} at the top or in resultSet, camelCase or PascalCase`, () => {
      for (const where of ['top', 'resultSet'] as const) {
        for (const spelling of ['camel', 'Pascal'] as const) {
          const body = placed(r, where, spelling);
          const page = r.read(body);
          expect(page, JSON.stringify(body)).toMatchObject({ count: 1, totalRecords: 4, ...(r.poll ? { lastPollTime: POLL } : {}) });
        }
      }
    });
  }

  it('envelopeValue: the top level before resultSet, a null spelling passed over for one that has the value, undefined when none has', () => {
    expect(envelopeValue({ totalRecords: 1, resultSet: { totalRecords: 2 } }, 'totalRecords')).toBe(1);
    expect(envelopeValue({ totalRecords: null, TotalRecords: 3 }, 'totalRecords')).toBe(3);
    expect(envelopeValue({ totalRecords: null, ResultSet: { TotalRecords: 0 } }, 'totalRecords')).toBe(0);
    expect(envelopeValue({ resultSet: 'not an object', totalRecords: null }, 'totalRecords')).toBeUndefined();
  });
});
