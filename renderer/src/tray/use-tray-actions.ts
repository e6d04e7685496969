// What the tray window asks main to do from its buttons and banners (open a window, sign in, start the
// demo), with the error of the last one that failed, for the window's error banner.
import { useCallback, useState } from 'react';
import type { AppState } from '../../../preload/contract';
import { agentTray } from '../api';
import { errorMessage } from '../format';

export interface TrayActions {
  /** The last failed action's words, until the next sign-in answers. */
  actionError: string | null;
  openSettings(): void;
  openDiagnostics(): void;
  /** Without a client id there is nothing to sign in with yet: Settings is where it is entered. */
  signIn(): void;
  startDemo(): void;
}

export function useTrayActions(state: AppState | null): TrayActions {
  const [actionError, setActionError] = useState<string | null>(null);
  const run = useCallback((p: Promise<unknown>) => void p.catch((err: unknown) => setActionError(errorMessage(err))), []);
  const openSettings = useCallback(() => run(agentTray().openWindow({ window: 'settings' })), [run]);
  const openDiagnostics = useCallback(() => run(agentTray().openWindow({ window: 'diagnostics' })), [run]);
  const hasClientId = Boolean(state?.settings.tenant.clientId);
  const signIn = useCallback(() => {
    if (!hasClientId) openSettings();
    else
      run(
        agentTray()
          .signIn()
          .then((r) => setActionError(r.ok ? null : r.message)),
      );
  }, [hasClientId, openSettings, run]);
  const startDemo = useCallback(() => run(agentTray().startDemo()), [run]);
  return { actionError, openSettings, openDiagnostics, signIn, startDemo };
}
