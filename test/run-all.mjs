#!/usr/bin/env node
// `npm test`: every check and every test runner, one summary line at the end.
//   prerequisites → typecheck → lint → build → vitest (inside a private D-Bus session with an unlocked
//   gnome-keyring) → Playwright renderer suite (system Chromium) → Playwright _electron suite (skips
//   itself where no Electron binary exists).
// Typecheck, lint and build count as one test each. The last line is `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const flaky = [];
const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: process.env.ELECTRON_OVERRIDE_DIST_PATH ?? '/nonexistent/electron-dist', FORCE_COLOR: '0' };
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n━━ ${label}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(`━━ ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function count(label, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

// ── prerequisites ────────────────────────────────────────────────────────────────────────────────
const PREREQS = [
  { what: 'Chromium', path: '/usr/bin/chromium', pkg: 'chromium' },
  { what: 'gnome-keyring', path: '/usr/bin/gnome-keyring-daemon', pkg: 'gnome-keyring' },
  { what: 'D-Bus session tools', path: '/usr/bin/dbus-run-session', pkg: 'dbus dbus-x11' },
  { what: 'libsecret', path: '/usr/lib/x86_64-linux-gnu/libsecret-1.so.0', pkg: 'libsecret-1-0' },
];
const missing = PREREQS.filter((p) => !existsSync(p.path) && !(p.pkg === 'libsecret-1-0' && process.arch !== 'x64'));
if (missing.length) {
  const pkgs = missing.map((p) => p.pkg).join(' ');
  const command = `apt-get update && apt-get install -y ${pkgs}`;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing missing test prerequisites (${missing.map((p) => p.what).join(', ')}): ${command}`);
    const ok = spawnSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' }).status === 0;
    if (!ok) {
      console.error(`Could not install: ${pkgs}`);
      console.log('0 passed, 1 failed, 0 skipped');
      process.exit(1);
    }
  } else {
    console.error(`Missing test prerequisites: ${missing.map((p) => p.what).join(', ')}.\nInstall them with:\n  sudo ${command}`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
}

// ── typecheck, lint, build ──────────────────────────────────────────────────────────────────────
count('typecheck', run('typecheck', bin('tsc'), ['-b', '--pretty', 'false']));
count('lint', run('lint', bin('eslint'), ['--max-warnings', '0', '.']));
const built = run('build', bin('electron-vite'), ['build']);
count('build', built);

// ── vitest (Node: core, integration, shell with the fake electron, packaging, boot) ───────────────
const vitestJson = join(results, 'vitest.json');
run('vitest', join(root, 'test/harness/with-keyring.sh'), [
  bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  for (const file of v.testResults ?? []) {
    for (const t of file.assertionResults ?? []) if (t.status === 'failed') failures.push(`vitest: ${t.fullName}`);
    // A file that failed to load has no assertions but must still count as a failure.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      totals.failed++;
      failures.push(`vitest: ${file.name} (${(file.message ?? '').split('\n')[0]})`);
    }
  }
} else count('vitest (no report written)', false);

// ── Playwright suites ─────────────────────────────────────────────────────────────────────────────
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

function playwright(label, config, jsonFile) {
  if (!existsSync(join(root, config))) return;
  run(label, bin('playwright'), ['test', '--config', config], { PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile });
  if (!existsSync(jsonFile)) return count(`${label} (no report written)`, false);
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const s = report.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  for (const title of flakyTitles(report.suites ?? [])) flaky.push(`${label}: ${title}`);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  if (s.unexpected) failures.push(`${label}: ${s.unexpected} failed`);
  if ((report.errors ?? []).length && !s.unexpected) count(`${label}: ${report.errors[0].message?.split('\n')[0]}`, false);
}
if (built) {
  playwright('playwright (renderer in Chromium)', 'playwright.config.ts', join(results, 'playwright.json'));
  playwright('playwright (_electron)', 'playwright.electron.config.ts', join(results, 'playwright-electron.json'));
} else {
  count('playwright (not run: the build failed)', false);
}

if (flaky.length) {
  console.log('\nPassed only on a retry (flaky — look into these):');
  for (const f of flaky) console.log(`  - ${f}`);
}
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
