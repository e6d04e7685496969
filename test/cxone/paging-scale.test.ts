// Reading a big business unit (issue 15): the client sends the fields projection and a bounded top,
// follows every page, and lets the event loop run between pages — shown by ordering, not by timing:
// a timer set while the first page is read fires before the last page is asked for, even when every
// answer is already in memory (the simulated tenant's real pages, served again without a network wait).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_STATE_FIELDS } from '../../main/cxone/agent-states';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import type { FetchLike } from '../../main/ports';

const N = 100_000;
const TOP = 1000;
let server: SimulatorServer;
/** The first test's pages by URL, served again from memory by the second. */
const pages = new Map<string, string>();

beforeAll(async () => {
  server = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: N, seed: 15 }) });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const client = (fetch?: FetchLike) =>
  createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'token', onUnauthorized: () => {}, timeoutMs: 60_000, ...(fetch ? { fetch } : {}) });

describe('paging a big list', () => {
  it('sends the fields projection and top on every page, and the answers carry only those fields', { timeout: 120_000 }, async () => {
    const seen: URL[] = [];
    const bodies: string[] = [];
    const recording: FetchLike = async (input, init) => {
      seen.push(new URL(String(input)));
      const res = await fetch(input, init);
      const text = await res.text();
      bodies.push(text);
      pages.set(String(input), text);
      return new Response(text, { status: res.status, headers: res.headers });
    };
    const r = await client(recording).getAgentStates({ fields: AGENT_STATE_FIELDS, top: TOP });
    expect(r.kind).toBe('changes');
    if (r.kind !== 'changes') return;
    expect(r.states).toHaveLength(N);
    expect(r.complete).toBe(true);
    expect(seen).toHaveLength(N / TOP);
    for (const u of seen) {
      expect(u.searchParams.get('fields')).toBe(AGENT_STATE_FIELDS.join(','));
      expect(u.searchParams.get('top')).toBe(String(TOP));
    }
    const item = (JSON.parse(bodies[0]!) as { agentStates: Record<string, unknown>[] }).agentStates[0]!;
    for (const k of Object.keys(item)) expect(AGENT_STATE_FIELDS).toContain(k);
    expect(bodies.every((b) => b.length < 1_000_000)).toBe(true);
  });

  it('lets a timer run between pages even when every page is already in memory', { timeout: 120_000 }, async () => {
    // The pages the first test read for real, served again from memory: no network wait between pages.
    expect(pages.size).toBe(N / TOP);
    const query = { fields: AGENT_STATE_FIELDS, top: TOP };

    const order: string[] = [];
    let timerSet = false;
    const fromMemory: FetchLike = async (input) => {
      const text = pages.get(String(input));
      if (text === undefined) throw new Error(`not read before: ${String(input)}`);
      const skip = new URL(String(input)).searchParams.get('skip') ?? '0';
      order.push(`page ${skip}`);
      if (!timerSet) {
        timerSet = true;
        setTimeout(() => order.push('timer'), 0);
      }
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const r = await client(fromMemory).getAgentStates(query);
    expect(r.kind === 'changes' && r.states.length).toBe(N);
    const timerAt = order.indexOf('timer');
    expect(timerAt).toBeGreaterThan(0);
    // The timer ran while pages were still being read, not after the whole list.
    expect(timerAt).toBeLessThan(order.length - 1);
  });
});
