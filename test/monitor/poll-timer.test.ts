// The shared poll timer (main/monitor/poll-timer.ts), on the fake clock.
import { describe, expect, it } from 'vitest';
import { createPollTimer, createTimeout, type TimerFire } from '../../main/monitor/poll-timer';
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
