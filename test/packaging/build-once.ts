// Builds out/ with electron-vite when it is missing or older than the sources, once, even when the boot
// and packaging test files run in parallel workers (a lock folder serializes them). `npm test` builds
// before vitest, so there this is a no-op.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const SOURCES = ['main', 'preload', 'renderer', 'electron.vite.config.ts', 'package.json'];
const ENTRY = join(ROOT, 'out/main/index.js');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(ENTRY)) return false;
  const built = statSync(ENTRY).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(ROOT, s)) <= built);
}

export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, 'node_modules/.cache/electron-vite-build.lock');
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  // Bounded wait for a build another worker is running (a stale lock older than 3 min is taken over).
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 1_800 || Date.now() - statSync(lock).mtimeMs > 180_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (isFresh()) return;
    const r = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    if (r.status !== 0) throw new Error(`electron-vite build failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
