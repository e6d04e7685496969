// Boot test of the real bundle: out/main/index.js (built by electron-vite) runs in a child Node process
// with 'electron' resolved to the fake module by a loader hook — no Electron binary can run here. This
// catches ESM/CJS, path and wiring mistakes that unit tests of single modules miss. The child drives
// the app (test/packaging/boot-driver.ts) and must exit ON ITS OWN after quitting: an open server,
// socket or timer keeps it alive and fails the test.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../preload/contract';
import { ensureBuilt, ROOT } from './build-once';

/** Generous bound for boot + demo start + quit on a loaded 2-core machine; a hang fails, not waits. */
const CHILD_LIMIT_MS = 45_000;

interface BootReport {
  phase: string;
  /** Whether the fake said 'ready' when the bundle had been loaded (it must not, as Electron does not). */
  readyAtLoad?: boolean;
  errors: string[];
  calls: string[];
  /** The cache modes of every net.fetch the app made (each once). */
  fetchCacheModes: string[];
  handledChannels?: string[];
  tray?: { icon: string; iconExists: boolean; tooltip: string; menu: string[] };
  trayAfterStart?: { icon: string; tooltip: string; badgeScales: number[] };
  settingsWindow?: { page: string; url: string };
  appState?: { mode: string; tenantLabel: string | null; monitor: string; clockLocale: string | null };
  notices?: { level: string; message: string }[];
  errorBox?: string[] | null;
  exitCode?: number | null;
  demoAgents?: number;
  wholeRosterCommand?: unknown;
  foreignSender?: { ok: boolean; error?: { kind: string } };
  secondInstance?: { page: string; visible: boolean } | null;
  settingsClosed?: { destroyed: boolean; quitAsked: boolean };
  crashLogged?: boolean;
  quitted?: boolean;
  trayDestroyed?: boolean;
  windowsLeft?: number;
  handlersLeft?: number;
  trays?: number;
  windows?: number;
  handlers?: number;
}

const temps: string[] = [];

function runBoot(extraEnv: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; output: string; report: BootReport | null; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'boot-test-'));
  temps.push(dir);
  const reportFile = join(dir, 'report.json');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', './test/packaging/register-fake-electron.mjs', '--import', 'tsx', 'test/packaging/boot-driver.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          BOOT_REPORT: reportFile,
          FAKE_ELECTRON_USER_DATA: join(dir, 'userData'),
          // No keychain in this child: the app must fall back to memory quickly, not wait on D-Bus.
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-bus',
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as BootReport) : null;
      resolve({ code, signal, output, report, ms: Date.now() - started });
    });
  });
}

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('the built main bundle under a fake electron', () => {
  it('boots, runs the demo tenant on first run, serves IPC, and exits on its own after quit', async () => {
    // An English (US) UI on a computer with a UK regional format: clock times follow the region.
    const run = await runBoot({ LC_ALL: 'en_US.UTF-8', FAKE_ELECTRON_SYSTEM_LOCALE: 'en-GB' });
    const r = run.report;
    const context = `exit ${run.code ?? run.signal} after ${run.ms} ms\n${run.output.slice(-4000)}`;
    expect(run.signal, `the child had to be killed — something kept it alive after quit\n${context}`).toBeNull();
    expect(r, context).not.toBeNull();
    expect(r!.errors, context).toEqual([]);
    expect(run.code, context).toBe(0);
    expect(r!.phase).toBe('done');

    // The bundle was loaded before Electron was 'ready', as in Electron: every API that throws before
    // 'ready' (Tray, BrowserWindow, Notification, screen, session, net.fetch) waited for it.
    expect(r!.readyAtLoad).toBe(false);
    // Single instance, before anything else.
    expect(r!.calls[0]).toBe('app.requestSingleInstanceLock');
    // The security guard on the session.
    expect(r!.calls).toContain('session.setPermissionRequestHandler');

    // Every contract command has exactly one handler.
    expect(r!.handledChannels).toEqual(Object.values(commands).map((c) => c.channel).sort());

    // The tray, with an icon file that exists and a full menu.
    expect(r!.tray?.iconExists, r!.tray?.icon).toBe(true);
    expect(r!.tray?.menu).toEqual(expect.arrayContaining(['Open', 'Refresh now', 'Pause notifications', 'Settings…', 'Diagnostics…', 'Quit CXone Agent Tray']));

    // First run: the settings window from the built renderer, and the demo tenant live behind it.
    expect(r!.settingsWindow?.page).toBe('settings.html');
    expect(existsSync(new URL(r!.settingsWindow!.url))).toBe(true);
    expect(r!.appState).toEqual({ mode: 'unconfigured', tenantLabel: 'Demo tenant', monitor: 'live', clockLocale: 'en-GB' });
    expect(r!.demoAgents).toBeGreaterThan(0);
    // Every request went through Chromium's stack and none through its HTTP cache (agents' data on disk).
    expect(r!.calls).toContainEqual(expect.stringMatching(/^net.fetch /));
    expect(r!.fetchCacheModes).toEqual(['no-store']);
    // No channel answers with every agent at once: windows read the roster in parts.
    expect(r!.wholeRosterCommand).toMatchObject({ refused: expect.stringMatching(/roster:get-snapshot/) });
    expect(r!.foreignSender).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    // Linux has no text beside a tray icon: the Available count is drawn on it, at 16 and 32 px.
    expect(r!.trayAfterStart?.badgeScales).toEqual([1, 2]);
    expect(r!.trayAfterStart?.tooltip).toMatch(/\d+ available/);
    // In the OS's regional format (24-hour), read after 'ready', not the process's default locale's (AM/PM).
    expect(r!.trayAfterStart?.tooltip).toMatch(/ — updated at \d\d:\d\d$/);

    // An unhandled rejection is logged to main.log by the crash guard, and the app keeps running.
    expect(r!.crashLogged).toBe(true);

    // Closing the last window (here the settings window) leaves the tray app running.
    expect(r!.settingsClosed).toEqual({ destroyed: true, quitAsked: false });
    // A second launch shows the tray window.
    expect(r!.secondInstance).toEqual({ page: 'tray.html', visible: true });

    // Clean shutdown: the quit went through, and the shell took everything down.
    expect(r!.quitted).toBe(true);
    expect(r!.trayDestroyed).toBe(true);
    expect(r!.windowsLeft).toBe(0);
    expect(r!.handlersLeft).toBe(0);
    expect(r!.calls.at(-1)).toBe('app.quitted');
  }, 120_000);

  it('a profile folder that cannot be made still boots: the demo runs, settings live in memory, and the user is told', async () => {
    // The profile's path runs through a regular file (ENOTDIR), as a profile the user cannot write would
    // (root here ignores permissions). Before, the logger and the settings store threw and nothing started.
    const dir = mkdtempSync(join(tmpdir(), 'boot-test-blocked-'));
    temps.push(dir);
    writeFileSync(join(dir, 'blocker'), 'a file where the profile folder should be');
    const run = await runBoot({ FAKE_ELECTRON_USER_DATA: join(dir, 'blocker', 'userData'), BOOT_NO_PROFILE: '1' });
    const context = `exit ${run.code ?? run.signal} after ${run.ms} ms\n${run.output.slice(-4000)}`;
    expect(run.report?.errors, context).toEqual([]);
    expect(run.code, context).toBe(0);
    expect(run.report).toMatchObject({ phase: 'done', appState: { mode: 'unconfigured', monitor: 'live' }, quitted: true });
    expect(run.report!.demoAgents).toBeGreaterThan(0);
    expect(run.report!.notices).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/^Your settings file \S+settings\.json could not be opened \(ENOTDIR: not a directory\), so defaults are in use until the app quits/),
    });
  }, 120_000);

  it('a start that fails tells the user in a box and exits with 1, instead of leaving nothing on screen', async () => {
    // The failure is injected into the fake electron (its Tray constructor throws): what is tested is
    // the app's own handling of any start-up failure.
    const run = await runBoot({ FAKE_ELECTRON_TRAY_FAILS: '1' });
    const context = run.output.slice(-2000);
    expect(run.report?.errors, context).toEqual([]);
    expect(run.code, context).toBe(1);
    expect(run.report).toMatchObject({ exitCode: 1 });
    expect(run.report!.errorBox).toEqual(['CXone Agent Tray could not start', 'fake electron: the desktop refused a tray icon\n\nIf this happens again, please report this message.']);
  }, 120_000);

  it('a second copy without the single-instance lock quits at once and builds nothing', async () => {
    const run = await runBoot({ FAKE_ELECTRON_SINGLE_INSTANCE_LOCK: '0' });
    const context = run.output.slice(-2000);
    expect(run.signal, context).toBeNull();
    expect(run.report?.errors, context).toEqual([]);
    expect(run.report).toMatchObject({ phase: 'done', trays: 0, windows: 0, handlers: 0 });
    expect(run.report?.calls).toEqual(['app.requestSingleInstanceLock', 'app.quit', 'app.quitted']);
  }, 120_000);

  it('the production bundle contains no trace of the test-only hook', () => {
    const files = readdirSync(join(ROOT, 'out/main'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const text = files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('\n');
    expect(text).toContain('requestSingleInstanceLock');
    for (const marker of ['CXONE_AGENT_TRAY_E2E', '__cxoneAgentTrayE2E', 'installE2eHook']) expect(text).not.toContain(marker);
  });

  it('the browser preview (a development tool) is nowhere in what the installers package (out/)', () => {
    const files = readdirSync(join(ROOT, 'out'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(js|cjs|mjs|html)$/.test(f.name));
    expect(files.length).toBeGreaterThan(3);
    const withPreview = files.filter((f) => /__preview\/|startPreviewServer|x-preview-secret/.test(readFileSync(join(f.parentPath, f.name), 'utf8')));
    expect(withPreview.map((f) => f.name)).toEqual([]);
  });
});
