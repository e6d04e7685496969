// The tally behind `npm test`'s closing line (test/run-all.mjs), kept apart so a test can run it over
// a runner that crashes (test/summary.test.ts). Nothing may pass for a pass that is not one: a runner's
// non-zero exit, a crashed worker, an unhandled error, an unreadable report and a test that never
// finished each count as a failure and are named in the "Failed:" list.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

/**
 * The environment runners get: no colour codes in a CI log. NO_COLOR is the one every runner honours:
 * vitest's colour library (tinyrainbow) and picocolors treat any FORCE_COLOR, even "0", as "force
 * colour on", and tinyrainbow assumes a terminal unless FORCE_TTY=false. FORCE_COLOR is dropped, not
 * set to 0: beside NO_COLOR, Node warns on every child that one of them is ignored.
 */
export function runnerEnv(base = process.env) {
  const { FORCE_COLOR: _ignored, ...rest } = base;
  return { ...rest, NO_COLOR: '1' };
}

/** Runs a command, streaming its output through, and resolves to its exit and its output. */
export function runCommand(cmd, args, { cwd, env, echo = true, timeoutMs = 30 * 60_000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (stream, sink) =>
      child[stream].on('data', (d) => {
        output += d.toString();
        if (echo) sink.write(d);
      });
    take('stdout', process.stdout);
    take('stderr', process.stderr);
    // Bounded: a hung runner is killed and reported, never waited for forever.
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      output += `\n${err.message}\n`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The line of a runner's output that best says why it failed (a crashed worker first). */
export function failureReason(output) {
  const lines = stripVTControlCharacters(output).split('\n').map((l) => l.trim()).filter(Boolean);
  const crash = lines.find((l) => /Worker exited unexpectedly|exited unexpectedly|Segmentation fault|out of memory/i.test(l));
  if (crash) return crash.replace(/^Caused by:\s*/, '');
  const unhandled = lines.findIndex((l) => /Unhandled (Error|Rejection)/.test(l));
  if (unhandled >= 0) return lines.slice(unhandled).find((l) => /Error\b.*:/.test(l) && !/Unhandled/.test(l)) ?? lines[unhandled];
  return lines.findLast((l) => /\bError\b/.test(l)) ?? 'no test was reported failed';
}

/** `exit 1` or `killed by SIGKILL`. */
const exitWords = (r) => (r.code === null ? `killed by ${r.signal}` : `exited ${r.code}`);

function readJson(file) {
  if (!existsSync(file)) return { report: null, problem: 'no report written' };
  try {
    return { report: JSON.parse(readFileSync(file, 'utf8')), problem: null };
  } catch (err) {
    return { report: null, problem: `report unreadable: ${err.message.split('\n')[0]}` };
  }
}

export function createSummary() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];
  const flaky = [];

  function fail(label, n = 1) {
    totals.failed += n;
    failures.push(label);
  }

  /** A step that is one test (typecheck, lint, build). */
  function count(label, ok) {
    if (ok) totals.passed++;
    else fail(label);
  }

  /** After a runner's own tally: its exit code still counts when nothing else it reported failed. */
  function checkExit(label, run, failedBefore) {
    if ((run.code !== 0 || run.signal) && totals.failed === failedBefore) fail(`${label}: ${exitWords(run)} (${failureReason(run.output)})`);
  }

  /** A vitest run: its JSON report (--reporter=json) and its exit. */
  function addVitest(label, run, reportFile) {
    const before = totals.failed;
    const { report: v, problem } = readJson(reportFile);
    if (!v) {
      fail(`${label}: ${problem}; ${exitWords(run)} (${failureReason(run.output)})`);
      return;
    }
    totals.passed += v.numPassedTests ?? 0;
    totals.failed += v.numFailedTests ?? 0;
    totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    const unfinished = [];
    for (const file of v.testResults ?? []) {
      const tests = file.assertionResults ?? [];
      for (const t of tests) {
        if (t.status === 'failed') failures.push(`${label}: ${t.fullName}`);
        // "pending" is a test that started or was queued and never ended (skipped ones say "skipped").
        if (t.status === 'pending') unfinished.push(t.fullName);
      }
      // A file that failed to load has no assertions but must still count as a failure.
      if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) fail(`${label}: ${file.name} (${(file.message ?? '').split('\n')[0]})`);
    }
    const accounted = (v.numPassedTests ?? 0) + (v.numFailedTests ?? 0) + (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    const missing = Math.max(unfinished.length, (v.numTotalTests ?? 0) - accounted);
    if (missing > 0) {
      const why = failureReason(run.output);
      for (const name of unfinished) fail(`${label}: ${name} (did not finish: ${why})`);
      if (missing > unfinished.length) fail(`${label}: ${missing - unfinished.length} more test(s) did not finish (${why})`, missing - unfinished.length);
    }
    if (v.success === false && totals.failed === before) fail(`${label}: reported success: false (${failureReason(run.output)})`);
    checkExit(label, run, before);
  }

  /** Titles of tests that failed first and passed on a retry (Playwright's "flaky"). */
  function flakyTitles(suites, prefix = []) {
    const out = [];
    for (const suite of suites) {
      const path = suite.title ? [...prefix, suite.title] : prefix;
      for (const spec of suite.specs ?? []) {
        if ((spec.tests ?? []).some((t) => t.status === 'flaky')) out.push([...path, spec.title].join(' › '));
      }
      out.push(...flakyTitles(suite.suites ?? [], path));
    }
    return out;
  }

  /** A Playwright run: its JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) and its exit. */
  function addPlaywright(label, run, reportFile) {
    const before = totals.failed;
    const { report, problem } = readJson(reportFile);
    if (!report) {
      fail(`${label}: ${problem}; ${exitWords(run)} (${failureReason(run.output)})`);
      return;
    }
    const s = report.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    for (const title of flakyTitles(report.suites ?? [])) flaky.push(`${label}: ${title}`);
    totals.skipped += s.skipped ?? 0;
    if (s.unexpected) fail(`${label}: ${s.unexpected} failed`, s.unexpected);
    if ((report.errors ?? []).length && !s.unexpected) fail(`${label}: ${report.errors[0].message?.split('\n')[0]}`);
    checkExit(label, run, before);
  }

  /** The closing block; its last line is exactly `N passed, N failed, N skipped`. */
  function closingLines() {
    const lines = [];
    if (flaky.length) lines.push('', 'Passed only on a retry (flaky — look into these):', ...flaky.map((f) => `  - ${f}`));
    if (failures.length) lines.push('', 'Failed:', ...failures.map((f) => `  - ${f}`));
    lines.push('', `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    return lines;
  }

  return { totals, failures, flaky, count, addVitest, addPlaywright, closingLines, exitCode: () => (totals.failed ? 1 : 0) };
}
