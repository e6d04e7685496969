// The trend strip's sentence (renderer/src/tray/trend-words.ts).
import { describe, expect, it } from 'vitest';
import type { Trend } from '../../main/monitor/status';
import { trendSummary } from '../../renderer/src/tray/trend-words';

const T = Date.UTC(2025, 0, 15, 14, 0, 0);
const bucket = (minute: number, available: number, unavailable: number): Trend['buckets'][number] => ({
  t: T + minute * 60_000,
  counts: { available, unavailable, 'on-contact': 0, acw: 0, 'logged-out': 0, other: 0 },
});

describe('trend summary', () => {
  it('says how Available moved over the minutes shown, in the singular for one', () => {
    expect(trendSummary({ bucketMs: 60_000, buckets: [] })).toBe('No history yet.');
    expect(trendSummary({ bucketMs: 60_000, buckets: [bucket(0, 4, 2)] })).toBe('4 available and 2 unavailable now.');
    expect(trendSummary({ bucketMs: 60_000, buckets: [bucket(0, 4, 2), bucket(1, 5, 1)] })).toBe('Over the last 1 minute available agents went from 4 to 5; 1 unavailable now.');
    expect(trendSummary({ bucketMs: 60_000, buckets: [bucket(0, 4, 2), bucket(30, 5, 1), bucket(42, 7, 3)] })).toBe('Over the last 42 minutes available agents went from 4 to 7; 3 unavailable now.');
  });
});
