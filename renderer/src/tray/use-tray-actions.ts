// What the tray window asks main to do from its buttons and banners (open a window, sign in, start the
// demo). A failure is the window's action error (actions.tsx), shown in its banner.
import { useCallback } from 'react';
import type { AppState } from '../../../preload/contract';
import { runAction } from '../actions';
import { agentTray } from '../api';

export interface TrayActions {
  openSettings(): void;
  openDiagnostics(): void;
  /** Without a client id there is nothing to sign in with yet: Settings is where it is entered. */
  signIn(): void;
  startDemo(): void;
}

export function useTrayActions(state: AppState | null): TrayActions {
  const openSettings = useCallback(() => void runAction(agentTray().openWindow({ window: 'settings' })), []);
  const openDiagnostics = useCallback(() => void runAction(agentTray().openWindow({ window: 'diagnostics' })), []);
  const hasClientId = Boolean(state?.settings.tenant.clientId);
  const signIn = useCallback(() => {
    if (!hasClientId) openSettings();
    else void runAction(agentTray().signIn());
  }, [hasClientId, openSettings]);
  const startDemo = useCallback(() => void runAction(agentTray().startDemo()), []);
  return { openSettings, openDiagnostics, signIn, startDemo };
}
