// `npm run audit`: the fuzz targets with 10,000 cases each, then Electronegativity (test/audit/*).
// Prints one summary line per test file; exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = process.env.AUDIT_RUNS ?? '10000';
console.log(`audit: fast-check with ${runs} cases per target, then Electronegativity`);
const r = spawnSync('npx', ['vitest', 'run', 'test/audit', '--reporter', 'verbose', '--testTimeout', '1800000'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AUDIT_RUNS: runs },
});
process.exit(r.status ?? 1);
