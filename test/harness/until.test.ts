// The tests' wait helper: an async probe must be awaited, or every wait on one passes at once.
import { describe, expect, it } from 'vitest';
import { until } from './until';

describe('until', () => {
  it('awaits an async probe and returns what it resolved to once truthy', async () => {
    let calls = 0;
    const got = await until('the third call', async () => (++calls >= 3 ? { calls } : false));
    expect(got).toEqual({ calls: 3 });
  });

  it('times out, naming the wait, when an async probe never resolves truthy', async () => {
    await expect(until('something that never comes', async () => false, 120)).rejects.toThrow('timed out waiting for something that never comes');
  });

  it('still takes a plain probe', async () => {
    let n = 0;
    expect(await until('n to reach 2', () => (++n >= 2 ? n : undefined))).toBe(2);
  });
});
