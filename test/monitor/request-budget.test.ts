// The tenant's one request budget (main/monitor/request-budget.ts) on the fake clock: the longest hold
// wins, a wake-up ends only the app's own backoff, and clock jumps and sleeps neither stretch a hold
// nor keep it after waking.
import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../main/monitor/request-budget';
import { FakeClock } from './fakes';

describe('request budget', () => {
  it('holds every poller as long as the longest wait, and a wake-up ends only the app\'s own backoff', async () => {
    const clock = new FakeClock();
    const budget = createRequestBudget(clock);
    expect(budget.waitMs()).toBe(0);
    budget.hold(30_000, false);
    budget.hold(10_000, false); // a shorter backoff never shortens a longer one
    expect(budget.waitMs()).toBe(30_000);
    budget.wake();
    expect(budget.waitMs()).toBe(0);
    budget.hold(60_000, true);
    budget.hold(20_000, true);
    budget.hold(90_000, false);
    await clock.advance(15_000);
    expect(budget.waitMs()).toBe(75_000);
    budget.wake(); // the server's Retry-After stands
    expect(budget.waitMs()).toBe(45_000);
    await clock.advance(45_000);
    expect(budget.waitMs()).toBe(0);
  });

  it('ignores a wait that is no wait (0, negative, NaN): later holds still count', () => {
    const budget = createRequestBudget(new FakeClock());
    budget.hold(Number.NaN, true);
    budget.hold(Number.NaN, false);
    budget.hold(-5_000, true);
    expect(budget.waitMs()).toBe(0);
    budget.hold(5_000, true);
    budget.hold(4_000, false);
    expect(budget.waitMs()).toBe(5_000);
  });

  it('a wall clock set back does not stretch a hold; a sleep (the wall clock moved on, monotonic time did not) ends it', () => {
    const clock = new FakeClock();
    const budget = createRequestBudget(clock);
    budget.hold(60_000, true);
    clock.shift(-3_600_000);
    expect(budget.waitMs()).toBe(60_000);
    clock.shift(3_600_000 + 20_000); // 20 s of sleep
    expect(budget.waitMs()).toBe(40_000);
    clock.shift(3_600_000); // an hour of sleep: the server's wait is long over
    expect(budget.waitMs()).toBe(0);
  });
});
