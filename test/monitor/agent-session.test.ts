// The agent-session watcher with the real client, poller, single-agent source and roster against the
// real simulator server on 127.0.0.1 (whose token belongs to agent `me`). What is asserted is the order
// and number of requests, never durations: a forced transition must reach the roster through one
// get-next-event answer alone (the AgentState event's own fields), while the poller's interval timer
// never fires; with no session, joins wait for a poll that shows the agent logged in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient, type CxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type RequestRecord, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createAgentSessionWatcher, type AgentSessionWatcher, type AgentSessionWatcherState } from '../../main/monitor/agent-session';
import { createMeSource } from '../../main/monitor/me-source';
import { applyOwnStateEvent } from '../../main/monitor/own-state-event';
import { createPoller, type Poller } from '../../main/monitor/poller';
import { createRoster, type Roster } from '../../main/monitor/roster';
import type { AgentChange } from '../../main/monitor/status';
import { systemClock, type Clock, type TimerHandle } from '../../main/ports';
import { until } from '../harness/until';
import { FakeClock, settle } from './fakes';
import { SimDrivenClock } from './sim-harness';

/** The system clock, keeping count of the timers still set (a stopped watcher must leave none). */
class TrackingClock implements Clock {
  readonly pending = new Set<TimerHandle>();
  now(): number {
    return systemClock.now();
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const h: TimerHandle = systemClock.setTimeout(() => {
      this.pending.delete(h);
      fn();
    }, ms);
    this.pending.add(h);
    return h;
  }
  clearTimeout(h: TimerHandle): void {
    this.pending.delete(h);
    systemClock.clearTimeout(h);
  }
}

let sim: ContactCenterSimulator;
let server: SimulatorServer;
let client: CxoneClient;
let me: number;
let poller: Poller | null = null;
let watcher: AgentSessionWatcher | null = null;
let roster: Roster;
let changes: AgentChange[];

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: 40, seed: 9 });
  me = sim.agents[2]!.agentId;
  // Logged in through an agent app (a test that needs otherwise says so).
  sim.forceState(me, { state: 'Available' });
  server = await startSimulatorServer({ simulator: sim, agentIdForToken: () => me });
  client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'test-token', onUnauthorized: () => {} });
  roster = createRoster();
  changes = [];
  roster.onChanges((c) => changes.push(...c));
});
afterEach(async () => {
  watcher?.stop();
  poller?.stop();
  watcher = null;
  poller = null;
  await server.stop();
});

function startPoller(clock: Clock): Poller {
  const p = createPoller({ source: createMeSource({ client, agentId: me }), clock, intervalMs: 10_000, random: () => 0.5 });
  p.onResult((r) => roster.applyPollResult(r));
  p.start();
  return p;
}

/** A fake clock on the simulator's time and a poller of `me` on it (also kept for clean-up), after its first poll. */
async function pollingMe(): Promise<{ clock: FakeClock; p: Poller }> {
  const clock = new FakeClock(sim.now());
  const p = startPoller(clock);
  poller = p;
  await until('the first poll', () => roster.get(me));
  return { clock, p };
}

/** A watcher for `me` whose AgentState events go into the roster as the live feed puts them. */
function startWatcher(clock: Clock, p: Poller, over: Partial<Parameters<typeof createAgentSessionWatcher>[0]> = {}): AgentSessionWatcher {
  const w = createAgentSessionWatcher({ api: client, poller: p, agentId: me, clock, longPollSeconds: 1, minCycleMs: 0, ...over });
  const codeId = (name: string) => sim.unavailableCodes.find((c) => c.outStateDescription === name)?.outStateId ?? null;
  w.onOwnState((e) => roster.applyPollResult({ kind: 'delta', states: [applyOwnStateEvent(roster.get(me)!, e, codeId)], at: clock.now() }));
  return w;
}

/** Fires the poller's next interval timer (once it is set: a poll just answered may still be setting it) and waits for that poll. */
async function intervalPoll(clock: FakeClock): Promise<void> {
  await until('the poll timer set', () => clock.nextTimerAt() === clock.now() + 10_000);
  const polls = server.requests.filter(isStates).length;
  await clock.advance(10_000);
  await until('the interval poll', () => server.requests.filter(isStates).length > polls);
}

const isNext = (r: RequestRecord) => r.path.endsWith('/get-next-event');
const isJoin = (r: RequestRecord) => r.path.endsWith('/agent-sessions/join');
const isStates = (r: RequestRecord) => r.path.endsWith(`/agents/${me}/states`);
const since = (n: number) => server.requests.slice(n);

describe('agent session watcher', () => {
  it('a transition reaches the roster through the AgentState event alone: no /agents/{id}/states call, not the interval', async () => {
    sim.forceState(me, { state: 'Available' });
    // The poller's timers never fire: after the first poll, only refreshNow() can make it poll.
    poller = startPoller(new SimDrivenClock(sim));
    await until('the first poll', () => roster.get(me));
    const clock = new TrackingClock();
    const states: AgentSessionWatcherState[] = [];
    watcher = startWatcher(clock, poller, { longPollSeconds: 30, minCycleMs: 20 });
    watcher.onState((s) => states.push(s));
    watcher.start();
    await until('a long poll waiting', () => watcher!.state() === 'listening' && server.stats.inFlight === 1);

    for (const [spec, expected] of [
      [{ state: 'Unavailable', code: 'Lunch' }, 'Lunch'],
      [{ state: 'ACW' }, 'ACW'],
      [{ state: 'Available' }, null],
    ] as const) {
      const mark = server.requests.length;
      const changesBefore = changes.length;
      sim.forceState(me, spec);
      await until('the new state in the roster', () => changes.length > changesBefore);
      expect(roster.get(me)!.outStateDescription).toBe(expected);
      // The event's own fields (times without a zone read as UTC) give exactly the truth.
      // (No userName: the agent's own endpoints, agents/{id}/states and the session's events, carry none.)
      expect(roster.get(me)).toEqual({ ...sim.agentState(me), userName: null });
      expect(changes.slice(changesBefore)).toHaveLength(1);
      await until('the next long poll waiting', () => server.stats.inFlight === 1 && since(mark).length >= 1);
      expect(since(mark).map((r) => (isNext(r) ? `next ${r.status}` : r.path))).toEqual(['next 200']);
    }
    // A contact's AgentLeg says nothing about state: only the AgentState event is acted on.
    const mark = server.requests.length;
    sim.forceState(me, { state: 'InboundContact' });
    await until('on a contact', () => roster.get(me)!.category === 'on-contact');
    await until('the next long poll waiting', () => server.stats.inFlight === 1 && since(mark).length >= 1);
    expect(since(mark).some(isStates)).toBe(false);
    expect(server.requests.filter(isJoin)).toHaveLength(1);
    expect(server.requests.some((r) => r.path.endsWith('/agents/states'))).toBe(false);

    watcher.stop();
    poller.stop();
    expect(states).toEqual(['joining', 'listening', 'idle']);
    await until('no request left on the server', () => server.stats.inFlight === 0);
    expect(clock.pending.size).toBe(0);
  });

  it('no session (409) is a normal state: no join while polls show the agent logged out, one join once one shows them logged in', async () => {
    sim.forceState(me, { state: 'LoggedOut' });
    const { clock, p } = await pollingMe();
    // random 0.5 with a 30 s base: a rejoin waits at least 15 s; the poll interval is 10 s.
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    const states: AgentSessionWatcherState[] = [];
    watcher.onState((s) => states.push(s));
    watcher.start();
    await until('no session', () => watcher!.state() === 'no-session');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([409]);
    expect(p.status().kind).toBe('live');
    // Six interval polls while logged out: no join at all, however long it takes.
    for (let i = 0; i < 6; i++) await intervalPoll(clock);
    expect(server.requests.filter(isJoin)).toHaveLength(1);
    expect(watcher.state()).toBe('no-session');
    // The agent logs in through their agent app: the next poll shows it, and the watcher joins once.
    sim.forceState(me, { state: 'Available' });
    await intervalPoll(clock);
    await until('listening', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([409, 202]);
    expect(states).toEqual(['joining', 'no-session', 'joining', 'listening']);
  });

  it('a logoff ends the session (AgentSessionEnd / 409 Session Ended): stop, and rejoin only after a poll shows the agent logged in again', async () => {
    sim.forceState(me, { state: 'Available' });
    const { clock, p } = await pollingMe();
    watcher = startWatcher(clock, p, { random: () => 0 });
    watcher.start();
    await until('listening', () => watcher!.state() === 'listening');
    sim.forceState(me, { state: 'LoggedOut' });
    await until('no session', () => watcher!.state() === 'no-session');
    // The event itself put the logout into the roster; the session end also asked for a poll.
    await until('logged out in the roster', () => roster.get(me)!.category === 'logged-out');
    await until('the poll the session end asked for', () => server.requests.filter(isStates).length === 2);
    const mark = server.requests.length;
    for (let i = 0; i < 3; i++) await intervalPoll(clock);
    expect(since(mark).some((r) => isJoin(r) || isNext(r))).toBe(false);
    sim.forceState(me, { state: 'Available' });
    await intervalPoll(clock);
    await until('listening again', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([202, 202]);
    // The ended session's id was never asked again (it would answer 409 Session Ended).
    expect(server.requests.filter(isNext).some((r) => r.status === 409)).toBe(false);
  });

  it('get-next-event answered 409 "Session Ended" is the end of the session too, not a fault to back off from', async () => {
    sim.forceState(me, { state: 'Available' });
    const { clock, p } = await pollingMe();
    server.faults.add({ kind: 'status', status: 409, statusDescription: 'Session Ended', path: 'get-next-event', count: 1 });
    watcher = startWatcher(clock, p, { random: () => 0 });
    const states: AgentSessionWatcherState[] = [];
    watcher.onState((s) => states.push(s));
    watcher.start();
    await until('no session', () => watcher!.state() === 'no-session');
    // Still logged in by the polls: the agent must be seen logged out (or logged in anew) first.
    await intervalPoll(clock);
    expect(server.requests.filter(isJoin)).toHaveLength(1);
    sim.forceState(me, { state: 'LoggedOut' });
    await intervalPoll(clock);
    await until('the logout polled', () => roster.get(me)!.category === 'logged-out');
    sim.forceState(me, { state: 'Available' });
    await intervalPoll(clock);
    await until('listening again', () => watcher!.state() === 'listening');
    expect(states).toEqual(['joining', 'listening', 'no-session', 'joining', 'listening']);
    expect(states).not.toContain('fallback');
  });

  it('join refused (403): interval polling carries on live, and the watcher rejoins later with backoff', async () => {
    const join403 = server.faults.add({ kind: 'status', status: 403, path: 'agent-sessions/join', statusDescription: 'Security permissions prevent access to data' });
    const { clock, p } = await pollingMe();
    // random 0.5 with a 30 s base: the first rejoin waits 15 s; the poll interval is 10 s.
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([403]);
    expect(p.status().kind).toBe('live');

    // The transition is picked up by the next interval poll, not before it.
    sim.forceState(me, { state: 'Unavailable', code: 'Break' });
    const mark = server.requests.length;
    const statesBefore = server.requests.filter(isStates).length;
    expect(roster.get(me)!.outStateDescription).not.toBe('Break');
    await clock.advance(10_000);
    await until('the interval poll', () => roster.get(me)!.outStateDescription === 'Break');
    expect(server.requests.filter(isStates)).toHaveLength(statesBefore + 1);
    expect(since(mark).some((r) => isJoin(r) || isNext(r))).toBe(false);
    expect(p.status().kind).toBe('live');
    expect(watcher.state()).toBe('fallback');

    // The join works again: the rejoin timer (15 s) brings the session back.
    join403.remove();
    await clock.advance(5_000);
    await until('listening again', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([403, 202]);
    const changesBefore = changes.length;
    sim.forceState(me, { state: 'Available' });
    await until('the state through the session', () => changes.length > changesBefore);
    expect(roster.get(me)!.stateName).toBe('Available');

    watcher.stop();
    p.stop();
    expect(clock.pending()).toBe(0);
    await until('no request left on the server', () => server.stats.inFlight === 0);
  });

  it('a broken session (get-next-event 503) falls back and rejoins after the backoff floor', async () => {
    const { clock, p } = await pollingMe();
    server.faults.add({ kind: 'status', status: 503, path: 'get-next-event', count: 1 });
    watcher = startWatcher(clock, p, { random: () => 0 });
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    // random 0: the floor (1 s) is the wait.
    await clock.advance(1_000);
    await until('listening again', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin)).toHaveLength(2);
    expect(server.requests.filter(isNext)[0]!.status).toBe(503);
    watcher.stop();
    expect(watcher.state()).toBe('idle');
    await until('no request left on the server', () => server.stats.inFlight === 0);
    expect(server.stats.inFlight).toBe(0);
  });

  it("a join refused with a Retry-After waits that long (capped), not the backoff's own", async () => {
    server.faults.add({ kind: 'status', status: 503, retryAfter: '120', path: 'agent-sessions/join', count: 1 });
    const { clock, p } = await pollingMe();
    // random 0: the backoff alone would be its 1 s floor.
    watcher = startWatcher(clock, p, { random: () => 0 });
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    await clock.advance(119_000);
    expect(server.requests.filter(isJoin)).toHaveLength(1);
    await clock.advance(1_000);
    await until('listening', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([503, 202]);
  });

  it('a session that was joined starts the backoff over: the next failure waits the first step again', async () => {
    server.faults.add({ kind: 'status', status: 403, path: 'agent-sessions/join', count: 1 });
    const { clock, p } = await pollingMe();
    // random 0.5, base 30 s: the first step waits 15 s, the second 30 s.
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    await clock.advance(15_000);
    await until('listening', () => watcher!.state() === 'listening');
    await until('the long poll waiting', () => server.stats.inFlight === 1);
    // The session breaks: a first failure again, so 15 s, not 30.
    server.faults.add({ kind: 'status', status: 503, path: 'get-next-event', count: 1 });
    sim.forceState(me, { state: 'Unavailable', code: 'Break' }); // answers the waiting long poll; the next one meets the 503
    await until('the fallback again', () => watcher!.state() === 'fallback');
    await clock.advance(15_000);
    await until('listening again', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([403, 202, 202]);
  });

  it('with no session although polls show the agent logged in (409), the next join waits out the backoff', async () => {
    server.faults.add({ kind: 'status', status: 409, path: 'agent-sessions/join', count: 1 });
    const { clock, p } = await pollingMe();
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    watcher.start();
    await until('no session', () => watcher!.state() === 'no-session');
    // A poll at 10 s shows the agent logged in; the backoff (15 s) is not over: no join yet.
    await intervalPoll(clock);
    expect(server.requests.filter(isJoin)).toHaveLength(1);
    await intervalPoll(clock);
    await until('listening', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([409, 202]);
  });

  it('long polls answered at once are asked no faster than one a cycle (minCycleMs, 1 s by default)', async () => {
    const { clock, p } = await pollingMe();
    // timeout=0: the server answers 304 at once, every time.
    // minCycleMs left at its default, 1 s.
    watcher = startWatcher(clock, p, { longPollSeconds: 0, minCycleMs: undefined });
    watcher.start();
    await until('the first long poll answered', () => server.requests.some((r) => isNext(r) && r.status === 304));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests.filter(isNext)).toHaveLength(1);
    await clock.advance(1_000);
    await until('the second', () => server.requests.filter(isNext).length === 2);
  });

  it('a start() after stop() begins the backoff over: its first failure waits the first step, not the next', async () => {
    server.faults.add({ kind: 'status', status: 403, path: 'agent-sessions/join', count: 2 });
    const { clock, p } = await pollingMe();
    // random 0.5, base 30 s: a first failure waits 15 s, a second one in a row 30 s.
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    watcher.stop();
    watcher.start();
    await until('the fallback again', () => watcher!.state() === 'fallback' && server.requests.filter(isJoin).length === 2);
    await clock.advance(15_000);
    await until('listening', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([403, 403, 202]);
  });

  it('a second start() while running is a no-op (one join, one loop of long polls); the long poll asks 30 s unless told', async () => {
    const { clock, p } = await pollingMe();
    watcher = startWatcher(clock, p, { longPollSeconds: undefined });
    expect(watcher.state()).toBe('idle');
    const states: AgentSessionWatcherState[] = [];
    watcher.onState((st) => states.push(st));
    watcher.start();
    watcher.start();
    await until('the long poll waiting', () => watcher!.state() === 'listening' && server.stats.inFlight === 1);
    watcher.start();
    const changesBefore = changes.length;
    sim.forceState(me, { state: 'Unavailable', code: 'Break' });
    await until('the state through the session', () => changes.length > changesBefore);
    await until('the next long poll waiting', () => server.stats.inFlight === 1);
    expect(server.requests.filter(isJoin)).toHaveLength(1);
    expect(server.requests.filter(isNext).map((r) => [r.query, r.status])).toEqual([['?timeout=30', 200]]);
    watcher.stop();
    watcher.stop();
    expect(states).toEqual(['joining', 'listening', 'idle']);
  });

  it('a long poll that waited longer than the cycle floor is followed by the next one at once', async () => {
    const { clock, p } = await pollingMe();
    watcher = startWatcher(clock, p, { longPollSeconds: 1, minCycleMs: 5_000 });
    watcher.start();
    await until('the long poll waiting', () => watcher!.state() === 'listening' && server.requests.filter(isStates).length === 1 && server.stats.inFlight === 1);
    // 30 s pass on the watcher's clock while the server holds the long poll (the floor is 5 s): no pause after it.
    await clock.advance(30_000);
    await until('the next long poll after the quiet one', () => server.requests.filter(isNext).length >= 2);
    expect(server.requests.filter(isNext).map((r) => r.status)).toEqual([304, 304]);
  });

  it('failures in a row wait longer each time: the second rejoin waits the second step', async () => {
    server.faults.add({ kind: 'status', status: 403, path: 'agent-sessions/join', count: 2 });
    const { clock, p } = await pollingMe();
    // random 0.5, base 30 s: 15 s after the first failure, 30 s after the second.
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    await clock.advance(15_000);
    await until('the second failure', () => watcher!.state() === 'fallback' && server.requests.filter(isJoin).length === 2);
    await clock.advance(15_000);
    await settle();
    expect(watcher.state()).toBe('fallback');
    await clock.advance(15_000);
    await until('listening', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([403, 403, 202]);
  });

  it('a logoff and a login in quick succession: the login polled after the session end is joined at once, without the backoff', async () => {
    const { clock, p } = await pollingMe();
    // random 0.5: a backoff would be 15 s; the poller's timers are not advanced at all here.
    watcher = startWatcher(clock, p, { random: () => 0.5 });
    watcher.start();
    await until('the long poll waiting', () => watcher!.state() === 'listening' && server.stats.inFlight === 1);
    // Logged off and on again before any poll: the session's own LoggedOut event is what says the login is new.
    sim.forceState(me, { state: 'LoggedOut' });
    sim.forceState(me, { state: 'Available' });
    await until('joined again', () => server.requests.filter(isJoin).length === 2 && watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([202, 202]);
  });

  it('a stop() during a long poll and a start() at once: the cancelled poll is no failure, the old loop ends', async () => {
    const { clock, p } = await pollingMe();
    watcher = startWatcher(clock, p, { random: () => 0 });
    const states: AgentSessionWatcherState[] = [];
    watcher.onState((st) => states.push(st));
    watcher.start();
    await until('the long poll waiting', () => watcher!.state() === 'listening' && server.stats.inFlight === 1);
    watcher.stop();
    watcher.start();
    await until('listening again', () => watcher!.state() === 'listening' && server.requests.filter(isJoin).length === 2);
    // A loop of the stopped run would have fallen back and rejoined after the 1 s floor.
    await clock.advance(60_000);
    const changesBefore = changes.length;
    sim.forceState(me, { state: 'Unavailable', code: 'Break' });
    await until('the state through the session', () => changes.length > changesBefore);
    expect(states).toEqual(['joining', 'listening', 'idle', 'joining', 'listening']);
    expect(server.requests.filter(isJoin)).toHaveLength(2);
  });

  it('stop() during the rejoin wait or a pending join leaves nothing behind; start() after stop() works', async () => {
    server.faults.add({ kind: 'status', status: 404, path: 'agent-sessions/join', count: 1 });
    const clock = new FakeClock(sim.now());
    poller = startPoller(clock);
    watcher = startWatcher(clock, poller);
    watcher.start();
    await until('the fallback', () => watcher!.state() === 'fallback');
    watcher.stop();
    poller.stop();
    expect(clock.pending()).toBe(0);
    watcher.start();
    watcher.stop();
    watcher.start();
    await until('listening', () => watcher!.state() === 'listening');
    expect(server.requests.filter(isJoin).map((r) => r.status)).toEqual([404, 202, 202]);
    watcher.stop();
    await until('no request left on the server', () => server.stats.inFlight === 0);
    expect(clock.pending()).toBe(0);
  });
});
