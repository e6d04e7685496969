// One benchmark goal as written to bench/results.json. Every area's bench module returns a list of these.
export interface Goal {
  name: string;
  value: number;
  unit: string;
  /** Human statement of the goal, e.g. "<= 2x JSON.parse". */
  goal: string;
  /** The same-run baseline the value is compared with, when there is one. */
  baseline?: number;
  /** How far the rounds scattered, e.g. "p10–p90 281–350 ms over 15 runs", where the module reports it. */
  spread?: string;
  met: boolean;
}

/** One cell of the scaling table: one measure at one roster size, over several runs (issue 15). */
export interface ScalingRow {
  /** The bench area that measured it ('monitor', 'renderer', 'network', 'queues', …). */
  area: string;
  /** e.g. "100-change delta commit incl. layout". */
  measure: string;
  /** Roster size (agents) — or, for the queue bench, skills. */
  size: number;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** What an area's module returns: its goals, and optionally rows of the scaling table. */
export type BenchResult = Goal[] | { goals: Goal[]; scaling: ScalingRow[] };

/** The roster sizes of the scaling table: all four unless BENCH_SIZES (or `npm run bench -- --sizes=…`) names fewer for a trial run. */
export function benchSizes(): number[] {
  const all = [1_000, 10_000, 50_000, 100_000];
  const picked = process.env.BENCH_SIZES?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return picked?.length ? picked : all;
}

/** Runs per size: BENCH_RUNS may add runs, never go below 3 (a goal is judged on the worst of >= 3). */
export function benchRuns(): number {
  return Math.max(3, Math.floor(Number(process.env.BENCH_RUNS ?? 3)) || 3);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs fn `rounds` times after `warmup` runs and returns the median duration in milliseconds. */
export async function medianMs(fn: () => unknown, rounds = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}
