// The sources a fresh clone has, copied to a temp folder with this checkout's node_modules linked in.
// For tests that run the README's commands (`npm start`, `npm run preview:browser`): those build into
// out/, which other test files read at the same time, so they run in a copy of their own.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../..');

const SOURCES = ['main', 'preload', 'renderer', 'build', 'package.json', 'electron.vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json'];

export function freshCheckout(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-checkout-'));
  for (const entry of SOURCES) cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
