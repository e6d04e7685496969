// IdMap (main/id-map.ts): what the roster and the client's page collector rely on — lookups, the
// insertion order a Map would iterate in, refusal of a second add, and ids in strides spread over the
// shards (the point of it: no shard grows to the size whose rehash blocked the main process).
import { describe, expect, it } from 'vitest';
import { IdMap } from '../../main/id-map';

describe('IdMap', () => {
  it('finds what was added and keeps the order of adding', () => {
    const m = new IdMap<string>();
    const ids = [40_100_007, 3, 2 ** 40 + 5, 0, 77_001, -12];
    for (const id of ids) m.add(id, `v${id}`);
    expect(m.size).toBe(ids.length);
    for (const id of ids) expect(m.get(id)).toBe(`v${id}`);
    expect(m.get(4)).toBeUndefined();
    expect(m.values()).toEqual(ids.map((id) => `v${id}`));
    expect(m.ids()).toEqual(ids);
  });

  it('refuses an id twice, and forgets everything on clear', () => {
    const m = new IdMap<number>();
    m.add(7, 1);
    expect(() => m.add(7, 2)).toThrow(/already present/);
    expect(m.get(7)).toBe(1);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get(7)).toBeUndefined();
    expect(m.values()).toEqual([]);
    m.add(7, 3);
    expect(m.get(7)).toBe(3);
  });

  it.each([
    ['consecutive', (i: number) => 1_000 + i],
    ['every 7th (the bench tenant)', (i: number) => 40_100_000 + 7 * i],
    ['every 32nd', (i: number) => 32 * i],
    ['every 1024th', (i: number) => 1024 * i],
    ['beyond 2^32', (i: number) => 2 ** 33 + 64 * i],
  ])('spreads 100,000 ids %s over its shards', (_name, idOf) => {
    const m = new IdMap<number>();
    for (let i = 0; i < 100_000; i++) m.add(idOf(i), i);
    // 32 shards: an even spread is 3,125 each; one Map would hold all 100,000.
    expect(m.largestShard()).toBeLessThan(2 * 3_125);
    for (let i = 0; i < 100_000; i += 997) expect(m.get(idOf(i))).toBe(i);
  });
});
