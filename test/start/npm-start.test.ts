// The README's start command itself — `npm start` in a child process — on the two machines a new user
// meets: one where an Electron exists, and one with no Electron and no network.
//
// (a) runs on a STAND-IN for Electron, not Electron: no Electron binary can run here. The stand-in is an
// executable named like Electron's, in a folder given as ELECTRON_OVERRIDE_DIST_PATH (which Electron's
// own index.js resolves to <folder>/<path.txt or "electron">). It boots the app folder it is given —
// electron-vite calls `electron .` — under plain Node with the project's fake `electron` module
// (test/shell/fake-electron.ts via test/packaging/register-fake-electron.mjs) and drives it with
// test/packaging/boot-driver.ts. So the launcher, electron-vite's build and launch, the built bundle and
// its shutdown are all real; only Electron is not.
//
// `npm start` builds out/, which other test files read at the same time; (a) therefore runs in a fresh
// copy of the sources (node_modules linked), as a fresh clone would. (b) fails before any build.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshCheckout } from '../harness/fresh-checkout';

const ROOT = join(import.meta.dirname, '../..');
const ELECTRON_DIR = join(ROOT, 'node_modules/electron');
const ELECTRON_INSTALLED = existsSync(join(ELECTRON_DIR, 'path.txt'));
const temps: string[] = [];
const checkouts: { remove(): void }[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
  for (const c of checkouts) c.remove();
});

interface Run {
  code: number | null;
  /** True when the bound ran out and the child had to be killed. */
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `npm start` (or `npm run dev`) in `cwd`, with `env` as the whole environment; killed (and reported so) after `limitMs`. */
function npmStart(cwd: string, env: NodeJS.ProcessEnv, limitMs: number, args = ['start']): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    // detached: its own process group, so a kill at the bound reaches npm's children too.
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => {
      killed = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, killed, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The environment of a user's shell: ours without the test runner's Electron override and proxies. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(ELECTRON_|electron_config_|npm_config_electron|DEBUG$)|_proxy$|_PROXY$/.test(key)) delete env[key];
  }
  // Launching needs a desktop session (checked before anything else); the stand-in needs no display.
  return { ...env, DISPLAY: ':99', ...extra };
}

/** A loopback port with nothing listening on it: every connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The stand-in Electron (see the top of this file): an executable named `electron`, in its own folder. */
function standInElectron(dist = tempDir('stand-in-electron-')): string {
  const exe = join(dist, 'electron');
  writeFileSync(
    exe,
    [
      '#!/bin/sh',
      '# STAND-IN for Electron (no Electron binary runs on this machine): boots the app folder it is given',
      '# under Node with the fake electron module, drives it and quits it (test/packaging/boot-driver.ts).',
      `exec "${process.execPath}" --import "${join(ROOT, 'test/packaging/register-fake-electron.mjs')}" --import tsx "${join(ROOT, 'test/packaging/boot-driver.ts')}" "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(exe, 0o755);
  return dist;
}

describe('npm start', () => {
  it('with ELECTRON_OVERRIDE_DIST_PATH at a stand-in Electron: builds, launches it on the app, and the app comes up — single-instance lock, tray, demo tenant live — and shuts down cleanly', async () => {
    const checkout = freshCheckout();
    checkouts.push(checkout);
    const app = checkout.dir;
    const report = join(tempDir('npm-start-report-'), 'report.json');
    const run = await npmStart(
      app,
      userEnv({
        ELECTRON_OVERRIDE_DIST_PATH: standInElectron(),
        BOOT_REPORT: report,
        FAKE_ELECTRON_USER_DATA: join(tempDir('npm-start-userdata-'), 'userData'),
        // No keychain here: the app must fall back to memory quickly, not wait on D-Bus.
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-bus',
      }),
      240_000,
    );
    const context = `exit ${run.code} after ${run.ms} ms${run.killed ? ' (killed at the bound)' : ''}\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`;
    expect(run.killed, context).toBe(false);
    expect(existsSync(report), `the stand-in never ran\n${context}`).toBe(true);
    const r = JSON.parse(readFileSync(report, 'utf8')) as {
      entry: string;
      errors: string[];
      calls: string[];
      phase: string;
      tray?: { iconExists: boolean; menu: string[] };
      appState?: { mode: string; tenantLabel: string; monitor: string; clockLocale: string | null };
      demoAgents?: number;
      quitted?: boolean;
      trayDestroyed?: boolean;
      windowsLeft?: number;
    };
    expect(r.errors, context).toEqual([]);
    expect(run.code, context).toBe(0);
    // The bundle npm start just built, from the folder electron-vite handed to "Electron".
    expect(r.entry).toBe(join(app, 'out/main/index.js'));
    expect(existsSync(join(app, 'out/renderer/tray.html'))).toBe(true);
    // No download was attempted: the override is Electron's own "use this binary" switch.
    expect(run.stderr).not.toContain('Downloading Electron');
    expect(r.calls[0]).toBe('app.requestSingleInstanceLock');
    expect(r.tray?.iconExists).toBe(true);
    expect(r.tray?.menu).toContain('Quit CXone Agent Tray');
    expect(r.appState).toEqual({ mode: 'unconfigured', tenantLabel: 'Demo tenant', monitor: 'live', clockLocale: 'en-GB' });
    expect(r.demoAgents).toBeGreaterThan(0);
    expect(r.phase).toBe('done');
    expect(r.quitted).toBe(true);
    expect(r.trayDestroyed).toBe(true);
    expect(r.windowsLeft).toBe(0);
    expect(r.calls.at(-1)).toBe('app.quitted');
  }, 300_000);

  it('npm run dev, with ELECTRON_OVERRIDE_DIST_PATH at the stand-in: the app comes up with its windows from the dev server, and shuts down cleanly', async () => {
    const checkout = freshCheckout();
    checkouts.push(checkout);
    const report = join(tempDir('npm-dev-report-'), 'report.json');
    const run = await npmStart(
      checkout.dir,
      userEnv({
        ELECTRON_OVERRIDE_DIST_PATH: standInElectron(),
        BOOT_REPORT: report,
        FAKE_ELECTRON_USER_DATA: join(tempDir('npm-dev-userdata-'), 'userData'),
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-bus',
      }),
      240_000,
      ['run', 'dev'],
    );
    const context = `exit ${run.code} after ${run.ms} ms\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`;
    expect(run.killed, context).toBe(false);
    expect(run.code, context).toBe(0);
    const r = JSON.parse(readFileSync(report, 'utf8')) as { errors: string[]; calls: string[]; settingsWindow?: { url: string }; appState?: { monitor: string }; quitted?: boolean };
    expect(r.errors, context).toEqual([]);
    expect(r.calls[0]).toBe('app.requestSingleInstanceLock');
    expect(r.settingsWindow?.url).toMatch(/^http:\/\/localhost:\d+\/settings\.html$/);
    expect(r.appState?.monitor).toBe('live');
    expect(r.quitted).toBe(true);
  }, 300_000);

  it('with a mirror (here on loopback) and an empty cache: Electron\'s own installer downloads and unpacks the binary, with progress, and the app comes up on it', async () => {
    // The "release" the mirror serves: a zip holding the stand-in as `electron` (padded so the download
    // takes a while), and its SHASUMS256.txt, which Electron's installer fetches and checks when
    // electron_use_remote_checksums is set (the published checksums.json only fits the real binaries).
    const version = (JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string }).version;
    const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
    const release = tempDir('electron-release-');
    standInElectron(release);
    writeFileSync(join(release, 'version'), version);
    writeFileSync(join(release, 'padding.bin'), randomBytes(24_000_000));
    execFileSync('zip', ['-q', '-0', '-r', join(release, zipName), 'electron', 'version', 'padding.bin'], { cwd: release });
    const zip = readFileSync(join(release, zipName));
    const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
    const requested: string[] = [];
    const mirror = createHttpServer((req, res) => {
      requested.push(req.url ?? '');
      if (req.url === `/${version}/SHASUMS256.txt`) return void res.end(sums);
      if (req.url !== `/${version}/${zipName}`) return void res.writeHead(404).end();
      // 1 MB every 100 ms: long enough for the launcher to show progress more than once.
      res.writeHead(200, { 'content-length': String(zip.length), 'content-type': 'application/zip' });
      let offset = 0;
      const send = () => {
        if (offset >= zip.length) return void res.end();
        res.write(zip.subarray(offset, (offset += 1_000_000)));
        setTimeout(send, 100);
      };
      send();
    });
    await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
    const { port } = mirror.address() as { port: number };

    const checkout = freshCheckout({ ownPackages: ['electron'] });
    checkouts.push(checkout);
    const cache = tempDir('electron-cache-');
    const report = join(tempDir('npm-start-report-'), 'report.json');
    let run: Run;
    try {
      run = await npmStart(
        checkout.dir,
        userEnv({
          ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
          ELECTRON_CUSTOM_DIR: '{{ version }}',
          electron_config_cache: cache,
          electron_use_remote_checksums: '1',
          BOOT_REPORT: report,
          FAKE_ELECTRON_USER_DATA: join(tempDir('npm-start-userdata-'), 'userData'),
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent-bus',
        }),
        240_000,
      );
    } finally {
      mirror.closeAllConnections();
      mirror.close();
    }
    const context = `exit ${run.code} after ${run.ms} ms\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-3000)}`;
    expect(run.killed, context).toBe(false);
    expect(run.code, context).toBe(0);
    // Electron's downloader used the mirror setting, checked the checksum file, and showed progress.
    expect(requested).toEqual(expect.arrayContaining([`/${version}/${zipName}`, `/${version}/SHASUMS256.txt`]));
    expect(run.stderr).toContain(`Downloading Electron ${version} for ${process.platform}-${process.arch}`);
    expect(run.stderr).toContain(`from http://127.0.0.1:${port}/${version}/${zipName}`);
    expect(run.stderr).toMatch(/\d+\.\d MB received/);
    expect(run.stderr).toContain(`Electron ${version} is installed.`);
    // Unpacked where Electron's own index.js looks, and kept in Electron's cache for the next time.
    expect(readFileSync(join(checkout.dir, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(readdirSync(cache, { recursive: true }).map(String).some((f) => f.endsWith(zipName))).toBe(true);
    // And the app came up on the binary it unpacked (the stand-in, here).
    const r = JSON.parse(readFileSync(report, 'utf8')) as { errors: string[]; entry: string; appState?: { monitor: string }; quitted?: boolean };
    expect(r.errors, context).toEqual([]);
    expect(r.entry).toBe(join(checkout.dir, 'out/main/index.js'));
    expect(r.appState?.monitor).toBe('live');
    expect(r.quitted).toBe(true);
  }, 300_000);

  it.skipIf(ELECTRON_INSTALLED)('with no Electron and no network: one paragraph — what failed, how to fix it, what works without Electron — no stack trace, non-zero exit, soon', async () => {
    const port = await closedPort();
    const cache = tempDir('electron-cache-');
    const run = await npmStart(
      ROOT,
      userEnv({
        // Electron's own download settings, pointed at a loopback port nobody listens on; an empty cache.
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        ELECTRON_CUSTOM_DIR: '{{ version }}',
        electron_config_cache: cache,
      }),
      60_000,
    );
    const context = `exit ${run.code} after ${run.ms} ms\n${run.stdout}\n${run.stderr}`;
    expect(run.killed, context).toBe(false);
    expect(run.code, context).not.toBe(0);
    const text = run.stderr.replace(/\s+/g, ' ');
    // What failed, with the address Electron's downloader used (so the mirror setting was honoured).
    expect(text).toContain(`Could not start CXone Agent Tray: Electron ${JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')).version}`);
    expect(text).toContain(`could not be downloaded from http://127.0.0.1:${port}/`);
    expect(text).toContain('no connection');
    // How to fix it.
    for (const fix of ['ELECTRON_MIRROR', 'HTTPS_PROXY', 'ELECTRON_OVERRIDE_DIST_PATH']) expect(text).toContain(fix);
    // What works without Electron.
    expect(text).toContain('`npm run preview:browser`');
    expect(text).toContain('`npx cxone-agent-tray doctor --demo`');
    // No stack trace, no raw error class.
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/TypeError|Error:/);
    // One paragraph: no blank line inside the message.
    expect(run.stderr.trim().split(/\n\s*\n/).filter((p) => p.includes('Electron'))).toHaveLength(1);
    // Nothing half-installed was left behind.
    expect(existsSync(join(ELECTRON_DIR, 'path.txt'))).toBe(false);
    expect(existsSync(join(ELECTRON_DIR, 'dist'))).toBe(false);
  }, 90_000);

  it.runIf(process.platform === 'linux')('on Linux without a desktop session: says so in one paragraph, points to the browser preview and the CLI, and exits non-zero', async () => {
    const env = userEnv({ ELECTRON_OVERRIDE_DIST_PATH: standInElectron() });
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = await npmStart(ROOT, env, 60_000);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(1);
    const text = run.stderr.replace(/\s+/g, ' ');
    expect(text).toContain('Electron needs a desktop session');
    expect(text).toContain('`npm run preview:browser`');
    // The terminal commands: the doctor for one's own tenant, and --demo named as the demo tenant, not as
    // a check of "a tenant" (it read 'check a tenant from the terminal with `… doctor --demo`').
    expect(text).toContain('check your tenant from the terminal with `npx cxone-agent-tray doctor`');
    expect(text).toContain('try it on the built-in demo tenant with `npx cxone-agent-tray doctor --demo`');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);

  it.runIf(process.platform === 'linux' && existsSync('/usr/bin/ldd'))(
    'on Linux with system libraries Electron needs missing (WSL, a minimal install): names them in one paragraph before launching anything, and exits 1',
    async () => {
      // A real ELF executable that needs a library no system has: /bin/true with its libc renamed in its
      // dynamic section (same length), so `ldd` reports "libq.so.6 => not found" as it would for libnss3.so.
      const dist = tempDir('electron-missing-libs-');
      const elf = readFileSync('/bin/true');
      const patched = Buffer.from(elf.toString('latin1').replace('libc.so.6\0', 'libq.so.6\0'), 'latin1');
      expect(patched.equals(elf)).toBe(false);
      writeFileSync(join(dist, 'electron'), patched);
      chmodSync(join(dist, 'electron'), 0o755);
      const run = await npmStart(ROOT, userEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist }), 60_000);
      const context = `exit ${run.code} after ${run.ms} ms\n${run.stdout}\n${run.stderr}`;
      expect(run.killed, context).toBe(false);
      expect(run.code, context).toBe(1);
      const text = run.stderr.replace(/\s+/g, ' ');
      expect(text).toMatch(/Electron [\d.]+ needs system libraries this machine does not have: libq\.so\.6\. Install the packages that provide them/);
      expect(text).toContain('`npm run preview:browser`');
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr.trim().split(/\n\s*\n/).filter((p) => p.includes('Electron'))).toHaveLength(1);
      // Nothing was built or launched: electron-vite never ran.
      expect(run.stdout + run.stderr).not.toMatch(/vite|building/i);
    },
    90_000,
  );
});
