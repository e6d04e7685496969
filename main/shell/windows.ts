// The one window factory. Every BrowserWindow the app opens is made by createSecureWindow(), which
// applies the security baseline: sandboxed, context-isolated renderer without Node, web security on,
// our preload only, no navigation away from the app's pages, no popups, no <webview>, and only https
// links handed to the system browser. The tray window and the settings window are built on it.
import { BrowserWindow, screen, shell, type BrowserWindowConstructorOptions, type Session, type WebContents, type WebPreferences } from 'electron';
import { EVENT_CHANNELS } from '../../preload/channels';
import type { Logger } from '../ports';
import { guardRendererCrashes, openExternalLogged } from './crash-guard';
import { isOpenableExternally, type PageLocator, type PageName } from './pages';
import { trayWindowPosition, type Rect } from './position';
import { TRAY_WINDOW_SIZE } from './window-sizes';

export { TRAY_WINDOW_SIZE };

/** The web preferences every window gets; a test fails if any of them is flipped. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // A middle-click must not open a link in a new window behind the popup handler's back.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
  };
}

/** Denies navigation, popups and webviews on one renderer; https links go to the system browser. */
export function guardWebContents(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    logger.warn('window: navigation denied', { url });
    if (isOpenableExternally(url)) openExternalLogged((u) => shell.openExternal(u), url, logger);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternally(url)) openExternalLogged((u) => shell.openExternal(u), url, logger);
    else logger.warn('window: popup denied', { url });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('window: webview denied');
  });
  guardRendererCrashes(contents, logger);
}

/** The app asks for no camera, microphone, notifications-from-web, geolocation…: deny them all. */
export function guardSession(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('window: permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

export interface WindowFactoryDeps {
  preloadPath: string;
  pages: PageLocator;
  logger: Logger;
}

export function createSecureWindow(
  deps: WindowFactoryDeps,
  page: PageName,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  hash?: string,
): BrowserWindow {
  const win = new BrowserWindow({ ...options, webPreferences: secureWebPreferences(deps.preloadPath) });
  guardWebContents(win.webContents, deps.logger);
  loadPage(deps, win, page, hash);
  return win;
}

function loadPage(deps: WindowFactoryDeps, win: BrowserWindow, page: PageName, hash?: string): void {
  const source = deps.pages.source(page);
  const loading =
    source.kind === 'file'
      ? win.loadFile(source.path, hash ? { hash } : undefined)
      : win.loadURL(hash ? `${source.url}#${hash}` : source.url);
  loading.catch((err: unknown) => {
    // Loading the page again before its first load finished (a notification click, a section asked for)
    // makes Electron abort that first load (ERR_ABORTED, -3): replaced, not failed.
    if (isAbortedLoad(err)) deps.logger.debug('window: page load replaced by a newer one', { page });
    else deps.logger.error('window: page failed to load', { page, error: String(err) });
  });
}

/** Electron's rejection of a load that a newer load of the same window replaced. */
function isAbortedLoad(err: unknown): boolean {
  return err instanceof Error && ((err as { code?: unknown }).code === 'ERR_ABORTED' || err.message.startsWith('ERR_ABORTED (-3)'));
}

/** Blur hides the window after this delay, so a click on the tray icon (which blurs first) toggles. */
const BLUR_HIDE_DELAY_MS = 150;
/** A tray click this soon after a blur-hide means "close", not "open again". */
const TOGGLE_GRACE_MS = 400;

export interface AppWindows {
  showTray(): void;
  toggleTray(): void;
  hideTray(): void;
  openSettings(section?: 'diagnostics' | 'notifications'): void;
  /**
   * Shows the tray window on one agent (a notification was clicked). A window that is already loaded
   * gets the focusAgent event; one that is new or still loading gets the agent in its URL (#agent=<id>),
   * because an event sent before the page has subscribed would be lost.
   */
  focusAgent(agentId: number): void;
  /** Every live window the app made (IPC trusts senders only from these). */
  all(): BrowserWindow[];
  isAppWindow(contents: WebContents): boolean;
  destroyAll(): void;
}

/** A window the app made that is still there. */
const live = (w: BrowserWindow | null): w is BrowserWindow => w !== null && !w.isDestroyed();

/** A frameless popup that stays on top and out of the taskbar. */
const TRAY_WINDOW_OPTIONS: Omit<BrowserWindowConstructorOptions, 'webPreferences'> = {
  ...TRAY_WINDOW_SIZE,
  show: false,
  frame: false,
  resizable: false,
  movable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  skipTaskbar: true,
  alwaysOnTop: true,
  title: 'CXone Agent Tray',
};

/** Puts the window next to the tray icon (`bounds`), on its display; on the primary one when there are no bounds. */
function placeNextToTray(win: BrowserWindow, bounds: Rect | null): void {
  const hasTray = bounds !== null && bounds.width > 0 && bounds.height > 0;
  const display = hasTray
    ? screen.getDisplayNearestPoint({ x: Math.round(bounds.x + bounds.width / 2), y: Math.round(bounds.y + bounds.height / 2) })
    : screen.getPrimaryDisplay();
  const [width = TRAY_WINDOW_SIZE.width, height = TRAY_WINDOW_SIZE.height] = win.getSize();
  const { x, y } = trayWindowPosition({ window: { width, height }, tray: bounds, display });
  win.setPosition(x, y, false);
}

/** The tray window's state, shared by the functions below (as RosterParts is in roster.ts). */
interface TrayParts {
  deps: WindowFactoryDeps & { trayBounds(): Rect | null };
  now: () => number;
  /** Null until first use, and again once the window closed. */
  win: BrowserWindow | null;
  /** A blur-hide waiting for BLUR_HIDE_DELAY_MS; null when none is pending. */
  blurTimer: ReturnType<typeof setTimeout> | null;
  /** When a blur last hid the window (now()'s clock); -Infinity before the first. */
  hiddenByBlurAt: number;
}

function cancelBlurHide(t: TrayParts): void {
  if (t.blurTimer) clearTimeout(t.blurTimer);
  t.blurTimer = null;
}

/** Hides the window a moment after it lost focus, so the tray click that caused the blur can still toggle. */
function hideSoonAfterBlur(t: TrayParts): void {
  cancelBlurHide(t);
  t.blurTimer = setTimeout(() => {
    t.blurTimer = null;
    if (live(t.win) && t.win.isVisible()) {
      t.win.hide();
      t.hiddenByBlurAt = t.now();
    }
  }, BLUR_HIDE_DELAY_MS);
}

/** The tray window, made (with `hash` in its URL) when there is none. */
function ensureTrayWindow(t: TrayParts, hash?: string): BrowserWindow {
  if (live(t.win)) return t.win;
  const win = createSecureWindow(t.deps, 'tray', TRAY_WINDOW_OPTIONS, hash);
  win.on('blur', () => hideSoonAfterBlur(t));
  win.on('closed', () => {
    cancelBlurHide(t);
    t.win = null;
  });
  t.win = win;
  return win;
}

function showTray(t: TrayParts): void {
  cancelBlurHide(t);
  const win = ensureTrayWindow(t);
  placeNextToTray(win, t.deps.trayBounds());
  win.show();
  win.focus();
}

function hideTray(t: TrayParts): void {
  cancelBlurHide(t);
  if (live(t.win)) t.win.hide();
}

function toggleTray(t: TrayParts): void {
  if (t.blurTimer) {
    // The click that blurred the window is the same click that asks to close it.
    hideTray(t);
    t.hiddenByBlurAt = t.now();
    return;
  }
  if (live(t.win) && t.win.isVisible()) return hideTray(t);
  if (t.now() - t.hiddenByBlurAt < TOGGLE_GRACE_MS) return;
  showTray(t);
}

/** See AppWindows.focusAgent: the agent goes in the URL of a new or loading page, as an event to a loaded one. */
function focusTrayOnAgent(t: TrayParts, agentId: number): void {
  const hash = `agent=${agentId}`;
  if (!live(t.win)) ensureTrayWindow(t, hash);
  else if (t.win.webContents.isLoading()) loadPage(t.deps, t.win, 'tray', hash);
  else t.win.webContents.send(EVENT_CHANNELS.focusAgent, { agentId });
  showTray(t);
}

function destroyTray(t: TrayParts): void {
  cancelBlurHide(t);
  if (live(t.win)) t.win.destroy();
  t.win = null;
}

/** The tray popup: made on first use, placed by the tray icon, hidden on blur; a click toggles it. */
function createTrayWindow(deps: WindowFactoryDeps & { trayBounds(): Rect | null }, now: () => number) {
  const t: TrayParts = { deps, now, win: null, blurTimer: null, hiddenByBlurAt: -Infinity };
  return {
    show: () => showTray(t),
    hide: () => hideTray(t),
    toggle: () => toggleTray(t),
    focusAgent: (agentId: number) => focusTrayOnAgent(t, agentId),
    window: () => t.win,
    destroy: () => destroyTray(t),
  };
}

/** The settings window: one at most; opening it again brings it forward on the section asked for. */
function createSettingsWindow(deps: WindowFactoryDeps) {
  let settings: BrowserWindow | null = null;
  return {
    open(section?: 'diagnostics' | 'notifications') {
      if (live(settings)) {
        // A loaded page switches sections itself: loading the page again (even with only a new hash)
        // could reload it and lose the user's unsaved edits.
        if (section && settings.webContents.isLoading()) loadPage(deps, settings, 'settings', section);
        else if (section) settings.webContents.send(EVENT_CHANNELS.showSection, { section });
        if (settings.isMinimized()) settings.restore();
        settings.show();
        settings.focus();
        return;
      }
      const win = createSecureWindow(
        deps,
        'settings',
        { width: 760, height: 640, minWidth: 560, minHeight: 480, show: false, title: 'CXone Agent Tray — Settings', autoHideMenuBar: true },
        section,
      );
      win.once('ready-to-show', () => win.show());
      win.on('closed', () => {
        settings = null;
      });
      settings = win;
    },
    window: () => settings,
    destroy() {
      if (live(settings)) settings.destroy();
      settings = null;
    },
  };
}

export function createAppWindows(
  deps: WindowFactoryDeps & {
    /** The tray icon's bounds; null when the platform reports none. */
    trayBounds(): Rect | null;
    now?: () => number;
  },
): AppWindows {
  const tray = createTrayWindow(deps, deps.now ?? Date.now);
  const settings = createSettingsWindow(deps);
  const windows = () => [tray.window(), settings.window()].filter(live);
  return {
    showTray: tray.show,
    hideTray: tray.hide,
    toggleTray: tray.toggle,
    openSettings: settings.open,
    focusAgent: tray.focusAgent,
    all: windows,
    isAppWindow: (contents) => windows().some((w) => w.webContents === contents),
    destroyAll() {
      tray.destroy();
      settings.destroy();
    },
  };
}
