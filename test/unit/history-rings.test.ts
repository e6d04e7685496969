import { describe, expect, it } from 'vitest';
import { HistoryRings } from '../../main/monitor/history-rings';

const T = Date.UTC(2025, 0, 15, 13, 0, 0);

describe('HistoryRings', () => {
  it('keeps the last `depth` points of a ring, oldest first, and drops the oldest when full', () => {
    const rings = new HistoryRings(3);
    const a = rings.alloc();
    const b = rings.alloc();
    for (let k = 0; k < 5; k++) rings.push(a, T + k * 1000, k, k % 2 ? 100 + k : null, new Date(T + k * 1000).toISOString(), k === 0);
    rings.push(b, T, 7, null, 'not a time', false);
    expect(rings.points(a).map((p) => [p.at - T, p.shape, p.contactId, p.baseline])).toEqual([
      [2000, 2, null, false],
      [3000, 3, 103, false],
      [4000, 4, null, false],
    ]);
    expect(rings.points(a).map((p) => p.startDate)).toEqual([2, 3, 4].map((k) => new Date(T + k * 1000).toISOString()));
    expect(rings.points(b)).toEqual([{ at: T, shape: 7, contactId: null, startDate: 'not a time', baseline: false }]);
  });

  it('peekNext reads the slot the next push writes: empty (0) until the ring is full, then the oldest point', () => {
    const rings = new HistoryRings(2);
    const r = rings.alloc();
    expect(rings.peekNext(r)).toBe(0);
    rings.push(r, T, 1, null, null, false);
    expect(rings.peekNext(r)).toBe(0);
    rings.push(r, T + 1000, 2, null, null, false);
    expect(rings.peekNext(r)).toBe(T);
    rings.push(r, T + 2000, 3, null, null, false);
    expect(rings.peekNext(r)).toBe(T + 1000);
  });
});
