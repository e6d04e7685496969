// What the tray shows for a TrayModel: the icon file, the title, and the context menu. Pure (no electron
// import), so every state's menu and icon is unit-tested; tray.ts turns this into Electron objects.
import type { TrayModel } from '../core/types';

export type TrayIconState = TrayModel['icon'];
export const TRAY_ICON_STATES: readonly TrayIconState[] = ['signed-out', 'demo', 'live', 'stale', 'paused', 'error'];

export interface TrayActions {
  open(): void;
  refreshNow(): void;
  /** minutes: null pauses until resumed. */
  pauseNotifications(minutes: number | null): void;
  resumeNotifications(): void;
  setPollingPaused(paused: boolean): void;
  openSettings(): void;
  openDiagnostics(): void;
  signIn(): void;
  signOut(): void;
  quit(): void;
}

export type MenuItemSpec =
  | { type: 'separator' }
  | { label: string; enabled?: boolean; click?: () => void; submenu?: MenuItemSpec[] };

/**
 * The icon file for a state. macOS: a black-and-alpha template image the system tints for the menu bar
 * (`name@2x` is picked up automatically). Elsewhere: a glyph drawn for a light or a dark panel.
 */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform, darkPanel: boolean): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  return `tray-${state}-${darkPanel ? 'dark' : 'light'}.png`;
}

/**
 * The badge's count while data flows (live or demo): available agents, or — when the user chose it —
 * contacts waiting in the watched queues. Null when the icon should show none (no queue data with the
 * "waiting" choice shows no number rather than a number that means something else).
 */
export function trayCount(model: TrayModel): number | null {
  const flowing = model.icon === 'live' || model.icon === 'demo';
  if (!flowing) return null;
  return model.badge === 'waiting' ? (model.waitingCount ?? null) : model.availableCount;
}

/** The text beside the macOS menu-bar icon. Elsewhere the count is drawn on the icon (tray-badge.ts). */
export function trayTitle(model: TrayModel): string {
  const count = trayCount(model);
  return count === null ? '' : String(count);
}

export function trayMenuItems(model: TrayModel, actions: TrayActions, formatTime: (ms: number) => string): MenuItemSpec[] {
  const monitoring = model.signedIn || model.demo;
  const items: MenuItemSpec[] = [];
  if (model.availableCount !== null) items.push({ label: `${model.availableCount} available`, enabled: false });
  if (model.waitingCount !== undefined && model.waitingCount !== null) items.push({ label: `${model.waitingCount} waiting in queues`, enabled: false });
  items.push({ label: 'Open', click: actions.open });
  items.push({ label: 'Refresh now', enabled: monitoring && !model.pollingPaused, click: actions.refreshNow });
  items.push({ type: 'separator' });

  if (model.notificationsPausedIndefinitely) {
    items.push({ label: 'Resume notifications (paused until resumed)', click: actions.resumeNotifications });
  } else if (model.notificationsPausedUntil !== null) {
    items.push({ label: `Resume notifications (paused until ${formatTime(model.notificationsPausedUntil)})`, click: actions.resumeNotifications });
  } else {
    items.push({
      label: 'Pause notifications',
      submenu: [
        { label: 'For 1 hour', click: () => actions.pauseNotifications(60) },
        { label: 'Until resumed', click: () => actions.pauseNotifications(null) },
      ],
    });
  }
  items.push(
    model.pollingPaused
      ? { label: 'Resume polling', enabled: monitoring, click: () => actions.setPollingPaused(false) }
      : { label: 'Pause polling', enabled: monitoring, click: () => actions.setPollingPaused(true) },
  );
  items.push({ type: 'separator' });
  items.push({ label: 'Settings…', click: actions.openSettings });
  items.push({ label: 'Diagnostics…', click: actions.openDiagnostics });
  // The demo has no account to sign out of: it offers the way to a real tenant instead.
  if (model.demo) items.push({ label: 'Sign in to CXone…', click: actions.signIn });
  else if (model.signedIn) {
    // CXone refused the token: "Sign out" alone would read as if all were well.
    if (model.signInNeeded) items.push({ label: 'Sign in again…', click: actions.signIn });
    items.push({ label: 'Sign out', click: actions.signOut });
  }
  else items.push({ label: 'Sign in…', click: actions.signIn });
  items.push({ type: 'separator' });
  items.push({ label: 'Quit CXone Agent Tray', click: actions.quit });
  return items;
}
