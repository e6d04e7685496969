// A FAKE `electron` module. Why a fake: no Electron binary can be downloaded or run on these machines,
// so the shell's Electron adapters are exercised against this stand-in instead. It implements just the
// API surface main/shell/* and main/index.ts use (and what electron-store touches), behaves like
// Electron where the shell depends on the behaviour (preventable events, ipcMain.handle refusing
// duplicates, app.quit() → before-quit → will-quit → quit), and records every call in `fake.calls`.
// Used two ways: vitest's vi.mock('electron', …) in test/shell, and a Node loader hook
// (test/packaging/fake-electron-hooks.mjs) that resolves 'electron' to this file for the boot test.
// Each place where it copies a behaviour of the real Electron 45 that our code could trip on says so in
// one line marked `Electron:` with the source (a docs/api page or an electron/electron file).
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPng, swapRedBlue } from './png';

export interface Call {
  api: string;
  args: unknown[];
}

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeDisplay {
  id: number;
  bounds: FakeRect;
  workArea: FakeRect;
  scaleFactor: number;
}

const defaultDisplay = (): FakeDisplay => ({
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
});

/**
 * Whether Electron is 'ready'. The real app is not ready while the main script's first turn runs, and
 * the boot test (FAKE_ELECTRON_READY=later) starts so: fake.becomeReady() is Electron finishing start-up.
 * Unit tests build windows and trays directly, as code after `await app.whenReady()` does: ready.
 */
const readiness = { ready: process.env.FAKE_ELECTRON_READY !== 'later', waiters: [] as (() => void)[] };

/** Electron: Tray, BrowserWindow, Notification, screen and session throw before 'ready' (shell/browser/api/electron_api_*.cc). */
function requireReady(message: string, kind: 'Error' | 'TypeError' = 'Error'): void {
  if (!readiness.ready) throw kind === 'TypeError' ? new TypeError(message) : new Error(message);
}

/** Electron: a method of a destroyed BrowserWindow or webContents throws (gin_helper: "Object has been destroyed"). */
function requireAlive(destroyed: boolean): void {
  if (destroyed) throw new TypeError('Object has been destroyed');
}

/** Electron: gin converts an Integer argument only from an int32, so 10.5 throws (gin/converter.cc). */
function requireIntegers(api: string, values: number[]): void {
  const bad = values.find((v) => !Number.isInteger(v));
  if (bad !== undefined) throw new TypeError(`${api}: Error processing argument, conversion failure from ${bad}`);
}

/** Preventable event objects as Electron passes them to listeners. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly extra: Record<string, unknown> = {}) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebFrame {
  url = '';
  parent: FakeWebFrame | null = null;
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeWebFrame();
  readonly sent: [string, unknown][] = [];
  openHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;
  loading = false;

  send(channel: string, payload: unknown): void {
    // As Electron: a destroyed webContents (a window closing, a crashed renderer) throws.
    requireAlive(this.destroyed);
    record('webContents.send', [channel, payload]);
    // Electron: arguments cross to the renderer by the Structured Clone Algorithm; a function, symbol or
    // promise throws, and a class instance arrives as a plain object (docs/api/web-contents.md, contents.send).
    this.sent.push([channel, structuredClone(payload)]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    requireAlive(this.destroyed);
    record('webContents.setWindowOpenHandler', []);
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    requireAlive(this.destroyed);
    return this.loading;
  }
  getURL(): string {
    requireAlive(this.destroyed);
    return this.mainFrame.url;
  }
  reload(): void {
    requireAlive(this.destroyed);
    record('webContents.reload', [this.mainFrame.url]);
  }
  /** Test helper: the renderer process died the way Electron reports it. */
  simulateRenderProcessGone(reason: string, exitCode = 1): void {
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode });
  }
  /** Test helper: what a renderer-initiated navigation would do. Returns true when it was allowed. */
  simulateNavigate(url: string): boolean {
    // Electron: the event carries the details (url, isMainFrame…); the url argument after it is deprecated (docs/api/web-contents.md, 'will-navigate').
    const event = new FakeEvent({ url, isSameDocument: false, isMainFrame: true });
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
  simulateAttachWebview(): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, {});
    return !event.defaultPrevented;
  }
}

export interface FakeWindowOptions {
  width?: number;
  height?: number;
  show?: boolean;
  webPreferences?: Record<string, unknown>;
  [key: string]: unknown;
}

export class BrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents = new FakeWebContents();
  visible: boolean;
  destroyed = false;
  position: [number, number] = [0, 0];
  loaded: { kind: 'file' | 'url'; target: string; hash?: string } | null = null;

  constructor(readonly options: FakeWindowOptions = {}) {
    super();
    requireReady('Cannot create BrowserWindow before app is ready');
    this.visible = options.show !== false;
    record('new BrowserWindow', [options]);
    fake.windows.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return fake.windows.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return fake.windows.find((w) => w.webContents === contents && !w.destroyed) ?? null;
  }
  minimized = false;
  /** The load still under way when `fake.options.loadsFinish` is false; finishLoad() ends it. */
  private pendingLoad: { url: string; resolve(): void; reject(err: Error): void } | null = null;
  loadFile(path: string, options?: { hash?: string }): Promise<void> {
    requireAlive(this.destroyed);
    record('BrowserWindow.loadFile', [path, options]);
    // Electron rejects when the page cannot be loaded (a missing file: ERR_FILE_NOT_FOUND) and shows nothing.
    if (fake.options.loadFails) return Promise.reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${path}'`));
    this.loaded = { kind: 'file', target: path, ...(options?.hash ? { hash: options.hash } : {}) };
    return this.startLoad(pathToFileURL(path).href + (options?.hash ? `#${options.hash}` : ''));
  }
  loadURL(url: string): Promise<void> {
    requireAlive(this.destroyed);
    record('BrowserWindow.loadURL', [url]);
    this.loaded = { kind: 'url', target: url };
    return this.startLoad(url);
  }
  private startLoad(url: string): Promise<void> {
    // Electron: a load started while another is under way rejects the earlier one's promise with
    // ERR_ABORTED (-3) (lib/browser/api/web-contents.ts, loadURL's navigation listener).
    const earlier = this.pendingLoad;
    this.pendingLoad = null;
    earlier?.reject(Object.assign(new Error(`ERR_ABORTED (-3) loading '${earlier.url}'`), { errno: -3, code: 'ERR_ABORTED', url: earlier.url }));
    this.webContents.mainFrame.url = url;
    if (fake.options.loadsFinish) {
      this.webContents.loading = false;
      queueMicrotask(() => this.readyToShow());
      return Promise.resolve();
    }
    this.webContents.loading = true;
    return new Promise((resolve, reject) => (this.pendingLoad = { url, resolve, reject }));
  }
  /** Test helper: the load under way finishes (fake.options.loadsFinish = false). */
  finishLoad(): void {
    const load = this.pendingLoad;
    this.pendingLoad = null;
    this.webContents.loading = false;
    load?.resolve();
    this.readyToShow();
  }
  /** Electron: a window destroyed while its page loads emits nothing more, 'ready-to-show' included. */
  private readyToShow(): void {
    if (!this.destroyed) this.emit('ready-to-show');
  }
  show(): void {
    requireAlive(this.destroyed);
    record('BrowserWindow.show', [this.id]);
    this.visible = true;
  }
  hide(): void {
    requireAlive(this.destroyed);
    record('BrowserWindow.hide', [this.id]);
    this.visible = false;
  }
  focus(): void {
    requireAlive(this.destroyed);
    record('BrowserWindow.focus', [this.id]);
  }
  isVisible(): boolean {
    requireAlive(this.destroyed);
    return this.visible;
  }
  isMinimized(): boolean {
    requireAlive(this.destroyed);
    return this.minimized;
  }
  minimize(): void {
    requireAlive(this.destroyed);
    this.minimized = true;
  }
  restore(): void {
    requireAlive(this.destroyed);
    record('BrowserWindow.restore', [this.id]);
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
    closedOne();
  }
  /** Electron: close() (and the user's close button, Alt+F4) emits a preventable 'close' first (docs/api/browser-window.md). */
  close(): void {
    requireAlive(this.destroyed);
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  getSize(): [number, number] {
    requireAlive(this.destroyed);
    return [this.options.width ?? 800, this.options.height ?? 600];
  }
  setPosition(x: number, y: number): void {
    requireAlive(this.destroyed);
    requireIntegers('BrowserWindow.setPosition', [x, y]);
    this.position = [x, y];
  }
}

/**
 * Electron: when the last window closes, 'window-all-closed' is emitted — and with no listener the app
 * quits; never while quitting (docs/api/app.md, Event: 'window-all-closed').
 */
function closedOne(): void {
  if (app.quitting || BrowserWindow.getAllWindows().length > 0) return;
  if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
  else app.quit();
}

export class FakeMenu {
  constructor(readonly items: Record<string, unknown>[]) {}
}

export const Menu = {
  buildFromTemplate(template: Record<string, unknown>[]): FakeMenu {
    record('Menu.buildFromTemplate', [template]);
    // Electron: every item needs a label, role or type, in submenus too (lib/browser/api/menu.ts).
    const valid = (items: Record<string, unknown>[]): boolean =>
      items.every((i) => typeof i === 'object' && i !== null && (i.label !== undefined || i.role !== undefined || i.type !== undefined) && (!Array.isArray(i.submenu) || valid(i.submenu as Record<string, unknown>[])));
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    if (!valid(template)) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    return new FakeMenu(template);
  },
};

export interface FakeBitmapRep {
  width: number;
  height: number;
  /** Raw pixels as Electron's toBitmap gives them on Windows and Linux: BGRA. */
  buffer: Buffer;
}

/**
 * An image from a file (`path`, decoded on demand like Electron: `name@2x.png` beside it is the 2×
 * representation) or from raw bitmaps (`reps`, path '').
 */
export class FakeNativeImage {
  template = false;
  readonly reps = new Map<number, FakeBitmapRep>();
  constructor(readonly path: string) {}
  private fileFor(scaleFactor: number): string | null {
    if (this.path === '') return null;
    const file = scaleFactor === 1 ? this.path : this.path.replace(/\.png$/, `@${scaleFactor}x.png`);
    return existsSync(file) ? file : null;
  }
  /** Electron: empty when the file is missing, unreadable or not an image (docs/api/native-image.md, createFromPath). */
  isEmpty(): boolean {
    if (this.path === '') return this.reps.size === 0;
    try {
      readPng(this.path);
      return false;
    } catch {
      return true;
    }
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  getScaleFactors(): number[] {
    if (this.path === '') return [...this.reps.keys()];
    return [1, 2].filter((s) => this.fileFor(s) !== null);
  }
  toBitmap(options: { scaleFactor?: number } = {}): Buffer {
    const scaleFactor = options.scaleFactor ?? 1;
    const rep = this.reps.get(scaleFactor);
    if (rep) return Buffer.from(rep.buffer);
    const file = this.fileFor(scaleFactor) ?? this.fileFor(1);
    return file ? swapRedBlue(readPng(file).data) : Buffer.alloc(0);
  }
  addRepresentation(options: { scaleFactor?: number; width?: number; height?: number; buffer?: Buffer }): void {
    record('nativeImage.addRepresentation', [options.scaleFactor]);
    const { width = 0, height = 0, buffer } = options;
    if (!buffer || buffer.length !== width * height * 4) throw new Error('fake nativeImage: a raw bitmap needs width × height × 4 bytes');
    this.reps.set(options.scaleFactor ?? 1, { width, height, buffer: Buffer.from(buffer) });
  }
}

export const nativeImage = {
  createFromPath(path: string): FakeNativeImage {
    return new FakeNativeImage(path);
  },
  createEmpty(): FakeNativeImage {
    return new FakeNativeImage('');
  },
  createFromBitmap(buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }): FakeNativeImage {
    record('nativeImage.createFromBitmap', [options]);
    const image = new FakeNativeImage('');
    image.addRepresentation({ ...options, buffer });
    return image;
  },
};

export class Tray extends EventEmitter {
  image: FakeNativeImage;
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  bounds: FakeRect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(image: FakeNativeImage) {
    super();
    requireReady('Cannot create Tray before app is ready');
    this.image = image;
    record('new Tray', [image.path]);
    if (fake.options.trayFails) throw new Error('fake electron: the desktop refused a tray icon');
    fake.trays.push(this);
  }
  /** Electron: every method of a destroyed tray throws "Tray is destroyed" (shell/browser/api/electron_api_tray.cc CheckAlive). */
  private requireAlive(): void {
    if (this.destroyed) throw new Error('Tray is destroyed');
  }
  setImage(image: FakeNativeImage): void {
    this.requireAlive();
    this.image = image;
  }
  setToolTip(text: string): void {
    this.requireAlive();
    this.tooltip = text;
  }
  setTitle(title: string): void {
    this.requireAlive();
    this.title = title;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.requireAlive();
    record('tray.setContextMenu', [menu?.items.length ?? 0]);
    this.menu = menu;
  }
  getBounds(): FakeRect {
    this.requireAlive();
    return this.bounds;
  }
  /** The menu on screen now (the context menu, or one popped up), null when none is open. */
  shownMenu: FakeMenu | null = null;
  private showMenu(menu: FakeMenu | null, how: string): void {
    if (!menu) return;
    record('tray.menuShown', [how]);
    this.shownMenu = menu;
  }
  /**
   * Test helper: the user clicks the icon, on `fake.options.platform`. Returns whether 'click' arrived.
   * Electron: Linux's StatusNotifierItem delivers 'click' only where the desktop sends an activation, and
   * many (GNOME's AppIndicator) open the menu instead (docs/api/tray.md, Platform Considerations);
   * `fake.options.trayClicks = false` is such a desktop. macOS emits 'click' AND opens a context menu set
   * with setContextMenu, on the same mouse-down (shell/browser/ui/tray_icon_cocoa.mm, mouseDown).
   */
  simulateClick(): boolean {
    this.requireAlive();
    const platform = fake.options.platform;
    if (platform === 'linux' && !fake.options.trayClicks) {
      this.showMenu(this.menu, 'click');
      return false;
    }
    this.emit('click', new FakeEvent(), this.bounds, { x: 0, y: 0 });
    if (platform === 'darwin') this.showMenu(this.menu, 'click');
    return true;
  }
  /** Test helper: a right click. Electron: 'right-click' is macOS and Windows only; the context menu opens on it (docs/api/tray.md). */
  simulateRightClick(): void {
    this.requireAlive();
    if (fake.options.platform !== 'linux') this.emit('right-click', new FakeEvent(), this.bounds);
    this.showMenu(this.menu, 'right-click');
  }
  /** Electron: macOS and Windows; shows `menu`, or the context menu when none is given (docs/api/tray.md). */
  popUpContextMenu(menu?: FakeMenu): void {
    this.requireAlive();
    this.showMenu(menu ?? this.menu, 'popUpContextMenu');
  }
  destroy(): void {
    record('tray.destroy', []);
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends EventEmitter {
  static supported = true;
  shown = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
    requireReady('Cannot create Notification before app is ready');
    record('new Notification', [options]);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    this.shown = true;
    fake.notifications.push(this);
  }
  /**
   * Test helper: the notification leaves the screen. Electron: 'close' "is not guaranteed to be emitted in
   * all cases where the notification is closed" (docs/api/notification.md; macOS's Notification Center
   * sends nothing for a banner that timed out), so a timeout here emits nothing unless `withEvent`.
   */
  simulateTimeout(withEvent = false): void {
    if (withEvent) this.emit('close', new FakeEvent());
  }
}

class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  shouldUseDarkColorsForSystemIntegratedUI = true;
  themeSource: 'system' | 'light' | 'dark' = 'system';
}
export const nativeTheme = new FakeNativeTheme();

type InvokeHandler = (event: unknown, payload: unknown) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    record('ipcMain.handle', [channel]);
    // Electron throws on a second handler for the same channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', [channel]);
    this.handlers.delete(channel);
  }
  /** Test helper: what ipcRenderer.invoke does, including rejecting channels nobody handles. */
  async invoke(channel: string, sender: { contents: FakeWebContents; frame: FakeWebFrame | null }, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron: the request and the handler's answer are both structured-cloned; an answer that cannot
    // be cloned rejects the renderer's invoke (docs/api/ipc-renderer.md, ipcRenderer.invoke).
    return structuredClone(await handler({ sender: sender.contents, senderFrame: sender.frame }, structuredClone(payload)));
  }
}
export const ipcMain = new FakeIpcMain();

class FakeApp extends EventEmitter {
  isPackaged = false;
  /** Between app.quit()'s 'before-quit' and its end (or its cancelling). */
  quitting = false;
  dock: { hide(): void } | undefined = undefined;
  private readonly paths = new Map<string, string>();

  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock', []);
    return fake.options.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    record('app.whenReady', []);
    if (readiness.ready) return Promise.resolve();
    return new Promise((resolve) => readiness.waiters.push(resolve));
  }
  isReady(): boolean {
    return readiness.ready;
  }
  getPath(name: string): string {
    const known = this.paths.get(name);
    if (known) return known;
    if (!fake.options.userData) fake.options.userData = mkdtempSync(join(tmpdir(), 'fake-electron-userdata-'));
    if (name === 'userData') return fake.options.userData;
    if (name === 'logs') return join(fake.options.userData, 'logs');
    if (name === 'temp') return tmpdir();
    return join(fake.options.userData, name);
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return fake.options.appPath;
  }
  /**
   * The OS's regional format (Electron ≥ 23), which may differ from the app's UI language (getLocale).
   * Electron: "must be called after the ready event is emitted" (docs/api/app.md); before it the fake
   * has nothing to answer with: ''.
   */
  getSystemLocale(): string {
    record('app.getSystemLocale', []);
    return readiness.ready ? fake.options.systemLocale : '';
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  getName(): string {
    return 'CXone Agent Tray';
  }
  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', [id]);
  }
  setLoginItemSettings(settings: unknown): void {
    record('app.setLoginItemSettings', [settings]);
  }
  quit(): void {
    record('app.quit', []);
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    // Electron: after 'before-quit' every window is closed; one whose 'close' is prevented cancels the quit (docs/api/app.md, app.quit()).
    this.quitting = true;
    for (const w of BrowserWindow.getAllWindows()) {
      w.close();
      if (!w.isDestroyed()) {
        this.quitting = false;
        return;
      }
    }
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    record('app.quitted', []);
    this.emit('quit', new FakeEvent(), 0);
  }
  exit(code = 0): void {
    record('app.exit', [code]);
    // Electron: exits at once, with no 'before-quit' or 'will-quit' (docs/api/app.md, app.exit). Only the
    // boot test's process ends here (FAKE_ELECTRON_EXIT=process); inside vitest it is recorded.
    if (process.env.FAKE_ELECTRON_EXIT === 'process') process.exit(code);
  }
}
export const app = new FakeApp();

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', [title, content]);
  },
};

const SCREEN_BEFORE_READY = "The 'screen' module can't be used before the app 'ready' event"; // Electron: shell/browser/api/electron_api_screen.cc

/** How far a point is from a rectangle (0 inside). */
const distanceTo = (r: FakeRect, p: { x: number; y: number }) =>
  Math.hypot(Math.max(r.x - p.x, 0, p.x - (r.x + r.width - 1)), Math.max(r.y - p.y, 0, p.y - (r.y + r.height - 1)));

export const screen = {
  getPrimaryDisplay(): FakeDisplay {
    requireReady(SCREEN_BEFORE_READY);
    return fake.options.displays[0] ?? defaultDisplay();
  },
  /** Electron: the display the point is on or, outside every display, the nearest one; the point is in integers (gfx::Point). */
  getDisplayNearestPoint(point: { x: number; y: number }): FakeDisplay {
    requireReady(SCREEN_BEFORE_READY);
    requireIntegers('screen.getDisplayNearestPoint', [point.x, point.y]);
    let best: FakeDisplay | null = null;
    for (const d of fake.options.displays) if (!best || distanceTo(d.bounds, point) < distanceTo(best.bounds, point)) best = d;
    return best ?? screen.getPrimaryDisplay();
  },
  getAllDisplays(): FakeDisplay[] {
    requireReady(SCREEN_BEFORE_READY);
    return fake.options.displays;
  },
};

export const shell = {
  openExternal(url: string): Promise<void> {
    record('shell.openExternal', [url]);
    // Like a machine with no browser registered for the scheme.
    return fake.options.openExternalFails ? Promise.reject(new Error('Failed to open: no application is registered')) : Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    record('shell.openPath', [path]);
    return Promise.resolve('');
  },
};

type PermissionHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
const defaultSession = {
    permissionRequestHandler: null as PermissionHandler | null,
    permissionCheckHandler: null as ((...args: unknown[]) => boolean) | null,
    setPermissionRequestHandler(handler: PermissionHandler | null): void {
      record('session.setPermissionRequestHandler', []);
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
      record('session.setPermissionCheckHandler', []);
      this.permissionCheckHandler = handler;
    },
};
export const session = {
  /** Electron: reading it before 'ready' throws (shell/browser/api/electron_api_session.cc). */
  get defaultSession(): typeof defaultSession {
    requireReady('Session can only be received when app is ready', 'TypeError');
    return defaultSession;
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): void {
    record('clipboard.writeText', [text.length]);
    clipboard.text = text;
  },
};

export const powerMonitor = new EventEmitter();

export const net = {
  online: true,
  isOnline(): boolean {
    return net.online;
  },
  /**
   * Node's fetch underneath, failing as Electron's does (electron/lib/browser/api/net-fetch.ts): not
   * undici's TypeError("fetch failed") but the request's Error named by Chromium ("net::ERR_…"), so the
   * app's handling of its real failures is what these tests exercise. An abort rejects as it does in both.
   */
  fetch(input: string, init?: RequestInit): Promise<Response> {
    // Electron: net.fetch reads session.defaultSession, which throws (at once, not a rejection) before 'ready' (lib/browser/api/net.ts).
    requireReady('Session can only be received when app is ready', 'TypeError');
    return fetchLikeChromium(input, init);
  },
};

async function fetchLikeChromium(input: string, init?: RequestInit): Promise<Response> {
  // The cache mode: Chromium's stack (unlike Node's fetch) has an HTTP cache it would otherwise use.
  record('net.fetch', [(init as { cache?: string } | undefined)?.cache ?? 'default', new URL(input).pathname + new URL(input).search]);
  const redirect = init?.redirect ?? 'follow';
  let res: Response;
  try {
    res = await fetch(input, { ...init, redirect: redirect === 'follow' ? 'follow' : 'manual' });
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    const code = (err.cause as { code?: unknown } | undefined)?.code;
    throw new Error(`net::${chromiumName(typeof code === 'string' ? code : null)}`);
  }
  // Electron: a redirect under 'manual' or 'error' is never handed back as a 3xx answer: ClientRequest
  // ends the request with an Error (lib/common/api/net-client-request.ts), and net.fetch rejects with it.
  if (redirect !== 'follow' && res.status >= 300 && res.status < 400 && res.headers.has('location')) {
    await res.body?.cancel();
    throw new Error(redirect === 'error' ? "Attempted to redirect, but redirect policy was 'error'" : 'Redirect was cancelled');
  }
  // Electron: the Response is rebuilt from Chromium's answer with a bare ResponseInit, so `url` is '' and
  // `redirected` false whatever happened on the way (lib/browser/api/net-fetch.ts).
  const nullBody = [101, 204, 205, 304].includes(res.status) || (init?.method ?? 'GET').toUpperCase() === 'HEAD';
  return new Response(nullBody ? null : res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** Chromium's name for what undici reported (the common kinds; anything else is its catch-all). */
function chromiumName(code: string | null): string {
  if (code === 'ECONNREFUSED') return 'ERR_CONNECTION_REFUSED';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'ERR_CONNECTION_RESET';
  if (code === 'UND_ERR_SOCKET') return 'ERR_CONNECTION_CLOSED';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'ERR_NAME_NOT_RESOLVED';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'ERR_CONNECTION_TIMED_OUT';
  return 'ERR_FAILED';
}

export const fake = {
  calls: [] as Call[],
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  notifications: [] as Notification[],
  options: {
    singleInstanceLock: process.env.FAKE_ELECTRON_SINGLE_INSTANCE_LOCK !== '0',
    userData: process.env.FAKE_ELECTRON_USER_DATA ?? '',
    appPath: process.env.FAKE_ELECTRON_APP_PATH ?? process.cwd(),
    /** app.getSystemLocale() after ready: a UK regional format, unlike an English (US) UI. */
    systemLocale: process.env.FAKE_ELECTRON_SYSTEM_LOCALE ?? 'en-GB',
    displays: [defaultDisplay()] as FakeDisplay[],
    openExternalFails: false,
    /** loadFile rejects, as Electron does for a page that is not there. */
    loadFails: false,
    /** new Tray() throws: a start-up failure injected where the app cannot make one itself. */
    trayFails: process.env.FAKE_ELECTRON_TRAY_FAILS === '1',
    /** The platform the tray's clicks behave as (simulateClick, simulateRightClick). */
    platform: 'linux' as NodeJS.Platform,
    /** Loads finish at once; false: each stays under way (webContents.isLoading()) until win.finishLoad(). */
    loadsFinish: true,
    /** The desktop delivers a click on the tray icon (false: GNOME's AppIndicator and other Linux panels that only open the menu). */
    trayClicks: true,
  },
  /** Test helper: back to before 'ready', as the boot test starts (reset() makes it ready again). */
  setReadyForTest(ready: boolean): void {
    readiness.ready = ready;
  },
  /** Electron finishes starting: app 'ready' is emitted and whenReady() resolves (see `readiness`). */
  becomeReady(): void {
    if (readiness.ready) return;
    readiness.ready = true;
    app.emit('ready', new FakeEvent(), {});
    for (const resolve of readiness.waiters.splice(0)) resolve();
  },
  /** Clears recorded state and listeners between tests. */
  reset(): void {
    fake.calls.length = 0;
    fake.windows.length = 0;
    fake.trays.length = 0;
    fake.notifications.length = 0;
    fake.options.singleInstanceLock = true;
    fake.options.displays = [defaultDisplay()];
    fake.options.openExternalFails = false;
    fake.options.loadFails = false;
    fake.options.trayFails = false;
    fake.options.systemLocale = 'en-GB';
    for (const e of [app, ipcMain, powerMonitor, nativeTheme]) e.removeAllListeners();
    ipcMain.handlers.clear();
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true;
    net.online = true;
    Notification.supported = true;
    defaultSession.permissionRequestHandler = null;
    defaultSession.permissionCheckHandler = null;
    readiness.ready = true;
    app.quitting = false;
    fake.options.trayClicks = true;
    fake.options.loadsFinish = true;
    fake.options.platform = 'linux';
  },
  count(api: string): number {
    return fake.calls.filter((c) => c.api === api).length;
  },
};

function record(api: string, args: unknown[]): void {
  fake.calls.push({ api, args });
}

// electron-store does `import electron from 'electron'`: the default export carries the same objects.
export default { app, BrowserWindow, clipboard, ipcMain, Menu, nativeImage, nativeTheme, net, Notification, powerMonitor, screen, session, shell, Tray };
