// Where the bench's time goes, and a sign of life: every phase (building bodies, a measure, a
// baseline, a child process, the page build…) prints one line with the bench's elapsed time, and the
// table of phases is printed at the end and written to bench/results.json, so a slow bench shows why.
// The timer wraps whole phases only — never anything inside a timed region.
import { median } from './goal';

export interface PhaseTime {
  area: string;
  phase: string;
  /** Roster size (agents), when the phase has one. */
  size?: number;
  ms: number;
}

const times: PhaseTime[] = [];

/** mm:ss since the bench process started. */
export function elapsed(): string {
  const s = Math.round(performance.now() / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function progress(line: string): void {
  process.stdout.write(`[${elapsed()}] ${line}\n`);
}

const label = (area: string, phase: string, size?: number) => `${area}${size === undefined ? '' : ` ${size.toLocaleString('en')}`}: ${phase}`;

/** Runs one phase, records its wall time and prints it. */
export async function phase<T>(area: string, name: string, size: number | undefined, fn: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  record(area, name, size, performance.now() - t0);
  return out;
}

/** Records a phase timed elsewhere (e.g. a child process's own figure). */
export function record(area: string, name: string, size: number | undefined, ms: number): void {
  times.push({ area, phase: name, ...(size === undefined ? {} : { size }), ms });
  progress(`${label(area, name, size)} ${(ms / 1000).toFixed(1)} s`);
}

/**
 * A rough "time left" for a loop of steps whose cost grows with a weight (e.g. the roster size):
 * the area's elapsed time per unit of weight done so far, times the weight still to do.
 */
export function eta(totalWeight: number): (doneWeight: number) => string {
  const t0 = performance.now();
  let done = 0;
  return (w) => {
    done += w;
    const left = ((performance.now() - t0) / done) * (totalWeight - done);
    return done >= totalWeight ? 'done' : `~${Math.max(1, Math.round(left / 60_000))} min left here`;
  };
}

/** One row of the phase table: a phase summed per area and size. */
export interface PhaseRow {
  area: string;
  phase: string;
  size?: number;
  count: number;
  totalS: number;
  medianS: number;
}

/** How many phases have been recorded so far (a start for phaseTable, to take one area's phases). */
export function phaseCount(): number {
  return times.length;
}

/** The phases recorded from the `from`-th on, summed per area, phase and size: how often each ran and what it cost in all. */
export function phaseTable(from = 0): PhaseRow[] {
  const groups = new Map<string, PhaseTime[]>();
  for (const t of times.slice(from)) {
    const key = `${t.area}\u0000${t.phase}\u0000${t.size ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()].map((g) => {
    const ms = g.map((t) => t.ms);
    return {
      area: g[0]!.area,
      phase: g[0]!.phase,
      ...(g[0]!.size === undefined ? {} : { size: g[0]!.size }),
      count: g.length,
      totalS: +(ms.reduce((a, b) => a + b, 0) / 1000).toFixed(2),
      medianS: +(median(ms) / 1000).toFixed(2),
    };
  });
}
