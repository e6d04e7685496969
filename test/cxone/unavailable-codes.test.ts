// Unavailable codes in every form CXone sends: the v34 BU list (paged), the v34 team list, the old
// PascalCase spelling, and §6's messy values — through the parser, and through the real client
// against the simulator on 127.0.0.1, whose bodies are checked against NICE's v34 contract.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { CxoneError } from '../../main/cxone/errors';
import { parseUnavailableCodesPage } from '../../main/cxone/unavailable-codes';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { contractKey, validateAgainstContract } from '../harness/contract';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
const client = () => createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {} });

beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: 30, seed: 3 });
  server = await startSimulatorServer({ simulator: sim });
});
afterAll(() => server.stop());

const expectedCodes = () =>
  sim.unavailableCodes.map((c) => ({
    outStateId: c.outStateId,
    outStateDescription: c.outStateDescription,
    isActive: c.isActive,
    isAcw: c.isAcw,
    timeLimitMinutes: c.agentTimeoutMinutes || null,
  }));

describe('parseUnavailableCodesPage', () => {
  it('reads the v34 BU list: id, name, isACW, isActive, agentTimeout, with its paging', () => {
    const p = parseUnavailableCodesPage({
      businessUnitId: 4600000,
      totalRecords: 3,
      _links: { self: 'https://h/x', next: 'https://h/x?skip=2&top=2' },
      unavailableCodes: [
        { id: 12, name: 'Break', isACW: false, isActive: true, agentTimeout: 15 },
        { id: 19, name: 'ACW', isACW: true, isActive: true, agentTimeout: 0 },
      ],
    });
    expect(p.codes).toEqual([
      { outStateId: 12, outStateDescription: 'Break', isActive: true, isAcw: false, timeLimitMinutes: 15 },
      { outStateId: 19, outStateDescription: 'ACW', isActive: true, isAcw: true, timeLimitMinutes: null },
    ]);
    expect(p).toMatchObject({ totalRecords: 3, nextLink: 'https://h/x?skip=2&top=2', skipped: 0 });
  });

  it('reads the v34 team list (outstateId, outstateName, isAcw, agentTimeoutMins as a string) and the old PascalCase one', () => {
    const team = parseUnavailableCodesPage({
      teamId: 77001,
      teamName: 'Support Tier 1',
      unavailableCodes: [{ outstateId: 13, outstateName: 'Lunch', isAcw: false, isActive: true, agentTimeoutMins: '45' }],
    });
    expect(team.codes).toEqual([{ outStateId: 13, outStateDescription: 'Lunch', isActive: true, isAcw: false, timeLimitMinutes: 45 }]);
    const old = parseUnavailableCodesPage({
      unavailableCodes: [{ OutStateId: 14, OutStateName: 'Training', IsAcw: 'False', IsActive: 'True', AgentTimeoutMins: '30' }],
    });
    expect(old.codes).toEqual([{ outStateId: 14, outStateDescription: 'Training', isActive: true, isAcw: false, timeLimitMinutes: 30 }]);
    // Its envelope in PascalCase too, bare or in the resultSet wrapper: the count is what paging trusts.
    const oldCode = { OutStateId: 14, OutStateName: 'Training' };
    for (const body of [{ TotalRecords: '9', UnavailableCodes: [oldCode] }, { ResultSet: { TotalRecords: 9, UnavailableCodes: [oldCode] } }]) {
      expect(parseUnavailableCodesPage(body)).toMatchObject({ codes: [{ outStateId: 14, outStateDescription: 'Training' }], totalRecords: 9, skipped: 0 });
    }
  });

  it('takes numeric strings, "True"/"False" and nulls; an item without an id is left out and counted, the rest kept', () => {
    const p = parseUnavailableCodesPage({
      totalRecords: '4',
      _links: { next: null },
      unavailableCodes: [
        { id: '12', name: 'Break', isACW: 'False', isActive: 'True', agentTimeout: '15' },
        { id: 13, name: null, isACW: null, isActive: null, agentTimeout: null },
        { name: 'No id at all', isACW: false },
        'not an object',
      ],
    });
    expect(p.codes).toEqual([
      { outStateId: 12, outStateDescription: 'Break', isActive: true, isAcw: false, timeLimitMinutes: 15 },
      { outStateId: 13, outStateDescription: '', isActive: true, isAcw: false, timeLimitMinutes: null },
    ]);
    expect(p).toMatchObject({ skipped: 2, firstSkipReason: 'unavailableCodes[2] has no readable id', totalRecords: 4, nextLink: null });
  });

  it('a spelling sent as null gives way to the next one that has a value (id, name, flags, time limit)', () => {
    // Answers that carry two spellings of a field, the first one null: the null is "no value", not the value.
    const p = parseUnavailableCodesPage({
      unavailableCodes: [
        { id: null, outstateId: 21, name: null, outstateName: 'Coaching', isActive: null, IsActive: 'False', isACW: null, isAcw: true, agentTimeout: null, agentTimeoutMins: '20' },
      ],
    });
    expect(p).toMatchObject({ skipped: 0, firstSkipReason: null });
    expect(p.codes).toEqual([{ outStateId: 21, outStateDescription: 'Coaching', isActive: false, isAcw: true, timeLimitMinutes: 20 }]);
  });

  it('a body that is not a JSON object (an array, a string, null) is malformed at (body), not an empty list', () => {
    for (const body of [[], [{ id: 1, name: 'Break' }], 'Service Unavailable', null]) {
      let err: unknown = null;
      try {
        parseUnavailableCodesPage(body);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(body)).toBeInstanceOf(CxoneError);
      expect(err, JSON.stringify(body)).toMatchObject({ kind: 'malformed', path: '(body)', message: expect.stringContaining('the body is not a JSON object') });
    }
  });

  it('an empty team body (the team has no list) is no codes; a list that is not a list is malformed', () => {
    expect(parseUnavailableCodesPage({ teamId: 1, teamName: 'T' }).codes).toEqual([]);
    expect(() => parseUnavailableCodesPage({ unavailableCodes: { id: 1 } })).toThrow(/not a list/);
  });
});

describe('unavailable codes from the simulator (client over HTTP)', () => {
  it('the BU list follows _links.next to the end and keeps each code\'s own time limit', async () => {
    const mark = server.requests.length;
    const codes = await client().getUnavailableCodes();
    expect(codes).toEqual(expectedCodes());
    const calls = server.requests.slice(mark).filter((r) => r.path.endsWith('/unavailable-codes'));
    // 8 codes at 5 a page: two pages, the second asked for by the first one's next link.
    expect(calls.map((r) => [r.query, r.status])).toEqual([
      ['', 200],
      ['?skip=5&top=5', 200],
    ]);
  });

  it('a team list reads the team shape; 204 is an empty list', async () => {
    const teamId = sim.teams[0]!.teamId;
    expect(await client().getTeamUnavailableCodes(teamId)).toEqual(expectedCodes());
    server.faults.add({ kind: 'status', status: 204, path: '/unavailable-codes', count: 1 });
    expect(await client().getTeamUnavailableCodes(teamId)).toEqual([]);
  });

  it('every body served for both endpoints validates against the v34 contract', async () => {
    const auth = { authorization: 'Bearer t' };
    const paths = ['unavailable-codes', 'unavailable-codes?top=3', 'unavailable-codes?top=3&skip=3', 'unavailable-codes?top=3&skip=6', 'unavailable-codes?isActive=true'];
    for (const t of sim.teams) paths.push(`teams/${t.teamId}/unavailable-codes`, `teams/${t.teamId}/unavailable-codes?activeOnly=true`);
    let validated = 0;
    for (const p of paths) {
      const res = await fetch(`${server.apiBase}/${p}`, { headers: auth });
      const key = contractKey('GET', new URL(res.url).pathname);
      expect(key, p).not.toBeNull();
      const body: unknown = res.status === 204 ? null : await res.json();
      expect(validateAgainstContract(key!, res.status, body), p).toEqual([]);
      validated++;
    }
    expect(validated).toBe(paths.length);
  });

  it('the contract check itself refuses the app\'s old served shape (so the test above can fail)', () => {
    const key = contractKey('GET', '/inContactAPI/services/v34.0/teams/77001/unavailable-codes')!;
    const old = { totalRecords: 1, unavailableCodes: [{ outStateId: 12, outStateDescription: 'Break', isActive: true, isAcw: false }] };
    expect(validateAgainstContract(key, 200, old).length).toBeGreaterThan(0);
  });
});

describe('a page with an unreadable item, and no next link', () => {
  // Servers that page by top/skip and send no links: 4 items, the second unreadable (no id). Both lists
  // whose left-out items paging did not count (unavailable codes, skill assignments).
  const lists = [
    {
      name: 'unavailable codes',
      key: 'unavailableCodes',
      items: [{ id: 1, name: 'Break' }, { name: 'no id' }, { id: 3, name: 'Lunch' }, { id: 4, name: 'Meeting' }],
      read: async (c: ReturnType<typeof createCxoneClient>) => (await c.getUnavailableCodes()).map((k) => k.outStateId),
      want: [1, 3, 4],
    },
    {
      name: 'skill assignments',
      key: 'agentSkillAssignments',
      items: [{ agentId: 1, skillId: 10 }, { skillId: 10 }, { agentId: 3, skillId: 10 }, { agentId: 4, skillId: 11 }],
      read: async (c: ReturnType<typeof createCxoneClient>) => (await c.getSkillAssignments()).map((k) => k.agentId),
      want: [1, 3, 4],
    },
  ];
  for (const list of lists) {
    it(`${list.name}: the next page is asked at the skip after every item, the unreadable one included (none asked twice)`, async () => {
      const seen: string[] = [];
      const srv = createServer((req, res) => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        seen.push(u.search);
        const skip = Number(u.searchParams.get('skip') ?? 0);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ totalRecords: list.items.length, [list.key]: list.items.slice(skip, skip + 2) }));
      });
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      try {
        const port = (srv.address() as { port: number }).port;
        const c = createCxoneClient({ baseUrl: `http://127.0.0.1:${port}/inContactAPI/services/v34.0`, getAccessToken: async () => 't', onUnauthorized: () => {} });
        expect(await list.read(c)).toEqual(list.want);
        // Before, the left-out item was not counted: the second request asked for skip=1 and got it (and the next) again.
        expect(seen).toEqual(['', '?skip=2&top=2']);
      } finally {
        srv.closeAllConnections();
        await new Promise((r) => srv.close(r));
      }
    });
  }
});
