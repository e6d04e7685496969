// IdMap and IdIndex (main/id-map.ts): what the roster and the client's page collector rely on —
// lookups, the insertion order a Map would iterate in (IdMap), refusal of a second add, and ids in
// strides spread over the shards, whose sizes cross powers of two (a rehash) a few at a time — the point of it.
import { describe, expect, it } from 'vitest';
import { IdIndex, IdMap } from '../../main/id-map';

describe('IdMap', () => {
  it('finds what was added and keeps the order of adding', () => {
    const m = new IdMap<string>();
    const ids = [40_100_007, 3, 2 ** 40 + 5, 0, 77_001, -12];
    for (const id of ids) m.add(id, `v${id}`);
    expect(m.size).toBe(ids.length);
    for (const id of ids) expect(m.get(id)).toBe(`v${id}`);
    expect(m.get(4)).toBeUndefined();
    expect(m.values()).toEqual(ids.map((id) => `v${id}`));
    const index = new IdIndex<string>();
    for (const id of ids) index.add(id, `v${id}`);
    expect(index.size).toBe(ids.length);
    for (const id of ids) expect(index.get(id)).toBe(`v${id}`);
    expect(index.get(4)).toBeUndefined();
    expect(() => index.add(3, 'again')).toThrow(/already present/);
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
    // Entries rehashed within each 1,000 ids added: a shard crossing a power of two rehashes its entries.
    let worstRehash = 0;
    for (let i = 0; i < 100_000; i += 1_000) {
      const before = m.shardSizes();
      for (let k = i; k < i + 1_000; k++) m.add(idOf(k), k);
      const rehashed = m.shardSizes().reduce((sum, n, s) => (Math.floor(Math.log2(n)) > Math.floor(Math.log2(Math.max(1, before[s]!))) ? sum + n : sum), 0);
      worstRehash = Math.max(worstRehash, rehashed);
    }
    // One Map holds all 100,000 and rehashes 65,536 at once; so would 32 equal shards, in the same 1,000.
    expect(Math.max(...m.shardSizes())).toBeLessThan(2 * 3_125);
    expect(worstRehash).toBeLessThanOrEqual(16_384);
    for (let i = 0; i < 100_000; i += 997) expect(m.get(idOf(i))).toBe(i);
  });
});
