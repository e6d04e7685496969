// The bin (bin/cxone-agent-tray.mjs) in a checkout warns when out/cli is older than main/, and runs the
// build either way; an installed package (no main/) never warns. Run as a real child process on a copy
// of the bin beside a stand-in build (a module whose main() prints what it was given).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/cxone-agent-tray.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A package folder: bin/, out/cli/cli.js built at `builtAt` (s), and main/ changed at `sourcesAt` (s) when given. */
function layout(o: { builtAt: number; sourcesAt?: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'bin-fresh-'));
  dirs.push(root);
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  mkdirSync(join(root, 'bin'));
  copyFileSync(BIN, join(root, 'bin/cxone-agent-tray.mjs'));
  mkdirSync(join(root, 'out/cli'), { recursive: true });
  const cli = join(root, 'out/cli/cli.js');
  writeFileSync(cli, "export function main(args) { process.stdout.write('ran ' + args.join(' ') + '\\n'); }\n");
  utimesSync(cli, o.builtAt, o.builtAt);
  if (o.sourcesAt !== undefined) {
    mkdirSync(join(root, 'main/diagnostics'), { recursive: true });
    for (const f of ['main/cli.ts', 'main/diagnostics/doctor.ts']) writeFileSync(join(root, f), '// source\n');
    // Only the nested file is newer: the check must look inside folders.
    utimesSync(join(root, 'main/cli.ts'), o.builtAt - 100, o.builtAt - 100);
    utimesSync(join(root, 'main/diagnostics/doctor.ts'), o.sourcesAt, o.sourcesAt);
    utimesSync(join(root, 'main/diagnostics'), o.builtAt - 100, o.builtAt - 100);
    utimesSync(join(root, 'main'), o.builtAt - 100, o.builtAt - 100);
  }
  return root;
}

const run = (root: string) => spawnSync(process.execPath, [join(root, 'bin/cxone-agent-tray.mjs'), 'doctor', '--demo'], { encoding: 'utf8', timeout: 20_000 });
const T = 1_700_000_000;

describe('bin/cxone-agent-tray.mjs and the age of its build', () => {
  it('warns in a checkout whose main/ changed after the build, and still runs the build', () => {
    const r = run(layout({ builtAt: T, sourcesAt: T + 60 }));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ran doctor --demo\n');
    expect(r.stderr).toMatch(/out\/cli is older than the sources in main\/.*npm run build:cli/);
  });

  it('says nothing when the build is newer than every source', () => {
    const r = run(layout({ builtAt: T, sourcesAt: T - 60 }));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ran doctor --demo\n');
    expect(r.stderr).toBe('');
  });

  it('says nothing in an installed package, which has no main/', () => {
    const r = run(layout({ builtAt: T }));
    expect(r.stdout).toBe('ran doctor --demo\n');
    expect(r.stderr).toBe('');
  });

  it('names the build command when there is no build at all', () => {
    const root = layout({ builtAt: T, sourcesAt: T - 60 });
    rmSync(join(root, 'out'), { recursive: true });
    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the CLI is not built .* npm run build/);
  });
});
