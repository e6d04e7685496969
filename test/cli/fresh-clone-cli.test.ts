// The command `npm start` and the README point a newcomer to — `npx cxone-agent-tray doctor --demo` —
// in a fresh clone (sources copied, node_modules linked, nothing built): the bin builds the CLI with
// the real vite and runs the doctor against the built-in demo tenant. Then a change to main/ is picked
// up on the next run.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../main/diagnostics/finding';
import { freshCheckout } from '../harness/fresh-checkout';

let clone: ReturnType<typeof freshCheckout>;
beforeAll(() => {
  clone = freshCheckout();
});
afterAll(() => clone.remove());

const doctor = () =>
  spawnSync(process.execPath, [join(clone.dir, 'bin/cxone-agent-tray.mjs'), 'doctor', '--demo', '--json'], {
    cwd: clone.dir,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, CXONE_ACCESS_TOKEN: '', NO_COLOR: '1' },
  });

describe('npx cxone-agent-tray doctor --demo in a fresh clone', () => {
  it('builds the CLI on first use and answers', () => {
    expect(existsSync(join(clone.dir, 'out/cli/cli.js'))).toBe(false);
    const r = doctor();
    expect(r.stderr).toContain('building the CLI from main/ (not built yet in this checkout)');
    expect(r.status, r.stderr).toBe(0);
    const report = doctorReportSchema.parse(JSON.parse(r.stdout));
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => f.code)).toContain('LIST_SUMMARY');
  }, 120_000);

  it('is quiet when nothing changed, and runs the changed code after a change to main/', () => {
    const quiet = doctor();
    expect([quiet.status, quiet.stderr]).toEqual([0, '']);
    // A change the rebuilt CLI shows: the entry module writes a marker when it loads.
    appendFileSync(join(clone.dir, 'main/cli.ts'), "\nprocess.stderr.write('marker: the changed source runs\\n');\n");
    const again = doctor();
    expect(again.stderr).toContain('the sources changed since the last build');
    expect(again.stderr).toContain('marker: the changed source runs');
    expect(again.status, again.stderr).toBe(0);
  }, 120_000);
});
