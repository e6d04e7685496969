// Offline packaging check: `electron-builder --linux dir` with a stub electronDist (an "Electron" made
// by this test — no real binary can be downloaded here), then the output is inspected: app.asar holds
// the built app and only production dependencies, no tests, source maps or .env files; the keychain's
// native module is unpacked; the tray icons sit in resources; the fuses were flipped in the binary.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../../main/shell/app-id';
import { TRAY_ICON_STATES } from '../../main/shell/tray-menu';
import { ensureBuilt, ROOT } from './build-once';

const require = createRequire(import.meta.url);
// @electron/asar comes with electron-builder (CommonJS).
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
};

/** @electron/fuses' marker: the fuse wire follows it as [version, length, state…] ('0' off, '1' on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order in wire version 1 (see @electron/fuses FuseV1Options). */
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

let work: string;
let appOut: string;
let asarFile: string;
let files: string[];
let builderLog = '';

function makeStubElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  // Every fuse starts ENABLED, so the test sees which ones electron-builder turned off.
  const wire = Buffer.from([1, FUSES.length, ...FUSES.map(() => '1'.charCodeAt(0))]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stub electron"\n'), Buffer.from(FUSE_SENTINEL), wire]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version);
  writeFileSync(join(dir, 'LICENSE'), 'stub');
  // (A downloaded Electron also has resources/default_app.asar, which electron-builder removes only
  // from dists it downloads itself; a custom electronDist is taken as already clean.)
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, limitMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
  });
}

/** Every package reachable from package.json's dependencies (resolved like Node does). */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) {
        const key = candidate;
        if (seen.has(key)) return;
        seen.add(key);
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
        for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dirname(candidate));
        return;
      }
      if (dir === ROOT || dirname(dir) === dir) return; // optional dependency not installed here
      dir = dirname(dir);
    }
  };
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(root.dependencies)) visit(dep, ROOT);
  // Names only, top level (what the asar's /node_modules/<name> shows).
  return new Set([...seen].map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length, -'/package.json'.length)));
}

beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'package-test-'));
  const stub = join(work, 'electron-dist');
  makeStubElectron(stub);
  const result = await run(
    join(ROOT, 'node_modules/.bin/electron-builder'),
    ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${stub}`, `-c.directories.output=${join(work, 'dist')}`],
    {
      ...process.env,
      // Offline: any download attempt goes to a proxy that is not there and fails the build.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      ELECTRON_BUILDER_CACHE: join(work, 'cache'),
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
    240_000,
  );
  builderLog = result.output;
  if (result.code !== 0) throw new Error(`electron-builder failed (${result.code}):\n${builderLog.slice(-4000)}`);
  appOut = join(work, 'dist/linux-unpacked');
  asarFile = join(appOut, 'resources/app.asar');
  files = asar.listPackage(asarFile, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  console.log(`packaged: app.asar ${(statSync(asarFile).size / 1e6).toFixed(1)} MB, ${files.length} entries`);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir (stub Electron, offline)', () => {
  it('produces the app under its executable name, keeping Electron\'s license', () => {
    expect(existsSync(join(appOut, 'cxone-agent-tray'))).toBe(true);
    expect(existsSync(join(appOut, 'electron'))).toBe(false);
    expect(existsSync(join(appOut, 'LICENSE.electron.txt'))).toBe(true);
    expect(existsSync(asarFile)).toBe(true);
  });

  it('app.asar: the entry file named by package.json, the preload and the renderer pages with assets', () => {
    const pkg = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8')) as { main: string; devDependencies?: unknown };
    expect(files).toContain(`/${pkg.main}`);
    expect(files).toContain('/out/preload/index.cjs');
    for (const page of ['tray', 'settings']) expect(files).toContain(`/out/renderer/${page}.html`);
    expect(files.filter((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f)).length).toBeGreaterThan(0);
    expect(files.filter((f) => /^\/out\/renderer\/assets\/.+\.css$/.test(f)).length).toBeGreaterThan(0);
    // The pages keep their strict Content-Security-Policy: no remote scripts, no eval.
    for (const page of ['tray', 'settings']) {
      const html = asar.extractFile(asarFile, `out/renderer/${page}.html`).toString('utf8');
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(csp, page).toMatch(/script-src 'self'(;|$)/);
      expect(csp, page).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    }
    // The packaged manifest carries no development dependency list.
    expect(pkg.devDependencies).toBeUndefined();
  });

  it('app.asar: nothing but the built app and production dependencies', () => {
    const topLevel = new Set(files.map((f) => f.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);

    const packaged = new Set(
      files
        .map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(f)?.[1])
        .filter((n): n is string => n !== undefined),
    );
    const allowed = productionClosure();
    expect([...packaged].filter((n) => !allowed.has(n))).toEqual([]);
    expect(packaged.has('electron-store')).toBe(true);
    expect(packaged.has('openid-client')).toBe(true);
    expect(packaged.has('zod')).toBe(true);
    // Development-only packages never ship.
    for (const dev of ['electron', 'react', 'vite', 'vitest', 'electron-vite', 'typescript', 'oidc-provider', '@playwright/test', 'tsx', 'esbuild']) {
      expect(packaged.has(dev), dev).toBe(false);
    }
  });

  it('app.asar: no tests, source maps, TypeScript sources or .env files', () => {
    const offenders = files.filter(
      (f) =>
        f.endsWith('.map') ||
        /\/\.env(\.|$)/.test(f) ||
        (/\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts')) ||
        /^\/(test|main|preload|renderer|bench)\//.test(f) ||
        /\.(test|spec)\.[cm]?js$/.test(f),
    );
    expect(offenders).toEqual([]);
  });

  it('the keychain native module is unpacked next to the archive', () => {
    const unpacked = join(appOut, 'resources/app.asar.unpacked/node_modules/@github/keytar/prebuilds/linux-x64/keytar.node');
    expect(existsSync(unpacked)).toBe(true);
    expect(files).toContain('/node_modules/@github/keytar/lib/keytar.js');
  });

  it('the tray icon sets are in resources/tray for every state', () => {
    for (const state of TRAY_ICON_STATES) {
      for (const f of [`tray-${state}-light.png`, `tray-${state}-dark@2x.png`, `tray-${state}Template.png`, `tray-${state}Template@2x.png`]) {
        expect(existsSync(join(appOut, 'resources/tray', f)), f).toBe(true);
      }
    }
  });

  it('the fuses were flipped: no run-as-node, no NODE_OPTIONS, no inspector, asar only, asar integrity', () => {
    const binary = readFileSync(join(appOut, 'cxone-agent-tray'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i]!)]));
    expect(wire).toMatchObject({
      runAsNode: '0',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      enableCookieEncryption: '1',
      grantFileProtocolExtraPrivileges: '0',
    });
  });

  it('electron-builder.yml keeps the stable appId, product name and platform settings', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
    expect(yml).toMatch(/^productName: CXone Agent Tray$/m);
    expect(yml).toMatch(/LSUIElement: true/);
    expect(yml).toMatch(/perMachine: false/);
    for (const dep of ['libsecret-1-0', 'libnotify4']) expect(yml).toContain(`- ${dep}`);
    expect(yml).toMatch(/recommends:\s*\n\s*- libayatana-appindicator3-1/);
  });
});
