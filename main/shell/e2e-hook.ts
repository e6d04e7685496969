// Test-only: lets the Playwright _electron suite open windows and read the notifications the app
// showed. It is imported only behind a build-time flag (MAIN_VITE_E2E_HOOK=1 when running
// electron-vite build) AND a runtime variable (CXONE_AGENT_TRAY_E2E=1); a production build contains
// neither this file nor the variable's name — test/packaging/boot.test.ts checks that.
import type { NotificationRequest, Notifier } from '../ports';
import type { AppWindows } from './windows';

export interface E2eHook {
  showTray(): void;
  openSettings(): void;
  /** Every notification the app asked to show, in order. */
  readonly notifications: NotificationRequest[];
}

export const E2E_GLOBAL = '__cxoneAgentTrayE2E';

export function installE2eHook(windows: () => AppWindows | null, notifier: Notifier): Notifier {
  const notifications: NotificationRequest[] = [];
  const hook: E2eHook = {
    showTray: () => windows()?.showTray(),
    openSettings: () => windows()?.openSettings(),
    notifications,
  };
  // Playwright's electronApp.evaluate() runs in the main process and reads it from globalThis.
  Object.defineProperty(globalThis, E2E_GLOBAL, { value: hook, configurable: true });
  return {
    show(request) {
      notifications.push(request);
      notifier.show(request);
    },
  };
}
