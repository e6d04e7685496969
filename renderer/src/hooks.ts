// Hooks shared by both windows: the app state, a once-per-second clock that sleeps while hidden,
// and the theme.
import { useEffect, useState } from 'react';
import type { AppState } from '../../preload/contract';
import { agentTray } from './api';

export function useAppState(): AppState | null {
  const [state, setState] = useState<AppState | null>(null);
  useEffect(() => {
    let live = true;
    const off = agentTray().onAppState((s) => setState(s));
    agentTray()
      .getAppState()
      .then((s) => live && setState((prev) => prev ?? s))
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

/** Wall-clock time that ticks every second, but only while the window is visible. */
export function useNow(enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer !== null || !isVisible()) return;
      setNow(Date.now());
      timer = setInterval(() => setNow(Date.now()), 1000);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => (isVisible() ? start() : stop());
    document.addEventListener('visibilitychange', onVisibility);
    start();
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled]);
  return now;
}

/** Applies settings.theme: "system" follows prefers-color-scheme live. */
export function useTheme(theme: 'system' | 'light' | 'dark' | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') {
      root.dataset.theme = theme;
      return;
    }
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.dataset.theme = query.matches ? 'dark' : 'light';
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
