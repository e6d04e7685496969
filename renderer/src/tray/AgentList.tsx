// The virtualized agent list: only the rows in view (plus a few) are in the DOM, so 100,000 agents
// cost what 30 do. One focusable listbox; arrow keys move the active row (aria-activedescendant),
// Enter opens the detail, P pins. The rows in view lie in normal flow, so a long name wraps instead of
// being cut; each rendered row is measured and its extra height kept, so positions above stay true.
//
// Why not TanStack Virtual (used before): it rebuilds one measurement object per row whenever its key
// function changes — every roster delta — which at 100,000 agents is the whole frame budget. Here a
// row's position comes from the RowList in O(log n): headers and agent rows have known heights, plus
// the few measured rows that are taller.
import { useCallback, useImperativeHandle, type Ref, type RefObject } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import type { RowList } from '../roster/rows';
import type { Row } from '../roster/view';
import type { LimitOf } from './tray-options';
import { AgentRow, rowId } from './AgentRow';
import { useListboxKeys } from './use-listbox-keys';
import { useVirtualRows } from './use-virtual-rows';

export const AGENT_ROW_HEIGHT = 46;
export const COMPACT_ROW_HEIGHT = 24;
export const HEADER_ROW_HEIGHT = 28;

export interface AgentListHandle {
  focus(): void;
  scrollToAgent(agentId: number): void;
}

interface Props {
  rows: RowList;
  now: number | null;
  activeId: number | null;
  onActiveChange(agentId: number | null): void;
  onOpen(agent: AgentState): void;
  onTogglePin(agent: AgentState): void;
  density?: 'compact' | 'comfortable';
  /** Lower-cased names more than one agent has (RosterStore.sameNames). */
  sameNames?: ReadonlySet<string>;
  overLimitMs?: LimitOf | null;
  ref?: Ref<AgentListHandle>;
}

const NO_NAMES: ReadonlySet<string> = new Set();

interface RowWindowProps {
  windowRef: RefObject<HTMLDivElement | null>;
  /** The rows rendered: first to last, inclusive. */
  rows: RowList;
  first: number;
  last: number;
  /** Where the first of them lies (px from the top of the list). */
  offset: number;
  rowHeight: number;
  activeId: number | null;
  now: number | null;
  onSelect(agent: AgentState): void;
  onTogglePin(agent: AgentState): void;
  density: 'compact' | 'comfortable';
  sameNames: ReadonlySet<string>;
  overLimitMs: LimitOf | null;
}

/** The rows in view (plus overscan), in normal flow, moved down to where the first of them lies. */
function RowWindow({ windowRef, rows, first, last, offset, rowHeight, activeId, now, onSelect, onTogglePin, density, sameNames, overLimitMs }: RowWindowProps) {
  const shown: Row[] = [];
  for (let i = first; i <= last; i++) shown.push(rows.at(i)!);
  return (
    <div ref={windowRef} className="agent-list-window" role="presentation" style={{ transform: `translateY(${offset}px)` }}>
      {shown.map((row) => (
        <div key={row.key} data-key={row.key} data-kind={row.kind} className="vrow" role="presentation" style={{ minHeight: row.kind === 'header' ? HEADER_ROW_HEIGHT : rowHeight }}>
          {row.kind === 'header' ? (
            <div className="group-header" role="presentation">
              <span>{row.label}</span>
              <span className="group-count">{row.count}</span>
            </div>
          ) : (
            <AgentRow
              agent={row.agent}
              pinned={row.pinned}
              active={row.agent.agentId === activeId}
              now={now}
              onSelect={onSelect}
              onTogglePin={onTogglePin}
              density={density}
              duplicate={sameNames.has(displayName(row.agent).toLowerCase())}
              overLimitMs={overLimitMs}
            />
          )}
        </div>
      ))}
    </div>
  );
}

export function AgentList({ rows, now, activeId, onActiveChange, onOpen, onTogglePin, density = 'comfortable', sameNames = NO_NAMES, overLimitMs = null, ref }: Props) {
  const rowHeight = density === 'compact' ? COMPACT_ROW_HEIGHT : AGENT_ROW_HEIGHT;
  const { scrollRef, windowRef, geometry, first, last, scrollToIndex, onScroll } = useVirtualRows(rows, { header: HEADER_ROW_HEIGHT, agent: rowHeight });

  const activeIndex = activeId === null ? -1 : rows.indexOfAgent(activeId);

  useImperativeHandle(ref, () => ({
    focus: () => scrollRef.current?.focus(),
    scrollToAgent: (agentId) => scrollToIndex(rows.indexOfAgent(agentId)),
  }));

  const { onKeyDown, onFocus } = useListboxKeys({ rows, activeIndex, rowHeight, scrollRef, scrollToIndex, onActiveChange, onOpen, onTogglePin });

  const select = useCallback(
    (agent: AgentState) => {
      onActiveChange(agent.agentId);
      onOpen(agent);
    },
    [onActiveChange, onOpen],
  );

  return (
    <div
      ref={scrollRef}
      className="agent-list"
      role="listbox"
      aria-label={`Agents, ${rows.agentCount} shown`}
      tabIndex={0}
      aria-activedescendant={activeId !== null && activeIndex >= 0 ? rowId(activeId) : undefined}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onScroll={onScroll}
    >
      <div className="agent-list-inner" style={{ height: geometry.total }} role="presentation">
        <RowWindow
          windowRef={windowRef}
          rows={rows}
          first={first}
          last={last}
          offset={geometry.offset(first)}
          rowHeight={rowHeight}
          activeId={activeId}
          now={now}
          onSelect={select}
          onTogglePin={onTogglePin}
          density={density}
          sameNames={sameNames}
          overLimitMs={overLimitMs}
        />
      </div>
    </div>
  );
}
