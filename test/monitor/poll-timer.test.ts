// The shared poll timer and listener fan-out (main/monitor/poll-timer.ts), on the fake clock.
import { describe, expect, it } from 'vitest';
import { createListeners, createPollTimer, createTimeout, type TimerFire } from '../../main/monitor/poll-timer';
import type { Logger } from '../../main/ports';
import { FakeClock } from './fakes';

describe('poll timer', () => {
  it('fires on time without a jump, and reports a wall-clock jump beyond the tolerance', async () => {
    const clock = new FakeClock();
    const fires: TimerFire[] = [];
    const timer = createPollTimer(clock, () => 10_000, (f) => fires.push(f));
    timer.schedule(10_000);
    expect(timer.pending()).toBe(true);
    await clock.advance(10_000);
    expect(timer.pending()).toBe(false);
    expect(fires).toEqual([{ jumped: false, wallDriftMs: 0, lateByMs: 0 }]);
    timer.schedule(10_000);
    clock.shift(60_000);
    await clock.advance(10_000);
    expect(fires[1]).toEqual({ jumped: true, wallDriftMs: 60_000, lateByMs: 0 });
  });

  it('a cleared or replaced timer does not fire', async () => {
    const clock = new FakeClock();
    let fired = 0;
    const timer = createPollTimer(clock, () => 1_000, () => fired++);
    timer.schedule(5_000);
    timer.schedule(5_000);
    await clock.advance(5_000);
    expect(fired).toBe(1);
    timer.schedule(5_000);
    timer.clear();
    await clock.advance(10_000);
    expect(fired).toBe(1);
    expect(clock.pending()).toBe(0);
    const t = createTimeout(clock);
    t.set(() => fired++, 1);
    t.set(() => fired++, 1);
    await clock.advance(1);
    expect(fired).toBe(2);
  });
});

describe('listener fan-out', () => {
  it('a failing listener is logged and reported, and the others still hear; unsubscribe works', () => {
    const errors: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m) };
    let failures = 0;
    const listeners = createListeners<number>(logger, 'test listener failed', () => failures++);
    const heard: number[] = [];
    listeners.add(() => {
      throw new Error('boom');
    });
    const off = listeners.add((v) => heard.push(v));
    listeners.emit(1);
    off();
    listeners.emit(2);
    expect(heard).toEqual([1]);
    expect(errors).toEqual(['test listener failed', 'test listener failed']);
    expect(failures).toBe(2);
  });
});
