// Runs the real pipeline against the real simulated tenant: ContactCenterSimulator → its HTTP server
// on 127.0.0.1 → the CXone client → poller → roster. The poller's clock reads the simulator's time and
// its timers never fire on their own: each poll is started by the test (refreshNow), so a test can
// run hours of simulated time in seconds and look at the truth between polls.
import { createCxoneClient } from '../../main/cxone/client';
import type { GetAgentStatesQuery } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from '../../main/demo/server';
import { ContactCenterSimulator, type SimulatorOptions } from '../../main/demo/simulator';
import { createPoller, type Poller, type PollResult } from '../../main/monitor/poller';
import { createRoster, type Roster } from '../../main/monitor/roster';
import type { AgentChange } from '../../main/monitor/status';
import type { Clock, TimerHandle } from '../../main/ports';
import { settle } from './fakes';

/** Now is the simulator's time; timers are kept (so stop() can be checked) but never fire. */
export class SimDrivenClock implements Clock {
  private seq = 0;
  readonly timers = new Set<number>();
  constructor(private readonly sim: ContactCenterSimulator) {}
  now(): number {
    return this.sim.now();
  }
  setTimeout(_fn: () => void, _ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.add(id);
    return id as unknown as TimerHandle;
  }
  clearTimeout(h: TimerHandle): void {
    this.timers.delete(h as unknown as number);
  }
}

export interface Pipeline {
  sim: ContactCenterSimulator;
  server: SimulatorServer;
  poller: Poller;
  roster: Roster;
  clock: SimDrivenClock;
  /** Starts one poll and waits until its answer (or error) has been handled. */
  pollOnce(): Promise<{ ok: boolean; result: PollResult | null; changes: AgentChange[] }>;
  close(): Promise<void>;
}

export async function startPipeline(
  simOpts: SimulatorOptions,
  serverOpts: Partial<Omit<SimulatorServerOptions, 'simulator'>> = {},
  resyncMs = 5 * 60_000,
): Promise<Pipeline> {
  const sim = new ContactCenterSimulator(simOpts);
  const server = await startSimulatorServer({ simulator: sim, ...serverOpts });
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'test-token', onUnauthorized: () => {} });
  const clock = new SimDrivenClock(sim);
  let lastCall: Promise<boolean> = Promise.resolve(true);
  const source = {
    getAgentStates(q?: GetAgentStatesQuery) {
      const p = client.getAgentStates(q);
      lastCall = p.then(
        () => true,
        () => false,
      );
      return p;
    },
  };
  // The server's own page size (defaultPageSize) is what the property varies: no top of our own; and the
  // safety resync at resyncMs exactly, so periodic resyncs happen within a short run.
  const poller = createPoller({ source, clock, intervalMs: 10_000, resyncMs, resyncMsPer10kAgents: 0, pageSize: null, random: () => 0.5 });
  const roster = createRoster();
  let result: PollResult | null = null;
  let changes: AgentChange[] = [];
  poller.onResult((r) => {
    result = r;
    changes = roster.applyPollResult(r);
  });
  let started = false;
  return {
    sim,
    server,
    poller,
    roster,
    clock,
    async pollOnce() {
      result = null;
      changes = [];
      if (started) poller.refreshNow();
      else {
        started = true;
        poller.start();
      }
      const ok = await lastCall;
      await settle();
      return { ok, result, changes };
    },
    async close() {
      poller.stop();
      await server.stop();
    },
  };
}
