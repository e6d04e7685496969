// The one reader of CXone times: no zone = UTC (never local time), 0–7 fraction digits, Z or an offset.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeServerTime, parseServerTime, timeMemo } from '../../main/cxone/server-time';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const T = Date.UTC(2025, 0, 15, 14, 3, 27);

describe('parseServerTime', () => {
  it('reads every spelling CXone uses as the same UTC instant', () => {
    for (const v of [
      '2025-01-15T14:03:27Z',
      '2025-01-15T14:03:27.000Z',
      '2025-01-15T14:03:27',
      '2025-01-15T14:03:27.0',
      '2025-01-15T14:03:27.0000000',
      '2025-01-15T14:03:27+00:00',
      '2025-01-15T15:03:27+01:00',
      '2025-01-15T09:03:27-05:00',
      '2025-01-15T23:03:27+0900',
      '2025-01-15 14:03:27',
    ]) {
      expect(parseServerTime(v), v).toBe(T);
    }
    // Fraction digits beyond milliseconds are cut, never rounded up (a later updatedSince could miss a change).
    expect(parseServerTime('2025-01-15T14:03:27.1239999')).toBe(T + 123);
    expect(parseServerTime('2025-01-15T14:03:27.5')).toBe(T + 500);
    expect(parseServerTime('2025-01-15')).toBe(Date.UTC(2025, 0, 15));
  });

  it('refuses garbage and impossible dates instead of guessing', () => {
    for (const v of ['', 'garbage', '2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', '2025-01-15T24:00:00Z', '2025-01-15T14:03:27.12345678Z', '2025-01-15T14:03:27+25:00', '1736949807000', 'yesterday']) {
      expect(parseServerTime(v), v).toBeUndefined();
    }
    for (const v of [null, undefined, 1736949807000, {}, []]) expect(parseServerTime(v)).toBeUndefined();
  });

  it("refuses text of the canonical spelling's length and shape that is no time, in either length", () => {
    // The canonical fast path reads digits by position: each of these must still be refused, not misread.
    for (const v of [
      '2025-00-15T14:03:27', '2025-01-00T14:03:27', '2025-01-15T14:60:27', '2025-01-15T14:03:60', '2025-02-29T00:00:00',
      '2025/01-15T14:03:27', '2025-01/15T14:03:27', '2025-01-15T14-03:27', '2025-01-15T14:03-27', '2025-01-15X14:03:27',
      '2025-01-15T14:03:2/', '2025-01-15T14:03:2:', '/025-01-15T14:03:27', '2025-01-15T14:0:.27',
    ]) {
      for (const spelled of [`${v}Z`, `${v}.000Z`]) expect(parseServerTime(spelled), spelled).toBeUndefined();
    }
    for (const v of ['2025-01-15T14:03:27x000Z', '2025-01-15T14:03:27.0/0Z', '2025-01-15T14:03:27.00:Z', '2025-01-15T14:03:27.000X', '2025-01-15T14:03:27X']) {
      expect(parseServerTime(v), v).toBeUndefined();
    }
  });

  it('reads minutes without seconds, half-hour offsets and years before 100 as written', () => {
    expect(parseServerTime('2025-01-15T14:03Z')).toBe(T - 27_000);
    expect(parseServerTime('2025-01-15T19:33:27+05:30')).toBe(T);
    expect(parseServerTime('2025-01-15T19:33:27+0530')).toBe(T);
    expect(parseServerTime('2025-01-15T19:03:27+05')).toBe(T);
    expect(parseServerTime('2025-01-15T14:03:27+01:60')).toBeUndefined();
    // Not 1999 (Date.UTC's reading of two-digit years): year 99 itself.
    const y99 = new Date('0099-01-01T00:00:00.000Z').getTime();
    for (const v of ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z', '0099-01-01T00:00:00', '0099-01-01']) expect(parseServerTime(v), v).toBe(y99);
    expect(parseServerTime('0999-03-01T00:00:00Z')).toBe(new Date('0999-03-01T00:00:00.000Z').getTime());
  });

  it('agrees with Date.parse wherever a zone is given, for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(parseServerTime(iso)).toBe(d.getTime());
        expect(parseServerTime(iso.slice(0, 19) + 'Z')).toBe(Date.parse(iso.slice(0, 19) + 'Z'));
        // The same wall time without a zone is the same instant: CXone's clock is UTC.
        expect(parseServerTime(iso.slice(0, 23))).toBe(d.getTime());
      }),
      // Fixed seed: the gate is the same every run (npm run audit explores with fresh seeds).
      { seed: 41 },
    );
  });

  it('normalizes to ISO with Z, and hands the canonical spelling back as is', () => {
    const canonical = '2025-01-15T14:03:27.000Z';
    expect(normalizeServerTime(canonical)).toBe(canonical);
    expect(normalizeServerTime('2025-01-15T14:03:27')).toBe(canonical);
    expect(normalizeServerTime('2025-01-15T14:03:27Z')).toBe(canonical);
    expect(normalizeServerTime('2025-01-15T14:03:27.5Z')).toBe('2025-01-15T14:03:27.500Z');
    expect(normalizeServerTime('2025-01-15T14:03:27.123Z')).toBe('2025-01-15T14:03:27.123Z');
    expect(normalizeServerTime('2025-01-15T16:03:27.0000000+02:00')).toBe(canonical);
    expect(normalizeServerTime('nope')).toBeNull();
    expect(normalizeServerTime(null)).toBeNull();
  });
});

describe('times without a zone in other time zones (a child process per TZ)', () => {
  // Roster (change time), alerts (long-unavailable due time), the renderer (time in state) and the
  // parser's normalized output must all read 14:03:27 as 14:03:27 UTC, wherever the machine is.
  for (const tz of ['Asia/Tokyo', 'America/New_York']) {
    it(tz, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/cxone/fixtures/tz-probe.ts'], {
        cwd: ROOT,
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const r = JSON.parse(out) as Record<string, unknown>;
      expect(r).toEqual({
        parsed: T,
        startDate: '2025-01-15T14:03:27.000Z',
        lastUpdateTime: '2025-01-15T14:03:27.123Z',
        // Kept as the server spelled it: it goes back to the server as updatedSince.
        lastPollTime: '2025-01-15T14:05:02.3170000',
        changeAt: T,
        alertDueAt: T + 10 * 60_000,
        rendererSince: T,
        rendererSinceRaw: T,
      });
    });
  }
});

describe('timeMemo', () => {
  it('answers what the reader answers per text, NaN for none, reading each text once until it forgets all past its limit', () => {
    const reads: string[] = [];
    const memo = timeMemo((text) => {
      reads.push(text);
      return parseServerTime(text);
    }, 3);
    const a = '2025-01-15T14:03:27.000Z';
    const b = '2025-01-15T14:03:28.000Z';
    // Alternating texts (a delta's agents in id order, their times spread over the poll interval).
    expect([a, b, a, b, 'no time', 'no time'].map(memo)).toEqual([T, T + 1000, T, T + 1000, NaN, NaN]);
    expect(reads).toEqual([a, b, 'no time']);
    // A fourth text is past the limit: everything is forgotten, then read again once.
    const c = '2025-01-15T14:03:29Z';
    expect([c, a, a].map(memo)).toEqual([T + 2000, T, T]);
    expect(reads).toEqual([a, b, 'no time', c, a]);
  });
});
