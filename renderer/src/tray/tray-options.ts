// The tray list's view options that are one key away: sort keys, row density, and the time-in-state
// limit past which a row turns to its warning look.
import { useCallback, useState } from 'react';
import type { NotificationSettings } from '../../../main/settings/schema';
import type { SortKey } from '../roster/view';

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

/**
 * How long an agent may stay Unavailable before the row warns, from the user's "unavailable longer
 * than N minutes" rule (null: no limit). Per-code limits can refine this later: a row asks only
 * `isOverLimit(agent, …)`.
 */
export function overLimitMs(n: NotificationSettings): number | null {
  return n.unavailableLongerThanMinutes > 0 ? n.unavailableLongerThanMinutes * 60_000 : null;
}
