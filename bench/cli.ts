// CLI start-up (issue 10): `cxone-agent-tray --help` through the bin, which runs the CLI built to
// JavaScript (out/cli), against a bare `node -e 0` measured in the same run. Both are child processes
// spawned alternately, so load on this shared machine hits both alike; the goal is the ratio of medians.
import { spawnSync } from 'node:child_process';
import { ensureCliBuilt, ROOT } from '../test/packaging/build-once';
import { median, type Goal } from './goal';

const ROUNDS = 15;
const WARMUP = 3;
const GOAL_RATIO = 3;

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

/** p10–p90 of the rounds: how much this machine's noise moved the numbers. */
function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
  return `p10–p90 ${at(0.1).toFixed(0)}–${at(0.9).toFixed(0)} ms, ${s.length} runs`;
}

export async function run(): Promise<Goal[]> {
  await ensureCliBuilt();
  const help = ['bin/cxone-agent-tray.mjs', '--help'];
  const bare = ['-e', '0'];
  const helpMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const h = timeOnce(help);
    const b = timeOnce(bare);
    if (i < WARMUP) continue;
    helpMs.push(h);
    bareMs.push(b);
  }
  const helpMedian = median(helpMs);
  const bareMedian = median(bareMs);
  const ratio = helpMedian / bareMedian;
  return [
    {
      name: 'cli: cxone-agent-tray --help start-up vs node -e 0 (medians)',
      value: ratio,
      unit: 'x',
      goal: `<= ${GOAL_RATIO}x node -e 0`,
      baseline: bareMedian,
      spread: `--help ${helpMedian.toFixed(0)} ms (${spread(helpMs)}); node -e 0 ${bareMedian.toFixed(0)} ms (${spread(bareMs)})`,
      met: ratio <= GOAL_RATIO,
    },
  ];
}
