// Child process of boot.test.ts: loads the BUILT main bundle (out/main/index.js) under plain Node, with
// 'electron' resolved to the fake module by a loader hook (no Electron binary runs here), drives it like
// Electron would, and writes what happened to the JSON file named by BOOT_REPORT. The process must then
// exit on its own: anything left open (a server, a timer, a socket) keeps it alive and fails the test.
//   node --import tsx --import ./test/packaging/register-fake-electron.mjs test/packaging/boot-driver.ts [appDir]
// appDir is what Electron is given (`electron .`): the app's folder, whose package.json "main" is loaded;
// the repository when omitted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// Resolved to test/shell/fake-electron.ts by the hook — the same instance the bundle gets.
import * as electron from 'electron';
import type * as FakeElectron from '../shell/fake-electron';

const { fake, app, ipcMain, FakeWebContents } = electron as unknown as typeof FakeElectron;
const root = join(import.meta.dirname, '../..');
const appDir = resolve(process.argv[2] ?? root);
const appMain = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string }).main;
const reportFile = process.env.BOOT_REPORT;
if (!reportFile) throw new Error('BOOT_REPORT is not set');

const report: Record<string, unknown> = { phase: 'loading' };
const errors: string[] = [];
process.on('exit', () => {
  // app.exit() ends the process where it is called (as in Electron): say so, with the box the user saw.
  const exit = fake.calls.find((c) => c.api === 'app.exit');
  if (exit) {
    report.exitCode = exit.args[0] ?? null;
    report.errorBox = fake.calls.find((c) => c.api === 'dialog.showErrorBox')?.args ?? null;
    if (!fake.options.trayFails) errors.push(`the app exited with ${String(exit.args[0])}: ${JSON.stringify(report.errorBox)}`);
  }
  report.errors = errors;
  report.calls = fake.calls.map((c) => (c.api === 'net.fetch' ? `net.fetch ${String(c.args[1])}` : c.api));
  report.fetchCacheModes = [...new Set(fake.calls.filter((c) => c.api === 'net.fetch').map((c) => c.args[0]))];
  writeFileSync(reportFile, JSON.stringify(report, null, 2));
});
process.on('uncaughtException', (err) => {
  errors.push(`uncaught: ${err.stack ?? err}`);
  process.exitCode = 1;
});
/** The rejection the driver causes on purpose, to see the app's crash guard log it. */
const DELIBERATE = 'boot-test: a deliberate unhandled rejection';
process.on('unhandledRejection', (err) => {
  if (err instanceof Error && err.message === DELIBERATE) return;
  errors.push(`unhandled rejection: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() returns a value, at most `ms`; bounded so a broken app fails instead of hanging. */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await check();
    if (v !== undefined) return v;
    await sleep(50);
  }
  errors.push(`timed out waiting for ${what}`);
  return undefined;
}

const pageOf = (w: FakeElectron.BrowserWindow) => (w.loaded ? w.loaded.target.split(/[\\/]/).pop() : null);

await import(pathToFileURL(join(appDir, appMain)).href);
report.entry = join(appDir, appMain);
report.phase = 'loaded';
// The main script's first turn is over: Electron finishes starting and emits 'ready' (until now every
// ready-only API threw, as in Electron; see register-fake-electron.mjs).
report.readyAtLoad = app.isReady();
fake.becomeReady();

if (fake.options.trayFails) {
  // A start that fails: the app must tell the user in a box and exit with 1 — app.exit() ends this
  // process, and the exit handler above reports the box and the code.
  await until('app.exit', () => undefined, 10_000);
} else if (process.env.FAKE_ELECTRON_SINGLE_INSTANCE_LOCK === '0') {
  // The second copy of the app: must quit at once and build nothing.
  await sleep(200);
  report.trays = fake.trays.length;
  report.windows = fake.windows.length;
  report.handlers = ipcMain.handlers.size;
  report.phase = 'done';
} else {
  const ready = await until('the ready log line', () => (fake.count('app.whenReady') && ipcMain.handlers.size > 0 && fake.trays.length ? true : undefined));
  report.phase = ready ? 'ready' : 'not-ready';
  report.handledChannels = [...ipcMain.handlers.keys()].sort();

  const tray = fake.trays[0];
  report.tray = tray && {
    icon: tray.image.path,
    iconExists: !tray.image.isEmpty(),
    tooltip: tray.tooltip,
    menu: (tray.menu?.items ?? []).map((i) => (i.type === 'separator' ? '—' : i.label)),
  };

  // First run with no settings: the settings window opens, and the demo tenant runs behind it.
  const settingsWindow = await until('the settings window', () => fake.windows.find((w) => pageOf(w) === 'settings.html'));
  report.settingsWindow = settingsWindow && { page: pageOf(settingsWindow), url: settingsWindow.webContents.mainFrame.url };
  if (settingsWindow) {
    const sender = { contents: settingsWindow.webContents, frame: settingsWindow.webContents.mainFrame };
    // Through the real IPC path: registered handler → sender check → router → core.
    const state = await until('the demo tenant to be live', async () => {
      const r = (await ipcMain.invoke('app:get-state', sender, undefined)) as {
        ok: boolean;
        value?: { mode: string; tenantLabel: string | null; monitor: { kind: string }; notices: { level: string; message: string }[]; clockLocale: string | null };
      };
      return r.ok && r.value?.monitor.kind === 'live' ? r.value : undefined;
    });
    report.appState = state && { mode: state.mode, tenantLabel: state.tenantLabel, monitor: state.monitor.kind, clockLocale: state.clockLocale };
    report.notices = state?.notices.map((n) => ({ level: n.level, message: n.message }));
    // The first part of the roster snapshot (windows read it in parts; no command returns every agent).
    const part = (await ipcMain.invoke('roster:get-snapshot-part', sender, { token: null, from: 0 })) as { ok: boolean; value?: { agents: unknown[]; total: number } };
    report.demoAgents = part.value?.agents.length === part.value?.total ? (part.value?.total ?? 0) : -1;
    report.wholeRosterCommand = await ipcMain.invoke('roster:get-snapshot', sender, undefined).then(
      (r) => r,
      (err: unknown) => ({ refused: err instanceof Error ? err.message : String(err) }),
    );
    const foreign = new FakeWebContents();
    foreign.mainFrame.url = settingsWindow.webContents.mainFrame.url;
    report.foreignSender = await ipcMain.invoke('app:get-state', { contents: foreign, frame: foreign.mainFrame }, undefined);
    // The user closes the settings window, the only window: a tray app keeps running (Electron quits an
    // app whose last window closed unless it listens for 'window-all-closed'; the fake does the same).
    settingsWindow.close();
    report.settingsClosed = { destroyed: settingsWindow.isDestroyed(), quitAsked: fake.count('app.quit') > 0 };
  }
  // Live demo data on Linux: the Available count is drawn on the icon, at 1× and 2×.
  await until('the Available count on the tray icon', () => (tray && tray.image.reps.size > 0 ? true : undefined));
  report.trayAfterStart = tray && { icon: tray.image.path.split(/[\\/]/).pop(), tooltip: tray.tooltip, badgeScales: [...tray.image.reps.keys()] };

  // An unhandled rejection in main lands in main.log (the app's crash guard), and the app keeps going.
  // Not where the test made the profile folder impossible (BOOT_NO_PROFILE=1): there is no main.log.
  if (process.env.BOOT_NO_PROFILE !== '1') {
    void Promise.reject(new Error(DELIBERATE));
    const mainLog = join(app.getPath('logs'), 'main.log');
    report.crashLogged =
      (await until('the rejection in main.log', () => (existsSync(mainLog) && readFileSync(mainLog, 'utf8').includes(DELIBERATE) ? true : undefined), 5_000)) ?? false;
  }

  // A second launch shows the tray window.
  app.emit('second-instance', {}, [], appDir);
  const trayWindow = fake.windows.find((w) => pageOf(w) === 'tray.html');
  report.secondInstance = trayWindow ? { page: pageOf(trayWindow), visible: trayWindow.isVisible() } : null;

  // Quit the way Electron does: before-quit (the app defers it to stop the core), then quit again.
  report.phase = 'quitting';
  app.quit();
  await until('the app to finish quitting', () => (fake.count('app.quitted') ? true : undefined), 10_000);
  report.quitted = fake.count('app.quitted') > 0;
  report.trayDestroyed = tray?.isDestroyed() ?? false;
  report.windowsLeft = fake.windows.filter((w) => !w.isDestroyed()).length;
  report.handlersLeft = ipcMain.handlers.size;
  report.phase = 'done';
  // If something still holds the event loop, say what before the parent gives up on us.
  setTimeout(() => {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles().map((h) => h.constructor.name);
    process.stderr.write(`boot-driver: still alive after quitting; open handles: ${handles.join(', ')}\n`);
  }, 5_000).unref();
}
