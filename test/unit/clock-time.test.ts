// Clock times as the OS's regional format writes them (main/clock-time.ts): the tray's tooltip and menu
// and the windows' times. Electron's default locale is the app's UI language, so the OS's locale is
// passed in; without one (or with one Intl cannot use) the default locale writes them.
import { describe, expect, it } from 'vitest';
import { formatClockTime, formatClockTimeWithSeconds, usableClockLocale } from '../../main/clock-time';
import { FAR_ZONE, inTimeZone } from '../harness/time-zone';

const t = new Date(2026, 0, 1, 14, 5, 9).getTime();
const defaultHhmm = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

describe('formatClockTime', () => {
  it('writes the given region\'s format: 24-hour in the UK and Germany, AM/PM in the US, whatever the default locale', () => {
    expect(formatClockTime(t, 'en-GB')).toBe('14:05');
    expect(formatClockTime(t, 'de-DE')).toBe('14:05');
    expect(formatClockTime(t, 'en-US')).toMatch(/^02:05\sPM$/);
    // A 24-hour clock chosen in the OS's settings comes as an extension of the locale, and is kept.
    expect(formatClockTime(t, 'en-US-u-hc-h23')).toBe('14:05');
  });

  it('an empty, unknown or malformed locale writes in the default locale', () => {
    for (const locale of [undefined, null, '', '  ', 'C', 'zz-ZZ', 'not a locale!']) expect(formatClockTime(t, locale), String(locale)).toBe(defaultHhmm(t));
  });

  it("gives the tooltip's times as hours and minutes, without seconds", () => {
    expect(formatClockTime(new Date(2026, 0, 1, 14, 5, 37).getTime(), 'en-GB')).toBe('14:05');
    const shown = formatClockTime(new Date(2026, 0, 1, 14, 5, 37).getTime());
    // In this computer's digits (Arabic ones in ar-EG: the product writes the user's locale).
    const digits = (n: number) => new Intl.NumberFormat([], { minimumIntegerDigits: 2 }).format(n);
    expect(shown).toContain(digits(5));
    expect(shown).not.toContain(digits(37));
  });

  it("is this computer's clock, whatever its zone (CI runs in UTC, where a UTC clock reads right)", () => {
    // 19:20 UTC on Dec 31 is 09:05 on Jan 1 in Chatham (+13:45 in summer), in this computer's locale.
    const utc = Date.UTC(2025, 11, 31, 19, 20);
    const chatham = new Date(utc).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', timeZone: FAR_ZONE });
    expect(inTimeZone(FAR_ZONE, () => formatClockTime(utc))).toBe(chatham);
    expect(chatham).not.toBe(new Date(utc).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }));
    expect(inTimeZone(FAR_ZONE, () => formatClockTime(utc, 'en-GB'))).toBe('09:05');
  });
});

describe('the hour the clocks go back through', () => {
  // London, Sunday 25 October 2026: 01:00–02:00 BST is followed by 01:00–02:00 GMT.
  const firstOneTen = Date.UTC(2026, 9, 25, 0, 10);
  const secondOneTen = Date.UTC(2026, 9, 25, 1, 10);

  it('names the zone where the time alone could be either of two, an hour apart (a pause "until 01:10")', () => {
    inTimeZone('Europe/London', () => {
      expect(formatClockTime(firstOneTen, 'en-GB')).toBe('01:10 BST');
      expect(formatClockTime(secondOneTen, 'en-GB')).toBe('01:10 GMT');
      expect(formatClockTimeWithSeconds(secondOneTen + 5_000, 'en-GB')).toBe('01:10:05 GMT');
    });
  });

  it('writes every other time of that night, and the night the clocks go forward, without a zone', () => {
    inTimeZone('Europe/London', () => {
      expect(formatClockTime(firstOneTen - 60 * 60_000, 'en-GB')).toBe('00:10');
      expect(formatClockTime(secondOneTen + 60 * 60_000, 'en-GB')).toBe('02:10');
      // 29 March 2026: 01:00 GMT becomes 02:00 BST; nothing repeats.
      expect(formatClockTime(Date.UTC(2026, 2, 29, 0, 30), 'en-GB')).toBe('00:30');
      expect(formatClockTime(Date.UTC(2026, 2, 29, 1, 30), 'en-GB')).toBe('02:30');
    });
    // A zone without summer time never names itself.
    expect(inTimeZone('UTC', () => formatClockTime(firstOneTen, 'en-GB'))).toBe('00:10');
  });

  it('finds a half-hour change too (Lord Howe Island, 5 April 2026: 02:00 +11 becomes 01:30 +10:30)', () => {
    inTimeZone('Australia/Lord_Howe', () => {
      const first = formatClockTime(Date.UTC(2026, 3, 4, 14, 45), 'en-GB');
      const second = formatClockTime(Date.UTC(2026, 3, 4, 15, 15), 'en-GB');
      expect(first).toMatch(/^01:45 \S+/);
      expect(second).toMatch(/^01:45 \S+/);
      expect(first).not.toBe(second);
      expect(formatClockTime(Date.UTC(2026, 3, 4, 15, 45), 'en-GB')).toBe('02:15');
    });
  });
});

describe('formatClockTimeWithSeconds', () => {
  it("writes the region's format with seconds, and falls back as formatClockTime does", () => {
    expect(formatClockTimeWithSeconds(t, 'en-GB')).toBe('14:05:09');
    expect(formatClockTimeWithSeconds(t, 'en-US')).toMatch(/^02:05:09\sPM$/);
    expect(formatClockTimeWithSeconds(t, '')).toBe(new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  });
});

describe('usableClockLocale', () => {
  it("takes the OS's locale as Intl writes it, POSIX spellings too; none when Intl cannot use it", () => {
    expect(usableClockLocale('en-GB')).toBe('en-GB');
    expect(usableClockLocale('en_GB.UTF-8')).toBe('en-GB');
    expect(usableClockLocale('de_DE@euro')).toBe('de-DE');
    expect(usableClockLocale('en-US-u-hc-h23')).toBe('en-US-u-hc-h23');
    // As an environment variable or a file may hold it.
    expect(usableClockLocale(' en-GB\n')).toBe('en-GB');
    for (const raw of [undefined, null, '', 'C', 'zz-ZZ', 'not a locale!']) expect(usableClockLocale(raw), String(raw)).toBeUndefined();
  });
});
