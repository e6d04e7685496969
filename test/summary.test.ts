// `npm test`'s tally (test/summary.mjs) over runners that really fail in the ways that once passed for
// green: a vitest whose worker is killed mid-test (a real nested vitest run of test/fixtures/
// crashing-vitest), a runner that writes half a report and exits 1, and one that reports every test
// passed but exits non-zero.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSummary, failureReason, runCommand as run, runnerEnv } from './summary.mjs';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'summary-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a fresh `npm test`, without the variables of the vitest running this test. */
function freshEnv(): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'));
  return runnerEnv({ ...base, CI: 'true' });
}

/** A fake runner: a real node process that writes `report` (verbatim) to `file`, prints, and exits. */
function fakeRunner(file: string, report: string, exit: number, say: string) {
  const script = `require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(report)}); console.error(${JSON.stringify(say)}); process.exit(${exit});`;
  return run(process.execPath, ['-e', script], { cwd: work, env: freshEnv(), echo: false, timeoutMs: 30_000 });
}

describe('npm test never reports a failure as a pass', () => {
  it('a vitest whose worker crashes mid-test: counted as failed, the unfinished tests named, exit 1', async () => {
    const json = join(work, 'crash.json');
    const vitest = await run(
      join(ROOT, 'node_modules/.bin/vitest'),
      ['run', '--root', 'test/fixtures/crashing-vitest', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`],
      { cwd: ROOT, env: freshEnv(), echo: false, timeoutMs: 120_000 },
    );
    // The crash as vitest shows it: exit 1, "Worker exited unexpectedly" — yet its JSON says success.
    expect(vitest.code).toBe(1);
    expect(vitest.output).toContain('Worker exited unexpectedly');
    // FORCE_COLOR=0 alone left vitest's colour codes in the CI log; runnerEnv's must not.
    expect(vitest.output).not.toContain('\u001b[');

    const s = createSummary();
    s.addVitest('vitest', vitest, json);
    const lines = s.closingLines();
    expect(lines.at(-1)).toBe('1 passed, 2 failed, 0 skipped');
    expect(s.failures).toEqual([
      'vitest: kills its worker (did not finish: Error: Worker exited unexpectedly)',
      'vitest: never runs to its end (did not finish: Error: Worker exited unexpectedly)',
    ]);
    expect(lines).toContain('Failed:');
    expect(s.exitCode()).toBe(1);
  });

  it('a runner that writes half a report and exits 1: one failure naming the unreadable report and the exit', async () => {
    const json = join(work, 'partial.json');
    const crashed = await fakeRunner(json, '{"numTotalTests":12,"numPassedTests":12,"testResults":[{"assertionRes', 1, 'Error: Worker exited unexpectedly');
    const s = createSummary();
    s.addVitest('vitest', crashed, json);
    expect(s.closingLines().at(-1)).toBe('0 passed, 1 failed, 0 skipped');
    expect(s.failures).toHaveLength(1);
    expect(s.failures[0]).toMatch(/^vitest: report unreadable: .*; exited 1 \(Error: Worker exited unexpectedly\)$/);
  });

  it('every test passed but the runner exited non-zero (an unhandled error): +1 failure "<runner>: exited N (reason)"', async () => {
    const json = join(work, 'passed.json');
    const report = { numTotalTests: 2, numPassedTests: 2, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: true, testResults: [] };
    const exited = await fakeRunner(json, JSON.stringify(report), 1, 'Vitest caught 1 unhandled error during the test run.\nUnhandled Rejection\nTypeError: boom is not a function');
    const s = createSummary();
    s.addVitest('vitest', exited, json);
    expect(s.closingLines().at(-1)).toBe('2 passed, 1 failed, 0 skipped');
    expect(s.failures).toEqual(['vitest: exited 1 (TypeError: boom is not a function)']);

    const pw = join(work, 'pw.json');
    const pwExited = await fakeRunner(pw, JSON.stringify({ stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 1 }, suites: [], errors: [] }), 2, 'Error: worker process exited unexpectedly (code=null, signal=SIGKILL)');
    const p = createSummary();
    p.addPlaywright('playwright', pwExited, pw);
    expect(p.closingLines().at(-1)).toBe('3 passed, 1 failed, 1 skipped');
    expect(p.failures).toEqual(['playwright: exited 2 (Error: worker process exited unexpectedly (code=null, signal=SIGKILL))']);
  });

  it('a clean run stays clean: exit 0, no Failed list', async () => {
    const json = join(work, 'clean.json');
    const report = { numTotalTests: 3, numPassedTests: 2, numFailedTests: 0, numPendingTests: 1, numTodoTests: 0, success: true, testResults: [] };
    const clean = await fakeRunner(json, JSON.stringify(report), 0, '');
    const s = createSummary();
    s.addVitest('vitest', clean, json);
    expect(s.closingLines()).toEqual(['', '2 passed, 0 failed, 1 skipped']);
    expect(s.exitCode()).toBe(0);
    expect(failureReason('')).toBe('no test was reported failed');
  });
});
