// The fake electron module itself: where it copies a behaviour of the real Electron that our code could
// trip on, a test pins it, so the fake cannot quietly become kinder than Electron again (a kinder fake
// hides real faults). Each behaviour's source is named beside it in fake-electron.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { app, BrowserWindow, fake, ipcMain, Menu, nativeImage, net, Notification, screen, session, Tray } from './fake-electron';

beforeEach(() => fake.reset());

describe('ready-only APIs', () => {
  it('throw before ready with Electron\'s words, and work after becomeReady()', async () => {
    fake.setReadyForTest(false);
    const icon = nativeImage.createEmpty();
    expect(() => new Tray(icon)).toThrow('Cannot create Tray before app is ready');
    expect(() => new BrowserWindow()).toThrow('Cannot create BrowserWindow before app is ready');
    expect(() => new Notification({ title: 't', body: 'b' })).toThrow('Cannot create Notification before app is ready');
    expect(() => screen.getPrimaryDisplay()).toThrow("The 'screen' module can't be used before the app 'ready' event");
    expect(() => session.defaultSession).toThrow(TypeError);
    expect(() => net.fetch('http://127.0.0.1:1/')).toThrow('Session can only be received when app is ready');
    // Read before ready, the OS's regional format is not there to read.
    expect(app.getSystemLocale()).toBe('');
    let readied = false;
    const waiting = app.whenReady().then(() => (readied = true));
    await Promise.resolve();
    expect(readied).toBe(false);
    fake.becomeReady();
    await waiting;
    expect(readied).toBe(true);
    expect(() => new Tray(icon)).not.toThrow();
    expect(app.getSystemLocale()).toBe('en-GB');
  });
});

describe('destroyed objects', () => {
  it('a destroyed window and its webContents throw "Object has been destroyed"; ready-to-show never comes after destroy', async () => {
    const win = new BrowserWindow({ show: false });
    let shown = 0;
    win.once('ready-to-show', () => shown++);
    void win.loadURL('http://127.0.0.1:1/');
    win.destroy();
    await Promise.resolve();
    expect(shown).toBe(0);
    for (const call of [() => win.show(), () => win.hide(), () => win.focus(), () => win.isVisible(), () => win.setPosition(1, 2), () => win.webContents.send('x', 1), () => win.webContents.getURL()]) {
      expect(call).toThrow('Object has been destroyed');
    }
    expect(win.isDestroyed()).toBe(true);
  });

  it('a destroyed tray throws "Tray is destroyed"', () => {
    const tray = new Tray(nativeImage.createEmpty());
    tray.destroy();
    expect(() => tray.setImage(nativeImage.createEmpty())).toThrow('Tray is destroyed');
    expect(() => tray.getBounds()).toThrow('Tray is destroyed');
  });
});

describe('IPC crosses by structured clone', () => {
  it('send and invoke copy what they carry; a function in it throws or rejects, as in Electron', async () => {
    const win = new BrowserWindow();
    const payload = { at: new Date(0), list: [1] };
    win.webContents.send('event', payload);
    payload.list.push(2);
    expect(win.webContents.sent[0]![1]).toEqual({ at: new Date(0), list: [1] });
    expect(() => win.webContents.send('event', { run: () => 1 })).toThrow();
    ipcMain.handle('answer', () => ({ run: () => 1 }));
    await expect(ipcMain.invoke('answer', { contents: win.webContents, frame: win.webContents.mainFrame }, undefined)).rejects.toThrow();
  });
});

describe('arguments Electron refuses', () => {
  it('integers only for positions and points; a menu item needs a label, role or type', () => {
    const win = new BrowserWindow();
    expect(() => win.setPosition(10.5, 0)).toThrow(/conversion failure from 10.5/);
    expect(() => screen.getDisplayNearestPoint({ x: 0, y: 0.5 })).toThrow(/conversion failure/);
    expect(() => Menu.buildFromTemplate([{ label: 'A' }, { enabled: false }])).toThrow('must have at least one of label, role or type');
    expect(() => Menu.buildFromTemplate([{ label: 'A', submenu: [{ visible: true }] }])).toThrow('must have at least one of label, role or type');
  });

  it('a point outside every display gets the nearest display, not the primary', () => {
    const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 };
    const right = { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 1024 }, workArea: { x: 1920, y: 0, width: 1280, height: 1024 }, scaleFactor: 1 };
    fake.options.displays = [primary, right];
    expect(screen.getDisplayNearestPoint({ x: 3300, y: 500 }).id).toBe(2);
  });
});

describe('app lifecycle', () => {
  it('quitting closes every window, and a window that prevents its close cancels the quit', () => {
    const a = new BrowserWindow();
    const b = new BrowserWindow();
    b.once('close', (e: { preventDefault(): void }) => e.preventDefault());
    app.quit();
    expect(fake.count('app.quitted')).toBe(0);
    expect(a.isDestroyed()).toBe(true);
    expect(b.isDestroyed()).toBe(false);
    app.quit();
    expect(fake.count('app.quitted')).toBe(1);
  });

  it('the last window closing quits an app with no window-all-closed listener; with one, it stays', () => {
    new BrowserWindow().destroy();
    expect(fake.count('app.quitted')).toBe(1);
    fake.reset();
    let told = 0;
    app.on('window-all-closed', () => told++);
    new BrowserWindow().close();
    expect(told).toBe(1);
    expect(fake.count('app.quit')).toBe(0);
  });
});

describe('net.fetch', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/here' }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('follows a redirect by default, and hands back a Response without url or redirected, as Electron builds it', async () => {
    const res = await net.fetch(`${base}/moved`);
    expect(await res.text()).toBe('here');
    expect(res.url).toBe('');
    expect(res.redirected).toBe(false);
  });

  it("rejects a redirect under 'manual' or 'error' instead of answering with the 3xx", async () => {
    await expect(net.fetch(`${base}/moved`, { redirect: 'manual' })).rejects.toThrow('Redirect was cancelled');
    await expect(net.fetch(`${base}/moved`, { redirect: 'error' })).rejects.toThrow("Attempted to redirect, but redirect policy was 'error'");
  });

  it('a refused connection is Chromium\'s net::ERR_CONNECTION_REFUSED, not a TypeError', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await net.fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe('net::ERR_CONNECTION_REFUSED');
  });
});
