// The monitor bench's goals as printed and written to bench/results.json: a goal is met only when every
// run met it, and what a goal is shown beside says what it is — a baseline from before issue 15, or the
// first hour of the same code (not a baseline).
import { describe, expect, it } from 'vitest';
import { M, monitorGoals } from '../../bench/monitor-goals';
import type { ScalingRow } from '../../bench/goal';

const cell = (measure: string, size: number, unit: string, min: number, median: number, max: number): ScalingRow => ({ area: 'monitor', measure, size, unit, min, median, max, runs: 3 });

describe('monitorGoals', () => {
  const rows = [
    cell(M.deltaProjected, 100_000, 'x', 1.9, 1.95, 2.1),
    cell(M.deltaProjectedFirst, 100_000, 'x', 3.5, 3.8, 3.9),
    cell(M.blockApp, 100_000, 'ms', 20, 24, 35),
    cell(M.blockBefore, 100_000, 'ms', 1800, 1845, 1900),
  ];
  const goals = monitorGoals(rows);
  const named = (start: string) => goals.find((g) => g.name.startsWith(start))!;

  it('shows the delta poll beside its first hour, which is not a baseline', () => {
    const g = named('monitor: delta poll, 100000 agents, fresh 1 % churn, fields projection');
    expect(g.unit).toBe('x (first hour: 3.80 x)');
    expect(g).not.toHaveProperty('baseline');
    expect(g.unit).not.toContain('before');
  });

  it('keeps a baseline from before issue 15 as such', () => {
    const g = named('monitor: longest block (main-thread CPU');
    expect(g.unit).toBe('ms (before: 1845 ms)');
    expect(g.baseline).toBe(1845);
    expect(g.met).toBe(true);
  });

  it('counts a goal as met only when the worst run met it, and leaves out measures not run', () => {
    expect(named('monitor: delta poll, 100000 agents, fresh 1 % churn, fields projection').met).toBe(false); // median 1.95, one run 2.1
    expect(goals.map((g) => g.name)).toHaveLength(2);
  });
});
