// The tray list's view options that are one key away: sort keys, row density, and the time-in-state
// limit past which a row turns to its warning look.
import { useCallback, useEffect, useState } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { codeThresholdMinutes } from '../../../main/monitor/alerts';
import type { RosterSnapshot } from '../../../main/monitor/status';
import type { NotificationSettings } from '../../../main/settings/schema';
import { agentTray } from '../api';
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

/** How long this agent may stay in its state before the row warns, ms; null: no limit. */
type UnavailableCodeInfo = NonNullable<RosterSnapshot['unavailableCodes']>[number];

/** The settings the row limit reads. */
export type RowLimitSettings = Pick<NotificationSettings, 'unavailableLongerThanMinutes' | 'codeLimitsFromCxone' | 'codeRules'>;

export type LimitOf = (agent: Pick<AgentState, 'category' | 'outStateId'>) => number | null;

/**
 * The row's time limit, the same threshold the notifications use (alerts.ts codeThresholdMinutes): on
 * an unavailable code, the user's rule for it, else the code's own limit from CXone (agentTimeout, when
 * "use each code's own limit" is on), else the general "Unavailable longer than N minutes"; 0 = none.
 */
export function overLimitMs(n: RowLimitSettings, codes: readonly Pick<UnavailableCodeInfo, 'id' | 'timeLimitMinutes'>[] = []): LimitOf {
  const limits = new Map(codes.map((c) => [c.id, c.timeLimitMinutes] as const));
  return (agent) => {
    if (agent.category !== 'unavailable') return null;
    const minutes = codeThresholdMinutes(n, limits, agent.outStateId) ?? n.unavailableLongerThanMinutes;
    return minutes > 0 ? minutes * 60_000 : null;
  };
}

const CODES_RETRY_MS = [5_000, 15_000, 30_000, 60_000, 120_000];

/**
 * The tenant's unavailable codes with their own time limits, for the rows' warnings. They load with the
 * directory, which may answer after this window took its roster: asked again a few times until known.
 */
export function useUnavailableCodes(): readonly UnavailableCodeInfo[] {
  const [codes, setCodes] = useState<readonly UnavailableCodeInfo[]>([]);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = (attempt: number) => {
      agentTray()
        .getRosterSnapshot()
        .then((r) => {
          if (!live) return;
          if (r.unavailableCodes) setCodes(r.unavailableCodes);
          else if (attempt < CODES_RETRY_MS.length) timer = setTimeout(() => ask(attempt + 1), CODES_RETRY_MS[attempt]);
        })
        .catch(() => undefined);
    };
    ask(0);
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
  return codes;
}
