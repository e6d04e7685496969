#!/usr/bin/env node
// `npm test`: every check and every test runner, one summary line at the end.
//   prerequisites → typecheck → lint → build → vitest (inside a private D-Bus session with an unlocked
//   gnome-keyring) → Playwright renderer suite (system Chromium) → Playwright _electron suite (skips
//   itself where no Electron binary exists).
// Typecheck, lint and build count as one test each. The last line is `N passed, N failed, N skipped`;
// the tally (test/summary.mjs) counts every runner's exit code, so a crash never reads as a pass.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSummary, runCommand, runnerEnv } from './summary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const summary = createSummary();
const { count } = summary;
const env = runnerEnv({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: process.env.ELECTRON_OVERRIDE_DIST_PATH ?? '/nonexistent/electron-dist' });
const bin = (name) => join(root, 'node_modules', '.bin', name);

async function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n━━ ${label}: ${[cmd, ...args].join(' ')}`);
  const r = await runCommand(cmd, args, { cwd: root, env: { ...env, ...extraEnv } });
  console.log(`━━ ${label}: exit ${r.code ?? r.signal} in ${r.seconds.toFixed(1)} s`);
  return r;
}
const ok = (r) => r.code === 0;

// ── prerequisites ────────────────────────────────────────────────────────────────────────────────
const PREREQS = [
  // CHROMIUM_PATH: the browser Playwright is pointed at (test/harness/chromium.ts), if not Debian's.
  { what: 'Chromium', path: process.env.CHROMIUM_PATH || '/usr/bin/chromium', pkg: 'chromium' },
  { what: 'gnome-keyring', path: '/usr/bin/gnome-keyring-daemon', pkg: 'gnome-keyring' },
  { what: 'D-Bus session tools', path: '/usr/bin/dbus-run-session', pkg: 'dbus dbus-x11' },
  { what: 'libsecret', path: '/usr/lib/x86_64-linux-gnu/libsecret-1.so.0', pkg: 'libsecret-1-0' },
  // Unlocks the test keyring again after a test locked it (test/auth/fixtures/unlock-keyring.py).
  { what: 'Python D-Bus bindings', path: '/usr/lib/python3/dist-packages/dbus/__init__.py', pkg: 'python3-dbus' },
  // Makes the untrusted certificate a TLS failure test presents (test/unit/fetch-failure.test.ts).
  { what: 'OpenSSL', path: '/usr/bin/openssl', pkg: 'openssl' },
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
    console.error(`Missing test prerequisites: ${missing.map((p) => p.what).join(', ')}.\nInstall them with:\n  sudo sh -c '${command}'`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
}

// ── typecheck, lint, build ──────────────────────────────────────────────────────────────────────
count('typecheck', ok(await run('typecheck', bin('tsc'), ['-b', '--pretty', 'false'])));
count('lint', ok(await run('lint', bin('eslint'), ['--max-warnings', '0', '.'])));
// npm run build: the app (electron-vite) and the terminal command (out/cli).
const built = ok(await run('build', 'npm', ['run', '--silent', 'build']));
count('build', built);

// ── vitest (Node: core, integration, shell with the fake electron, packaging, boot) ───────────────
const vitestJson = join(results, 'vitest.json');
const vitest = await run('vitest', join(root, 'test/harness/with-keyring.sh'), [
  bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
]);
summary.addVitest('vitest', vitest, vitestJson);

// ── Playwright suites ─────────────────────────────────────────────────────────────────────────────
async function playwright(label, config, jsonFile) {
  if (!existsSync(join(root, config))) return;
  const r = await run(label, bin('playwright'), ['test', '--config', config], { PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile });
  summary.addPlaywright(label, r, jsonFile);
}
if (built) {
  await playwright('playwright (renderer in Chromium)', 'playwright.config.ts', join(results, 'playwright.json'));
  await playwright('playwright (_electron)', 'playwright.electron.config.ts', join(results, 'playwright-electron.json'));
} else {
  count('playwright (not run: the build failed)', false);
}

for (const line of summary.closingLines()) console.log(line);
process.exit(summary.exitCode());
