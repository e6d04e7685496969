// The bin (bin/cxone-agent-tray.mjs) in a checkout builds out/cli when it is missing or older than the
// sources, then runs it; an installed package (no main/) never builds. Run as a real child process on a
// copy of the bin in a package folder of its own, where a stand-in vite (a script that records its
// arguments and writes a stand-in build: a module whose main() prints what it was given) takes the
// place of the bundler — the real build runs in test/cli/cli-process.test.ts and the packaging tests.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN_DIR = join(import.meta.dirname, '../../bin');
const CLI_MODULE = "export function main(args) { process.stdout.write('ran ' + args.join(' ') + '\\n'); }\n";
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Layout {
  /** When out/cli/cli.js was built (s); absent: not built. */
  builtAt?: number;
  /** When a file deep in main/ last changed (s); absent: no sources (an installed package). */
  sourcesAt?: number;
  /** A stand-in vite in node_modules: 'builds' writes the build, 'fails' exits 1; absent: none. */
  vite?: 'builds' | 'fails';
}

function layout(o: Layout): string {
  const root = mkdtempSync(join(tmpdir(), 'bin-fresh-'));
  dirs.push(root);
  const old = 1_600_000_000;
  const write = (path: string, text: string, at = old) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    utimesSync(join(root, path), at, at);
  };
  write('package.json', '{"type":"module"}\n');
  mkdirSync(join(root, 'bin'));
  for (const f of ['cxone-agent-tray.mjs', 'cli-build.mjs']) copyFileSync(join(BIN_DIR, f), join(root, 'bin', f));
  if (o.builtAt !== undefined) write('out/cli/cli.js', CLI_MODULE, o.builtAt);
  if (o.sourcesAt !== undefined) {
    write('cli.vite.config.ts', '// config\n');
    write('main/cli.ts', '// source\n');
    // Only a nested file is newer: the check must look inside folders.
    write('main/diagnostics/doctor.ts', '// source\n', o.sourcesAt);
    for (const d of ['main/diagnostics', 'main']) utimesSync(join(root, d), old, old);
  }
  if (o.vite) {
    write('node_modules/vite/package.json', '{"name":"vite","type":"module"}\n');
    write(
      'node_modules/vite/bin/vite.js',
      o.vite === 'builds'
        ? `import { mkdirSync, writeFileSync } from 'node:fs';\nwriteFileSync('vite-args.json', JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }));\nmkdirSync('out/cli', { recursive: true });\nwriteFileSync('out/cli/cli.js', ${JSON.stringify(CLI_MODULE)});\n`
        : "process.stderr.write('error during build: main/cli.ts: Unexpected token\\n'); process.exit(1);\n",
    );
  }
  return root;
}

const run = (root: string) => spawnSync(process.execPath, [join(root, 'bin/cxone-agent-tray.mjs'), 'doctor', '--demo'], { encoding: 'utf8', timeout: 20_000 });
const viteArgs = (root: string) => (existsSync(join(root, 'vite-args.json')) ? (JSON.parse(readFileSync(join(root, 'vite-args.json'), 'utf8')) as { args: string[]; cwd: string }) : null);
const T = 1_700_000_000;

describe('bin/cxone-agent-tray.mjs in a checkout', () => {
  it('builds the CLI on its first run in a fresh clone, then runs it', () => {
    const root = layout({ sourcesAt: T, vite: 'builds' });
    const r = run(root);
    expect(r.stderr).toMatch(/building the CLI from main\/ \(not built yet in this checkout\)/);
    expect(r.stdout).toBe('ran doctor --demo\n');
    expect(r.status).toBe(0);
    expect(viteArgs(root)).toEqual({ args: ['build', '--config', 'cli.vite.config.ts', '--logLevel', 'error'], cwd: root });
  });

  it('rebuilds when main/ changed after the build', () => {
    const root = layout({ builtAt: T, sourcesAt: T + 60, vite: 'builds' });
    const r = run(root);
    expect(r.stderr).toMatch(/the sources changed since the last build/);
    expect(r.stdout).toBe('ran doctor --demo\n');
    expect(viteArgs(root)).not.toBeNull();
  });

  it('runs the build as it is when it is newer than every source', () => {
    const root = layout({ builtAt: T, sourcesAt: T - 60, vite: 'builds' });
    const r = run(root);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'ran doctor --demo\n', '']);
    expect(viteArgs(root)).toBeNull();
  });

  it("shows the build's own error and exits 1 when the build fails", () => {
    const r = run(layout({ sourcesAt: T, vite: 'fails' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not be built[\s\S]*Unexpected token/);
    expect(r.stdout).toBe('');
  });

  it('a reader of stderr that is gone (`2>&1 | head -1` after the notice) does not stop the build or the run', () => {
    const root = layout({ sourcesAt: T, vite: 'builds' });
    // stderr is a pipe whose reader (`true`) has exited before node starts, so the build notice meets
    // EPIPE; stdout goes to a file. pipefail: the status is the bin's.
    const r = spawnSync('bash', ['-c', `set -o pipefail; (sleep 0.3; exec "${process.execPath}" bin/cxone-agent-tray.mjs doctor --demo 2>&1 >out.txt) | true`], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(join(root, 'out.txt'), 'utf8')).toBe('ran doctor --demo\n');
    expect(viteArgs(root)).not.toBeNull();
  });

  it('without vite: runs an older build with a warning, or names the commands when there is none', () => {
    const stale = run(layout({ builtAt: T, sourcesAt: T + 60 }));
    expect(stale.stdout).toBe('ran doctor --demo\n');
    expect(stale.stderr).toMatch(/older than the sources in main\/, so this runs the previous build/);
    const none = run(layout({ sourcesAt: T }));
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/the CLI is not built .* npm install, then npm run build:cli/);
  });
});

describe('bin/cxone-agent-tray.mjs installed (no sources)', () => {
  it('runs its build and never builds, whatever the times', () => {
    const root = layout({ builtAt: T, vite: 'builds' });
    const r = run(root);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'ran doctor --demo\n', '']);
    expect(viteArgs(root)).toBeNull();
  });
});
