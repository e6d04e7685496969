// The shared poll timer (main/monitor/poll-timer.ts), on the fake clock.
import { describe, expect, it } from 'vitest';
import { createPollTimer, createTimeout, type TimerFire } from '../../main/monitor/poll-timer';
import type { Clock, TimerHandle } from '../../main/ports';
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

  it('reports a timer that fired far later than planned (a sleep on a platform whose monotonic clock runs on)', () => {
    // The fake clock fires timers on time, so this one is fired by hand, late, with both clocks moved.
    let wall = 1_000_000;
    let mono = 0;
    let due: (() => void) | null = null;
    const clock: Clock = {
      now: () => wall,
      monotonic: () => mono,
      setTimeout: (fn) => ((due = fn), 1 as unknown as TimerHandle),
      clearTimeout: () => (due = null),
    };
    const fires: TimerFire[] = [];
    const timer = createPollTimer(clock, () => 10_000, (f) => fires.push(f));
    const fireAfter = (ms: number) => {
      timer.schedule(10_000);
      wall += ms;
      mono += ms;
      due!();
    };
    fireAfter(20_000); // late by exactly the tolerance: timer noise, not a sleep
    fireAfter(20_001);
    expect(fires).toEqual([
      { jumped: false, wallDriftMs: 0, lateByMs: 10_000 },
      { jumped: true, wallDriftMs: 0, lateByMs: 10_001 },
    ]);
    // A wall clock that moved by exactly the tolerance is no jump either.
    timer.schedule(10_000);
    wall += 20_000;
    mono += 10_000;
    due!();
    expect(fires[2]).toEqual({ jumped: false, wallDriftMs: 10_000, lateByMs: 0 });
  });
});
