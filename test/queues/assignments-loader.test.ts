// Who has which skill (main/queues/assignments-loader.ts), against the simulated tenant over HTTP on
// 127.0.0.1 with the fake clock: loaded once, reloaded every 30 minutes, retried 5 minutes after a
// failure, held while the tenant's request budget says wait, and never asked again once refused.
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createRequestBudget } from '../../main/monitor/request-budget';
import { silentLogger } from '../../main/ports';
import { createAssignmentsLoader } from '../../main/queues/assignments-loader';
import { until } from '../harness/until';
import { FakeClock } from '../monitor/fakes';

const MIN = 60_000;
/** Real time for a request the fake clock may have let go to reach the server (before a "not asked"). */
const settleHttp = () => new Promise((r) => setTimeout(r, 150));
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setUp() {
  const sim = new ContactCenterSimulator({ agents: 30, seed: 4, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
  const server: SimulatorServer = await startSimulatorServer({ simulator: sim });
  const clock = new FakeClock(sim.now());
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {}, clock });
  const budget = createRequestBudget(clock);
  let changes = 0;
  const loader = createAssignmentsLoader({ client, clock, logger: silentLogger, budget, onChange: () => (changes += 1) });
  cleanup.push(() => loader.stop(), () => server.stop());
  // Loads, not requests: a load may follow its list over more than one page.
  const asked = () => server.requests.filter((r) => r.path.endsWith('/skills/agents') && !new URLSearchParams(r.query).get('skip')).length;
  return { server, clock, budget, loader, asked, changes: () => changes };
}

describe('skill assignments loader', () => {
  it('loads once, reloads after 30 minutes, and retries 5 minutes after a failure', async () => {
    const { server, clock, loader, asked, changes } = await setUp();
    loader.start();
    await until('the first load', () => loader.agentsOf() !== null);
    expect(asked()).toBe(1);
    expect(changes()).toBe(1);
    expect([...loader.agentsOf()!.values()].some((ids) => ids.length > 0)).toBe(true);
    loader.start(); // already loaded: no second request
    await clock.advance(29 * MIN);
    await settleHttp();
    expect(asked()).toBe(1);
    server.faults.add({ kind: 'status', status: 500, path: 'skills/agents', count: 1 });
    await clock.advance(1 * MIN);
    await until('the reload, refused with a 500', () => asked() === 2 && changes() === 2);
    // The map from before is kept while the retry waits.
    expect(loader.agentsOf()).not.toBeNull();
    await clock.advance(4 * MIN);
    await settleHttp();
    expect(asked()).toBe(2);
    await clock.advance(1 * MIN);
    await until('the retry', () => asked() === 3 && changes() === 3);
    expect(loader.refused()).toBe(false);
  });

  it('a second start() while the first load is out asks nothing more, then or on any reload', async () => {
    const { server, clock, loader, asked } = await setUp();
    // The queue feed restarts polling when its skill scope goes off and on again, which can come before the first answer.
    server.faults.add({ kind: 'slow', delayMs: 200, path: 'skills/agents', count: 1 });
    loader.start();
    loader.start();
    await until('the first load', () => loader.agentsOf() !== null);
    await settleHttp();
    expect(asked()).toBe(1);
    await clock.advance(30 * MIN);
    await until('the reload', () => asked() === 2);
    await settleHttp();
    // One load in flight made one timer: exactly one reload, not one per start().
    expect(asked()).toBe(2);
  });

  it('waits while the request budget holds, then loads', async () => {
    const { clock, budget, loader, asked } = await setUp();
    budget.hold(2 * MIN, true);
    loader.start();
    await clock.advance(2 * MIN - 1_000);
    await settleHttp();
    expect(asked()).toBe(0);
    await clock.advance(1_000);
    await until('the load after the hold', () => loader.agentsOf() !== null);
    expect(asked()).toBe(1);
  });

  it('a refusal (403) is final: unknown agents, and never asked again', async () => {
    const { server, clock, loader, asked, changes } = await setUp();
    server.faults.add({ kind: 'status', status: 403, path: 'skills/agents' });
    loader.start();
    await until('the refusal', () => loader.refused());
    expect(loader.agentsOf()).toBeNull();
    expect(changes()).toBe(1);
    await clock.advance(3 * 60 * MIN);
    loader.start();
    await settleHttp();
    expect(asked()).toBe(1);
  });

  // Found by a mutation review of main/queues/assignments-loader.ts: stop() and a start() while a retry waits had no test.
  it('a start() while a failed first load waits to retry asks nothing until the retry', async () => {
    const { server, clock, loader, asked, changes } = await setUp();
    server.faults.add({ kind: 'status', status: 500, path: 'skills/agents', count: 1 });
    loader.start();
    await until('the failed load', () => changes() === 1);
    expect(loader.agentsOf()).toBeNull();
    loader.start();
    await settleHttp();
    expect(asked()).toBe(1);
    await clock.advance(5 * MIN);
    await until('the retry', () => loader.agentsOf() !== null);
    expect(asked()).toBe(2);
  });

  it('stopped while a load is out (a tenant switched away): its answer, good or bad, is dropped and nothing more is planned', async () => {
    for (const fails of [false, true]) {
      const { server, clock, loader, asked, changes } = await setUp();
      server.faults.add({ kind: 'slow', delayMs: 200, path: 'skills/agents', count: 1 });
      if (fails) server.faults.add({ kind: 'status', status: 500, path: 'skills/agents', count: 1 });
      loader.start();
      await until('the load is out', () => server.stats.total > 0);
      loader.stop();
      await until('the answer', () => server.stats.inFlight === 0);
      await settleHttp();
      expect(changes()).toBe(0);
      expect(loader.agentsOf()).toBeNull();
      expect(clock.pending()).toBe(0);
      await clock.advance(60 * MIN);
      await settleHttp();
      expect(asked()).toBe(1);
    }
  });

  it('stopped after a load: the reload timer goes with it', async () => {
    const { clock, loader, asked } = await setUp();
    loader.start();
    await until('the first load', () => loader.agentsOf() !== null);
    expect(clock.pending()).toBe(1);
    loader.stop();
    expect(clock.pending()).toBe(0);
    await clock.advance(60 * MIN);
    await settleHttp();
    expect(asked()).toBe(1);
  });
});
