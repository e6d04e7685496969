// The poller's timing rules, checked exactly with a fake clock and a scripted source (no real waits).
import { describe, expect, it } from 'vitest';
import { CxoneError } from '../../main/cxone/errors';
import { backoffDelay } from '../../main/monitor/poll-loop';
import { clampInterval, createPoller, type PollResult, type PollerOptions } from '../../main/monitor/poller';
import { createRequestBudget } from '../../main/monitor/request-budget';
import type { PollerStatus } from '../../main/monitor/status';
import { FakeClock, ScriptedSource, agent, changes, deferred, noChange, settle, type Call } from './fakes';

const SERVER_T0 = '2025-01-15T09:00:00.000Z'; // deliberately unlike the client clock

/** A source whose server clock is its own: the n-th answer says lastPollTime = T0 + n minutes. */
function serverTime(n: number): string {
  return new Date(Date.parse(SERVER_T0) + n * 60_000).toISOString();
}

/** `withBudget`: the poller shares a request budget (returned) on the same clock, as the feed service sets it up. */
function setup(handler: (call: Call, i: number) => ReturnType<ScriptedSource['handler']>, opts: Partial<PollerOptions> = {}, { withBudget = false } = {}) {
  const clock = new FakeClock();
  const source = new ScriptedSource(clock, handler);
  const budget = createRequestBudget(clock);
  const poller = createPoller({ source, clock, random: () => 0.5, ...(withBudget ? { budget } : {}), ...opts });
  const results: PollResult[] = [];
  const statuses: PollerStatus[] = [];
  poller.onResult((r) => results.push(r));
  poller.onStatus((s) => statuses.push(s));
  return { clock, source, poller, results, statuses, budget };
}

const ok = (_c: Call, i: number) => changes([agent(1)], serverTime(i));
const unavailable = () => new CxoneError({ kind: 'unavailable', status: 503, message: 'CXone is temporarily unavailable. (HTTP 503)' });

describe('poller', () => {
  it('takes a full snapshot first, then deltas with the SERVER lastPollTime, every interval', async () => {
    const { clock, source, poller, results } = setup(ok);
    poller.start();
    await settle();
    expect(source.calls).toHaveLength(1);
    expect(source.calls[0]!.query.updatedSince).toBeUndefined();
    expect(results[0]).toMatchObject({ kind: 'snapshot', reason: 'start', baseline: true });

    await clock.advance(9_999);
    expect(source.calls).toHaveLength(1);
    await clock.advance(1);
    expect(source.calls).toHaveLength(2);
    expect(source.calls[1]!.query.updatedSince).toBe(serverTime(0));
    expect(results[1]).toMatchObject({ kind: 'delta' });
    await clock.advance(10_000);
    expect(source.calls[2]!.query.updatedSince).toBe(serverTime(1));
    poller.stop();
    expect(clock.pending()).toBe(0);
  });

  it('a second start() while running asks nothing and keeps the deltas going', async () => {
    const { clock, source, poller } = setup(ok);
    poller.start();
    await settle();
    await clock.advance(10_000);
    poller.start();
    await settle();
    expect(source.calls).toHaveLength(2);
    await clock.advance(10_000);
    expect(source.calls.map((c) => c.query.updatedSince !== undefined)).toEqual([false, true, true]);
    poller.stop();
  });

  it('a new interval re-plans the waiting poll from now, but leaves a backoff and a pause alone', async () => {
    const { clock, source, poller } = setup((c, i) => (i === 2 ? unavailable() : ok(c, i)));
    poller.start();
    await settle();
    const t0 = clock.now();
    await clock.advance(4_000);
    poller.setIntervalMs(30_000);
    await clock.advance(30_000);
    await clock.advance(30_000); // the third call fails: backoff below the 30 s ceiling (jitter 0.5)
    expect(source.calls.map((c) => c.at - t0)).toEqual([0, 34_000, 64_000]);
    poller.setIntervalMs(5_000);
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls.at(-1)!.at - t0).toBe(64_000 + 15_000);
    poller.pause('user');
    poller.setIntervalMs(10_000);
    expect(clock.pending()).toBe(0);
    poller.stop();
  });

  it('an answer or a failure that lands after a pause leaves the status paused and plans no poll', async () => {
    const answers = [deferred<ReturnType<typeof changes>>(), deferred<ReturnType<typeof changes>>()];
    const { clock, source, poller, statuses } = setup((_c, i) => answers[i]!.promise);
    poller.start();
    poller.pause('lock');
    answers[0]!.resolve(changes([agent(1)], serverTime(0)));
    await settle();
    expect(statuses.at(-1)).toMatchObject({ kind: 'paused', reason: 'lock' });
    expect(clock.pending()).toBe(0);
    poller.resume('lock');
    expect(source.calls).toHaveLength(2);
    poller.pause('user');
    answers[1]!.reject(unavailable());
    await settle();
    expect(statuses.at(-1)).toMatchObject({ kind: 'paused', reason: 'user' });
    expect(clock.pending()).toBe(0);
    poller.stop();
  });

  it('the status through a lifecycle: paused from the start, stale while a resume catches up, idle or signed out when stopped', async () => {
    const { source, poller, statuses } = setup(ok);
    poller.pause('user');
    poller.start();
    expect(statuses.at(-1)).toMatchObject({ kind: 'paused', reason: 'user', lastSuccessAt: null });
    expect(source.calls).toHaveLength(0);
    poller.resume('user');
    expect(statuses.at(-1)).toEqual({ kind: 'starting' });
    await settle();
    const okAt = source.calls[0]!.at;
    poller.resume('lock'); // no such pause: nothing changes
    expect(statuses.at(-1)).toMatchObject({ kind: 'live' });
    poller.pause('lock');
    poller.resume('lock');
    expect(statuses.at(-1)).toEqual({ kind: 'stale', lastSuccessAt: okAt });
    await settle();
    poller.stop();
    expect(statuses.at(-1)).toEqual({ kind: 'idle' });
    // A stopped poller's pauses say nothing until it runs again.
    poller.pause('user');
    poller.pause('lock');
    poller.resume('user');
    expect(statuses.at(-1)).toEqual({ kind: 'idle' });
  });

  it('a refused token landing after a pause leaves the status paused', async () => {
    const refused = deferred<ReturnType<typeof changes>>();
    const { poller, statuses } = setup((c, i) => (i === 1 ? refused.promise : ok(c, i)));
    poller.start();
    await settle();
    poller.refreshNow();
    poller.pause('lock');
    refused.reject(new CxoneError({ kind: 'unauthorized', status: 401, message: 'no' }));
    await settle();
    expect(statuses.at(-1)).toMatchObject({ kind: 'paused', reason: 'lock' });
    poller.stop();
  });

  it('keeps the fields projection after a failure that is not a 400', async () => {
    const { clock, source, poller } = setup((c, i) => (i === 1 ? unavailable() : ok(c, i)), { fields: ['agentId', 'agentStateId'], random: () => 0 });
    poller.start();
    await settle();
    await clock.advance(10_000);
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls.map((c) => c.query.fields)).toEqual([['agentId', 'agentStateId'], ['agentId', 'agentStateId'], ['agentId', 'agentStateId']]);
    poller.stop();
  });

  it('an interval that is no number is the default one', () => {
    expect([undefined, Number.NaN, Number.POSITIVE_INFINITY, 1_000, 12_345.6].map(clampInterval)).toEqual([10_000, 10_000, 10_000, 5_000, 12_346]);
  });

  it('never polls faster than every 5 s', async () => {
    const { clock, source, poller } = setup(ok, { intervalMs: 1_000 });
    poller.start();
    await settle();
    await clock.advance(4_999);
    expect(source.calls).toHaveLength(1);
    await clock.advance(1);
    expect(source.calls).toHaveLength(2);
    poller.stop();
  });

  it('never has two polls in flight; a refresh during one is coalesced into one follow-up', async () => {
    const gate = deferred<ReturnType<typeof changes>>();
    const { clock, source, poller } = setup((c, i) => (i === 1 ? gate.promise : ok(c, i)));
    poller.start();
    await settle();
    await clock.advance(10_000); // second poll starts and hangs
    expect(source.inFlight).toBe(1);
    await clock.advance(120_000);
    poller.refreshNow();
    poller.refreshNow();
    await settle();
    expect(source.calls).toHaveLength(2);
    gate.resolve(changes([agent(1)], serverTime(1)));
    await settle();
    expect(source.calls).toHaveLength(3); // exactly one coalesced follow-up
    expect(source.maxInFlight).toBe(1);
    poller.stop();
  });

  it('a full list asked for while a delta is out (resync, a resume) follows that delta; the delta does not settle it', async () => {
    const gates = [deferred<ReturnType<typeof changes>>(), deferred<ReturnType<typeof changes>>()];
    const { clock, source, poller, results } = setup((c, i) => (i === 1 ? gates[0]!.promise : i === 3 ? gates[1]!.promise : ok(c, i)));
    poller.start();
    await settle();
    await clock.advance(10_000); // a delta goes out and hangs
    expect(source.calls[1]!.query.updatedSince).toBe(serverTime(0));
    poller.resyncNow(); // e.g. a full list the roster failed to apply
    gates[0]!.resolve(changes([agent(1)], serverTime(1)));
    await settle();
    expect(source.calls).toHaveLength(3);
    expect(source.calls[2]!.query.updatedSince).toBeUndefined();
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'requested' });

    await clock.advance(10_000); // the next delta hangs through a sleep that comes and goes
    expect(source.calls[3]!.query.updatedSince).toBe(serverTime(2));
    poller.pause('suspend');
    poller.resume('suspend');
    gates[1]!.resolve(changes([agent(1)], serverTime(3)));
    await settle();
    expect(source.calls).toHaveLength(5);
    expect(source.calls[4]!.query.updatedSince).toBeUndefined();
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'resume', baseline: true });
    poller.stop();
  });

  it('backs off exponentially with full jitter up to the 5 minute cap, then recovers with a full resync', async () => {
    let failing = true;
    const { clock, source, poller, statuses, results } = setup((c, i) => (failing && i > 0 ? unavailable() : ok(c, i)), { random: () => 0.999_999 });
    poller.start();
    await settle();
    for (let k = 0; k < 9; k++) await clock.advance(clock.nextTimerAt()! - clock.now());
    const gaps = source.calls.slice(1).map((c, k) => c.at - source.calls[k]!.at);
    // First gap is the interval; then ceilings 10, 20, 40, 80, 160 s, capped at 300 s (×0.999999).
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([10, 10, 20, 40, 80, 160, 300, 300, 300]);
    const last = statuses.at(-1)!;
    expect(last.kind).toBe('backing-off');
    if (last.kind === 'backing-off') {
      expect(last.nextAttemptAt).toBe(clock.nextTimerAt());
      expect(last.error.kind).toBe('unavailable');
      expect(last.lastSuccessAt).toBe(source.calls[0]!.at);
    }
    failing = false;
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls.at(-1)!.query.updatedSince).toBeUndefined(); // full resync after errors
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'error', baseline: true });
    expect(statuses.at(-1)!.kind).toBe('live');
    // Backoff is reset: the next poll is one interval later.
    const before = source.calls.length;
    await clock.advance(10_000);
    expect(source.calls).toHaveLength(before + 1);
    poller.stop();
  });

  it('full jitter draws below the ceiling, never under the floor, and Retry-After wins when longer', () => {
    const o = { baseMs: 10_000, capMs: 300_000, floorMs: 1_000, retryAfterMs: null };
    expect(backoffDelay(1, { ...o, random: () => 0 })).toBe(1_000);
    expect(backoffDelay(3, { ...o, random: () => 0.5 })).toBe(20_000);
    expect(backoffDelay(50, { ...o, random: () => 0.5 })).toBe(150_000);
    expect(backoffDelay(2, { ...o, random: () => 0.5, retryAfterMs: 90_000 })).toBe(90_000);
    expect(backoffDelay(6, { ...o, random: () => 0.9, retryAfterMs: 5_000 })).toBe(270_000);
  });

  it('honours Retry-After on rate limiting', async () => {
    const { clock, source, poller, statuses } = setup(
      (c, i) => (i === 1 ? new CxoneError({ kind: 'rate-limited', status: 429, retryAfterMs: 120_000, message: 'slow down' }) : ok(c, i)),
      { random: () => 0 },
    );
    poller.start();
    await settle();
    await clock.advance(10_000);
    expect(source.calls).toHaveLength(2);
    expect(statuses.at(-1)).toMatchObject({ kind: 'backing-off', nextAttemptAt: clock.now() + 120_000 });
    await clock.advance(119_999);
    expect(source.calls).toHaveLength(2);
    await clock.advance(1);
    expect(source.calls).toHaveLength(3);
    poller.stop();
  });

  it('resyncs every resyncMs, and that periodic snapshot is not a baseline', async () => {
    const { clock, source, poller, results } = setup(ok, { resyncMs: 60_000, resyncMsPer10kAgents: 0 });
    poller.start();
    await settle();
    await clock.advance(60_000);
    const fulls = source.calls.filter((c) => c.query.updatedSince === undefined);
    expect(fulls.map((c) => c.at - source.calls[0]!.at)).toEqual([0, 60_000]);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'periodic', baseline: false });
    poller.stop();
  });

  it('a periodic resync that fails is retried as a baseline (found by the property test)', async () => {
    const { clock, poller, results } = setup((c, i) => (i === 6 ? unavailable() : ok(c, i)), { resyncMs: 60_000, resyncMsPer10kAgents: 0, random: () => 0 });
    poller.start();
    await settle();
    await clock.advance(60_000); // the 7th call (i = 6) is the periodic full one, and fails
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'error', baseline: true });
    poller.stop();
  });

  it('resyncs when the wall clock jumps forward or back, or the machine slept', async () => {
    const { clock, source, poller, results } = setup(ok);
    poller.start();
    await settle();
    await clock.advance(10_000);
    expect(source.calls.at(-1)!.query.updatedSince).toBeDefined();

    clock.shift(3_600_000); // slept an hour
    await clock.advance(10_000);
    expect(source.calls.at(-1)!.query.updatedSince).toBeUndefined();
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'clock-jump', baseline: true });

    await clock.advance(10_000);
    expect(source.calls.at(-1)!.query.updatedSince).toBeDefined();
    clock.shift(-600_000); // clock set back ten minutes
    await clock.advance(10_000);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'clock-jump' });

    await clock.advance(10_000); // small jitter in timer firing is not a jump
    expect(results.at(-1)).toMatchObject({ kind: 'delta' });
    poller.stop();
  });

  it('pauses with reasons, resumes only when none is left, and resyncs on resume', async () => {
    const { clock, source, poller, statuses, results } = setup(ok);
    poller.start();
    await settle();
    poller.pause('suspend');
    poller.pause('user');
    expect(statuses.at(-1)).toMatchObject({ kind: 'paused', reason: 'user' });
    expect(clock.pending()).toBe(0); // no timer left to wake the machine for nothing
    await clock.advance(600_000);
    expect(source.calls).toHaveLength(1);
    expect(clock.pending()).toBe(0);
    poller.resume('user');
    await settle();
    expect(statuses.at(-1)).toMatchObject({ kind: 'paused', reason: 'suspend' });
    expect(source.calls).toHaveLength(1);
    poller.resume('suspend');
    await settle();
    expect(source.calls).toHaveLength(2);
    expect(source.calls[1]!.query.updatedSince).toBeUndefined();
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'resume', baseline: true });
    expect(statuses.at(-1)!.kind).toBe('live');
    poller.stop();
  });

  it('reports stale when the last success is older than three intervals', async () => {
    const hang = deferred<ReturnType<typeof changes>>();
    const { clock, poller, statuses } = setup((c, i) => (i === 1 ? hang.promise : ok(c, i)));
    poller.start();
    await settle();
    const okAt = clock.now();
    await clock.advance(29_999);
    expect(poller.status().kind).toBe('live');
    await clock.advance(1);
    expect(statuses.at(-1)).toEqual({ kind: 'stale', lastSuccessAt: okAt });
    expect(poller.status().kind).toBe('stale');
    hang.resolve(changes([], serverTime(1)));
    await settle();
    expect(statuses.at(-1)!.kind).toBe('live');
    poller.stop();
  });

  it('on unauthorized (the client already refreshed once) keeps running, shows error, sets no timer, and resumes on a renewal', async () => {
    let refuse = false;
    const { clock, source, poller, statuses, results } = setup((c, i) => (refuse ? new CxoneError({ kind: 'unauthorized', status: 401, message: 'no' }) : ok(c, i)));
    poller.start();
    await settle();
    refuse = true;
    await clock.advance(10_000);
    expect(statuses.at(-1)).toMatchObject({ kind: 'error', error: { kind: 'unauthorized' }, lastSuccessAt: expect.any(Number) });
    // No timer: retrying on a schedule would only rotate tokens for nothing.
    expect(clock.pending()).toBe(0);
    await clock.advance(600_000);
    expect(source.calls).toHaveLength(2);
    // A renewal while refused: exactly one try, then waiting again.
    poller.authRenewed();
    await settle();
    expect(source.calls).toHaveLength(3);
    poller.authRenewed();
    await settle();
    expect(source.calls).toHaveLength(4);
    refuse = false;
    poller.authRenewed();
    await settle();
    expect(source.calls).toHaveLength(5);
    // The catch-up after the gap is a baseline snapshot, and nothing was dropped: no start over.
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'error', baseline: true });
    expect(statuses.at(-1)!.kind).toBe('live');
    // Once live, a renewal is no reason to poll.
    poller.authRenewed();
    await settle();
    expect(source.calls).toHaveLength(5);
    poller.stop();
  });

  it('a renewal during the refused poll itself starts no second poll', async () => {
    const answer = deferred<ReturnType<typeof changes>>();
    const { source, poller } = setup((c, i) => (i === 0 ? ok(c, i) : answer.promise));
    poller.start();
    await settle();
    poller.refreshNow();
    await settle();
    poller.authRenewed(); // the client's own refresh, while the poll is in flight
    answer.reject(new CxoneError({ kind: 'unauthorized', status: 401, message: 'no' }));
    await settle();
    expect(source.calls).toHaveLength(2);
    poller.stop();
  });

  it('caps a huge Retry-After and says so in the status', async () => {
    const { clock, source, poller, statuses } = setup((c, i) =>
      i >= 1 ? new CxoneError({ kind: 'rate-limited', status: 429, retryAfterMs: 3_000_000_000, message: 'CXone asked the app to slow down. (HTTP 429)' }) : ok(c, i),
    );
    poller.start();
    await settle();
    await clock.advance(10_000);
    const s = statuses.at(-1)!;
    expect(s.kind).toBe('backing-off');
    if (s.kind === 'backing-off') {
      expect(s.nextAttemptAt - clock.now()).toBe(600_000);
      expect(s.error.message).toMatch(/asked the app to wait 34\.7 days; it tries again after 10 min instead/);
    }
    await clock.advance(599_999);
    expect(source.calls).toHaveLength(2);
    await clock.advance(1);
    expect(source.calls).toHaveLength(3);
    poller.stop();
  });

  it('wake() and refreshNow() cut a backoff short; wake() is a no-op while live', async () => {
    let failing = true;
    const { clock, source, poller, statuses } = setup((c, i) => (failing && i >= 1 ? unavailable() : ok(c, i)));
    poller.start();
    await settle();
    poller.wake();
    await settle();
    expect(source.calls).toHaveLength(1);
    await clock.advance(10_000);
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls).toHaveLength(3);
    expect(statuses.at(-1)!.kind).toBe('backing-off');
    failing = false;
    poller.wake();
    await settle();
    expect(source.calls).toHaveLength(4);
    expect(statuses.at(-1)!.kind).toBe('live');
    failing = true;
    await clock.advance(10_000);
    expect(statuses.at(-1)!.kind).toBe('backing-off');
    failing = false;
    poller.refreshNow();
    await settle();
    expect(statuses.at(-1)!.kind).toBe('live');
    poller.stop();
  });

  it('wake() while the retry is in flight adds no second request after it', async () => {
    const retry = deferred<ReturnType<typeof changes>>();
    const { clock, source, poller } = setup((c, i) => (i === 1 ? unavailable() : i === 2 ? retry.promise : ok(c, i)));
    poller.start();
    await settle();
    await clock.advance(10_000);
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls).toHaveLength(3);
    poller.wake();
    retry.resolve(changes([agent(1)], serverTime(2)));
    await settle();
    expect(source.calls).toHaveLength(3);
    poller.stop();
  });

  it("a server's Retry-After stands through a wake-up, a resume and a renewal; only the app's own backoff ends", async () => {
    let failure: CxoneError = new CxoneError({ kind: 'rate-limited', status: 429, retryAfterMs: 120_000, message: 'slow down' });
    const { clock, source, poller, budget } = setup((c, i) => (i === 1 || i === 3 ? failure : ok(c, i)), { random: () => 0 }, { withBudget: true });
    poller.start();
    await settle();
    await clock.advance(10_000);
    expect(source.calls).toHaveLength(2);
    const refusedAt = clock.now();
    // What the feed service does on a network change or a wake-up: the budget first, then the poller.
    budget.wake();
    poller.wake();
    poller.pause('lock');
    poller.resume('lock');
    poller.authRenewed();
    await settle();
    expect(source.calls).toHaveLength(2);
    await clock.advance(120_000);
    expect(source.calls.map((c) => c.at - refusedAt)).toEqual([-10_000, 0, 120_000]);
    // Without a Retry-After the hold is the app's own backoff: a wake-up ends it.
    failure = unavailable();
    await clock.advance(10_000);
    expect(source.calls).toHaveLength(4);
    expect(budget.waitMs()).toBeGreaterThan(0);
    budget.wake();
    poller.wake();
    await settle();
    expect(source.calls).toHaveLength(5);
    poller.stop();
  });

  it('shows a non-transient error as status error and keeps retrying slowly, without holding the other pollers', async () => {
    const { clock, source, poller, statuses, budget } = setup(
      () => new CxoneError({ kind: 'forbidden', status: 403, message: 'CXone refused access. CXone says: "Access to business unit is restricted".' }),
      {},
      { withBudget: true },
    );
    poller.start();
    await settle();
    expect(statuses.at(-1)).toMatchObject({ kind: 'error', error: { kind: 'forbidden' }, lastSuccessAt: null });
    // A refusal of this poller's request says nothing about the tenant's other calls.
    expect(budget.waitMs()).toBe(0);
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls).toHaveLength(2);
    poller.stop();
  });

  it('drops an answer that arrives after stop, and a restart waits for the old request', async () => {
    const gate = deferred<ReturnType<typeof changes>>();
    const { clock, source, poller, results } = setup((c, i) => (i === 0 ? gate.promise : ok(c, i)));
    poller.start();
    await settle();
    poller.stop();
    expect(clock.pending()).toBe(0);
    poller.start();
    await settle();
    expect(source.calls).toHaveLength(1); // the restart waits: never two in flight
    gate.resolve(changes([agent(9)], serverTime(0)));
    await settle();
    expect(results.some((r) => r.states.some((s) => s.agentId === 9))).toBe(false);
    expect(source.calls).toHaveLength(2);
    expect(source.maxInFlight).toBe(1);
    poller.stop();
    expect(clock.pending()).toBe(0);
  });

  it('treats "no change" to a full request as nothing (never as everyone logged out)', async () => {
    const { poller, results } = setup(() => noChange(serverTime(0), 204));
    poller.start();
    await settle();
    expect(results).toEqual([{ kind: 'delta', states: [], at: expect.any(Number) }]);
    poller.stop();
  });

  it('keeps the previous server time when an answer carries none, and never uses the client clock', async () => {
    const { clock, source, poller } = setup((c, i) => (i === 0 ? changes([agent(1)], serverTime(0)) : noChange(null, 304)));
    poller.start();
    await settle();
    await clock.advance(20_000);
    expect(source.calls.slice(1).map((c) => c.query.updatedSince)).toEqual([serverTime(0), serverTime(0)]);
    poller.stop();
  });

  it('a "no change" answer that carries lastPollTime (200 with an empty list) moves updatedSince on to it', async () => {
    const { clock, source, poller, results } = setup((c, i) => (i === 0 ? changes([agent(1)], serverTime(0)) : noChange(serverTime(i), 200)));
    poller.start();
    await settle();
    await clock.advance(20_000);
    expect(source.calls.slice(1).map((c) => c.query.updatedSince)).toEqual([serverTime(0), serverTime(1)]);
    expect(results.slice(1)).toEqual([
      { kind: 'delta', states: [], at: expect.any(Number) },
      { kind: 'delta', states: [], at: expect.any(Number) },
    ]);
    poller.stop();
  });

  it('a server that never sends lastPollTime is polled in full each time, and those snapshots are news, not baselines', async () => {
    const { clock, source, poller, results } = setup(() => changes([agent(1)], null));
    poller.start();
    await settle();
    await clock.advance(20_000);
    expect(source.calls.map((c) => c.query.updatedSince)).toEqual([undefined, undefined, undefined]);
    expect(results.map((r) => r.kind === 'snapshot' && [r.reason, r.baseline])).toEqual([
      ['start', true],
      ['periodic', false],
      ['periodic', false],
    ]);
    poller.stop();
  });

  it('resyncs after a result listener failed halfway', async () => {
    const { clock, source, poller } = setup(ok);
    let fail = true;
    poller.onResult(() => {
      if (fail) {
        fail = false;
        throw new Error('listener bug');
      }
    });
    poller.start();
    await settle();
    await clock.advance(10_000);
    expect(source.calls[1]!.query.updatedSince).toBeUndefined();
    poller.stop();
  });

  it('passes the fields projection on every call', async () => {
    const { poller, source } = setup(ok, { fields: ['agentId', 'agentStateId'] });
    poller.start();
    await settle();
    expect(source.calls[0]!.query.fields).toEqual(['agentId', 'agentStateId']);
    poller.stop();
  });
});
