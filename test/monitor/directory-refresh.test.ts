// The directory and unavailable-code names a feed joins into its states (main/monitor/directory-refresh.ts),
// loaded from the simulated tenant over HTTP on 127.0.0.1 into a real roster: at start, again every
// DIRECTORY_REFRESH_MS (a fake clock for the schedule only; the requests are real), a failed load
// logged and tried again sooner, backing off, nothing left scheduled after stop().
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createDirectoryRefresh, DIRECTORY_REFRESH_MS, DIRECTORY_RETRY_MS, type DirectoryRefresh } from '../../main/monitor/directory-refresh';
import { createRoster, type Roster } from '../../main/monitor/roster';
import type { Logger } from '../../main/ports';
import { agent, FakeClock } from './fakes';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
let roster: Roster;
let clock: FakeClock;
let refresh: DirectoryRefresh;
let warnings: string[];
let codeLoads: number;

const loads = (path: string) => server.requests.filter((r) => r.path.endsWith(path)).length;
async function until(what: string, ok: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: 30, seed: 4 });
  server = await startSimulatorServer({ simulator: sim });
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'token', onUnauthorized: () => {} });
  roster = createRoster();
  clock = new FakeClock();
  warnings = [];
  codeLoads = 0;
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };
  refresh = createDirectoryRefresh({ client, roster, clock, logger, onCodes: () => void (codeLoads += 1) });
});
afterEach(async () => {
  refresh.stop();
  await server.stop();
});

describe('directory refresh', () => {
  it('loads names at start and joins them into states that lack them; code ids are found by name in any case', async () => {
    refresh.start();
    await until('the first load', () => codeLoads === 1);
    const someone = sim.agents[3]!;
    roster.applyDelta([agent(someone.agentId, { firstName: '', lastName: '', teamName: null, teamId: null })], { at: clock.now() });
    expect(roster.get(someone.agentId)).toMatchObject({ firstName: someone.firstName, lastName: someone.lastName, teamId: someone.teamId });
    const code = sim.unavailableCodes[1]!;
    expect(refresh.codeIdByName(code.outStateDescription.toUpperCase())).toBe(code.outStateId);
    expect(refresh.codeIdByName('no such code')).toBeNull();
    expect(roster.snapshot().unavailableCodes?.map((c) => c.id)).toEqual(expect.arrayContaining([code.outStateId]));
  });

  it('loads again every DIRECTORY_REFRESH_MS, not before', async () => {
    refresh.start();
    await until('the first load', () => codeLoads === 1);
    expect(loads('/agents')).toBe(1);
    await clock.advance(DIRECTORY_REFRESH_MS - 1);
    expect(loads('/agents')).toBe(1);
    await clock.advance(1);
    await until('the second load', () => codeLoads === 2);
    expect(loads('/agents')).toBe(2);
    expect(loads('/teams')).toBe(2);
  });

  it('a second start() adds no load and no second schedule', async () => {
    refresh.start();
    refresh.start();
    await until('the first load', () => codeLoads >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(loads('/agents')).toBe(1);
    await clock.advance(DIRECTORY_REFRESH_MS);
    await until('the reload', () => codeLoads >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(loads('/agents')).toBe(2);
    expect(clock.pending()).toBe(1);
  });

  it('a failed load is logged and tried again sooner, backing off, then at the usual period once it works', async () => {
    server.faults.add({ kind: 'status', status: 503, path: '/teams', count: 2 });
    refresh.start();
    await until('the warning', () => warnings.length === 1);
    expect(warnings[0]).toMatch(/could not load the agent directory/);
    expect(codeLoads).toBe(0);
    expect(clock.pending()).toBe(1);
    // The first retry after DIRECTORY_RETRY_MS[0], not before; it fails too.
    await clock.advance(DIRECTORY_RETRY_MS[0] - 1);
    expect(loads('/teams')).toBe(1);
    await clock.advance(1);
    await until('the second warning', () => warnings.length === 2);
    // The next wait is longer.
    await clock.advance(DIRECTORY_RETRY_MS[1] - 1);
    expect(loads('/teams')).toBe(2);
    await clock.advance(1);
    await until('the load after the failures', () => codeLoads === 1);
    expect(refresh.codeIdByName(sim.unavailableCodes[0]!.outStateDescription)).toBe(sim.unavailableCodes[0]!.outStateId);
    // Working again: back to the usual period, and a later failure starts the backoff over.
    await clock.advance(DIRECTORY_REFRESH_MS - 1);
    expect(loads('/teams')).toBe(3);
    server.faults.add({ kind: 'status', status: 503, path: '/teams', count: 1 });
    await clock.advance(1);
    await until('the third warning', () => warnings.length === 3);
    await clock.advance(DIRECTORY_RETRY_MS[0]);
    await until('the load after it', () => codeLoads === 2);
  });

  it('stop() leaves nothing scheduled and loads nothing more', async () => {
    refresh.start();
    await until('the first load', () => codeLoads === 1);
    refresh.stop();
    expect(clock.pending()).toBe(0);
    await clock.advance(3 * DIRECTORY_REFRESH_MS);
    expect(loads('/agents')).toBe(1);
  });
});
