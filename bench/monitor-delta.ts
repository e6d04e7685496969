// Measure (a) of bench/monitor.ts, run in its own process per size and run (`node --import tsx
// bench/monitor-delta.ts <agents> <seed>`): delta poll ÷ JSON.parse, first hour and normal state, then the
// reading alone (the floor), for the projection's body and the full 29-field body.
// Prints one JSON line.
//
// Why a process of its own: a 100-agent delta is ~0.2 ms of JSON.parse, an hour of them ~60 ms, and a
// GC pause lands on whichever side allocates when it comes due. In the bench's main process that heap
// held the previous size's 100,000-agent tenant, rosters and bodies as garbage, and one of its pauses
// swung the 10k ratio from 1.2× to 4.1× between runs. The app's process holds none of that; here the
// heap holds this size's tenant and the two rosters, as (b) and (c) hold only theirs.
import { parseAgentStatesJson } from '../main/cxone/schemas';
import { createRoster, type Roster } from '../main/monitor/roster';
import { body, changeAll, churn, CHURN, makeTenant, projected, type Tenant } from './tenant-bodies';

type Ratios = { projected: number; full: number };

export interface DeltaRatios {
  first: Ratios;
  normal: Ratios;
  /**
   * The app's reading of the same bodies alone (parseAgentStatesJson: its JSON.parse and the items
   * read into states, no merge) ÷ JSON.parse, normal state: the floor under the delta poll, which every
   * roster adds its merge to. Timed in a pass of its own, after the normal state's.
   */
  readOnly: Ratios;
}

/** Deltas timed per size in the first-hour measure (after a quarter as many untimed ones). */
const DELTAS: Record<number, number> = { 1_000: 200, 10_000: 60, 50_000: 20, 100_000: 12 };
/**
 * Deltas timed in the normal state: at least an hour of polls at the default 10 s interval, and at
 * least NORMAL_ITEMS changed agents. A 100-agent delta (10k) is ~0.2 ms of JSON.parse, so an hour of
 * them is ~70 ms, and a GC pause or two — paid by whichever side triggers it, as in the app — swung
 * the 10k ratio from 1.9× to 3.1× between runs (first 60 deltas: 1.6×–3.2×); over 1,440 deltas five
 * runs agreed within 2.72–2.92×. At 100k an hour is 360,000 agents and the runs already agree.
 */
const NORMAL_ITEMS = 144_000;
const normalDeltas = (n: number) => Math.max(360, Math.ceil(NORMAL_ITEMS / Math.max(1, Math.round(n * CHURN))));

/**
 * The body as the app holds it: its bytes decoded once (the client's readText), a flat string.
 * JSON.stringify's own result is a rope (V8 builds long strings in parts), and the first JSON.parse of
 * it pays for flattening it, about as much as the parse itself at 10k: whichever side went first paid that,
 * which the app never does, and it made every ratio look closer to 1 than it is.
 */
const decoder = new TextDecoder();
const received = (text: string) => decoder.decode(Buffer.from(text));

/**
 * Each variant has its own roster holding the full list, so each fresh delta really changes both.
 * `work`: 'merge' times what the app does with a delta (read it and merge it into the roster);
 * 'read-only' times the reading alone (the floor), in a pass of its own after the others, so its
 * garbage never lands in the merge's timings.
 */
function deltaRatios(t: Tenant, rosters: { projected: Roster; full: Roster }, timed: number, work: 'merge' | 'read-only' = 'merge'): Ratios {
  const warm = Math.ceil(timed / 4);
  const sums = { projected: [0, 0], full: [0, 0] };
  for (let k = 0; k < warm + timed; k++) {
    const items = churn(t, CHURN);
    const texts = {
      projected: received(body(items.map(projected), { total: items.length, lastPollMs: t.now, query: 'updatedSince=x&top=1000&fields=…' })),
      full: received(body(items, { total: items.length, lastPollMs: t.now, query: 'updatedSince=x' })),
    };
    // Alternate which variant goes first, and which of app/parse goes first, so neither is favoured.
    const order = k % 2 ? (['projected', 'full'] as const) : (['full', 'projected'] as const);
    for (const v of order) {
      const text = texts[v];
      let app = 0;
      let parse = 0;
      const roster = rosters[v];
      const runApp = () => {
        const t0 = performance.now();
        const page = parseAgentStatesJson(text);
        if (work === 'merge') roster.applyDelta(page.states, { at: t.now });
        app = performance.now() - t0;
      };
      const runParse = () => {
        const t0 = performance.now();
        JSON.parse(text);
        parse = performance.now() - t0;
      };
      if (k % 4 < 2) {
        runApp();
        runParse();
      } else {
        runParse();
        runApp();
      }
      if (k >= warm) {
        sums[v][0]! += app;
        sums[v][1]! += parse;
      }
    }
  }
  return { projected: sums.projected[0]! / sums.projected[1]!, full: sums.full[0]! / sums.full[1]! };
}

function measure(n: number, seed: number): DeltaRatios {
  const t = makeTenant(n, seed);
  const rosters = { projected: createRoster(), full: createRoster() };
  rosters.projected.applySnapshot(parseAgentStatesJson(body(t.items.map(projected), { total: n, lastPollMs: t.now, query: '' }), 'full-list').states, { baseline: true, at: t.now });
  rosters.full.applySnapshot(parseAgentStatesJson(body(t.items, { total: n, lastPollMs: t.now, query: '' }), 'full-list').states, { baseline: true, at: t.now });
  // Right after the first list almost every change is an agent's first, which allocates its history
  // ring (fresh memory). That is the first hour's cost, reported as its own row.
  const first = deltaRatios(t, rosters, DELTAS[n] ?? 20);
  // The normal state (issue 15: "the ring is full after an hour: this is the normal state"): every
  // agent has changed, so every ring exists. One untimed round of a change for everyone gets there;
  // what is timed after it is still fresh random 1 % churn, parsed and merged as the app does.
  t.now += 60_000;
  for (let from = 0; from < n; from += 5_000) {
    const changed = changeAll(t, from, from + 5_000);
    rosters.full.applyDelta(parseAgentStatesJson(body(changed, { total: changed.length, lastPollMs: t.now, query: 'updatedSince=x' })).states, { at: t.now });
    const p = changed.map(projected);
    rosters.projected.applyDelta(parseAgentStatesJson(body(p, { total: p.length, lastPollMs: t.now, query: 'updatedSince=x' })).states, { at: t.now });
  }
  const normal = deltaRatios(t, rosters, normalDeltas(n));
  return { first, normal, readOnly: deltaRatios(t, rosters, normalDeltas(n), 'read-only') };
}

const n = Number(process.argv[2]);
const seed = Number(process.argv[3]);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) throw new Error('usage: node --import tsx bench/monitor-delta.ts <agents> <seed>');
process.stdout.write(`${JSON.stringify(measure(n, seed))}\n`);
