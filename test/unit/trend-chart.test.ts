// The trend strip's pure part (renderer/src/tray/trend-chart.ts): the stacked areas, where a minute lies,
// the minute a key moves to, and the legend. The strip itself is checked in Chromium (windows.spec.ts).
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, minuteForKey, minuteX, stackedAreas, trendLegend } from '../../renderer/src/tray/trend-chart';

const T = Date.UTC(2026, 11, 2, 9, 0, 0);
const NONE = { available: 0, 'on-contact': 0, acw: 0, unavailable: 0, other: 0, 'logged-out': 0 };

describe('stackedAreas', () => {
  it('stacks each category on those below it, scaled so the fullest minute fills the height', () => {
    const areas = stackedAreas([
      { t: T, counts: { ...NONE, available: 2, 'on-contact': 2 } },
      { t: T + 60_000, counts: { ...NONE, available: 1 } },
    ]);
    expect(areas.map((a) => a.cat)).toEqual(['available', 'on-contact', 'acw', 'unavailable', 'other', 'logged-out']);
    // Top edge left to right, then the bottom edge right to left.
    expect(areas[0]!.points).toBe('0.0,18.0 300.0,27.0 300.0,36.0 0.0,36.0');
    expect(areas[1]!.points).toBe('0.0,0.0 300.0,27.0 300.0,27.0 0.0,18.0');
  });
});

describe('minuteX and minuteForKey', () => {
  it('spreads the minutes over the width', () => {
    expect(minuteX(0, 5)).toBe(0);
    expect(minuteX(4, 5)).toBe(CHART_WIDTH);
  });

  it('arrows move one minute, pages ten, Home and End to the ends, clamped; other keys do not move', () => {
    expect(minuteForKey('ArrowLeft', 5, 60)).toBe(4);
    expect(minuteForKey('ArrowRight', 59, 60)).toBe(59);
    expect(minuteForKey('PageDown', 5, 60)).toBe(0);
    expect(minuteForKey('PageUp', 5, 60)).toBe(15);
    expect(minuteForKey('Home', 30, 60)).toBe(0);
    expect(minuteForKey('End', 30, 60)).toBe(59);
    expect(minuteForKey('a', 30, 60)).toBeUndefined();
  });
});

describe('trendLegend', () => {
  it('names "Other" only when some agent was in such a state', () => {
    expect(trendLegend([{ t: T, counts: { ...NONE, available: 1 } }])).not.toContain('other');
    expect(trendLegend([{ t: T, counts: { ...NONE, other: 1 } }])).toContain('other');
  });
});
