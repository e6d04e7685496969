// The trend strip's one sentence: how the Available count moved over the hour shown, and how many are
// Unavailable now. Plain words, shown beside the chart and read out by screen readers.
import type { Trend } from '../../../main/monitor/status';
import { count } from '../../../main/words';

/** "Over the last 42 minutes available agents went from 10 to 12; 3 unavailable now." */
export function trendSummary(trend: Trend): string {
  const last = trend.buckets.at(-1);
  const first = trend.buckets[0];
  if (!last || !first) return 'No history yet.';
  const a0 = first.counts.available ?? 0;
  const a1 = last.counts.available ?? 0;
  const u1 = last.counts.unavailable ?? 0;
  const mins = Math.round((last.t - first.t) / 60_000);
  // One minute of history has no "went from … to …" yet.
  if (mins < 1) return `${a1} available and ${u1} unavailable now.`;
  return `Over the last ${count(mins, 'minute')} available agents went from ${a0} to ${a1}; ${u1} unavailable now.`;
}
