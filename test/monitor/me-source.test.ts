// The "me" scope's single-agent source, driven by the real poller and roster, through the real client
// and the real simulator server on 127.0.0.1. The poller's clock is the simulator's and its timers
// never fire: every poll is started by the test, so counts of requests and changes are exact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { CxoneError } from '../../main/cxone/errors';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createMeSource, isNoAgentRecordError, NoAgentRecordError } from '../../main/monitor/me-source';
import { createPoller, type Poller, type PollResult } from '../../main/monitor/poller';
import { createRoster, type Roster } from '../../main/monitor/roster';
import type { AgentChange, RosterDelta } from '../../main/monitor/status';
import { until } from '../harness/until';
import { settle } from './fakes';
import { SimDrivenClock } from './sim-harness';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
let poller: Poller;
let roster: Roster;
let clock: SimDrivenClock;
let results: PollResult[];
let changes: AgentChange[][];
let deltas: RosterDelta[];
let me: number;
let settled = 0;

function setUp(agentId: number): void {
  const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'test-token', onUnauthorized: () => {} });
  clock = new SimDrivenClock(sim);
  const source = createMeSource({ client, agentId });
  settled = 0;
  // Counts answered calls (success or error), so a test knows when the poller has handled one.
  const counted = {
    getAgentStates: () =>
      source.getAgentStates().finally(() => {
        settled += 1;
      }),
  };
  poller = createPoller({ source: counted, clock, intervalMs: 10_000, random: () => 0.5 });
  roster = createRoster();
  results = [];
  changes = [];
  deltas = [];
  poller.onResult((r) => {
    results.push(r);
    roster.applyPollResult(r);
  });
  roster.onChanges((c) => changes.push(c));
  roster.onDelta((d) => deltas.push(d));
}

/** Starts (first time) or refreshes the poller and waits until its answer or error was handled. */
async function pollOnce(first = false): Promise<void> {
  const before = settled;
  if (first) poller.start();
  else poller.refreshNow();
  await until('the poll to be answered', () => settled > before);
  await settle();
}

const statePolls = () => server.requests.filter((r) => r.path.endsWith(`/agents/${me}/states`)).length;

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: 40, seed: 5 });
  me = sim.agents[7]!.agentId;
  server = await startSimulatorServer({ simulator: sim });
});
afterEach(async () => {
  poller.stop();
  await server.stop();
});

describe('me source (single agent)', () => {
  it('polls only /agents/{id}/states and yields exactly one change per transition, none when nothing changed', async () => {
    setUp(me);
    sim.forceState(me, { state: 'Available' });
    await pollOnce(true);
    expect(results[0]).toMatchObject({ kind: 'snapshot', reason: 'start', baseline: true });
    // agents/{id}/states carries no userName (cxone-contract); the rest is the agent's state.
    expect(roster.snapshot().agents).toEqual([{ ...sim.agentState(me), userName: null }]);
    expect(changes).toHaveLength(1);

    // Nothing happened: the answer is the same state again, the roster says nothing.
    for (let i = 0; i < 3; i++) await pollOnce();
    expect(results.slice(1).every((r) => r.kind === 'delta' && r.states.length === 1)).toBe(true);
    expect(changes).toHaveLength(1);
    expect(deltas).toHaveLength(1);

    // Each transition: exactly one change, from the old state to the new one.
    const path: Array<Parameters<ContactCenterSimulator['forceState']>[1]> = [
      { state: 'Unavailable', code: 'Lunch' },
      { state: 'InboundContact' },
      { state: 'ACW' },
      { state: 'LoggedOut' },
    ];
    for (const spec of path) {
      sim.advance(1_000);
      const before = roster.get(me)!;
      sim.forceState(me, spec);
      await pollOnce();
      expect(changes).toHaveLength(2 + path.indexOf(spec));
      const c = changes.at(-1)!;
      expect(c).toHaveLength(1);
      expect(c[0]).toMatchObject({ agentId: me, baseline: false });
      expect(c[0]!.from).toEqual(before);
      expect(c[0]!.to).toEqual({ ...sim.agentState(me), userName: null });
      await pollOnce();
      expect(changes).toHaveLength(2 + path.indexOf(spec));
    }

    // A full resync of the one agent is no news either, and nobody else appears or is logged out.
    poller.resyncNow();
    await until('the resync', () => results.at(-1)?.kind === 'snapshot' && results.length > 10);
    expect(changes).toHaveLength(5);
    expect(roster.size).toBe(1);

    expect(server.requests.every((r) => r.path.endsWith(`/agents/${me}/states`))).toBe(true);
    expect(statePolls()).toBe(results.length);
    // The server's clock drives the deltas (the endpoint ignores updatedSince, but the poller keeps it).
    expect(poller.lastPollTime()).toBe(new Date(sim.now()).toISOString());
  });

  it('an unknown agent id is a typed error the status shows in words', async () => {
    me = 4242;
    setUp(me);
    await pollOnce(true);
    const status = poller.status();
    expect(status.kind).toBe('error');
    if (status.kind !== 'error') return;
    expect(status.error.kind).toBe('not-found');
    expect(status.error.message).toMatch(/^Your user has no ACD agent record/);
    expect(status.error.message).toContain('4242');
    expect(status.error.message).toContain('Invalid Agent Id');
    expect(roster.size).toBe(0);
    expect(server.requests.map((r) => [r.path.split('/').slice(-3).join('/'), r.status])).toEqual([['agents/4242/states', 404]]);

    const source = createMeSource({
      client: createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {} }),
      agentId: 4242,
    });
    const err = await source.getAgentStates().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoAgentRecordError);
    expect(isNoAgentRecordError(err)).toBe(true);
    expect((err as NoAgentRecordError).agentId).toBe(4242);
  });

  it('other failures pass through unchanged (a 503 backs off, it is not "no agent record")', async () => {
    setUp(me);
    server.faults.add({ kind: 'status', status: 503, path: `/agents/${me}/states`, count: 1 });
    await pollOnce(true);
    expect(poller.status().kind).toBe('backing-off');
    const status = poller.status();
    if (status.kind === 'backing-off') expect(status.error.kind).toBe('unavailable');
    await pollOnce();
    expect(poller.status().kind).toBe('live');
    expect(roster.snapshot().agents.map((a) => a.agentId)).toEqual([me]);
  });
  it('a 404 without a description still says there is no agent record, quoting nothing', async () => {
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {} });
    server.faults.add({ kind: 'status', status: 404, statusDescription: '', path: `/agents/${me}/states`, count: 1 });
    const err = (await createMeSource({ client, agentId: me }).getAgentStates().catch((e: unknown) => e)) as NoAgentRecordError;
    expect(isNoAgentRecordError(err)).toBe(true);
    expect([err.name, err.kind, err.status, err.agentId]).toEqual(['NoAgentRecordError', 'not-found', 404, me]);
    expect(err.message).toBe(
      `Your user has no ACD agent record that CXone recognises: agent id ${me} was not found. ` +
        'Ask your CXone administrator to give your user an agent record in this business unit, or choose another watch scope.',
    );
  });

  it('"nothing new" (304) is no change, never the agent logged out; the next state still comes through', async () => {
    setUp(me);
    sim.forceState(me, { state: 'Available' });
    await pollOnce(true);
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {} });
    server.faults.add({ kind: 'status', status: 304, path: `/agents/${me}/states`, count: 2 });
    expect(await createMeSource({ client, agentId: me }).getAgentStates()).toEqual({ kind: 'no-change', lastPollTime: null, status: 200 });
    await pollOnce();
    expect(results.at(-1)).toMatchObject({ kind: 'delta', states: [] });
    expect(roster.get(me)!.stateName).toBe('Available');
    expect(changes).toHaveLength(1);
    sim.forceState(me, { state: 'Unavailable', code: 'Break' });
    await pollOnce();
    expect(roster.get(me)!.outStateDescription).toBe('Break');
  });

  it("another agent's state in the answer is a server mix-up: a 'malformed' error, never handed on as mine", async () => {
    const other = sim.agents[0]!.agentId;
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {} });
    // A server that answers for the wrong agent: the real answer for `other` when asked for `me`.
    const mixedUp = { getOneAgentState: () => client.getOneAgentState(other) };
    const err = (await createMeSource({ client: mixedUp, agentId: me }).getAgentStates().catch((e: unknown) => e)) as CxoneError;
    expect(err).toBeInstanceOf(CxoneError);
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe(`CXone answered the state of agent ${other} when asked for agent ${me}.`);
  });
});
