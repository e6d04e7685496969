// The roster's toolbar: search (/ focuses it, ↓ or Enter moves into the list), sort, compact rows, group by team.
import type { RefObject } from 'react';
import type { SortKey } from '../roster/view';
import type { Density } from './tray-options';
import { SORT_LABELS } from './tray-options';

export interface ToolbarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  search: string;
  onSearch(text: string): void;
  /** ↓ or Enter in the search box: the list takes the focus. */
  onLeaveSearch(): void;
  sort: SortKey;
  onSort(key: SortKey): void;
  density: Density;
  onToggleDensity(): void;
  groupByTeam: boolean;
  onGroupByTeam(on: boolean): void;
}

export function Toolbar({ searchRef, search, onSearch, onLeaveSearch, sort, onSort, density, onToggleDensity, groupByTeam, onGroupByTeam }: ToolbarProps) {
  return (
    <div className="toolbar">
      <label className="search">
        <span className="sr-only">Search agents by name</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search  ( / )"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              onLeaveSearch();
            }
          }}
        />
      </label>
      <label className="select">
        <span className="sr-only">Sort by</span>
        <select value={sort} onChange={(e) => onSort(e.target.value as SortKey)} title="Sort: N by name, S by state, T longest in state first">
          {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
            <option key={k} value={k}>
              {SORT_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="icon-button density"
        aria-pressed={density === 'compact'}
        aria-label="Compact rows"
        title="Compact rows (D)"
        onClick={onToggleDensity}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M2 3.5h12M2 6.5h12M2 9.5h12M2 12.5h12" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      </button>
      <label className="toggle">
        <input type="checkbox" checked={groupByTeam} onChange={(e) => onGroupByTeam(e.target.checked)} />
        <span>Teams</span>
      </label>
    </div>
  );
}
