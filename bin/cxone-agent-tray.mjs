#!/usr/bin/env node
// `cxone-agent-tray`: runs the CLI built to JavaScript by `npm run build` (out/cli/cli.js, from
// main/cli.ts) — plain Node, no TypeScript loader, so it runs from an install without devDependencies.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('cxone-agent-tray: the CLI is not built (out/cli/cli.js is missing). In a checkout, run: npm run build\n');
  process.exit(1);
}

/** Newest modification time (ms) of a file, or of any file under a folder. */
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((t, entry) => Math.max(t, newest(join(path, entry))), st.mtimeMs);
}

// In a checkout (the sources sit beside the bin), a build older than the sources runs code that is no
// longer there: say so, rather than let a fix look as if it did nothing. An installed package has no
// main/ and is never stale.
const sources = fileURLToPath(new URL('../main', import.meta.url));
if (existsSync(join(sources, 'cli.ts')) && newest(sources) > statSync(built).mtimeMs) {
  process.stderr.write('cxone-agent-tray: out/cli is older than the sources in main/, so this runs the previous build. Rebuild it with: npm run build:cli (npm run cli -- … and npm run doctor -- … build it first)\n');
}

const { main } = await import(built.href);
await main(process.argv.slice(2));
