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

/** "14:05" (hours and minutes) on this computer's clock, in `locale` or the default locale. */
export function formatClockTime(ms: number, locale?: string | null): string {
  return new Date(ms).toLocaleTimeString(usableClockLocale(locale), { hour: '2-digit', minute: '2-digit' });
}

/** "14:05:09" (with seconds) on this computer's clock, in `locale` or the default locale. */
export function formatClockTimeWithSeconds(ms: number, locale?: string | null): string {
  return new Date(ms).toLocaleTimeString(usableClockLocale(locale), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
