// The list's controls the user sets in the tray window: sort, search, state chips, grouping by team.
import { useCallback, useState } from 'react';
import type { ChipId, SortKey } from '../roster/view';

export interface ListControls {
  sort: SortKey;
  setSort(sort: SortKey): void;
  search: string;
  setSearch(search: string): void;
  clearSearch(): void;
  chips: ReadonlySet<ChipId>;
  toggleChip(id: ChipId): void;
  groupByTeam: boolean;
  setGroupByTeam(on: boolean): void;
  /** Chips and search cleared: every agent in the scope shows. */
  clearFilters(): void;
  clearChips(): void;
}

export function useListControls(): ListControls {
  const [sort, setSort] = useState<SortKey>('name');
  const [search, setSearch] = useState('');
  const [chips, setChips] = useState<ReadonlySet<ChipId>>(new Set());
  const [groupByTeam, setGroupByTeam] = useState(false);
  const toggleChip = useCallback(
    (id: ChipId) =>
      setChips((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const clearSearch = useCallback(() => setSearch(''), []);
  const clearChips = useCallback(() => setChips(new Set()), []);
  const clearFilters = useCallback(() => {
    setChips(new Set());
    setSearch('');
  }, []);
  return { sort, setSort, search, setSearch, clearSearch, chips, toggleChip, groupByTeam, setGroupByTeam, clearFilters, clearChips };
}
