#!/usr/bin/env node
// `cxone-agent-tray`: runs the CLI built to JavaScript (out/cli/cli.js, from main/cli.ts) — plain Node,
// no TypeScript loader, so it runs from an install without devDependencies.
//
// In a checkout (the sources sit beside the bin) it first builds that file when it is missing or older
// than the sources (vite, about 2 s): the README's and `npm start`'s `npx cxone-agent-tray doctor
// --demo` must work in a fresh clone, and a build older than the sources runs code that is no longer
// there — a fix would look as if it did nothing. An installed package has no sources and never builds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_SOURCES, isStale } from './cli-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'out/cli/cli.js');

/** vite's command-line script in this checkout, or null (installed without devDependencies). */
function viteScript() {
  try {
    return join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  } catch {
    return null;
  }
}

// A closed stderr (`… 2>&1 | head -1`) must not crash the build notice below: the CLI's main() then
// stops its own messages the same way.
process.stderr.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
});

const checkout = existsSync(join(root, 'main/cli.ts'));
const missing = !existsSync(built);
if (checkout && isStale(root, built, CLI_SOURCES)) {
  const vite = viteScript();
  if (vite) {
    process.stderr.write(`cxone-agent-tray: building the CLI from main/ (${missing ? 'not built yet in this checkout' : 'the sources changed since the last build'})…\n`);
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'cli.vite.config.ts', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(`cxone-agent-tray: the CLI could not be built (npm run build:cli shows the same):\n${r.stdout ?? ''}${r.stderr ?? ''}\n`);
      process.exit(1);
    }
  } else if (!missing) {
    process.stderr.write('cxone-agent-tray: out/cli is older than the sources in main/, so this runs the previous build (vite is not installed to rebuild it: npm install, then run this again).\n');
  }
}
if (!existsSync(built)) {
  process.stderr.write('cxone-agent-tray: the CLI is not built (out/cli/cli.js is missing). In a checkout, run: npm install, then npm run build:cli\n');
  process.exit(1);
}

const { main } = await import(pathToFileURL(built).href);
await main(process.argv.slice(2));
