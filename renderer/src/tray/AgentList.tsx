// The virtualized agent list: only the rows in view (plus a few) are in the DOM, so 100,000 agents
// cost what 30 do. One focusable listbox; arrow keys move the active row (aria-activedescendant),
// Enter opens the detail, P pins. The rows in view lie in normal flow, so a long name wraps instead of
// being cut; each rendered row is measured and its extra height kept, so positions above stay true.
//
// Why not TanStack Virtual (used before): it rebuilds one measurement object per row whenever its key
// function changes — every roster delta — which at 100,000 agents is the whole frame budget. Here a
// row's position comes from the RowList in O(log n): headers and agent rows have known heights, plus
// the few measured rows that are taller.
import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import type { RowList } from '../roster/rows';
import type { Row } from '../roster/view';
import type { LimitOf } from './tray-options';
import { AgentRow, rowId } from './AgentRow';
import { RowGeometry } from '../roster/row-geometry';

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

function nextAgentIndex(rows: RowList, from: number, step: number): number {
  for (let i = from; i >= 0 && i < rows.length; i += step) if (rows.at(i)!.kind === 'agent') return i;
  return -1;
}

/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 6;

const NO_NAMES: ReadonlySet<string> = new Set();

export function AgentList({ rows, now, activeId, onActiveChange, onOpen, onTogglePin, density = 'comfortable', sameNames = NO_NAMES, overLimitMs = null, ref }: Props) {
  const rowHeight = density === 'compact' ? COMPACT_ROW_HEIGHT : AGENT_ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  // Extra height (px) of measured rows taller than their kind's height, by row key.
  const [extra] = useState(() => new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const geometry = useMemo(
    () => new RowGeometry(rows, { header: HEADER_ROW_HEIGHT, agent: rowHeight }, extra),
    // `measured` changes when `extra` did.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, rowHeight, extra, measured],
  );

  const first = Math.max(0, geometry.indexAt(scrollTop) - OVERSCAN);
  const last = Math.min(rows.length - 1, geometry.indexAt(scrollTop + viewport) + OVERSCAN);

  // The row scrollToIndex brought into view, kept there until the measured heights settle (rows
  // above it may turn out taller than their estimate once rendered).
  const target = useRef<string | null>(null);

  const reveal = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el || i < 0) return;
      const top = geometry.offset(i);
      const bottom = top + geometry.size(i);
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      setScrollTop(el.scrollTop);
    },
    [geometry],
  );
  const scrollToIndex = useCallback(
    (i: number) => {
      target.current = rows.at(i)?.key ?? null;
      reveal(i);
    },
    [rows, reveal],
  );

  // The viewport's height, now and whenever the window is resized.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // New heights known: bring the target row into view again.
  useLayoutEffect(() => {
    if (target.current !== null) reveal(rows.indexOfKey(target.current));
  }, [rows, reveal]);

  // Measure the rows just rendered (before paint). A row taller than its kind's height moves the rows
  // after it; when it lies above the viewport, the scroll moves by as much, so what is seen stays put.
  useLayoutEffect(() => {
    const win = windowRef.current;
    const el = scrollRef.current;
    if (!win || !el) return;
    const winTop = geometry.offset(first);
    let moved = false;
    let above = 0;
    for (const child of win.children) {
      const row = child as HTMLElement;
      const key = row.dataset.key!;
      const over = Math.max(0, row.offsetHeight - (row.dataset.kind === 'header' ? HEADER_ROW_HEIGHT : rowHeight));
      const before = extra.get(key) ?? 0;
      if (over === before) continue;
      if (over > 0) extra.set(key, over);
      else extra.delete(key);
      moved = true;
      if (winTop + row.offsetTop < el.scrollTop) above += over - before;
    }
    if (!moved) {
      target.current = null;
      return;
    }
    if (above !== 0 && target.current === null) {
      el.scrollTop += above;
      setScrollTop(el.scrollTop);
    }
    setMeasured((n) => n + 1);
  }, [geometry, first, last, rowHeight, extra]);

  const activeIndex = activeId === null ? -1 : rows.indexOfAgent(activeId);

  useImperativeHandle(ref, () => ({
    focus: () => scrollRef.current?.focus(),
    scrollToAgent: (agentId) => scrollToIndex(rows.indexOfAgent(agentId)),
  }));

  const agentCount = rows.agentCount;

  const moveTo = (i: number) => {
    const row = rows.at(i);
    if (i < 0 || !row || row.kind !== 'agent') return;
    onActiveChange(row.agent.agentId);
    scrollToIndex(i);
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
        const row = rows.at(from);
        if (row?.kind === 'agent') onOpen(row.agent);
        break;
      }
      case 'p':
      case 'P': {
        const row = rows.at(from);
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
      if (first >= 0) onActiveChange((rows.at(first) as Extract<Row, { kind: 'agent' }>).agent.agentId);
    }
  };

  const select = useCallback(
    (agent: AgentState) => {
      onActiveChange(agent.agentId);
      onOpen(agent);
    },
    [onActiveChange, onOpen],
  );

  const shown: Row[] = [];
  for (let i = first; i <= last; i++) shown.push(rows.at(i)!);
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
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="agent-list-inner" style={{ height: geometry.total }} role="presentation">
        <div ref={windowRef} className="agent-list-window" role="presentation" style={{ transform: `translateY(${geometry.offset(first)}px)` }}>
          {shown.map((row) => (
            <div
              key={row.key}
              data-key={row.key}
              data-kind={row.kind}
              className="vrow"
              role="presentation"
              style={{ minHeight: row.kind === 'header' ? HEADER_ROW_HEIGHT : rowHeight }}
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
          ))}
        </div>
      </div>
    </div>
  );
}
