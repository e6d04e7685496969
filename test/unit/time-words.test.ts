// Durations in words, shared by the tray window (time in state) and the doctor (since when, how long ago).
import { describe, expect, it } from 'vitest';
import { agoWords, formatDuration } from '../../main/time-words';

describe('formatDuration', () => {
  it('uses the two largest units, the smaller one padded, at every boundary', () => {
    const cases: [number, string][] = [
      [0, '0 s'],
      [999, '0 s'],
      [59_999, '59 s'],
      [60_000, '1 m 00 s'],
      [187_000, '3 m 07 s'],
      [3_599_999, '59 m 59 s'],
      [3_600_000, '1 h 00 m'],
      [5 * 3_600_000 + 2 * 60_000 + 59_000, '5 h 02 m'],
      [48 * 3_600_000 - 1, '47 h 59 m'],
      [48 * 3_600_000, '2 d 0 h'],
      [76 * 3_600_000, '3 d 4 h'],
      [-5_000, '0 s'],
    ];
    for (const [ms, words] of cases) expect(formatDuration(ms), `${ms} ms`).toBe(words);
  });
});

describe('agoWords', () => {
  const now = Date.UTC(2026, 10, 30, 12, 0, 0);
  it('says how long ago, and that a time in the future means the clocks disagree', () => {
    expect(agoWords(now - 33_000, now)).toBe('33 s ago');
    expect(agoWords(now - 4_000_000, now)).toBe('1 h 06 m ago');
    expect(agoWords(now + 4_000, now)).toBe('0 s ago');
    expect(agoWords(now + 5_000, now)).toBe('0 s ago');
    expect(agoWords(now + 5_001, now)).toBe("5 s ahead of this computer's clock");
    expect(agoWords(now + 125_000, now)).toBe("2 m 05 s ahead of this computer's clock");
    expect(agoWords(now + 10_000, now, 60_000)).toBe('0 s ago');
  });
});
