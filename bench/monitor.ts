// Monitor benchmark, 10,000 agents: a delta poll with 1 % churn and a full snapshot, each measured
// end to end as the app runs it — the client's parser (JSON.parse + validate + normalize) then the
// roster (merge + diff) — and reported as a ratio to plain JSON.parse of the same body in the same
// run. Plus the roster's heap for 10,000 agents and the bytes a delta sends to the renderer.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AgentState } from '../main/cxone/model';
import { parseAgentStatesJson } from '../main/cxone/schemas';
import { makeAgentStatesFixture } from '../main/demo/fixtures';
import { createRoster, type Roster } from '../main/monitor/roster';
import type { RosterDelta } from '../main/monitor/status';
import { median, type Goal } from './goal';

const N = 10_000;
const CHURN = 0.01;

type Body = Record<string, unknown> & { agentStates: Array<Record<string, unknown>> };

function exposeGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Median per-call times of `app` and of `baseline`, measured in interleaved batches so that the
 * shared machine's noise (other engineers' work, GC) falls on both alike. Small bodies are batched.
 */
function timePair(
  app: (i: number) => void,
  baseline: (i: number) => void,
  batch: number,
  rounds: number,
  warmup: number,
  gc: () => void,
): [number, number] {
  let i = 0;
  let j = 0;
  for (let w = 0; w < warmup * batch; w++) {
    app(i++);
    baseline(j++);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // A full GC before each timed batch (untimed): neither side pays for the other's garbage.
    gc();
    let t0 = performance.now();
    for (let k = 0; k < batch; k++) app(i++);
    a.push((performance.now() - t0) / batch);
    gc();
    t0 = performance.now();
    for (let k = 0; k < batch; k++) baseline(j++);
    b.push((performance.now() - t0) / batch);
  }
  return [median(a), median(b)];
}

/** Bodies that flip a roster between two states: every application really changes `changed` agents. */
function bodies() {
  const full = makeAgentStatesFixture(N);
  const churn = makeAgentStatesFixture(N, { churn: CHURN });
  const fullBody = JSON.parse(full.body) as Body;
  const churnBody = JSON.parse(churn.body) as Body;
  const changedIds = new Set(churn.agentIds);
  // The same agents as they were before the churn: applying it undoes the churn.
  const revertBody: Body = { ...churnBody, agentStates: fullBody.agentStates.filter((a) => changedIds.has(a.agentId as number)) };
  // A full snapshot that includes the churn.
  const churned = new Map(churnBody.agentStates.map((a) => [a.agentId as number, a]));
  const fullChurnedBody: Body = { ...fullBody, agentStates: fullBody.agentStates.map((a) => churned.get(a.agentId as number) ?? a) };
  return {
    full: full.body,
    fullChurned: JSON.stringify(fullChurnedBody),
    delta: churn.body,
    revert: JSON.stringify(revertBody),
  };
}

function loadedRoster(fullBody: string): Roster {
  const roster = createRoster();
  roster.applySnapshot(parseAgentStatesJson(fullBody).states, { baseline: true, at: Date.now() });
  return roster;
}

export async function run(): Promise<Goal[]> {
  const b = bodies();
  const goals: Goal[] = [];
  const gc = exposeGc();

  // (a) delta poll, 1 % churn: alternate the churn and its revert so every call diffs `changed` agents.
  {
    const roster = loadedRoster(b.full);
    const pair = [b.delta, b.revert] as const;
    let changes = 0;
    const [app, parse] = timePair(
      (i) => {
        const page = parseAgentStatesJson(pair[i & 1]!);
        changes += roster.applyDelta(page.states, { at: 0 }).length;
      },
      (i) => JSON.parse(pair[i & 1]!),
      50,
      30,
      10,
      gc,
    );
    if (changes === 0) throw new Error('bench: the delta bodies produced no changes');
    const ratio = app / parse;
    goals.push({
      name: `monitor: delta poll, ${N} agents, 1 % churn (parse+validate+normalize+merge+diff)`,
      value: ratio,
      unit: `x JSON.parse (${app.toFixed(3)} ms vs ${parse.toFixed(3)} ms)`,
      goal: '<= 2x JSON.parse',
      baseline: parse,
      met: ratio <= 2,
    });
  }

  // (b) full snapshot: alternate two snapshots that differ by the churn.
  {
    const roster = loadedRoster(b.full);
    const pair = [b.fullChurned, b.full] as const;
    const [app, parse] = timePair(
      (i) => {
        const page = parseAgentStatesJson(pair[i & 1]!);
        roster.applySnapshot(page.states, { baseline: false, at: 0 });
      },
      (i) => JSON.parse(pair[i & 1]!),
      1,
      15,
      2,
      gc,
    );
    const ratio = app / parse;
    goals.push({
      name: `monitor: full snapshot, ${N} agents (parse+validate+normalize+merge+diff)`,
      value: ratio,
      unit: `x JSON.parse (${app.toFixed(1)} ms vs ${parse.toFixed(1)} ms)`,
      goal: '<= 3x JSON.parse',
      baseline: parse,
      met: ratio <= 3,
    });
  }

  // (c) roster heap for 10,000 agents, after a forced GC; and the same with a full history ring each.
  {
    const settle = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = settle();
    const roster = loadedRoster(b.full);
    const afterSnapshot = settle();
    const snapshotMb = (afterSnapshot - before) / 1e6;
    goals.push({
      name: `monitor: roster heap, ${N} agents`,
      value: snapshotMb,
      unit: 'MB',
      goal: '<= 30 MB',
      met: snapshotMb <= 30,
    });
    // Worst case for the detail view's history: 20 changes recorded for every agent.
    const fullChurn = parseAgentStatesJson(b.full).states.map((s) => ({ ...s }));
    const flip = (s: AgentState, k: number): AgentState => ({
      ...s,
      stateId: k % 2 ? 2 : 1,
      stateName: k % 2 ? 'Unavailable' : 'Available',
      category: k % 2 ? 'unavailable' : 'available',
      outStateId: k % 2 ? 12 : null,
      outStateDescription: k % 2 ? 'Break' : null,
      startDate: new Date(Date.UTC(2025, 0, 15, 14, 0, k)).toISOString(),
    });
    for (let k = 0; k < 20; k++) roster.applyDelta(fullChurn.map((s) => flip(s, k)), { at: 0 });
    const afterHistory = settle();
    const historyMb = (afterHistory - before) / 1e6;
    goals.push({
      name: `monitor: roster heap, ${N} agents with 20 history entries each (worst case)`,
      value: historyMb,
      unit: 'MB',
      goal: '<= 30 MB',
      met: historyMb <= 30,
    });
    if (roster.size !== N) throw new Error('bench: roster lost agents');
  }

  // (d) bytes sent to the renderer per delta vs the JSON of the changed agents alone.
  {
    const roster = loadedRoster(b.full);
    let delta: RosterDelta | null = null;
    roster.onDelta((d) => (delta = d));
    const changes = roster.applyDelta(parseAgentStatesJson(b.delta).states, { at: 0 });
    if (!delta) throw new Error('bench: no delta published');
    const sent = Buffer.byteLength(JSON.stringify(delta));
    const changedJson = Buffer.byteLength(JSON.stringify(changes.map((c) => c.to)));
    const ratio = sent / changedJson;
    goals.push({
      name: `monitor: bytes to the renderer per delta (${changes.length} changed agents)`,
      value: ratio,
      unit: `x (${sent} B vs ${changedJson} B)`,
      goal: '<= 1.2x JSON of the changed agents',
      baseline: changedJson,
      met: ratio <= 1.2,
    });
  }
  return goals;
}
