// Renderer benchmark (issue 5): in Chromium, the tray's virtualized list vs a naive non-virtualized
// list on the same 10,000 agents — initial render, and a delta of 100 changes. Each number is the
// median wall time of one synchronous React flush (render + commit + layout effects) measured in the
// page; the bench page is built here with Vite and never shipped.
import react from '@vitejs/plugin-react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../test/harness/chromium';
import { serveStatic } from '../main/preview/static-files';
import { median, type Goal } from './goal';

const AGENTS = 10_000;
const CHANGES = 100;
const ROUNDS = 21;
const MOUNTS = 7;

interface PageBench {
  reset(n: number): void;
  mountVirtual(): number;
  mountBaseline(): number;
  deltaVirtual(changes: number): number;
  deltaBaseline(changes: number): number;
  rowsInDom(): number;
}

export async function run(): Promise<Goal[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'renderer-bench-'));
  const root = fileURLToPath(new URL('./renderer-page/', import.meta.url));
  await build({ configFile: false, root, base: './', logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true } });
  const server = await serveStatic(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 380, height: 620 } });
    await page.goto(`${server.url}index.html`);
    await page.waitForFunction(() => 'rendererBench' in globalThis);
    // Runs one bench method in the page (the page's own API; typed here, not by the DOM lib).
    const call = <K extends keyof PageBench>(method: K, ...args: Parameters<PageBench[K]>) =>
      page.evaluate(
        ([m, a]) => {
          const b = (globalThis as unknown as { rendererBench: Record<string, (...x: unknown[]) => unknown> }).rendererBench;
          return b[m as string]!(...(a as unknown[]));
        },
        [method, args] as const,
      ) as Promise<ReturnType<PageBench[K]>>;

    const measure = async (mount: 'mountVirtual' | 'mountBaseline', delta: 'deltaVirtual' | 'deltaBaseline') => {
      const mounts: number[] = [];
      for (let i = 0; i < MOUNTS; i++) {
        await call('reset', AGENTS);
        mounts.push(await call(mount));
      }
      const rows = await call('rowsInDom');
      for (let i = 0; i < 3; i++) await call(delta, CHANGES); // warm-up
      const deltas: number[] = [];
      for (let i = 0; i < ROUNDS; i++) deltas.push(await call(delta, CHANGES));
      return { mount: median(mounts), delta: median(deltas), rows };
    };

    const virtual = await measure('mountVirtual', 'deltaVirtual');
    const baseline = await measure('mountBaseline', 'deltaBaseline');
    if (virtual.rows > 100 || baseline.rows !== AGENTS) throw new Error(`unexpected DOM rows: virtual ${virtual.rows}, baseline ${baseline.rows}`);
    const speedup = baseline.delta / virtual.delta;
    return [
      {
        name: 'renderer: initial render of 10,000 agents (virtualized list)',
        value: virtual.mount,
        unit: 'ms',
        goal: '<= 150 ms',
        baseline: baseline.mount,
        met: virtual.mount <= 150,
      },
      {
        name: 'renderer: delta of 100 changes on 10,000 agents (median flush)',
        value: virtual.delta,
        unit: 'ms',
        goal: '<= 8 ms',
        baseline: baseline.delta,
        met: virtual.delta <= 8,
      },
      {
        name: 'renderer: delta speed-up vs non-virtualized list',
        value: speedup,
        unit: 'x',
        goal: '>= 10x faster than the baseline',
        baseline: baseline.delta,
        met: speedup >= 10,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
