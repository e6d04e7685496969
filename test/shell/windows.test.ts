// Window factory and app windows against the fake electron module (no Electron binary runs here).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger, type Logger } from '../../main/ports';
import { events } from '../../preload/contract';
import { createPageLocator } from '../../main/shell/pages';
import { createAppWindows, createSecureWindow, guardSession, TRAY_WINDOW_SIZE } from '../../main/shell/windows';
import { fake, session, type BrowserWindow, type FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const RENDERER = '/opt/app/out/renderer';
const PRELOAD = '/opt/app/out/preload/index.cjs';

/** Written out here, not imported from the product, so flipping any of them in the product fails. */
const REQUIRED_WEB_PREFERENCES = {
  preload: PRELOAD,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // Middle-click (auxclick) would open links past the window-open handler (Electronegativity AUXCLICK_JS_CHECK).
  disableBlinkFeatures: 'Auxclick',
};

function setup(opts: { dev?: string; trayBounds?: { x: number; y: number; width: number; height: number } | null; logger?: Logger } = {}) {
  let now = 1_000_000;
  const windows = createAppWindows({
    preloadPath: PRELOAD,
    pages: createPageLocator(RENDERER, opts.dev ?? null),
    logger: opts.logger ?? silentLogger,
    trayBounds: () => opts.trayBounds ?? null,
    now: () => now,
  });
  return { windows, advance: (ms: number) => (now += ms) };
}

const created = (): BrowserWindow[] => fake.windows;

beforeEach(() => fake.reset());
afterEach(() => vi.useRealTimers());

describe('the security baseline on every window', () => {
  it('tray and settings windows get exactly the required web preferences', () => {
    const { windows } = setup();
    windows.showTray();
    windows.openSettings();
    expect(created()).toHaveLength(2);
    for (const win of created()) {
      expect(win.options.webPreferences).toMatchObject(REQUIRED_WEB_PREFERENCES);
      // Each required key is present with the exact value (toMatchObject would accept extra keys only).
      for (const [key, value] of Object.entries(REQUIRED_WEB_PREFERENCES)) expect(win.options.webPreferences?.[key]).toBe(value);
    }
  });

  it("refuses navigation, popups and webviews; only https to NICE's documentation leaves, via the system browser", () => {
    const win = createSecureWindow({ preloadPath: PRELOAD, pages: createPageLocator(RENDERER, null), logger: silentLogger }, 'tray', {});
    const contents = win.webContents as unknown as FakeWebContents;

    expect(contents.simulateNavigate('https://evil.example/')).toBe(false);
    expect(contents.simulateNavigate('https://developer.niceincontact.com/Documentation')).toBe(false);
    expect(contents.simulateNavigate('file:///etc/passwd')).toBe(false);
    expect(contents.simulateAttachWebview()).toBe(false);

    const open = contents.openHandler;
    expect(open).not.toBeNull();
    for (const url of ['https://help.nice-incontact.com/content/x.htm', 'https://docs.example/help', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(open!({ url })).toEqual({ action: 'deny' });
    }
    const opened = fake.calls.filter((c) => c.api === 'shell.openExternal').map((c) => c.args[0]);
    // The documentation navigation and popup; neither the look-alike https hosts nor any other scheme.
    expect(opened).toEqual(['https://developer.niceincontact.com/Documentation', 'https://help.nice-incontact.com/content/x.htm']);
  });

  it('denies every permission request and check', () => {
    guardSession(session.defaultSession as never, silentLogger);
    const answers: boolean[] = [];
    session.defaultSession.permissionRequestHandler!({}, 'media', (granted) => answers.push(granted));
    session.defaultSession.permissionRequestHandler!({}, 'notifications', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(session.defaultSession.permissionCheckHandler!({}, 'clipboard-read')).toBe(false);
  });

  it('loads the built pages with loadFile, or the dev server URL in development', () => {
    setup().windows.openSettings('diagnostics');
    expect(created()[0]!.loaded).toEqual({ kind: 'file', target: join(RENDERER, 'settings.html'), hash: 'diagnostics' });
    expect(created()[0]!.webContents.mainFrame.url).toBe(`${pathToFileURL(join(RENDERER, 'settings.html')).href}#diagnostics`);

    fake.reset();
    setup({ dev: 'http://localhost:5173' }).windows.showTray();
    expect(created()[0]!.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173/tray.html' });
  });

  it('logs a page that fails to load as an error naming the page, instead of an unhandled rejection', async () => {
    const errors: [string, Record<string, unknown> | undefined][] = [];
    fake.options.loadFails = true;
    setup({ logger: { ...silentLogger, error: (message, data) => void errors.push([message, data]) } }).windows.openSettings();
    await Promise.resolve();
    expect(errors).toEqual([['window: page failed to load', { page: 'settings', error: expect.stringMatching(/ERR_FILE_NOT_FOUND/) }]]);
  });
});

describe('tray window', () => {
  it('is frameless, off the taskbar and hidden until shown', () => {
    const { windows } = setup();
    windows.hideTray();
    expect(created()).toHaveLength(0);
    windows.showTray();
    const win = created()[0]!;
    expect(win.options).toMatchObject({ frame: false, skipTaskbar: true, show: false, ...TRAY_WINDOW_SIZE });
    windows.hideTray();
    expect(win.isVisible()).toBe(false);
  });

  it('takes the keyboard focus each time it is shown, so its keys work without a click', () => {
    const { windows } = setup();
    windows.showTray();
    windows.hideTray();
    windows.showTray();
    expect(fake.calls.filter((c) => c.api === 'BrowserWindow.focus')).toEqual([
      { api: 'BrowserWindow.focus', args: [created()[0]!.id] },
      { api: 'BrowserWindow.focus', args: [created()[0]!.id] },
    ]);
  });

  it('a clicked notification shows the tray window on that agent: in the URL of a new or loading page, as an event to a loaded one', () => {
    const { windows } = setup();
    // No window yet: an event would arrive before the page subscribed, so the agent rides in the URL.
    windows.focusAgent(41);
    const win = created()[0]!;
    expect(win.loaded).toEqual({ kind: 'file', target: join(RENDERER, 'tray.html'), hash: 'agent=41' });
    expect(win.webContents.sent).toEqual([]);
    expect(win.isVisible()).toBe(true);

    // Loaded: the page hears the event; no reload.
    windows.focusAgent(42);
    expect(win.webContents.sent).toEqual([[events.focusAgent.channel, { agentId: 42 }]]);
    expect(win.loaded?.hash).toBe('agent=41');

    // Still loading (e.g. just reloaded): load it again with the agent in the URL.
    (win.webContents as unknown as FakeWebContents).loading = true;
    windows.focusAgent(43);
    expect(win.loaded?.hash).toBe('agent=43');
    expect(win.webContents.sent).toHaveLength(1);
    expect(created()).toHaveLength(1);
  });

  it('a page loaded again before its first load finished is not logged as a failure (Electron aborts the first load)', async () => {
    const errors: string[] = [];
    const logger: Logger = { ...silentLogger, error: (m, d) => void errors.push(`${m} ${JSON.stringify(d)}`) };
    const { windows } = setup({ logger });
    fake.options.loadsFinish = false;
    windows.focusAgent(41);
    windows.focusAgent(42);
    windows.openSettings('diagnostics');
    windows.openSettings('notifications');
    const [tray, settings] = created();
    expect(tray!.loaded?.hash).toBe('agent=42');
    expect(settings!.loaded?.hash).toBe('notifications');
    tray!.finishLoad();
    settings!.finishLoad();
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([]);
    // A page that really fails to load still is.
    fake.options.loadFails = true;
    windows.destroyAll();
    windows.showTray();
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([expect.stringMatching(/^window: page failed to load .*ERR_FILE_NOT_FOUND/)]);
  });

  it('is placed under a tray icon on a top panel, and centred when the tray has no bounds', () => {
    const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 28, width: 1920, height: 1052 }, scaleFactor: 1 };
    fake.options.displays = [display];
    setup({ trayBounds: { x: 1700, y: 0, width: 24, height: 28 } }).windows.showTray();
    expect(created()[0]!.position).toEqual([1712 - TRAY_WINDOW_SIZE.width / 2, 28 + 4]);

    fake.reset();
    fake.options.displays = [display];
    setup({ trayBounds: { x: 0, y: 0, width: 0, height: 0 } }).windows.showTray();
    expect(created()[0]!.position).toEqual([(1920 - TRAY_WINDOW_SIZE.width) / 2, 28 + (1052 - TRAY_WINDOW_SIZE.height) / 2]);
  });

  it('a tray click toggles it, and a click that blurred it closes it instead of reopening it', () => {
    vi.useFakeTimers();
    const { windows, advance } = setup();
    windows.toggleTray();
    const win = created()[0]!;
    expect(win.isVisible()).toBe(true);
    windows.toggleTray();
    expect(win.isVisible()).toBe(false);

    windows.toggleTray();
    expect(win.isVisible()).toBe(true);
    // Clicking the tray icon first blurs the window, then delivers the click.
    win.emit('blur');
    windows.toggleTray();
    expect(win.isVisible()).toBe(false);
    vi.runAllTimers();
    expect(win.isVisible()).toBe(false);
    advance(1_000);

    // Blur alone (clicking elsewhere) hides it after the delay; a click right after does not reopen it.
    windows.toggleTray();
    win.emit('blur');
    expect(win.isVisible()).toBe(true);
    vi.runAllTimers();
    expect(win.isVisible()).toBe(false);
    windows.toggleTray();
    expect(win.isVisible()).toBe(false);
    advance(1_000);
    windows.toggleTray();
    expect(win.isVisible()).toBe(true);
  });
  it('a show right after a blur keeps it shown; a closed one is made again, its pending blur-hide forgotten', () => {
    vi.useFakeTimers();
    const { windows } = setup();
    windows.showTray();
    const first = created()[0]!;
    // A notification click blurs the window, then shows it: it stays.
    first.emit('blur');
    windows.showTray();
    vi.runAllTimers();
    expect(first.isVisible()).toBe(true);
    // Closed while a blur-hide is pending: a tray click opens a new window instead of "closing" the old one.
    first.emit('blur');
    first.destroy();
    windows.toggleTray();
    expect(created()).toHaveLength(2);
    expect(created()[1]!.isVisible()).toBe(true);
  });
});

describe('settings window', () => {
  it('stays hidden until its page is ready, then shows; opened again when minimized, it is restored and focused', async () => {
    const { windows } = setup();
    windows.openSettings();
    const win = created()[0]!;
    expect(win.isVisible()).toBe(false);
    await Promise.resolve();
    expect(win.isVisible()).toBe(true);
    win.minimize();
    windows.openSettings();
    expect(win.isMinimized()).toBe(false);
    expect(fake.count('BrowserWindow.restore')).toBe(1);
    expect(fake.count('BrowserWindow.focus')).toBe(1);
  });

  it('is a single instance, recreated only after it was closed', () => {
    const { windows } = setup();
    windows.openSettings();
    windows.openSettings();
    expect(created()).toHaveLength(1);
    expect(windows.all()).toHaveLength(1);
    created()[0]!.destroy();
    expect(windows.all()).toHaveLength(0);
    windows.openSettings();
    expect(created()).toHaveLength(2);
  });

  it('an open settings window is asked to switch sections by event, never reloaded (unsaved edits stay)', () => {
    const { windows } = setup();
    windows.openSettings('diagnostics');
    const win = created()[0]!;
    expect(win.loaded?.hash).toBe('diagnostics');
    windows.openSettings('notifications');
    windows.openSettings('notifications');
    expect(win.webContents.sent).toEqual([
      [events.showSection.channel, { section: 'notifications' }],
      [events.showSection.channel, { section: 'notifications' }],
    ]);
    expect(win.loaded?.hash).toBe('diagnostics');
    // Still loading: the section rides in the URL, since an event could arrive before the page listens.
    (win.webContents as unknown as FakeWebContents).loading = true;
    windows.openSettings('notifications');
    expect(win.loaded?.hash).toBe('notifications');
    expect(created()).toHaveLength(1);
  });

  it('recognizes only its own windows', () => {
    const { windows } = setup();
    windows.openSettings();
    windows.showTray();
    for (const w of created()) expect(windows.isAppWindow(w.webContents as never)).toBe(true);
    const stranger = new (created()[0]!.constructor as typeof BrowserWindow)({});
    expect(windows.isAppWindow(stranger.webContents as never)).toBe(false);
    windows.destroyAll();
    expect(windows.all()).toHaveLength(0);
  });
});
