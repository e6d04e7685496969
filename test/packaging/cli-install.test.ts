// The CLI as people install it: `npm pack`, then `npm install --omit=dev <tarball>` into an empty
// folder (offline: only the local npm cache), then `npx cxone-agent-tray …` from there. Proves the
// bin runs the built JavaScript with runtime dependencies only (no tsx, no TypeScript sources).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../main/diagnostics/finding';
import { agentChangeSchema } from '../../main/monitor/status';
import { DEMO_TENANT_DEFAULTS } from '../../main/demo/demo-defaults';
import { ensureCliBuilt, ROOT, withBuildLock } from './build-once';

let work: string;
let installDir: string;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A child process with a hard time limit (SIGKILL), so a hang fails the test instead of the run. */
function run(cmd: string, args: string[], cwd: string, limitMs: number): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      // Offline and quiet: no update check, no audit, no Electron download for electron-store's peers.
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false', CXONE_ACCESS_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  await ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'cli-install-'));
  // --ignore-scripts: prepack would rebuild out/cli, which ensureCliBuilt just made fresh; the lock
  // keeps another worker from rebuilding it while npm reads it.
  const packed = await withBuildLock(() => run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, ROOT], ROOT, 120_000));
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  installDir = join(work, 'install');
  mkdirSync(installDir);
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'cli-install-check', private: true }));
  const installed = await run('npm', ['install', '--omit=dev', '--prefer-offline', join(work, tarball!)], installDir, 240_000);
  expect(installed.code, installed.stderr).toBe(0);
}, 420_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed CLI, installed without devDependencies', () => {
  it('ships the built CLI and nothing of the development tooling', () => {
    const pkg = join(installDir, 'node_modules/cxone-agent-tray');
    expect(existsSync(join(pkg, 'out/cli/cli.js'))).toBe(true);
    expect(existsSync(join(pkg, 'main'))).toBe(false);
    expect(existsSync(join(installDir, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(installDir, 'node_modules/vite'))).toBe(false);
  });

  it('npx cxone-agent-tray doctor --demo: exit 0, the demo tenant diagnosed', async () => {
    const human = await run('npx', ['--no-install', 'cxone-agent-tray', 'doctor', '--demo'], installDir, 60_000);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('CXone doctor: no errors');
    const json = await run('npx', ['--no-install', 'cxone-agent-tray', 'doctor', '--demo', '--json'], installDir, 60_000);
    expect(json.code).toBe(0);
    const report = doctorReportSchema.parse(JSON.parse(json.stdout));
    expect(report.findings.find((f) => f.code === 'LIST_SUMMARY')?.title).toBe(`agents/states lists ${DEMO_TENANT_DEFAULTS.agents} agents`);
    // Two npx starts: bounded by the children's own limits, not vitest's 30 s default (a loaded machine).
  }, 150_000);

  it('npx cxone-agent-tray watch --demo --json --polls 2: the baseline as JSON lines, then exit 0', async () => {
    const r = await run('npx', ['--no-install', 'cxone-agent-tray', 'watch', '--demo', '--json', '--polls', '2', '--interval', '5'], installDir, 90_000);
    expect(r.code, r.stderr).toBe(0);
    const changes = r.stdout.trim().split('\n').map((l) => agentChangeSchema.parse(JSON.parse(l)));
    expect(changes.filter((c) => c.baseline)).toHaveLength(DEMO_TENANT_DEFAULTS.agents);
    expect(r.stderr).toContain('Watching 127.0.0.1:');
  }, 120_000);

  it('a bin without its build (and no sources to build it from): it names the commands, exit 1', async () => {
    const bare = join(work, 'bare-checkout');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    for (const f of ['cxone-agent-tray.mjs', 'cli-build.mjs']) copyFileSync(join(ROOT, 'bin', f), join(bare, 'bin', f));
    const r = await run(process.execPath, ['bin/cxone-agent-tray.mjs', '--help'], bare, 30_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the CLI is not built');
    expect(r.stderr).toContain('npm run build:cli');
  }, 60_000);
});
