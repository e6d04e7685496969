// Builds the end-to-end variant of the app — with the test-only hook compiled in — into out-e2e/, so
// the production build in out/ stays free of it. Skipped (with one line) where no Electron can run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary';

export const E2E_OUT = join(import.meta.dirname, '../../out-e2e');

export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (!binary.path) {
    console.log(`_electron suite skipped: ${binary.reason}`);
    return;
  }
  const root = join(import.meta.dirname, '../..');
  const r = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--outDir', E2E_OUT], {
    cwd: root,
    env: { ...process.env, MAIN_VITE_E2E_HOOK: '1' },
    stdio: 'inherit',
    timeout: 240_000,
  });
  if (r.status !== 0) throw new Error(`electron-vite build of the e2e variant failed (${r.status ?? r.signal})`);
}
