#!/usr/bin/env node
// `cxone-agent-tray`: runs the CLI built to JavaScript by `npm run build` (out/cli/cli.js, from
// main/cli.ts) — plain Node, no TypeScript loader, so it runs from an install without devDependencies.
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/cli.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('cxone-agent-tray: the CLI is not built (out/cli/cli.js is missing). In a checkout, run: npm run build\n');
  process.exit(1);
}
const { main } = await import(built.href);
await main(process.argv.slice(2));
