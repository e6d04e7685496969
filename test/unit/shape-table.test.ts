// The roster's shape table (main/monitor/shape-table.ts): one index per distinct shape however the
// strings were made, every field telling shapes apart, probing past collisions, and compaction that
// keeps exactly the shapes still in use and renumbers them. Plain data, no mocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorize } from '../../main/cxone/model';
import { sameShape, shapeHash, ShapeTable, type Shape } from '../../main/monitor/shape-table';

const shape = (o: Partial<Shape> = {}): Shape => {
  const s: Shape = { stateId: 3, stateName: 'InboundContact', category: 'on-contact', outStateId: null, outStateDescription: null, isACW: false, skillName: 'Support EN 1', mediaTypeName: 'Chat', ...o };
  s.category = categorize(s.stateId, s.stateName, s.isACW);
  return s;
};
/** A string with the same text but a different identity (as each JSON.parse makes it). */
const fresh = (v: string | null) => (v === null ? null : JSON.parse(JSON.stringify(v)) as string);
const identity = <T extends string | null>(v: T) => v;
const noPoints = () => {};

describe('ShapeTable', () => {
  it('gives one index per distinct shape, whoever made its strings, and keeps each field apart', () => {
    const t = new ShapeTable(identity, noPoints);
    const base = shape();
    const i = t.indexOf(base);
    expect(sameShape(base, { ...base, skillName: fresh(base.skillName) })).toBe(true);
    expect(t.indexOf({ ...base, stateName: fresh(base.stateName)!, skillName: fresh(base.skillName), mediaTypeName: fresh(base.mediaTypeName) })).toBe(i);
    const variants: Partial<Shape>[] = [
      { stateId: 4 },
      { stateName: 'Inbound Contact' },
      { outStateId: 0 },
      { outStateId: 1 },
      { outStateId: 12 },
      { outStateId: 13 },
      { outStateDescription: '' },
      { isACW: true },
      { skillName: null },
      { skillName: '' },
      { skillName: 'Support EN 2' },
      { mediaTypeName: null },
      { mediaTypeName: 'chat' },
    ];
    const seen = new Set([i]);
    for (const v of variants) {
      // Told apart by the comparison itself, not only by the hash (which may collide).
      expect(sameShape(base, shape(v)), JSON.stringify(v)).toBe(false);
      // Every field compared also feeds the hash: shapes one field apart do not all probe one chain.
      expect(shapeHash(shape(v)), JSON.stringify(v)).not.toBe(shapeHash(base));
      const k = t.indexOf(shape(v));
      expect(seen.has(k), JSON.stringify(v)).toBe(false);
      seen.add(k);
      expect(t.indexOf(shape(v))).toBe(k);
      expect(t.get(k)).toEqual(shape(v));
    }
    expect(t.size).toBe(variants.length + 1);
    // No two of them share a hash (codes among themselves and against none, too).
    expect(new Set([base, ...variants.map((v) => shape(v))].map(shapeHash)).size).toBe(variants.length + 1);
  });

  it('tells apart two shapes whose 32-bit hashes are the same', () => {
    const a = shape({ skillName: 'Skill exqhod' });
    const b = shape({ skillName: 'Skill mbqzcl' });
    expect(shapeHash(a)).toBe(shapeHash(b));
    const t = new ShapeTable(identity, noPoints);
    const [ia, ib] = [t.indexOf(a), t.indexOf(b)];
    expect(ia).not.toBe(ib);
    expect([t.indexOf(b), t.indexOf(a)]).toEqual([ib, ia]);
    expect([t.get(ia), t.get(ib)]).toEqual([a, b]);
  });

  it('null and "" hash apart, as do fields whose texts would run together', () => {
    expect(shapeHash(shape({ skillName: null }))).not.toBe(shapeHash(shape({ skillName: '' })));
    expect(shapeHash(shape({ skillName: 'ab', mediaTypeName: 'c' }))).not.toBe(shapeHash(shape({ skillName: 'a', mediaTypeName: 'bc' })));
  });

  it('interns a new shape\'s strings through the caller', () => {
    const pool = new Map<string, string>();
    const intern = <T extends string | null>(v: T): T => (v === null ? v : ((pool.get(v) ?? (pool.set(v, v), v)) as T));
    const t = new ShapeTable(intern, noPoints);
    const shared = 'Support EN 1';
    pool.set(shared, shared);
    const k = t.indexOf(shape({ skillName: fresh(shared) }));
    expect(t.get(k).skillName).toBe(shared);
    expect(pool.has('InboundContact')).toBe(true);
  });

  it('finds every shape among many sharing a small table (probing past collisions)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.nat({ max: 8 }), fc.option(fc.nat({ max: 30 })), fc.boolean(), fc.option(fc.string({ maxLength: 3 }))), { minLength: 1, maxLength: 60, selector: (t) => JSON.stringify(t) }), (specs) => {
        // Limit 64: 128 slots, up to 60 shapes — long probe runs, and no compaction.
        const t = new ShapeTable(identity, noPoints, 64);
        const made = specs.map(([stateId, code, acw, skill]) => shape({ stateId, outStateId: code, isACW: acw, skillName: skill }));
        const idx = made.map((s) => t.indexOf(s));
        expect(new Set(idx).size).toBe(made.length);
        made.forEach((s, k) => expect(t.indexOf({ ...s, skillName: fresh(s.skillName) })).toBe(idx[k]));
        expect(t.size).toBe(made.length);
      }),
      { seed: 1520, numRuns: 100 },
    );
  });

  it('compacts to the shapes still in use, renumbered through the caller, and doubles its limit only when most are in use', () => {
    // The caller's "points": shape indexes it holds, renumbered by remap.
    let points: number[] = [];
    const t = new ShapeTable(identity, (fn) => {
      points = points.map(fn);
    }, 4);
    const s = (k: number) => shape({ skillName: `skill ${k}` });
    points = [t.indexOf(s(0)), t.indexOf(s(1)), t.indexOf(s(2)), t.indexOf(s(3))];
    points = [points[1]!, points[3]!];
    // A fifth shape: the table is full, keeps skills 1 and 3 (renumbered 0 and 1), and adds skill 4.
    const k4 = t.indexOf(s(4));
    expect(t.size).toBe(3);
    expect(points.map((p) => t.get(p).skillName)).toEqual(['skill 1', 'skill 3']);
    expect(t.get(k4).skillName).toBe('skill 4');
    expect(t.indexOf(s(1))).toBe(points[0]);
    points.push(k4);
    // Half were in use, so the limit stayed 4: one more fits, and the next compacts again.
    points.push(t.indexOf(s(5)));
    expect(t.size).toBe(4);
    points = points.filter((p) => t.get(p).skillName !== 'skill 3');
    const k6 = t.indexOf(s(6));
    // Kept 1, 4 and 5 (3 of 4: most), so the limit doubled to 8 — and 6 was added.
    expect(t.size).toBe(4);
    expect(points.map((p) => t.get(p).skillName)).toEqual(['skill 1', 'skill 4', 'skill 5']);
    expect(t.get(k6).skillName).toBe('skill 6');
    for (let k = 7; k < 11; k++) t.indexOf(s(k));
    expect(t.size).toBe(8);
    expect(points.map((p) => t.get(p).skillName)).toEqual(['skill 1', 'skill 4', 'skill 5']);
  });

  it('forgets everything on clear', () => {
    const t = new ShapeTable(identity, noPoints);
    const available = shape({ stateId: 1, stateName: 'Available', skillName: null, mediaTypeName: null });
    t.indexOf(shape());
    t.indexOf(shape({ skillName: 'Support EN 2' }));
    t.clear();
    expect(t.size).toBe(0);
    expect(t.indexOf(available)).toBe(0);
    // Shapes it held before the clear are new again, numbered from where the new list is.
    expect(t.indexOf(shape({ skillName: 'Support EN 2' }))).toBe(1);
    expect(t.indexOf(shape())).toBe(2);
    expect([0, 1, 2].map((k) => t.get(k))).toEqual([available, shape({ skillName: 'Support EN 2' }), shape()]);
  });

  it('after compacting, finds each kept shape at its new index even when they share a slot, and keeps a shape many points use once', () => {
    let points: number[] = [];
    const t = new ShapeTable(identity, (fn) => {
      points = points.map(fn);
    }, 4);
    // Limit 4: 8 slots. These four skills hash to the same slot (found by trying names), so each probes past the others.
    const s = (name: string) => shape({ skillName: name });
    const [k0, k6, k13, k25] = ['skill 0', 'skill 6', 'skill 13', 'skill 25'].map((n) => t.indexOf(s(n)));
    expect(new Set([k0, k6, k13, k25]).size).toBe(4);
    points = [k13!, k25!, k13!];
    const k1 = t.indexOf(s('skill 1'));
    // Two of four in use: kept once each, renumbered, the limit stays 4.
    expect(t.size).toBe(3);
    expect(points.map((p) => t.get(p).skillName)).toEqual(['skill 13', 'skill 25', 'skill 13']);
    expect([t.indexOf(s('skill 13')), t.indexOf(s('skill 25')), t.indexOf(s('skill 1'))]).toEqual([points[0], points[1], k1]);
    expect(t.size).toBe(3);
  });

  it('refuses a limit that is not a power of two (the mask would leave slots unreachable and a full probe never end)', () => {
    for (const limit of [0, 3, 5, 100, 1.5]) expect(() => new ShapeTable(identity, noPoints, limit), String(limit)).toThrow(RangeError);
    expect(() => new ShapeTable(identity, noPoints, 1)).not.toThrow();
  });
});
