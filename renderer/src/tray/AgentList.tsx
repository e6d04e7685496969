// The virtualized agent list: only the rows in view (plus a few) are in the DOM, so 10,000 agents
// cost what 30 do. One focusable listbox; arrow keys move the active row (aria-activedescendant),
// Enter opens the detail, P pins. Rows are measured, so a long name wraps instead of being cut.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import type { Row } from '../roster/view';
import type { LimitOf } from './tray-options';
import { AgentRow, rowId } from './AgentRow';

export const AGENT_ROW_HEIGHT = 46;
export const COMPACT_ROW_HEIGHT = 24;
export const HEADER_ROW_HEIGHT = 28;

export interface AgentListHandle {
  focus(): void;
  scrollToAgent(agentId: number): void;
}

interface Props {
  rows: readonly Row[];
  now: number | null;
  activeId: number | null;
  onActiveChange(agentId: number | null): void;
  onOpen(agent: AgentState): void;
  onTogglePin(agent: AgentState): void;
  density?: 'compact' | 'comfortable';
  /** Lower-cased names more than one agent has (see duplicateNames). */
  sameNames?: ReadonlySet<string>;
  overLimitMs?: LimitOf | null;
  ref?: Ref<AgentListHandle>;
}

function nextAgentIndex(rows: readonly Row[], from: number, step: number): number {
  for (let i = from; i >= 0 && i < rows.length; i += step) if (rows[i]!.kind === 'agent') return i;
  return -1;
}

const NO_NAMES: ReadonlySet<string> = new Set();

export function AgentList({ rows, now, activeId, onActiveChange, onOpen, onTogglePin, density = 'comfortable', sameNames = NO_NAMES, overLimitMs = null, ref }: Props) {
  const rowHeight = density === 'compact' ? COMPACT_ROW_HEIGHT : AGENT_ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands back fresh functions each render, which the React Compiler cannot memoize;
  // this component is not compiled, so the lint rule's warning does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER_ROW_HEIGHT : rowHeight),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 6,
  });

  const indexOfAgent = useCallback(
    (agentId: number | null) => (agentId === null ? -1 : rows.findIndex((r) => r.kind === 'agent' && r.agent.agentId === agentId)),
    [rows],
  );
  const activeIndex = indexOfAgent(activeId);

  useImperativeHandle(ref, () => ({
    focus: () => scrollRef.current?.focus(),
    scrollToAgent: (agentId) => {
      const i = indexOfAgent(agentId);
      if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
    },
  }));

  const agentCount = useMemo(() => rows.reduce((n, r) => n + (r.kind === 'agent' ? 1 : 0), 0), [rows]);

  const moveTo = (i: number) => {
    const row = rows[i];
    if (i < 0 || !row || row.kind !== 'agent') return;
    onActiveChange(row.agent.agentId);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const from = activeIndex;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(nextAgentIndex(rows, from + 1, 1));
        break;
      case 'ArrowUp':
        moveTo(from <= 0 ? nextAgentIndex(rows, 0, 1) : nextAgentIndex(rows, from - 1, -1));
        break;
      case 'Home':
        moveTo(nextAgentIndex(rows, 0, 1));
        break;
      case 'End':
        moveTo(nextAgentIndex(rows, rows.length - 1, -1));
        break;
      case 'PageDown':
        moveTo(nextAgentIndex(rows, Math.min(rows.length - 1, Math.max(from, 0) + page), 1));
        break;
      case 'PageUp':
        moveTo(nextAgentIndex(rows, Math.max(0, from - page), 1));
        break;
      case 'Enter':
      case ' ': {
        const row = rows[from];
        if (row?.kind === 'agent') onOpen(row.agent);
        break;
      }
      case 'p':
      case 'P': {
        const row = rows[from];
        if (row?.kind === 'agent') onTogglePin(row.agent);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const onFocus = () => {
    if (activeIndex < 0) {
      const first = nextAgentIndex(rows, 0, 1);
      if (first >= 0) onActiveChange((rows[first] as Extract<Row, { kind: 'agent' }>).agent.agentId);
    }
  };

  const select = useCallback(
    (agent: AgentState) => {
      onActiveChange(agent.agentId);
      onOpen(agent);
    },
    [onActiveChange, onOpen],
  );

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="agent-list"
      role="listbox"
      aria-label={`Agents, ${agentCount} shown`}
      tabIndex={0}
      aria-activedescendant={activeId !== null && activeIndex >= 0 ? rowId(activeId) : undefined}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div className="agent-list-inner" style={{ height: virtualizer.getTotalSize() }} role="presentation">
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="vrow"
              role="presentation"
              style={{ transform: `translateY(${item.start}px)`, minHeight: row.kind === 'header' ? HEADER_ROW_HEIGHT : rowHeight }}
            >
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
                  onSelect={select}
                  onTogglePin={onTogglePin}
                  density={density}
                  duplicate={sameNames.has(displayName(row.agent).toLowerCase())}
                  overLimitMs={overLimitMs}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
