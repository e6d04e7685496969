// The sources a fresh clone has, copied to a temp folder with this checkout's node_modules linked in.
// For tests that run the README's commands (`npm start`, `npm run preview:browser`): those build into
// out/, which other test files read at the same time, so they run in a copy of their own.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../..');

const SOURCES = ['main', 'preload', 'renderer', 'build', 'bin', 'package.json', 'electron.vite.config.ts', 'cli.vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json'];

/**
 * `ownPackages` are copied instead of linked, for a test that lets a package change itself (Electron's
 * installer unpacks into node_modules/electron/dist) without touching this checkout.
 */
export function freshCheckout(opts: { ownPackages?: string[] } = {}): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-checkout-'));
  for (const entry of SOURCES) cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  const own = new Set(opts.ownPackages ?? []);
  if (own.size === 0) {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } else {
    mkdirSync(join(dir, 'node_modules'));
    for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
      const from = join(REPO_ROOT, 'node_modules', name);
      if (own.has(name)) cpSync(from, join(dir, 'node_modules', name), { recursive: true });
      else symlinkSync(from, join(dir, 'node_modules', name));
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
