// The monitor bench's goals (issue 15), judged from its scaling table: the measures' names, and which
// of them is a goal, with what limit and beside what. Apart from bench/monitor.ts so its labels are tested.
import type { Goal, ScalingRow } from './goal';

/** The monitor bench's measures (their names are the scaling table's keys). */
export const M = {
  deltaProjected: 'delta poll ÷ JSON.parse, fresh 1 % churn (fields projection: what the app receives)',
  deltaFull: 'delta poll ÷ JSON.parse, fresh 1 % churn (all 29 fields)',
  deltaProjectedFirst: "delta poll ÷ JSON.parse, first hour: most changes are an agent's first (fields projection)",
  deltaFullFirst: "delta poll ÷ JSON.parse, first hour: most changes are an agent's first (all 29 fields)",
  deltaReadOnly: 'the floor under the delta poll: reading alone (JSON.parse + items read, no merge) ÷ JSON.parse (fields projection)',
  blockApp: 'longest block reading a full list, main-thread CPU between loop turns (pages of 1000 + sliced merge)',
  blockBefore: 'longest block reading a full list, main-thread CPU between loop turns, before (one body, one-go merge)',
  blockAppWall: 'longest event-loop delay reading a full list, wall incl. CPU wait (pages of 1000 + sliced merge)',
  blockBeforeWall: 'longest event-loop delay reading a full list, wall incl. CPU wait, before (one body, one-go merge)',
  snapshotReply: 'the renderer snapshot in parts: the costliest reply (take + IPC serialization), CPU',
  snapshotReplyBefore: 'the renderer snapshot as one reply of every agent (before), CPU of its serialization',
  memNow: 'roster with a full 20-change history (heap + buffers)',
  memBefore: 'roster with a full 20-change history, before issue 15',
  netRatio: 'body bytes/min at 1 % churn ÷ lower bound',
  netBytes: 'body bytes/min at 1 % churn',
  netBeforeRatio: 'body bytes/min at 1 % churn ÷ lower bound, before (no projection, resync every 5 min)',
} as const;

export const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

/** The goals, from the scaling table's rows (a goal whose measure was not run at that size is left out). */
export function monitorGoals(scaling: readonly ScalingRow[]): Goal[] {
  const row = (measure: string, size: number) => scaling.find((x) => x.measure === measure && x.size === size);
  const spread = (x: ScalingRow) => `min–max ${fmt(x.min)}–${fmt(x.max)} over ${x.runs} runs`;
  /**
   * `compared`: the same figure measured another way in this run — 'before' (the code before issue 15:
   * a baseline, written to results.json as such) or 'first hour' (the delta poll while most changes are
   * an agent's first; shown beside the goal, not a baseline: the ratio's baseline is JSON.parse itself).
   */
  const goal = (measure: string, size: number, limit: number, goalText: string, name: string, compared?: ScalingRow, as: 'before' | 'first hour' = 'before'): Goal[] => {
    const x = row(measure, size);
    if (!x) return [];
    return [{
      name,
      value: x.median,
      unit: x.unit + (compared ? ` (${as}: ${fmt(compared.median)} ${compared.unit})` : ''),
      goal: `${goalText} in every run`,
      ...(compared && as === 'before' ? { baseline: compared.median } : {}),
      spread: spread(x),
      met: x.max <= limit,
    }];
  };
  const goals: Goal[] = [];
  for (const n of [10_000, 100_000]) {
    goals.push(...goal(M.deltaProjected, n, 2, '<= 2x JSON.parse', `monitor: delta poll, ${n} agents, fresh 1 % churn, fields projection (parse+normalize+merge+diff), every agent's history ring in use`, row(M.deltaProjectedFirst, n), 'first hour'));
    goals.push(...goal(M.deltaFull, n, 2, '<= 2x JSON.parse', `monitor: delta poll, ${n} agents, fresh 1 % churn, all 29 fields, every agent's history ring in use`, row(M.deltaFullFirst, n), 'first hour'));
  }
  goals.push(...goal(M.blockApp, 100_000, 50, '<= 50 ms', 'monitor: longest block (main-thread CPU between loop turns) reading a full list, 100000 agents', row(M.blockBefore, 100_000)));
  goals.push(...goal(M.snapshotReply, 100_000, 50, '<= 50 ms', 'monitor: the renderer snapshot, costliest reply of its parts (CPU), 100000 agents', row(M.snapshotReplyBefore, 100_000)));
  goals.push(...goal(M.blockAppWall, 100_000, 50, '<= 50 ms', 'monitor: longest event-loop delay (wall, monitorEventLoopDelay) reading a full list, 100000 agents', row(M.blockBeforeWall, 100_000)));
  goals.push(...goal(M.memNow, 10_000, 30, '<= 30 MB', 'memory: roster with full 20-change history, 10000 agents', row(M.memBefore, 10_000)));
  goals.push(...goal(M.memNow, 100_000, 300, '<= 300 MB', 'memory: roster with full 20-change history, 100000 agents'));
  for (const n of [10_000, 100_000]) {
    goals.push(...goal(M.netRatio, n, 1.5, '<= 1.5x lower bound', `network: body bytes/min at 1 % churn, ${n} agents (${fmt(row(M.netBytes, n)?.median ?? NaN)} MB/min)`, row(M.netBeforeRatio, n)));
  }
  return goals;
}
