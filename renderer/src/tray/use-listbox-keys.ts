// The agent list's keyboard (a listbox, WAI-ARIA; what each key does is list-keys.ts): the keys move the
// active row and scroll it into view, Enter opens it, P pins it; focusing the list with no active row
// makes the first agent active.
import type { AgentState } from '../../../main/cxone/model';
import type { RowList } from '../roster/rows';
import type { Row } from '../roster/view';
import { listKeyAction, nextAgentIndex } from './list-keys';
import type { VirtualRows } from './use-virtual-rows';

export interface ListboxKeyOptions {
  rows: RowList;
  /** The active row's index; -1 when no row is active. */
  activeIndex: number;
  rowHeight: number;
  scrollRef: VirtualRows['scrollRef'];
  scrollToIndex: VirtualRows['scrollToIndex'];
  onActiveChange(agentId: number | null): void;
  onOpen(agent: AgentState): void;
  onTogglePin(agent: AgentState): void;
}

/** The list's key and focus handlers: a key moves the active row into view, opens or pins it; focus with no row active activates the first agent. */
export function useListboxKeys({ rows, activeIndex, rowHeight, scrollRef, scrollToIndex, onActiveChange, onOpen, onTogglePin }: ListboxKeyOptions): { onKeyDown(e: React.KeyboardEvent): void; onFocus(): void } {
  const moveTo = (i: number) => {
    const row = rows.at(i);
    if (i < 0 || !row || row.kind !== 'agent') return;
    onActiveChange(row.agent.agentId);
    scrollToIndex(i);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const action = listKeyAction(e.key, rows, activeIndex, page);
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'move') return moveTo(action.index);
    const row = rows.at(activeIndex);
    if (row?.kind !== 'agent') return;
    if (action.kind === 'open') onOpen(row.agent);
    else onTogglePin(row.agent);
  };

  const onFocus = () => {
    if (activeIndex < 0) {
      const first = nextAgentIndex(rows, 0, 1);
      if (first >= 0) onActiveChange((rows.at(first) as Extract<Row, { kind: 'agent' }>).agent.agentId);
    }
  };
  return { onKeyDown, onFocus };
}
