// The tray window's keyboard shortcuts: Esc closes the detail, clears the search or hides the window;
// / searches, R refreshes, comma opens Settings, D toggles compact rows, N / S / T sort. Letters do
// nothing while the user types in a field, nor with Ctrl, Cmd or Alt held.
import { useEffect } from 'react';
import { runAction } from '../actions';
import { agentTray } from '../api';
import type { SortKey } from '../roster/view';
import { SORT_KEYS } from './tray-options';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export interface TrayKeys {
  detailOpen: boolean;
  closeDetail(): void;
  search: string;
  clearSearch(): void;
  focusSearch(): void;
  toggleDensity(): void;
  setSort(key: SortKey): void;
}

export function useTrayKeys({ detailOpen, closeDetail, search, clearSearch, focusSearch, toggleDensity, setSort }: TrayKeys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (detailOpen) closeDetail();
        else if (isTyping(e.target) && search) clearSearch();
        else void runAction(agentTray().hideWindow());
        e.preventDefault();
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '/') {
        focusSearch();
        e.preventDefault();
      } else if (e.key === 'r' || e.key === 'R') {
        void runAction(agentTray().refreshNow());
      } else if (e.key === ',') {
        void runAction(agentTray().openWindow({ window: 'settings' }));
      } else if (e.key === 'd' || e.key === 'D') {
        toggleDensity();
      } else {
        const key = SORT_KEYS[e.key.toLowerCase()];
        if (key) setSort(key);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [detailOpen, closeDetail, search, clearSearch, focusSearch, toggleDensity, setSort]);
}
