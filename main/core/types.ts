// The seam between the headless core (main/core/app.ts) and its hosts: the Electron shell, the renderer
// test harness and the boot test. Types only.
import type { AppState, EventName, EventPayload } from '../../preload/contract';
import type { CommandHandlers } from '../ipc/router';
import type { RosterSnapshot } from '../monitor/status';
import type { Clock, FetchLike, Logger, Notifier, Opener, SecretStore } from '../ports';
import type { SettingsStore } from '../settings/store';

/** What the renderer may ask the shell to do (window management, clipboard, browser). */
export interface UiPort {
  openWindow(window: 'tray' | 'settings' | 'diagnostics' | 'notifications'): void;
  hideWindow(): void;
  copyText(text: string): void;
  /** Only https URLs reach this; the core checks before calling. */
  openExternal(url: string): Promise<void>;
}

export interface CorePorts {
  clock: Clock;
  fetch: FetchLike;
  logger: Logger;
  /** Opens the keychain or falls back to memory (with a one-time warning). */
  openSecretStore(): Promise<{ store: SecretStore; warning: string | null; onWarning?(listener: (warning: string) => void): void }>;
  settings: SettingsStore;
  notifier: Notifier;
  /** The system browser, for sign-in. */
  opener: Opener;
  ui: UiPort;
  paths: { settings: string; logs: string };
  /** The OS's regional format for clock times (Electron's app.getSystemLocale()); unset: the default locale. */
  clockLocale?: string;
  /** Local clock time for the tray tooltip ("14:05"); defaults to formatClockTime in `clockLocale`. */
  formatTime?: (ms: number) => string;
}

/** What the tray icon, tooltip and menu are rendered from. */
export interface TrayModel {
  icon: 'signed-out' | 'demo' | 'live' | 'stale' | 'paused' | 'error';
  /** Available agents in the watch scope; null when unknown. */
  availableCount: number | null;
  /** Contacts waiting in the watched queues; null (or absent) when there is no queue data. */
  waitingCount?: number | null;
  /** What the badge counts (Settings → trayBadge); absent means available agents. */
  badge?: 'available' | 'waiting';
  /** e.g. "12 available · 30 on contact · 5 unavailable — updated 4 s ago". */
  tooltip: string;
  signedIn: boolean;
  /** Signed in, but CXone refuses the (renewed) token: the menu leads with "Sign in again…". */
  signInNeeded: boolean;
  demo: boolean;
  pollingPaused: boolean;
  notificationsPausedUntil: number | null;
  notificationsPausedIndefinitely: boolean;
}

/** 'network-change': the machine's network addresses changed (another Wi-Fi, a VPN) while online. */
export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen' | 'online' | 'offline' | 'network-change';

export interface Core {
  /** For the IPC router: one handler per contract command. */
  readonly handlers: CommandHandlers;
  /** main → renderer events (the shell forwards them to every app window). */
  onEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  appState(): AppState;
  /** The whole roster at once, for tests and the soak; never over IPC (windows read it in parts). */
  rosterSnapshot(): RosterSnapshot;
  trayModel(): TrayModel;
  onTrayModel(listener: (model: TrayModel) => void): () => void;
  /** Loads settings, then resumes the session or starts the demo tenant on first run. */
  start(): Promise<void>;
  /** Tray menu actions that are not renderer commands. */
  power(event: PowerEvent): void;
  /** Stops polling, timers, the demo server; closes everything so the process can exit. */
  stop(): Promise<void>;
}
