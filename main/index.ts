// The composition root: the ONLY place that wires the headless core (main/core/app.ts) to Electron. It builds
// the core's ports from Electron adapters (main/shell/*), then the tray, the windows, IPC and power
// watching. Nothing else in the app reaches for Electron or for a global.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, dialog, ipcMain, net, session, shell } from 'electron';
import Store from 'electron-store';
import { usableClockLocale } from './clock-time';
import { createCore } from './core/app';
import type { Core, CorePorts, UiPort } from './core/types';
import { createFileLogger } from './log/file-logger';
import { redactText } from './log/redact';
import { systemClock, type Logger, type Notifier } from './ports';
import { openSecretStore } from './secrets';
import { createSettingsStore, type SettingsBackend, type SettingsStore } from './settings/store';
import { applyAutostart } from './shell/autostart';
import { installCrashGuard } from './shell/crash-guard';
import { registerIpc, type IpcBridge } from './shell/ipc';
import { createElectronNotifier, registerAppUserModelId } from './shell/notifications';
import { createPageLocator, isOpenableExternally, type PageLocator } from './shell/pages';
import { checkSignInPage } from './net/external-links';
import { watchPower } from './shell/power';
import { TrayService } from './shell/tray';
import { createAppWindows, guardSession, type AppWindows } from './shell/windows';

/** How long quitting waits for the core to close its servers and timers before leaving anyway. */
const STOP_TIMEOUT_MS = 5_000;

/** out/main → out/preload and out/renderer, in development and inside app.asar alike. */
const bundleDir = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  // Test-only (stripped from production builds, like the hook below): an isolated profile per e2e run,
  // set before the single-instance lock, which is keyed by the profile folder.
  if (import.meta.env.MAIN_VITE_E2E_HOOK === '1' && process.env.CXONE_AGENT_TRAY_E2E === '1' && process.env.CXONE_AGENT_TRAY_E2E_USER_DATA) {
    app.setPath('userData', process.env.CXONE_AGENT_TRAY_E2E_USER_DATA);
  }
  // A second launch is the only way back in on desktops without a tray: it shows the window of the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let windows: AppWindows | null = null;
  app.on('second-instance', () => windows?.showTray());
  app.on('activate', () => windows?.showTray());
  // A tray app keeps running with every window closed (Electron's default would quit).
  app.on('window-all-closed', () => {});
  registerAppUserModelId(process.platform);

  await app.whenReady();
  // In a packaged macOS app LSUIElement keeps it out of the Dock; this does the same in development.
  app.dock?.hide();

  const logger = startLogging();
  guardSession(session.defaultSession, logger);
  const settings = openSettings(logger);
  const firstRun = settings.get().mode === 'unconfigured';

  const pages = createPageLocator(join(bundleDir, '../renderer'), app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null));
  let tray: TrayService | null = null;
  windows = createAppWindows({
    preloadPath: join(bundleDir, '../preload/index.cjs'),
    pages,
    logger,
    trayBounds: () => tray?.bounds() ?? null,
  });
  const appWindows = windows;

  const notifier = await appNotifier(appWindows, logger);
  // Clock times in the OS's regional format: Electron's default locale is the app's UI language.
  const clockLocale = usableClockLocale(app.getSystemLocale());
  const core: Core = createCore(corePorts({ logger, settings, notifier, windows: appWindows, clockLocale }));
  const trayService = createAppTray({ core, windows: appWindows, settings, logger, clockLocale });
  tray = trayService;
  quitCleanly(logger, core, wireShell({ core, tray: trayService, windows: appWindows, pages, settings, logger }));

  try {
    await core.start();
  } catch (err) {
    logger.error('app: core failed to start', { error: err instanceof Error ? err.message : String(err) });
  }
  // First run: the settings window offers "Connect your CXone tenant" and "Try the demo".
  if (firstRun) appWindows.openSettings();
  logger.info('app: ready', { firstRun });
}

/** The OS notifications; a click opens the agent's detail (or the tray window). */
async function appNotifier(windows: AppWindows, logger: Logger): Promise<Notifier> {
  const notifier = createElectronNotifier({
    logger,
    onClick: (agentId) => (agentId === undefined ? windows.showTray() : windows.focusAgent(agentId)),
  });
  // Stripped from production builds: the condition is a build-time constant (see main/shell/e2e-hook.ts).
  if (import.meta.env.MAIN_VITE_E2E_HOOK === '1' && process.env.CXONE_AGENT_TRAY_E2E === '1') {
    const { installE2eHook } = await import('./shell/e2e-hook');
    return installE2eHook(() => windows, notifier);
  }
  return notifier;
}

/** main.log (debug, echoed to stdout, in development), and the crash guard that writes to it. */
function startLogging(): Logger {
  const logger = createFileLogger({
    dir: app.getPath('logs'),
    level: app.isPackaged ? 'info' : 'debug',
    echo: app.isPackaged ? undefined : (line) => console.log(line),
  });
  // From here on a crash anywhere in main leaves its line in main.log (redacted) instead of only stderr.
  installCrashGuard({ process, logger, exit: (code) => app.exit(code) });
  logger.info('app: starting', { version: app.getVersion(), platform: process.platform, packaged: app.isPackaged });
  return logger;
}

/** The settings, in the profile's settings.json. */
function openSettings(logger: Logger): SettingsStore {
  return createSettingsStore({
    logger,
    filePath: join(app.getPath('userData'), 'settings.json'),
    openBackend: (): SettingsBackend => {
      const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
      // electron-store answers a synchronous IPC message with app paths for renderer use; our renderers
      // never need it, and every channel outside the contract is one too many.
      ipcMain.removeAllListeners('electron-store-get-data');
      return store;
    },
  });
}

/**
 * The shell around the core: the tray drawn from its model, IPC for the windows, power watching and
 * the autostart setting. Returns what takes them all down again.
 */
function wireShell(deps: { core: Core; tray: TrayService; windows: AppWindows; pages: PageLocator; settings: SettingsStore; logger: Logger }): () => void {
  const { core, tray, windows, settings, logger } = deps;
  tray.render(core.trayModel());
  const offTray = core.onTrayModel((model) => tray.render(model));
  const ipc: IpcBridge = registerIpc({
    core,
    logger,
    senders: { pages: deps.pages, isAppWindow: (contents) => windows.isAppWindow(contents) },
    windows: () => windows.all().map((w) => w.webContents),
  });
  const stopPower = watchPower(core);
  const offSettings = followAutostart(settings, logger);
  return () => {
    stopPower();
    offTray();
    offSettings();
    ipc.dispose();
    windows.destroyAll();
    tray.destroy();
  };
}

/** The first quit is held until the shell is taken down and the core stopped (bounded); then the app quits. */
function quitCleanly(logger: Logger, core: Core, disposeShell: () => void): void {
  let stopping: Promise<void> | null = null;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= shutdown(logger, core, disposeShell).finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

/** The core's ports, from Electron's adapters. */
function corePorts(deps: { logger: Logger; settings: SettingsStore; notifier: Notifier; windows: AppWindows; clockLocale: string | undefined }): CorePorts {
  const { logger, settings, notifier, windows, clockLocale } = deps;
  const ui: UiPort = {
    openWindow: (which) => {
      if (which === 'tray') windows.showTray();
      else windows.openSettings(which === 'settings' ? undefined : which);
    },
    hideWindow: () => windows.hideTray(),
    copyText: (text) => clipboard.writeText(text),
    openExternal: async (url) => {
      if (!isOpenableExternally(url, settings.get().tenant.issuer)) throw new Error('This link is not opened: only the sign-in server and NICE documentation are.');
      await shell.openExternal(url);
    },
  };
  return {
    clock: systemClock,
    // Chromium's network stack: honours the system proxy and certificate store, as corporate networks need.
    // Never its HTTP cache (Node's fetch has none): the session's disk cache would keep agents' names and
    // states, and could answer a repeated full-list URL with an old list. (Node's RequestInit type lacks
    // `cache`; Electron's net.fetch reads it through the Request it builds.)
    fetch: (input, init) => net.fetch(String(input), { ...init, cache: 'no-store' } as RequestInit),
    logger,
    openSecretStore: () => openSecretStore({ logger }),
    settings,
    notifier,
    opener: {
      // The sign-in page: https, or http on loopback (a local identity provider in development).
      openExternal: async (url) => {
        const checked = checkSignInPage(url, settings.get().tenant.issuer);
        if (!checked.ok) throw new Error(checked.reason);
        await shell.openExternal(checked.url.href);
      },
    },
    ui,
    paths: { settings: settings.path, logs: app.getPath('logs') },
    clockLocale,
  };
}

/** The tray icon and its menu, acting through the core's commands and the windows. */
function createAppTray(deps: { core: Core; windows: AppWindows; settings: SettingsStore; logger: Logger; clockLocale: string | undefined }): TrayService {
  const { core, windows, settings, logger, clockLocale } = deps;
  return new TrayService({
    clockLocale,
    // Packaged: extraResources puts them in <resources>/tray. Development: the repo's build/tray.
    iconDir: app.isPackaged ? join(process.resourcesPath, 'tray') : join(bundleDir, '../../build/tray'),
    platform: process.platform,
    logger,
    onClick: () => windows.toggleTray(),
    actions: {
      open: () => windows.showTray(),
      refreshNow: () => void core.handlers.refreshNow(undefined),
      pauseNotifications: (minutes) => void core.handlers.pauseNotifications({ minutes }),
      resumeNotifications: () => void core.handlers.pauseNotifications({ minutes: 0 }),
      setPollingPaused: (paused) => void core.handlers.setPollingPaused({ paused }),
      openSettings: () => windows.openSettings(),
      openDiagnostics: () => windows.openSettings('diagnostics'),
      signIn: () => {
        // Without a client id there is nothing to sign in to yet: the settings window asks for it.
        if (!settings.get().tenant.clientId) windows.openSettings();
        // A sign-in that fails says why in the tray window; from the menu there is nowhere else to say it.
        else
          void Promise.resolve(core.handlers.signIn(undefined)).then((r) => {
            if (!r.ok) windows.showTray();
          });
      },
      signOut: () => void core.handlers.signOut(undefined),
      quit: () => app.quit(),
    },
  });
}

/**
 * Applies the "start at login" setting when it changes. Only a change is applied, so a user who
 * removed the login item by hand is not overridden at start. Returns the unsubscribe.
 */
function followAutostart(settings: SettingsStore, logger: Logger): () => void {
  const deps = {
    platform: process.platform,
    env: process.env,
    execPath: process.execPath,
    setLoginItemSettings: (s: { openAtLogin: boolean }) => app.setLoginItemSettings(s),
    logger,
  };
  let autostart = settings.get().autostart;
  return settings.onChange((s) => {
    if (s.autostart !== autostart) applyAutostart((autostart = s.autostart), deps);
  });
}

async function shutdown(logger: Logger, core: Core, disposeShell: () => void): Promise<void> {
  logger.info('app: quitting');
  disposeShell();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      core.stop(),
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.warn('app: core did not stop in time; quitting anyway');
          resolve();
        }, STOP_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    logger.error('app: core failed to stop cleanly', { error: err instanceof Error ? err.message : String(err) });
  } finally {
    clearTimeout(timer);
  }
}

main().catch((err: unknown) => {
  console.error('CXone Agent Tray failed to start:', err);
  // An installed app has no terminal, and there may be no tray or window yet: without this box the user
  // would see nothing at all. (showErrorBox is safe before and after app is ready.)
  const reason = redactText(err instanceof Error ? err.message : String(err));
  dialog.showErrorBox('CXone Agent Tray could not start', `${reason}\n\nIf this happens again, please report this message.`);
  app.exit(1);
});
