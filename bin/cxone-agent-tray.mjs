#!/usr/bin/env node
// Runs the TypeScript CLI straight from a checkout (after `npm install`, no build): tsx's ESM loader
// compiles main/cli.ts on the fly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli.ts');
await main(process.argv.slice(2));
