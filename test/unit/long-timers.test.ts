// The clock port's timers must honour waits longer than Node's 2^31−1 ms timer limit: Node fires such a
// timer after 1 ms, which turned a 34-day Retry-After into a request storm. Vitest's fake timers stand in
// for the event loop here (they overflow the same way Node does, which the first test shows).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_CHUNK_MS, clearLongTimeout, setLongTimeout, systemClock } from '../../main/ports';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const DAYS_34 = 3_000_000_000;

describe('long timers', () => {
  it('a raw setTimeout beyond 2^31−1 ms fires almost at once (the defect being guarded against)', () => {
    const fn = vi.fn();
    setTimeout(fn, DAYS_34);
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('setLongTimeout waits the whole delay, in chunks', () => {
    const fn = vi.fn();
    setLongTimeout(fn, DAYS_34);
    vi.advanceTimersByTime(MAX_TIMER_CHUNK_MS);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DAYS_34 - MAX_TIMER_CHUNK_MS - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('systemClock timers are long-safe and cancellable in any chunk', () => {
    const fn = vi.fn();
    const h = systemClock.setTimeout(fn, DAYS_34);
    vi.advanceTimersByTime(MAX_TIMER_CHUNK_MS + 10);
    systemClock.clearTimeout(h);
    vi.advanceTimersByTime(DAYS_34);
    expect(fn).not.toHaveBeenCalled();
    const short = vi.fn();
    systemClock.setTimeout(short, 50);
    vi.advanceTimersByTime(50);
    expect(short).toHaveBeenCalledTimes(1);
  });

  it('a cleared long timer leaves no timer behind', () => {
    const h = setLongTimeout(() => {}, DAYS_34);
    vi.advanceTimersByTime(MAX_TIMER_CHUNK_MS);
    clearLongTimeout(h);
    expect(vi.getTimerCount()).toBe(0);
  });
});
