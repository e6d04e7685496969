// The trend strip's pure part: the stacked areas in the chart's own coordinates, where a minute lies on
// it, the minute a key moves to, and which categories the legend names.
import type { StateCategory } from '../../../main/cxone/model';
import type { Trend } from '../../../main/monitor/status';
import { CATEGORY_ORDER } from './category-words';

type Bucket = Trend['buckets'][number];

/** The order the areas stack in, from the bottom. */
const ORDER: StateCategory[] = ['available', 'on-contact', 'acw', 'unavailable', 'other', 'logged-out'];
export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 36;

/** Where minute i of n lies across the chart. */
export function minuteX(i: number, n: number): number {
  return (i / (n - 1)) * CHART_WIDTH;
}

/** One polygon per category, stacked in ORDER and scaled so the minute with the most agents fills the height. */
export function stackedAreas(buckets: readonly Bucket[]): { cat: StateCategory; points: string }[] {
  const n = buckets.length;
  const totals = buckets.map((b) => ORDER.reduce((s, c) => s + (b.counts[c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const point = (v: number, i: number) => `${minuteX(i, n).toFixed(1)},${(CHART_HEIGHT - (v / max) * CHART_HEIGHT).toFixed(1)}`;
  const base = new Array<number>(n).fill(0);
  return ORDER.map((cat) => {
    const lower = [...base];
    buckets.forEach((b, i) => {
      base[i]! += b.counts[cat] ?? 0;
    });
    return { cat, points: [...base.map(point), ...lower.map(point).reverse()].join(' ') };
  });
}

/** The minute (of n) a key moves the chart's cursor to from `index`; undefined for a key that does not move it. */
export function minuteForKey(key: string, index: number, n: number): number | undefined {
  const step = ({ ArrowLeft: -1, ArrowRight: 1, PageDown: -10, PageUp: 10 } as Record<string, number | undefined>)[key];
  if (step !== undefined) return Math.min(n - 1, Math.max(0, index + step));
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return undefined;
}

/** The categories the legend names: what the chart can show, "Other" only when some agent was in such a state. */
export function trendLegend(buckets: readonly Bucket[]): StateCategory[] {
  return CATEGORY_ORDER.filter((c) => c !== 'other' || buckets.some((b) => (b.counts.other ?? 0) > 0));
}
