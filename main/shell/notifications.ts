// The Notifier port on Electron's Notification. A click opens the tray window on that agent.
import { Notification, app } from 'electron';
import type { Logger, NotificationRequest, Notifier } from '../ports';
import { APP_ID } from './app-id';

/**
 * Windows attributes toasts to the AppUserModelID; it must equal electron-builder's appId or toasts from
 * the installed app are dropped. Call before the first notification.
 */
export function registerAppUserModelId(platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}

/**
 * Notifications kept alive for their clicks. Electron does not promise a 'close' for each (macOS sends
 * none for a banner that timed out into Notification Center), so keeping every one until it closes kept
 * them all, for as long as the app ran. The oldest beyond this many lose their click handler.
 */
const MAX_KEPT = 100;

export function createElectronNotifier(deps: { logger: Logger; onClick(agentId: number | undefined): void }): Notifier & { kept(): number } {
  // Electron drops click handlers of notifications that were garbage-collected: keep each one alive
  // until it is clicked or closed, or until MAX_KEPT newer ones came.
  const alive = new Set<Notification>();
  return {
    kept: () => alive.size,
    show(request: NotificationRequest) {
      if (!Notification.isSupported()) {
        deps.logger.warn('notifications: not supported on this system');
        return;
      }
      const n = new Notification({ title: request.title, body: request.body, silent: false });
      alive.add(n);
      // A Set iterates in insertion order: the first is the oldest.
      for (const old of alive) {
        if (alive.size <= MAX_KEPT) break;
        alive.delete(old);
      }
      n.on('click', () => {
        alive.delete(n);
        deps.onClick(request.agentId);
      });
      n.on('close', () => alive.delete(n));
      n.on('failed', (_event, error) => {
        alive.delete(n);
        deps.logger.warn('notifications: failed', { error });
      });
      n.show();
    },
  };
}
