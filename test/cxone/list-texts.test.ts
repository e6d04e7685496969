// A full list's pages share one copy of each repeated text (ListTexts, agent-states.ts; issue 15): the
// client reads a list of 4 pages from a loopback CXone whose team names recur on every page, and the
// states it returns hold each name once — measured as the heap they keep alive after a forced GC,
// against the same pages read each on its own (a copy per page). String identity cannot be seen from
// JavaScript, and the memory is the point: it is what the scavenger no longer copies and promotes.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { ListTexts, parseAgentStatesJson } from '../../main/cxone/schemas';
import { exposeGc } from '../harness/gc';

const PAGES = 4;
const PER_PAGE = 2_000;
/** Item i of every page is on team i: 2,000 names of 4 KB, each on all 4 pages (never twice on one). */
const NAME_CHARS = 4_000;
const teamName = (i: number) => `Team ${i} ${'x'.repeat(NAME_CHARS)}`;
const startOf = (i: number) => new Date(Date.UTC(2025, 0, 15, 8, 0, i % 3_600)).toISOString().replace('.000Z', 'Z');

function pageBody(page: number): string {
  const agentStates = Array.from({ length: PER_PAGE }, (_, i) => ({
    agentId: 40_100_000 + page * PER_PAGE + i,
    agentStateId: 2,
    agentStateName: 'Unavailable',
    outStateId: 101,
    outStateDescription: 'Coaching session',
    isACW: false,
    contactId: 0,
    skillName: '',
    mediaTypeName: '',
    startDate: startOf(i),
    lastUpdateTime: startOf(i),
    firstName: 'Ana',
    lastName: 'Example',
    userName: `agent.${page * PER_PAGE + i}@example.com`,
    teamId: 77_000 + i,
    teamName: teamName(i),
    businessUnitId: 4_600_123,
    isActive: true,
  }));
  return JSON.stringify({ totalRecords: PAGES * PER_PAGE, lastPollTime: '2025-01-15T09:00:00.000Z', agentStates });
}

let api = '';
let close: () => Promise<void> = async () => {};
const gc = exposeGc();

beforeAll(async () => {
  // Bodies are made per request and dropped after it, so the server keeps none of them alive.
  const srv = createServer((req, res) => {
    const skip = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('skip') ?? 0);
    res.setHeader('content-type', 'application/json');
    res.end(pageBody(Math.floor(skip / PER_PAGE)));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(srv.address() as { port: number }).port}/inContactAPI/services/v34.0`;
  close = async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
  };
});
afterAll(() => close());

/** MB of heap that what `read` returns keeps alive (forced full GCs before and after). */
async function retainedMb(read: () => Promise<unknown>): Promise<{ mb: number; kept: unknown }> {
  gc!();
  gc!();
  const before = process.memoryUsage().heapUsed;
  const kept = await read();
  gc!();
  gc!();
  return { mb: (process.memoryUsage().heapUsed - before) / 1e6, kept };
}

describe('ListTexts: one copy of each repeated text across a full list', () => {
  it.skipIf(!gc)('the client reads a 4-page list with each team name kept once, not once per page', async () => {
    const client = createCxoneClient({ baseUrl: api, getAccessToken: async () => 'token', onUnauthorized: () => {} });
    const shared = await retainedMb(() => client.getAgentStates({ top: PER_PAGE }));
    const perPage = await retainedMb(async () => {
      const states = [];
      for (let p = 0; p < PAGES; p++) states.push(...parseAgentStatesJson(pageBody(p), 'full-list').states);
      return states;
    });
    const r = shared.kept as Awaited<ReturnType<typeof client.getAgentStates>>;
    if (r.kind !== 'changes') throw new Error('expected the full list');
    // The same values either way: sharing changes how many copies there are, never what is read.
    expect(r.states).toEqual(perPage.kept);
    expect(r.states).toHaveLength(PAGES * PER_PAGE);
    expect(r.states[PER_PAGE + 7]!.teamName).toBe(teamName(7));
    expect(r.states[3 * PER_PAGE + 1]!.startDate).toBe(new Date(Date.UTC(2025, 0, 15, 8, 0, 1)).toISOString());
    // 2,000 names of 4 KB: ~8 MB once, ~32 MB as a copy per page (plus the states themselves, ~2 MB).
    expect(perPage.mb).toBeGreaterThan(PAGES * PER_PAGE * NAME_CHARS * 0.9 / 1e6);
    expect(shared.mb).toBeLessThan(perPage.mb * 0.5);
  });

  // Values only (the test above sees the sharing): past its limit as before it, share() returns the text it was given.
  it('share never changes a value, before and past its limit; null and short texts pass as they are', () => {
    const texts = new ListTexts();
    const long = 'Support team for enterprise accounts';
    expect(texts.share(null)).toBeNull();
    expect(texts.share('Chat')).toBe('Chat');
    for (let i = 0; i < 10_000; i++) expect(texts.share(`${long} ${i % 50}`)).toBe(`${long} ${i % 50}`);
    // Past its limit it stops remembering rather than grow, and still returns the text unchanged.
    for (let i = 0; i < 10_000; i++) expect(texts.share(`${long} #${i}`)).toBe(`${long} #${i}`);
  });
});
