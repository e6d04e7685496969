// bench/results.json keeps every area's latest results (bench/results-file.ts): a run of one area must
// not erase the others, and what it reads back must be what it wrote.
import { describe, expect, it } from 'vitest';
import { mergeResults, previousAreas, type AreaResults } from '../../bench/results-file';

const area = (name: string, at: string, value: number, sizes: string | null = null): AreaResults => ({
  at,
  sizes,
  goals: [{ name: `${name}: a goal`, value, unit: 'x', goal: '<= 2x', baseline: 1, met: value <= 2 }],
  scaling: [{ area: name, measure: 'a measure', size: 10_000, unit: 'x', median: value, min: value, max: value, runs: 3 }],
  phases: [{ area: name, phase: 'whole area', count: 1, totalS: 12.5, medianS: 12.5 }],
});
const ORDER = ['auth', 'monitor', 'renderer', 'cli', 'queues'];

describe('bench results file', () => {
  it('a run of one area replaces that area and keeps the others, in the bench order, with their union on top', () => {
    const earlier = mergeResults({}, { renderer: area('renderer', '2026-11-30T06:00:00.000Z', 1.5), monitor: area('monitor', '2026-11-30T06:00:00.000Z', 3) }, ORDER);
    const { kept, note } = previousAreas(JSON.stringify(earlier));
    expect(note).toBeNull();
    const now = mergeResults(kept, { monitor: area('monitor', '2026-11-30T07:00:00.000Z', 2.5, '10000') }, ORDER);
    expect(Object.keys(now.areas)).toEqual(['monitor', 'renderer']);
    expect(now.areas.monitor!.at).toBe('2026-11-30T07:00:00.000Z');
    expect(now.areas.monitor!.sizes).toBe('10000');
    expect(now.areas.renderer).toEqual(area('renderer', '2026-11-30T06:00:00.000Z', 1.5));
    expect(now.goals.map((g) => [g.name, g.value])).toEqual([
      ['monitor: a goal', 2.5],
      ['renderer: a goal', 1.5],
    ]);
    expect(now.scaling.map((r) => r.area)).toEqual(['monitor', 'renderer']);
    expect(now.phases.map((p) => p.area)).toEqual(['monitor', 'renderer']);
  });

  it('reads back exactly what it wrote, a measure that could not be taken (NaN, null in JSON) included', () => {
    const results = mergeResults({}, { monitor: area('monitor', '2026-11-30T06:00:00.000Z', NaN), custom: area('custom', '2026-11-30T06:00:00.000Z', 1) }, ORDER);
    const back = previousAreas(JSON.stringify(results, null, 2));
    expect(back.kept).toEqual(results.areas);
    expect(back.kept.monitor!.goals[0]!.value).toBeNaN();
    // An area the bench no longer lists is kept, after the ones it does.
    expect(Object.keys(mergeResults(back.kept, {}, ORDER).areas)).toEqual(['monitor', 'custom']);
  });

  it('no file, an older file without per-area results, or broken JSON keep nothing, and say why when there was a file', () => {
    expect(previousAreas(null)).toEqual({ kept: {}, note: null });
    const old = previousAreas(JSON.stringify({ goals: [], scaling: [], phases: [] }));
    expect(old.kept).toEqual({});
    expect(old.note).toMatch(/per-area format/);
    const broken = previousAreas('{"areas": ');
    expect(broken.kept).toEqual({});
    expect(broken.note).toMatch(/not valid JSON/);
    const wrongShape = previousAreas(JSON.stringify({ areas: { monitor: { at: 5 } } }));
    expect(wrongShape.kept).toEqual({});
  });
});
