// When the CLI's build (out/cli/cli.js) is older than what it is built from — shared by the bin, which
// rebuilds it in a checkout, and the tests' build-once helper, so both judge "stale" the same way.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the CLI's build reads, relative to the package root. */
export const CLI_SOURCES = ['main', 'cli.vite.config.ts', 'package.json'];

/** Newest modification time (ms) of a file, or of any file under a folder (node_modules left out); 0 when it does not exist. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `built` (a file) is missing or older than any of `sources` under `root`. */
export function isStale(root, built, sources) {
  if (!existsSync(built)) return true;
  const at = statSync(built).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > at);
}
