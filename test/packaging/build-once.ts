// Builds out/ with electron-vite (the app) or vite (the CLI, out/cli) when it is missing or older than
// the sources, once, even when test files run in parallel workers (a lock folder serializes them).
// `npm test` builds before vitest, so there this is a no-op.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_SOURCES, isStale } from '../../bin/cli-build.mjs';

export const ROOT = join(import.meta.dirname, '../..');

interface Build {
  sources: string[];
  entry: string;
  command: [string, string[]];
}
const APP: Build = {
  sources: ['main', 'preload', 'renderer', 'electron.vite.config.ts', 'package.json'],
  entry: join(ROOT, 'out/main/index.js'),
  command: [join(ROOT, 'node_modules/.bin/electron-vite'), ['build']],
};
const CLI: Build = {
  sources: CLI_SOURCES,
  entry: join(ROOT, 'out/cli/cli.js'),
  command: [join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'cli.vite.config.ts']],
};

const isFresh = (b: Build): boolean => !isStale(ROOT, b.entry, b.sources);

/** The Electron app's bundles (out/main, out/preload, out/renderer). */
export const ensureBuilt = () => ensureFresh(APP);
/** The terminal command's bundle (out/cli), what the bin runs. */
export const ensureCliBuilt = () => ensureFresh(CLI);

async function ensureFresh(b: Build): Promise<void> {
  await withBuildLock(async () => {
    if (isFresh(b)) return;
    const r = spawnSync(b.command[0], b.command[1], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    if (r.status !== 0) throw new Error(`${b.command[1].join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  });
}

/**
 * Runs fn while no other test worker builds or packs out/: whatever writes out/ (a build, `npm run
 * doctor`, which rebuilds the CLI) or reads it whole (`npm pack`) holds this lock.
 */
export async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
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
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
