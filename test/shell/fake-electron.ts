// A FAKE `electron` module. Why a fake: no Electron binary can be downloaded or run on these machines,
// so the shell's Electron adapters are exercised against this stand-in instead. It implements just the
// API surface main/shell/* and main/index.ts use (and what electron-store touches), behaves like
// Electron where the shell depends on the behaviour (preventable events, ipcMain.handle refusing
// duplicates, app.quit() → before-quit → will-quit → quit), and records every call in `fake.calls`.
// Used two ways: vitest's vi.mock('electron', …) in test/shell, and a Node loader hook
// (test/packaging/fake-electron-hooks.mjs) that resolves 'electron' to this file for the boot test.
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
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    record('webContents.send', [channel, payload]);
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    record('webContents.setWindowOpenHandler', []);
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  reload(): void {
    record('webContents.reload', [this.mainFrame.url]);
  }
  /** Test helper: the renderer process died the way Electron reports it. */
  simulateRenderProcessGone(reason: string, exitCode = 1): void {
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode });
  }
  /** Test helper: what a renderer-initiated navigation would do. Returns true when it was allowed. */
  simulateNavigate(url: string): boolean {
    const event = new FakeEvent();
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
  loadFile(path: string, options?: { hash?: string }): Promise<void> {
    record('BrowserWindow.loadFile', [path, options]);
    // Electron rejects when the page cannot be loaded (a missing file: ERR_FILE_NOT_FOUND) and shows nothing.
    if (fake.options.loadFails) return Promise.reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${path}'`));
    this.loaded = { kind: 'file', target: path, ...(options?.hash ? { hash: options.hash } : {}) };
    this.webContents.mainFrame.url = pathToFileURL(path).href + (options?.hash ? `#${options.hash}` : '');
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', [url]);
    this.loaded = { kind: 'url', target: url };
    this.webContents.mainFrame.url = url;
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show(): void {
    record('BrowserWindow.show', [this.id]);
    this.visible = true;
  }
  hide(): void {
    record('BrowserWindow.hide', [this.id]);
    this.visible = false;
  }
  focus(): void {
    record('BrowserWindow.focus', [this.id]);
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
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
    this.emit('closed');
  }
  getSize(): [number, number] {
    return [this.options.width ?? 800, this.options.height ?? 600];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
}

export class FakeMenu {
  constructor(readonly items: Record<string, unknown>[]) {}
}

export const Menu = {
  buildFromTemplate(template: Record<string, unknown>[]): FakeMenu {
    record('Menu.buildFromTemplate', [template]);
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
  isEmpty(): boolean {
    return this.path === '' ? this.reps.size === 0 : !existsSync(this.path);
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
    this.image = image;
    record('new Tray', [image.path]);
    if (fake.options.trayFails) throw new Error('fake electron: the desktop refused a tray icon');
    fake.trays.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: FakeMenu | null): void {
    record('tray.setContextMenu', [menu?.items.length ?? 0]);
    this.menu = menu;
  }
  getBounds(): FakeRect {
    return this.bounds;
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
    record('new Notification', [options]);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    this.shown = true;
    fake.notifications.push(this);
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
    return handler({ sender: sender.contents, senderFrame: sender.frame }, payload);
  }
}
export const ipcMain = new FakeIpcMain();

class FakeApp extends EventEmitter {
  isPackaged = false;
  dock: { hide(): void } | undefined = undefined;
  private readonly paths = new Map<string, string>();

  requestSingleInstanceLock(): boolean {
    record('app.requestSingleInstanceLock', []);
    return fake.options.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    record('app.whenReady', []);
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
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
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    record('app.quitted', []);
    this.emit('quit', new FakeEvent(), 0);
  }
  exit(code = 0): void {
    record('app.exit', [code]);
  }
}
export const app = new FakeApp();

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', [title, content]);
  },
};

export const screen = {
  getPrimaryDisplay(): FakeDisplay {
    return fake.options.displays[0] ?? defaultDisplay();
  },
  getDisplayNearestPoint(point: { x: number; y: number }): FakeDisplay {
    const inside = fake.options.displays.find(
      (d) => point.x >= d.bounds.x && point.x < d.bounds.x + d.bounds.width && point.y >= d.bounds.y && point.y < d.bounds.y + d.bounds.height,
    );
    return inside ?? screen.getPrimaryDisplay();
  },
  getAllDisplays(): FakeDisplay[] {
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
export const session = {
  defaultSession: {
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
  async fetch(input: string, init?: RequestInit): Promise<Response> {
    // The cache mode: Chromium's stack (unlike Node's fetch) has an HTTP cache it would otherwise use.
    record('net.fetch', [(init as { cache?: string } | undefined)?.cache ?? 'default', new URL(input).pathname + new URL(input).search]);
    try {
      return await fetch(input, init);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      const code = (err.cause as { code?: unknown } | undefined)?.code;
      throw new Error(`net::${chromiumName(typeof code === 'string' ? code : null)}`);
    }
  },
};

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
    displays: [defaultDisplay()] as FakeDisplay[],
    openExternalFails: false,
    /** loadFile rejects, as Electron does for a page that is not there. */
    loadFails: false,
    /** new Tray() throws: a start-up failure injected where the app cannot make one itself. */
    trayFails: process.env.FAKE_ELECTRON_TRAY_FAILS === '1',
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
    for (const e of [app, ipcMain, powerMonitor, nativeTheme]) e.removeAllListeners();
    ipcMain.handlers.clear();
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true;
    net.online = true;
    Notification.supported = true;
    session.defaultSession.permissionRequestHandler = null;
    session.defaultSession.permissionCheckHandler = null;
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
