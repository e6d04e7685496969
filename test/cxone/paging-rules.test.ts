// The paging rules of main/cxone/paging.ts (collectPages / readDeltaList) through the real client
// (getAgentStates) against a loopback server on 127.0.0.1 answering crafted agents/states pages, each
// checked against NICE's v34 schema: where paging stops, which links it follows and how it resolves
// them, and when it calls a list incomplete — by the items, the requests and the complete flag.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { validateAgainstContract } from '../harness/contract';

const B = '/inContactAPI/services/v34.0';
const STATES = `${B}/agents/states`;
const CONTRACT_KEY = `GET ${STATES}`;
const POLL = '2026-12-01T10:00:00.000Z';

/** An agent as v34 agents/states lists it (CXONE-API.md §5; values invented). */
function agent(agentId: number) {
  return {
    agentId,
    agentStateId: 1,
    agentStateName: 'Available',
    businessUnitId: 4600000,
    contactId: 0,
    isActive: true,
    isACW: false,
    isOutbound: false,
    firstName: `Agent${agentId}`,
    lastName: 'Example',
    userName: `agent${agentId}@example.com`,
    outStateId: 0,
    outStateDescription: '',
    skillId: 0,
    skillName: '',
    startDate: '2026-12-01T09:00:00.000Z',
    lastUpdateTime: '2026-12-01T09:00:00.000Z',
    teamId: 77001,
    teamName: 'Support Tier 1',
    mediaTypeId: 0,
    mediaTypeName: '',
    openContacts: 0,
  };
}

/** A v34 agents/states page; it must honour the published schema, so the client is tested on real shapes. */
function page(ids: number[], totalRecords: number, next?: string) {
  const body = { totalRecords, _links: next === undefined ? {} : { next }, lastPollTime: POLL, agentStates: ids.map(agent) };
  expect(validateAgainstContract(CONTRACT_KEY, 200, body)).toEqual([]);
  return body;
}

type Answer = { status: number; body?: unknown };
interface Crafted {
  /** Every request's path and query, in order. */
  seen: string[];
  /** http://127.0.0.1:port */
  origin: string;
  api: string;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

/** A loopback CXone that answers each request (path and query) as `answer` says; anything else is 404. */
async function crafted(answer: (pathAndQuery: string, origin: string) => Answer | undefined): Promise<Crafted> {
  const seen: string[] = [];
  let origin = '';
  const srv = createServer((req, res) => {
    const at = req.url ?? '/';
    seen.push(at);
    const a = answer(at, origin) ?? { status: 404 };
    res.statusCode = a.status;
    if (a.body === undefined) return void res.end();
    res.setHeader('content-type', 'application/json');
    res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
  open.push(async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  });
  return { seen, origin, api: `${origin}${B}` };
}

/** A server from a table of path-and-query → answer (a body is a 200). */
const routes = (table: (origin: string) => Record<string, Answer | object>) =>
  crafted((at, origin) => {
    const a = table(origin)[at];
    if (a === undefined) return undefined;
    return 'status' in a ? (a as Answer) : { status: 200, body: a };
  });

const client = (api: string) => createCxoneClient({ baseUrl: api, getAccessToken: async () => 'token', onUnauthorized: () => {} });

async function changes(api: string, query: Parameters<ReturnType<typeof client>['getAgentStates']>[0] = {}) {
  const r = await client(api).getAgentStates(query);
  if (r.kind !== 'changes') throw new Error(`expected changes, got ${r.kind}`);
  return { ...r, ids: r.states.map((s) => s.agentId) };
}

describe('paging.ts rules, over real HTTP', () => {
  it('rule 1: an empty page that still links onward ends the paging, and the list is incomplete', async () => {
    const s = await routes(() => ({
      [`${STATES}?top=2`]: page([1, 2], 5, `${STATES}?top=2&skip=2`),
      [`${STATES}?top=2&skip=2`]: page([], 5, `${STATES}?top=2&skip=4`),
      // Never to be asked: the empty page ended the list, though the rest waits behind its link.
      [`${STATES}?top=2&skip=4`]: page([3, 4, 5], 5),
    }));
    const r = await changes(s.api, { top: 2 });
    expect(s.seen).toEqual([`${STATES}?top=2`, `${STATES}?top=2&skip=2`]);
    expect(r.ids).toEqual([1, 2]);
    expect(r.pages).toBe(2);
    expect(r.totalRecords).toBe(5);
    expect(r.complete).toBe(false);
    expect(r.incompleteReason).toBe('CXone said totalRecords 5 but sent 2 after 2 pages.');
  });

  for (const [name, query] of [
    ['a delta', { updatedSince: '2026-12-01T09:59:55.000Z' }],
    ['a full list', {}],
  ] as const) {
    it(`rule 1, first page: an empty first page of ${name} that links on while totalRecords says more is incomplete, not "no change"`, async () => {
      // Read as "no change", a delta's changes behind the link were lost: the next delta asks from this lastPollTime.
      const s = await crafted((at) => {
        const path = new URL(at, 'http://x').pathname;
        if (path === STATES) return { status: 200, body: page([], 3, `${STATES}/cursor/p2`) };
        if (path === `${STATES}/cursor/p2`) return { status: 200, body: page([1, 2, 3], 3) };
        return undefined;
      });
      const r = await client(s.api).getAgentStates(query);
      expect(s.seen).toHaveLength(1);
      expect(r).toEqual({ kind: 'changes', states: [], lastPollTime: POLL, totalRecords: 3, pages: 1, status: 200, complete: false, incompleteReason: 'CXone said totalRecords 3 but sent 0 after 1 page.' });
    });
  }

  it('an empty first page with no next link stays "no change" (CXONE-API.md §3: 200-empty), whatever totalRecords says', async () => {
    // What a delta's totalRecords counts is not documented; only a link onward says this list has more.
    for (const total of [0, 3]) {
      const s = await routes(() => ({ [`${STATES}?updatedSince=2026-12-01T09%3A59%3A55.000Z`]: page([], total) }));
      const r = await client(s.api).getAgentStates({ updatedSince: '2026-12-01T09:59:55.000Z' });
      expect(r).toEqual({ kind: 'no-change', lastPollTime: POLL, status: 200 });
    }
  });

  it('rule 2: a next link is not followed once totalRecords items are in, on the first page or a later one', async () => {
    // One page that already holds all three agents, yet links on.
    const one = await routes(() => ({
      [STATES]: page([1, 2, 3], 3, `${STATES}?skip=3`),
      [`${STATES}?skip=3`]: page([99], 3),
    }));
    const r1 = await changes(one.api);
    expect(one.seen).toEqual([STATES]);
    expect([r1.ids, r1.pages, r1.complete, r1.incompleteReason]).toEqual([[1, 2, 3], 1, true, undefined]);

    // The second page completes the list and links on all the same.
    const two = await routes(() => ({
      [`${STATES}?top=2`]: page([1, 2], 3, `${STATES}?top=2&skip=2`),
      [`${STATES}?top=2&skip=2`]: page([3], 3, `${STATES}?top=2&skip=4`),
      [`${STATES}?top=2&skip=4`]: page([99], 3),
    }));
    const r2 = await changes(two.api, { top: 2 });
    expect(two.seen).toEqual([`${STATES}?top=2`, `${STATES}?top=2&skip=2`]);
    expect([r2.ids, r2.pages, r2.complete]).toEqual([[1, 2, 3], 2, true]);
  });

  it("rule 3: a relative next link on page 2 resolves against page 2's own URL, not the first page's", async () => {
    // Page 2 lives under another path than page 1; its link "p3?top=2" means …/cursor/p3, while
    // against page 1 it would mean …/agents/p3 — a decoy that lists other agents and the same total.
    const s = await routes(() => ({
      [`${STATES}?top=2`]: page([1, 2], 6, `${STATES}/cursor/p2?top=2`),
      [`${STATES}/cursor/p2?top=2`]: page([3, 4], 6, 'p3?top=2'),
      [`${STATES}/cursor/p3?top=2`]: page([5, 6], 6),
      [`${B}/agents/p3?top=2`]: page([90, 91], 6),
    }));
    const r = await changes(s.api, { top: 2 });
    expect(s.seen).toEqual([`${STATES}?top=2`, `${STATES}/cursor/p2?top=2`, `${STATES}/cursor/p3?top=2`]);
    expect([r.ids, r.pages, r.complete]).toEqual([[1, 2, 3, 4, 5, 6], 3, true]);
  });

  for (const [name, blank] of [
    ['204 No Content', { status: 204 }],
    ['304 Not Modified', { status: 304 }],
    ['200 with an empty body', { status: 200, body: '' }],
    ['200 with a blank body', { status: 200, body: ' \r\n' }],
  ] as const) {
    it(`rule 4: a ${name} in the middle of the list stops paging; the list is incomplete and nothing throws`, async () => {
      const s = await routes(() => ({
        [`${STATES}?top=2`]: page([1, 2], 6, `${STATES}?skip=2&top=2`),
        [`${STATES}?skip=2&top=2`]: blank,
        // Never to be asked: neither the page after the blank one nor our own top/skip pages.
        [`${STATES}?skip=4&top=2`]: page([5, 6], 6),
        [`${STATES}?top=2&skip=2`]: page([3, 4], 6),
        [`${STATES}?top=2&skip=4`]: page([5, 6], 6),
      }));
      const r = await changes(s.api, { top: 2 });
      expect(s.seen).toEqual([`${STATES}?top=2`, `${STATES}?skip=2&top=2`]);
      expect(r.ids).toEqual([1, 2]);
      expect(r.pages).toBe(2);
      expect(r.complete).toBe(false);
      expect(r.incompleteReason).toBe('CXone said totalRecords 6 but sent 2 after 2 pages.');
    });
  }

  it('rule 5: the own-host top/skip fallback never asks for a URL already asked for; the list is incomplete', async () => {
    // The server caps pages at 2 agents yet links on by the top asked for (4): its link to skip=4 is
    // exactly the URL our fallback builds after page 2, so the fallback must not ask it again.
    const s = await routes((origin) => ({
      [`${STATES}?top=4`]: page([1, 2], 8, `${origin}${STATES}?top=4&skip=4`),
      [`${STATES}?top=4&skip=4`]: page([5, 6], 8),
      [`${STATES}?top=4&skip=6`]: page([7, 8], 8),
    }));
    const r = await changes(s.api, { top: 4 });
    expect(s.seen).toEqual([`${STATES}?top=4`, `${STATES}?top=4&skip=4`]);
    expect(new Set(s.seen).size).toBe(s.seen.length);
    expect([r.ids, r.pages, r.complete]).toEqual([[1, 2, 5, 6], 2, false]);
    expect(r.incompleteReason).toBe('CXone said totalRecords 8 but sent 4 after 2 pages.');
  });

  it('rule 5: a server that ignores skip costs a bounded number of requests, and the repeats do not make the list whole', async () => {
    // Every request, whatever its skip, answers the same two agents of six, with no next link.
    const s = await crafted((at) => (at.startsWith(STATES) ? { status: 200, body: page([1, 2], 6) } : undefined));
    const r = await changes(s.api);
    expect(s.seen).toEqual([STATES, `${STATES}?skip=2&top=2`, `${STATES}?skip=4&top=2`]);
    expect([r.ids, r.pages, r.complete]).toEqual([[1, 2], 3, false]);
    expect(r.incompleteReason).toBe('CXone said totalRecords 6 but sent 2 after 3 pages.');
  });
});

describe('GET teams is a paged list too (v34: totalRecords, _links.next, top/skip)', () => {
  const TEAMS = `${B}/teams`;
  const teamsPage = (ids: number[], totalRecords: number, next?: string) => {
    const body = { totalRecords, _links: next === undefined ? {} : { next }, teams: ids.map((teamId) => ({ teamId, teamName: `Team ${teamId} North`, isActive: true })) };
    expect(validateAgainstContract(`GET ${TEAMS}`, 200, body)).toEqual([]);
    return body;
  };

  it("follows _links.next, else top/skip, so teams past the first page keep their names; each team once", async () => {
    const s = await routes(() => ({
      [TEAMS]: teamsPage([1, 2], 5, `${TEAMS}?skip=2&top=2`),
      // Overlaps the first page: team 2 comes again, renamed.
      [`${TEAMS}?skip=2&top=2`]: { ...teamsPage([2, 3], 5), teams: [{ teamId: 2, teamName: 'Team 2 renamed' }, { teamId: 3, teamName: 'Team 3 North' }] },
      [`${TEAMS}?skip=4&top=2`]: teamsPage([4, 5], 5),
    }));
    const teams = await client(s.api).getTeams();
    expect(s.seen).toEqual([TEAMS, `${TEAMS}?skip=2&top=2`, `${TEAMS}?skip=4&top=2`]);
    expect(teams.map((t) => [t.teamId, t.teamName])).toEqual([[1, 'Team 1 North'], [2, 'Team 2 renamed'], [3, 'Team 3 North'], [4, 'Team 4 North'], [5, 'Team 5 North']]);
  });
});

describe('paging.ts: counts, wholeness and the log, over real HTTP', () => {
  /** A page with one item the reader cannot read (no agentId) after the readable ones. */
  const withUnreadable = (ids: number[], totalRecords: number, next?: string) => {
    const body = page(ids, totalRecords, next);
    return { ...body, agentStates: [...body.agentStates, { agentStateId: 1, agentStateName: 'Available' }] };
  };

  it('without totalRecords, next links are followed to the end (nothing says the list is short)', async () => {
    const bare = (ids: number[], next?: string) => {
      const { totalRecords: _omit, ...body } = page(ids, 0, next);
      return body;
    };
    const s = await routes(() => ({ [STATES]: bare([1, 2], `${STATES}?skip=2`), [`${STATES}?skip=2`]: bare([3], `${STATES}?skip=3`), [`${STATES}?skip=3`]: bare([4]) }));
    const r = await changes(s.api);
    expect([r.ids, r.pages, r.complete, r.totalRecords]).toEqual([[1, 2, 3, 4], 3, true, null]);
  });

  it('items left out on several pages add up, the first reason kept; all sent yet unreadable is why the list is partial', async () => {
    const logged: [string, Record<string, unknown> | undefined][] = [];
    const logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (m: string, d?: Record<string, unknown>) => void logged.push([m, d]) };
    const s = await routes(() => ({ [`${STATES}?top=3`]: withUnreadable([1, 2], 6, `${STATES}?top=3&skip=3`), [`${STATES}?top=3&skip=3`]: withUnreadable([3, 4], 6) }));
    const r = await createCxoneClient({ baseUrl: s.api, getAccessToken: async () => 'token', onUnauthorized: () => {}, logger }).getAgentStates({ top: 3 });
    if (r.kind !== 'changes') throw new Error(r.kind);
    expect(r.states.map((x) => x.agentId)).toEqual([1, 2, 3, 4]);
    expect(r.leftOut).toEqual({ count: 2, firstReason: 'agentStates[2].agentId is missing' });
    expect(r.complete).toBe(false);
    expect(r.incompleteReason).toBe('2 items could not be read (agentStates[2].agentId is missing).');
    // The log says so once per page that left items out, with the endpoint.
    expect(logged.filter(([m]) => m === 'cxone items left out').map(([, d]) => d)).toEqual([
      { endpoint: expect.stringContaining('agents/states'), count: 1, firstReason: 'agentStates[2].agentId is missing' },
      { endpoint: expect.stringContaining('agents/states'), count: 1, firstReason: 'agentStates[2].agentId is missing' },
    ]);
  });

  it('the first page only (followPages: false) still says what it left out', async () => {
    const s = await routes(() => ({ [`${STATES}?top=3`]: withUnreadable([1, 2], 6, `${STATES}?top=3&skip=3`) }));
    const r = await changes(s.api, { top: 3, followPages: false });
    expect(s.seen).toHaveLength(1);
    expect([r.ids, r.pages, r.leftOut]).toEqual([[1, 2], 1, { count: 1, firstReason: 'agentStates[2].agentId is missing' }]);
  });

  it('a first answer with a blank body, or an empty page whose link leads past totalRecords, is "no change"', async () => {
    const since = '2026-12-01T09:59:55.000Z';
    const q = `${STATES}?updatedSince=2026-12-01T09%3A59%3A55.000Z`;
    const blank = await routes(() => ({ [q]: { status: 200, body: '' } }));
    expect(await client(blank.api).getAgentStates({ updatedSince: since })).toEqual({ kind: 'no-change', lastPollTime: null, status: 200 });
    for (const [total, skip] of [[0, 0], [3, 3]] as const) {
      const s = await routes(() => ({ [`${q}&skip=${skip}`]: page([], total, `${STATES}?skip=${skip + 2}`) }));
      expect(await client(s.api).getAgentStates({ updatedSince: since, skip })).toEqual({ kind: 'no-change', lastPollTime: POLL, status: 200 });
    }
  });
});
