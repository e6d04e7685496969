// The agent list's keys (renderer/src/tray/list-keys.ts) over a list with group headers: moves land on
// agent rows only, at both ends and by pages; Enter, Space and P act on the active row; other keys are
// left alone. The Chromium tests (test/e2e/tray.spec.ts) press the same keys in the real window.
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import type { RowList } from '../../renderer/src/roster/rows';
import type { Row } from '../../renderer/src/roster/view';
import { listKeyAction, nextAgentIndex } from '../../renderer/src/tray/list-keys';

/** Rows from a pattern: 'h' a header, 'a' an agent. Plain data behind the RowList reading interface. */
function rowsOf(pattern: string): RowList {
  const rows: Row[] = [...pattern].map((c, i) =>
    c === 'h' ? { kind: 'header', key: `h${i}`, label: `Group ${i}`, count: 0 } : { kind: 'agent', key: `a${i}`, agent: { agentId: i } as AgentState, pinned: false },
  );
  return {
    length: rows.length,
    agentCount: rows.filter((r) => r.kind === 'agent').length,
    at: (i) => rows[i],
    indexOfAgent: (id) => rows.findIndex((r) => r.kind === 'agent' && r.agent.agentId === id),
    indexOfKey: (key) => rows.findIndex((r) => r.key === key),
    headersBefore: (i) => rows.slice(0, i).filter((r) => r.kind === 'header').length,
    toArray: () => rows,
  };
}

describe('listKeyAction', () => {
  //            0123456789
  const rows = rowsOf('haaahaahaa');
  const moveOf = (key: string, from: number, page = 3) => {
    const a = listKeyAction(key, rows, from, page);
    return a?.kind === 'move' ? a.index : a;
  };

  it('moves by arrows past the headers, and nowhere beyond either end', () => {
    expect(moveOf('ArrowDown', 3)).toBe(5);
    expect(moveOf('ArrowUp', 5)).toBe(3);
    expect(moveOf('ArrowDown', -1)).toBe(1);
    expect(moveOf('ArrowUp', -1)).toBe(1);
    // Beyond the first or the last agent there is none: -1, which the list ignores (the active row stays).
    expect(moveOf('ArrowUp', 1)).toBe(-1);
    expect(moveOf('ArrowDown', 9)).toBe(-1);
  });

  it('goes to the first and last agent, and by a page to the next agent at or after it', () => {
    expect(moveOf('Home', 6)).toBe(1);
    expect(moveOf('End', 1)).toBe(9);
    expect(moveOf('PageDown', 1)).toBe(5);
    // A page past the end lands on the last agent.
    expect(moveOf('PageDown', 8, 5)).toBe(9);
    expect(moveOf('PageUp', 9)).toBe(6);
    expect(moveOf('PageUp', 2)).toBe(1);
  });

  it('opens on Enter and Space, pins on P, and leaves every other key alone', () => {
    expect(listKeyAction('Enter', rows, 2, 3)).toEqual({ kind: 'open' });
    expect(listKeyAction(' ', rows, 2, 3)).toEqual({ kind: 'open' });
    expect(listKeyAction('p', rows, 2, 3)).toEqual({ kind: 'pin' });
    expect(listKeyAction('P', rows, 2, 3)).toEqual({ kind: 'pin' });
    for (const key of ['a', 'Tab', 'Escape', 'ArrowLeft', '/']) expect(listKeyAction(key, rows, 2, 3)).toBeNull();
  });

  it('finds no agent in a list of headers only', () => {
    expect(nextAgentIndex(rowsOf('hh'), 0, 1)).toBe(-1);
    expect(listKeyAction('Home', rowsOf('hh'), -1, 3)).toEqual({ kind: 'move', index: -1 });
  });
});
