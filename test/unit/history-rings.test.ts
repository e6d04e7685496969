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

  it('takes a depth of 2 to 255 points per ring; a ring of 255 keeps its last 255 points in order', () => {
    expect(() => new HistoryRings(1)).toThrow(RangeError);
    expect(() => new HistoryRings(256)).toThrow(RangeError);
    const rings = new HistoryRings(255);
    const r = rings.alloc();
    for (let k = 0; k < 300; k++) rings.push(r, T + k, k, null, null, false);
    const points = rings.points(r);
    expect(points).toHaveLength(255);
    expect([points[0]!.shape, points.at(-1)!.shape]).toEqual([45, 299]);
  });

  it('keeps each ring apart across blocks of 1,024 rings', () => {
    const rings = new HistoryRings(2);
    const ids = Array.from({ length: 2_100 }, () => rings.alloc());
    expect(ids.at(-1)).toBe(2_099);
    // Three points into each ring of two: every slot of every block is written, and the oldest dropped.
    for (let k = 0; k < 3; k++) for (const r of ids) rings.push(r, T + r + k, r, r + k, r % 2 ? 'text' : null, false);
    for (const r of ids) {
      expect(rings.points(r)).toEqual([1, 2].map((k) => ({ at: T + r + k, shape: r, contactId: r + k, startDate: r % 2 ? 'text' : null, baseline: false })));
    }
  });

  it('forgets every ring on clear: a new ring starts empty, also after more than one block', () => {
    const rings = new HistoryRings(3);
    for (let k = 0; k < 1_500; k++) rings.push(rings.alloc(), T, 1, 5, 'text', true);
    rings.clear();
    // Ring numbers start over: blocks are kept by ring number, so numbers that went on counting after a
    // clear (each sign-out) would hold a block for every 1,024 of them.
    const r = rings.alloc();
    expect(r).toBe(0);
    expect(rings.points(r)).toEqual([]);
    for (let k = 0; k < 1_500; k++) rings.alloc();
    rings.push(1_400, T, 2, null, null, false);
    expect(rings.points(1_400)).toEqual([{ at: T, shape: 2, contactId: null, startDate: null, baseline: false }]);
  });

  it('gives back any startDate as it was given: canonical text of another time, other spellings, and times a Date cannot hold', () => {
    const rings = new HistoryRings(8);
    const r = rings.alloc();
    const cases: [number, string | null][] = [
      [T, new Date(T).toISOString()],
      // The 31st: a day the fast reader leaves to Date.
      [Date.UTC(2025, 0, 31, 9, 0, 0), '2025-01-31T09:00:00.000Z'],
      [T, new Date(T + 1).toISOString()],
      [Date.UTC(2025, 0, 31, 9, 0, 0), '2025-01-31T09:00:00.001Z'],
      [T, '2025-01-15T13:00:00Z'],
      [NaN, '2025-01-15T13:00:00.000Z'],
      [1e16, '2025-01-15T13:00:00.000Z'],
      [T, null],
    ];
    for (const [at, startDate] of cases) rings.push(r, at, 1, null, startDate, false);
    expect(rings.points(r).map((p) => [p.at, p.startDate])).toEqual(cases);
  });

  it('peekNext reads the slot of its own ring, also for a ring after the first', () => {
    const rings = new HistoryRings(3);
    const [a, b, c] = [rings.alloc(), rings.alloc(), rings.alloc()];
    for (let k = 0; k < 3; k++) rings.push(a, T + k, 1, null, null, false);
    rings.push(b, T + 10, 1, null, null, false);
    for (let k = 0; k < 4; k++) rings.push(c, T + 20 + k, 1, null, null, false);
    expect([rings.peekNext(a), rings.peekNext(b), rings.peekNext(c)]).toEqual([T, 0, T + 21]);
  });

  it('renumbers shapes and keeps the rest of every point: time, contact, baseline and how startDate was spelled', () => {
    const rings = new HistoryRings(3);
    rings.alloc();
    const r = rings.alloc();
    rings.push(r, T, 5, 7, null, true);
    rings.push(r, T + 1000, 6, null, 'not a time', false);
    rings.push(r, T + 2000, 5, null, new Date(T + 2000).toISOString(), true);
    const before = rings.points(r);
    const seen: number[] = [];
    rings.remapShapes((shape) => (seen.push(shape), shape + 10));
    expect(seen).toEqual([5, 6, 5]);
    expect(rings.points(r)).toEqual(before.map((p) => ({ ...p, shape: p.shape + 10 })));
  });
});
