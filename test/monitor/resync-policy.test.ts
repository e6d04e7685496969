// When the poller reads the whole list again (issue 15): after anything that may have lost a delta
// (error, resume, clock jump, a lastPollTime that goes back, a delta that did not add up), plus a
// safety resync that grows with the roster — and not otherwise. Fake clock, scripted source: no waits.
import { describe, expect, it } from 'vitest';
import { CxoneError } from '../../main/cxone/errors';
import { AGENT_STATE_FIELDS } from '../../main/cxone/agent-states';
import { createPoller, DEFAULT_PAGE_SIZE, safetyResyncMs, type PollResult, type PollerOptions } from '../../main/monitor/poller';
import { FakeClock, ScriptedSource, agent, changes, settle, type Call } from './fakes';

const T0 = Date.parse('2025-01-15T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const HOUR = 3_600_000;

/** The n-th answer's server clock runs with the calls (10 s apart). */
const ok = (_c: Call, i: number) => changes([agent(1)], at(i * 10));

function setup(handler: (call: Call, i: number) => ReturnType<ScriptedSource['handler']>, opts: Partial<PollerOptions> = {}) {
  const clock = new FakeClock();
  const source = new ScriptedSource(clock, handler);
  const poller = createPoller({ source, clock, random: () => 0.5, ...opts });
  const results: PollResult[] = [];
  poller.onResult((r) => results.push(r));
  const fulls = () => source.calls.filter((c) => c.query.updatedSince === undefined).length;
  return { clock, source, poller, results, fulls };
}

describe('safetyResyncMs', () => {
  it('is 1 h per 10,000 agents, at least 1 h, at most 6 h, never below the settings floor', () => {
    expect(safetyResyncMs(1_000, 5 * 60_000)).toBe(HOUR);
    expect(safetyResyncMs(10_000, 5 * 60_000)).toBe(HOUR);
    expect(safetyResyncMs(50_000, 5 * 60_000)).toBe(5 * HOUR);
    expect(safetyResyncMs(100_000, 5 * 60_000)).toBe(6 * HOUR);
    expect(safetyResyncMs(1_000, 2 * HOUR)).toBe(2 * HOUR);
  });
});

describe('resync policy', () => {
  it('asks for bounded pages and the fields the app reads', async () => {
    const { source, poller } = setup(ok, { fields: AGENT_STATE_FIELDS });
    poller.start();
    await settle();
    expect(source.calls[0]!.query).toMatchObject({ top: DEFAULT_PAGE_SIZE, fields: AGENT_STATE_FIELDS });
    poller.stop();
  });

  it('does not resync needlessly: a small roster polls deltas for a whole hour, then one safety resync', async () => {
    const { clock, poller, results, fulls } = setup(ok, { resyncMs: 5 * 60_000 });
    poller.start();
    await settle();
    await clock.advance(HOUR - 10_000);
    expect(fulls()).toBe(1);
    expect(results.filter((r) => r.kind === 'snapshot')).toHaveLength(1);
    await clock.advance(10_000);
    expect(fulls()).toBe(2);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'periodic', baseline: false });
    poller.stop();
  });

  it('waits longer between safety resyncs for a big roster (totalRecords 50,000 → 5 h)', async () => {
    const big = (_c: Call, i: number) => ({ ...changes([agent(1)], at(i * 10)), totalRecords: 50_000 });
    const { clock, poller, fulls } = setup(big);
    poller.start();
    await settle();
    await clock.advance(5 * HOUR - 10_000);
    expect(fulls()).toBe(1);
    await clock.advance(10_000);
    expect(fulls()).toBe(2);
    poller.stop();
  });

  it('resyncs after an error, as a baseline', async () => {
    const { clock, poller, results, fulls } = setup((c, i) => (i === 2 ? new CxoneError({ kind: 'unavailable', status: 503, message: 'x' }) : ok(c, i)), { random: () => 0 });
    poller.start();
    await settle();
    await clock.advance(20_000);
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(fulls()).toBe(2);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'error', baseline: true });
    poller.stop();
  });

  it('resyncs on resume (after sleep or lock), and a network change while live is no reason to', async () => {
    const { clock, poller, results, fulls } = setup(ok);
    poller.start();
    await settle();
    await clock.advance(10_000);
    poller.wake();
    await settle();
    expect(fulls()).toBe(1);
    poller.pause('suspend');
    poller.resume('suspend');
    await settle();
    expect(fulls()).toBe(2);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'resume', baseline: true });
    poller.stop();
  });

  it('resyncs after a wall-clock jump', async () => {
    const { clock, poller, results, fulls } = setup(ok);
    poller.start();
    await settle();
    clock.shift(HOUR);
    await clock.advance(10_000);
    expect(fulls()).toBe(2);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'clock-jump' });
    poller.stop();
  });

  it('resyncs when the server\'s lastPollTime goes back (not a baseline: polling went on)', async () => {
    const back = (_c: Call, i: number) => changes([agent(1)], i === 2 ? at(-600) : at(i * 10));
    const { clock, source, poller, results, fulls } = setup(back);
    poller.start();
    await settle();
    await clock.advance(20_000);
    expect(fulls()).toBe(1);
    await clock.advance(10_000);
    expect(fulls()).toBe(2);
    expect(source.calls[3]!.query.updatedSince).toBeUndefined();
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'gap', baseline: false });
    await clock.advance(10_000);
    expect(fulls()).toBe(2);
    poller.stop();
  });

  it('resyncs when a delta\'s pages did not add up, but not for items it could not read', async () => {
    const short = (_c: Call, i: number) => (i === 1 ? { ...changes([agent(1)], at(10)), totalRecords: 3, complete: false, incompleteReason: 'short' } : ok(_c, i));
    const { clock, poller, results, fulls } = setup(short);
    poller.start();
    await settle();
    await clock.advance(20_000);
    expect(fulls()).toBe(2);
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'gap' });

    const unreadable = (_c: Call, i: number) =>
      i === 1 ? { ...changes([agent(1)], at(10)), complete: false, incompleteReason: '1 item could not be read', leftOut: { count: 1, firstReason: 'x' } } : ok(_c, i);
    const b = setup(unreadable);
    b.poller.start();
    await settle();
    await b.clock.advance(30_000);
    expect(b.fulls()).toBe(1);
    b.poller.stop();
    poller.stop();
  });

  it('drops the fields projection after CXone refuses a call that carried it (400)', async () => {
    const refuse = (c: Call, i: number) => (c.query.fields ? new CxoneError({ kind: 'bad-request', status: 400, message: 'Invalid fields' }) : ok(c, i));
    const { clock, source, poller, results } = setup(refuse, { fields: AGENT_STATE_FIELDS, random: () => 0 });
    poller.start();
    await settle();
    expect(source.calls[0]!.query.fields).toBeDefined();
    await clock.advance(clock.nextTimerAt()! - clock.now());
    expect(source.calls[1]!.query.fields).toBeUndefined();
    expect(results.at(-1)).toMatchObject({ kind: 'snapshot', reason: 'start' });
    await clock.advance(10_000);
    expect(source.calls.at(-1)!.query.fields).toBeUndefined();
    poller.stop();
  });
});
