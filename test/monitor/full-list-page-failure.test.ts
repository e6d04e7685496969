// A full list that fails on a later page changes nothing (issue 15: pages of 1,000 are read, and only a
// whole read reaches the roster): the real live feed, client and poller against a small agents/states
// server on 127.0.0.1 whose second page can be made to answer 500. Then a whole read retires whom the
// list left out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { createLiveFeed, type LiveFeed } from '../../main/monitor/live-feed';
import { DEFAULT_PAGE_SIZE } from '../../main/monitor/poller';
import { silentLogger, systemClock } from '../../main/ports';
import { defaultSettings } from '../../main/settings/schema';
import { until } from '../harness/until';

const N = 2 * DEFAULT_PAGE_SIZE + 500;
const item = (agentId: number, onBreak: boolean) => ({
  agentId,
  agentStateId: onBreak ? 2 : 1,
  agentStateName: onBreak ? 'Unavailable' : 'Available',
  outStateId: onBreak ? 12 : 0,
  outStateDescription: onBreak ? 'Break' : '',
  firstName: 'Agent',
  lastName: String(agentId),
  startDate: '2025-01-15T14:00:00Z',
});

let server: Server | null = null;
let feed: LiveFeed | null = null;
afterEach(async () => {
  feed?.stop();
  feed = null;
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = null;
});

describe('a full list read in pages', () => {
  it('leaves the roster as it was when a later page fails, and retires the left-out only after a whole read', { timeout: 60_000 }, async () => {
    let items = Array.from({ length: N }, (_, i) => item(i + 1, false));
    let failing = false;
    const asked: string[] = [];
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (!u.pathname.endsWith('/agents/states')) return void res.writeHead(404).end();
      const skip = Number(u.searchParams.get('skip') ?? 0);
      asked.push(u.searchParams.has('updatedSince') ? 'delta' : `full:${skip}`);
      // Deltas fail while failing (the poller then catches up with a full list); so does a full list's second page.
      if (failing && (u.searchParams.has('updatedSince') || skip > 0)) return void res.writeHead(500).end();
      if (u.searchParams.has('updatedSince')) return void res.writeHead(204).end();
      const top = Number(u.searchParams.get('top') ?? N);
      const body = { totalRecords: items.length, lastPollTime: '2025-01-15T14:00:00.000Z', agentStates: items.slice(skip, skip + top), _links: {} };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/inContactAPI/services/v34.0`;
    const client = createCxoneClient({ baseUrl: base, getAccessToken: async () => 'token', onUnauthorized: () => {}, timeoutMs: 30_000 });
    feed = createLiveFeed({ client, clock: systemClock, logger: silentLogger, settings: defaultSettings(), meAgentId: null });
    let failures = 0;
    feed.onStatus((st) => void (st.kind === 'backing-off' && failures++));
    feed.start();
    await until('the first list', () => feed!.snapshot().agents.length === N, 30_000);

    // The next list: agents 1–300 gone, everyone else on break — but its second page fails.
    items = items.slice(300).map((a) => item(a.agentId, true));
    failing = true;
    feed.refreshNow();
    await until('the delta to fail', () => failures === 1, 20_000);
    asked.length = 0;
    feed.wake();
    await until('the full list to fail on its second page', () => failures === 2, 20_000);
    expect(asked).toEqual(['full:0', `full:${DEFAULT_PAGE_SIZE}`]);
    const kept = feed.snapshot().agents;
    expect(kept).toHaveLength(N);
    expect(kept.every((a) => a.stateId === 1)).toBe(true);

    failing = false;
    feed.wake();
    await until('the whole list', () => feed!.snapshot().agents.find((a) => a.agentId === N)?.stateId === 2, 30_000);
    const after = new Map(feed.snapshot().agents.map((a) => [a.agentId, a]));
    expect([...after.values()].filter((a) => a.stateId === 0).map((a) => a.agentId)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(after.get(301)!.stateId).toBe(2);
  });
});
