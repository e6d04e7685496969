// Clock times as the user's region writes them ("14:05" in the UK, "2:05 PM" in the US): one rule for
// the tray's tooltip and menu (main/core, main/shell) and the windows (renderer/src). Electron's default
// locale is the app's UI language, not the OS's regional format (electron/electron#13023), so main reads
// app.getSystemLocale() once and every time shown is written in it. Without one, the default locale.

/**
 * A locale Intl can write times in, from the OS's ("en-GB", "en_GB.UTF-8", "de-DE@euro", "en-US-u-hc-h23"):
 * undefined when there is none or Intl does not know it, which writes in the default locale.
 */
export function usableClockLocale(raw: string | null | undefined): string | undefined {
  const given = raw?.trim() ?? '';
  if (given === '') return undefined;
  // POSIX names: charset and modifier dropped, "_" as "-".
  for (const candidate of new Set([given, given.replace(/[.@].*$/, '').replace(/_/g, '-')])) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([candidate]);
      if (supported !== undefined) return supported;
    } catch {
      // Not a locale tag at all (RangeError): try the next spelling.
    }
  }
  return undefined;
}

const HOURS_MINUTES: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const WITH_SECONDS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
const MINUTE_MS = 60_000;

/**
 * True when this computer's clock reads the same time of day at another instant close by: the hour
 * repeated on the night the clocks go back (30 minutes on Lord Howe Island). There "01:30" alone could
 * be either of two times an hour apart, so a paused notification "until 01:30" might end at once or in
 * an hour. Found by the zone's offset 3 hours either side (no zone changes its offset twice that fast).
 */
function timeOfDayRepeats(ms: number): boolean {
  const offsetMin = new Date(ms).getTimezoneOffset();
  for (const probe of [ms - 3 * 60 * MINUTE_MS, ms + 3 * 60 * MINUTE_MS]) {
    const otherMin = new Date(probe).getTimezoneOffset();
    if (otherMin === offsetMin) continue;
    // The instant whose clock reads the same as ms's, if ms lies in the overlap: getTimezoneOffset is
    // UTC − local in minutes, so a clock reading equal to ms's lies (other − offset) minutes away.
    const twin = ms + (otherMin - offsetMin) * MINUTE_MS;
    if (new Date(twin).getTimezoneOffset() === otherMin) return true;
  }
  return false;
}

function clockText(ms: number, locale: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
  const usable = usableClockLocale(locale);
  // The zone's name ("01:30 BST", "01:30 GMT") only where the time alone is ambiguous.
  return new Date(ms).toLocaleTimeString(usable, timeOfDayRepeats(ms) ? { ...options, timeZoneName: 'short' } : options);
}

/**
 * "14:05" (hours and minutes) on this computer's clock, in `locale` or the default locale; in the hour
 * the clocks go back through, with the zone's short name ("01:30 GMT").
 */
export function formatClockTime(ms: number, locale?: string | null): string {
  return clockText(ms, locale, HOURS_MINUTES);
}

/** "14:05:09" (with seconds) on this computer's clock, in `locale` or the default locale; as formatClockTime in a repeated hour. */
export function formatClockTimeWithSeconds(ms: number, locale?: string | null): string {
  return clockText(ms, locale, WITH_SECONDS);
}
