// What a key pressed in the agent list does (a listbox, WAI-ARIA): arrows move the active row, Home and
// End go to the first and last agent, Page Up/Down move by a page, Enter or Space opens the detail, P
// pins. Group headers are never active: a move lands on the nearest agent row in its direction.
import type { RowList } from '../roster/rows';

export type ListKeyAction = { kind: 'move'; index: number } | { kind: 'open' } | { kind: 'pin' };

/** The index of the first agent row at or after `from` going by `step` (±1); -1 when there is none. */
export function nextAgentIndex(rows: RowList, from: number, step: number): number {
  for (let i = from; i >= 0 && i < rows.length; i += step) if (rows.at(i)!.kind === 'agent') return i;
  return -1;
}

/**
 * The action for `key` with the active row at `from` (-1: none) and `page` rows in view; null for a key
 * the list does not handle (the event is left alone).
 */
export function listKeyAction(key: string, rows: RowList, from: number, page: number): ListKeyAction | null {
  const move = (index: number): ListKeyAction => ({ kind: 'move', index });
  switch (key) {
    case 'ArrowDown':
      return move(nextAgentIndex(rows, from + 1, 1));
    case 'ArrowUp':
      return move(from <= 0 ? nextAgentIndex(rows, 0, 1) : nextAgentIndex(rows, from - 1, -1));
    case 'Home':
      return move(nextAgentIndex(rows, 0, 1));
    case 'End':
      return move(nextAgentIndex(rows, rows.length - 1, -1));
    case 'PageDown':
      return move(nextAgentIndex(rows, Math.min(rows.length - 1, Math.max(from, 0) + page), 1));
    case 'PageUp':
      return move(nextAgentIndex(rows, Math.max(0, from - page), 1));
    case 'Enter':
    case ' ':
      return { kind: 'open' };
    case 'p':
    case 'P':
      return { kind: 'pin' };
    default:
      return null;
  }
}
