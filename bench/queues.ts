// Queue benchmark: one skills/activity poll as the app handles it — the client's parser (JSON.parse +
// tolerant read + service-level status) then the board (merge + change detection) — for a full list
// and for a delta with 10 % of the skills changed, reported as a ratio to plain JSON.parse of the same
// body in the same run. Bodies are the demo simulator's, with every field of the v34 contract.
// Goals at 500 skills; the scaling table adds 50 and 2 000. No forced GC anywhere: app and baseline
// run in interleaved batches so the machine's noise (and each side's garbage) falls on both alike.
import { ContactCenterSimulator } from '../main/demo/simulator';
import { SkillActivitySimulator } from '../main/demo/skills-sim';
import { createQueueBoard } from '../main/queues/queue-board';
import { parseSkillActivityJson } from '../main/queues/skill-activity';
import { median, type BenchResult, type Goal, type ScalingRow } from './goal';

const GOAL_SIZE = 500;
const SIZES = [50, GOAL_SIZE, 2000];
const DELTA_SHARE = 0.1;

type Item = Record<string, unknown>;

/** A full body and two deltas (10 % of the skills, and their revert) so every apply really changes skills. */
function bodies(skills: number) {
  const agents = new ContactCenterSimulator({ agents: Math.max(200, skills), seed: 3, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
  const sim = new SkillActivitySimulator({ agents, skills });
  const items: Item[] = sim.skills.map((_, k) => sim.item(k, 4600000));
  const envelope = (list: Item[]) =>
    JSON.stringify({
      totalRecords: list.length,
      _links: { self: 'https://api-na1.niceincontact.com/inContactAPI/services/v34.0/skills/activity' },
      lastPollTime: new Date(agents.now()).toISOString(),
      skillActivity: list,
    });
  const step = Math.round(1 / DELTA_SHARE);
  const chosen = items.filter((_, k) => k % step === 0);
  const changed = chosen.map((i) => ({ ...i, queueCount: (i.queueCount as number) + 3, skillQueueCount: (i.skillQueueCount as number) + 3, earliestQueueTime: new Date(agents.now() - 95_000).toISOString() }));
  return { full: envelope(items), delta: envelope(changed), revert: envelope(chosen), changed: changed.length };
}

/** Median per-call ms of `app` and `baseline`, interleaved in batches; also min and max of the app's. */
function timePair(app: (i: number) => void, baseline: (i: number) => void, batch: number, rounds: number): { app: number[]; base: number[] } {
  let i = 0;
  for (let w = 0; w < 5 * batch; w++) {
    app(i);
    baseline(i++);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    for (let k = 0; k < batch; k++) app(i++);
    a.push((performance.now() - t0) / batch);
    t0 = performance.now();
    for (let k = 0; k < batch; k++) baseline(i++);
    b.push((performance.now() - t0) / batch);
  }
  return { app: a, base: b };
}

interface Measured {
  full: { app: number[]; base: number[] };
  delta: { app: number[]; base: number[] };
}

function measure(skills: number): Measured {
  const b = bodies(skills);
  const batch = Math.max(2, Math.round(20_000 / skills));
  // Full list: alternate the plain list and one with the delta applied, so each apply changes skills.
  const fullChanged = (() => {
    const body = JSON.parse(b.full) as { skillActivity: Item[] };
    const delta = new Map((JSON.parse(b.delta) as { skillActivity: Item[] }).skillActivity.map((i) => [i.skillId, i] as const));
    return JSON.stringify({ ...body, skillActivity: body.skillActivity.map((i) => delta.get(i.skillId) ?? i) });
  })();
  const fullPair = [b.full, fullChanged] as const;
  const board = createQueueBoard();
  let changes = 0;
  const full = timePair(
    (i) => {
      const page = parseSkillActivityJson(fullPair[i & 1]!);
      if (board.apply({ kind: 'snapshot', skills: page.skills, complete: true })) changes++;
    },
    (i) => JSON.parse(fullPair[i & 1]!),
    batch,
    25,
  );
  const deltaPair = [b.delta, b.revert] as const;
  const delta = timePair(
    (i) => {
      const page = parseSkillActivityJson(deltaPair[i & 1]!);
      if (board.apply({ kind: 'delta', skills: page.skills })) changes++;
    },
    (i) => JSON.parse(deltaPair[i & 1]!),
    batch * 5,
    25,
  );
  if (changes === 0 || b.changed === 0) throw new Error('bench: the queue bodies produced no changes');
  return { full, delta };
}

const row = (measure: string, size: number, xs: number[]): ScalingRow => ({
  area: 'queues',
  measure,
  size,
  unit: 'ms',
  median: median(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
  runs: xs.length,
});

export async function run(): Promise<BenchResult> {
  const goals: Goal[] = [];
  const scaling: ScalingRow[] = [];
  for (const size of SIZES) {
    const m = measure(size);
    scaling.push(row('skill poll, full list (parse + board apply)', size, m.full.app));
    scaling.push(row('skill poll, 10 % delta (parse + board apply)', size, m.delta.app));
    if (size !== GOAL_SIZE) continue;
    for (const [name, x] of [
      ['full list', m.full],
      ['10 % delta', m.delta],
    ] as const) {
      const app = median(x.app);
      const base = median(x.base);
      const ratio = app / base;
      goals.push({
        name: `queues: skill poll, ${size} skills, ${name} (parse + tolerant read + status + board apply)`,
        value: ratio,
        unit: `x JSON.parse (${app.toFixed(3)} ms vs ${base.toFixed(3)} ms)`,
        goal: '<= 2x JSON.parse',
        baseline: base,
        spread: `app ${Math.min(...x.app).toFixed(3)}–${Math.max(...x.app).toFixed(3)} ms over ${x.app.length} batches`,
        met: ratio <= 2,
      });
    }
  }
  return { goals, scaling };
}
