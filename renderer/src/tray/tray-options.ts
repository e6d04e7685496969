// The tray list's view options that are one key away: sort keys, row density, and the time-in-state
// limit past which a row turns to its warning look.
import { useCallback, useMemo, useState } from 'react';
import type { RosterSnapshot } from '../../../main/monitor/status';
import type { NotificationSettings } from '../../../main/settings/schema';
import type { SortKey } from '../roster/view';
import { overLimitMs, type LimitOf, type RowLimitSettings } from './row-limit';

export { overLimitMs, type LimitOf, type RowLimitSettings } from './row-limit';

/**
 * The rows' time limit (row-limit.ts) for these notification settings and codes; null before the
 * settings are known. One function per limits and code list, not per app-state event: the rows are
 * memoized on it.
 */
export function useRowLimit(n: NotificationSettings | undefined, codes: NonNullable<RosterSnapshot['unavailableCodes']>): LimitOf | null {
  const key = n ? JSON.stringify({ unavailableLongerThanMinutes: n.unavailableLongerThanMinutes, codeLimitsFromCxone: n.codeLimitsFromCxone, codeRules: n.codeRules }) : null;
  return useMemo(() => (key === null ? null : overLimitMs(JSON.parse(key) as RowLimitSettings, codes)), [key, codes]);
}

/** Shown in the sort menu with their keys, so the shortcut is where the choice is. */
export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  name: 'Name (N)',
  state: 'State (S)',
  time: 'Longest (T)',
};

export const SORT_KEYS: Readonly<Record<string, SortKey | undefined>> = { n: 'name', s: 'state', t: 'time' };

export type Density = 'compact' | 'comfortable';

const DENSITY_KEY = 'cxone-agent-tray.density';

/** Compact (one line per agent) unless the user chose two lines; remembered in this window's storage. */
export function useDensity(): [Density, () => void] {
  const [density, setDensity] = useState<Density>(() => (localStorage.getItem(DENSITY_KEY) === 'comfortable' ? 'comfortable' : 'compact'));
  const toggle = useCallback(() => {
    setDensity((d) => {
      const next = d === 'compact' ? 'comfortable' : 'compact';
      localStorage.setItem(DENSITY_KEY, next);
      return next;
    });
  }, []);
  return [density, toggle];
}
