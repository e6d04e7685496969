// The tray list's rows for the roster's current view and the user's list controls (RosterRows).
import { useMemo, useState } from 'react';
import { RosterRows, type RowList } from '../roster/rows';
import type { RosterView } from '../roster/store';
import type { ViewOptions } from '../roster/view';

/**
 * `view` changes identity with every roster change: the rows move only for the agents that changed (the
 * counts and same-name tallies are kept by the store itself); a change of the options rebuilds them.
 */
export function useListRows(view: RosterView, { sort, search, chips, pinned, groupByTeam }: ViewOptions): RowList {
  const [rosterRows] = useState(() => new RosterRows());
  return useMemo(() => rosterRows.update(view, { sort, search, chips, pinned, groupByTeam }), [rosterRows, view, sort, search, chips, pinned, groupByTeam]);
}
