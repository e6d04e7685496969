// One memory measurement, run in its own process by bench/monitor.ts (`node --expose-gc --import tsx
// bench/monitor-memory.ts <agents> <seed>`): the roster after a full list and 20 changes of every agent
// — each read through the app's parser from realistic bodies, in chunks so the bench's own data never
// piles up — then measured with nothing of the bench alive: heap plus typed-array buffers, after GC
// (forced GC is fine here: nothing is timed). Prints one JSON line.
import { ListTexts, parseAgentStatesJson } from '../main/cxone/schemas';
import { createRoster } from '../main/monitor/roster';
import { createRoster as createRosterBeforeI15 } from '../test/monitor/reference/roster-before-i15';
import { body, changeAll, makeTenant, projected, spellTimesAfresh } from './tenant-bodies';

const n = Number(process.argv[2]);
const seed = Number(process.argv[3] ?? 1);
/** 'before': the roster as it was before issue 15 (the baseline), else the app's. */
const which = process.argv[4] === 'before' ? 'before' : 'now';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !Number.isInteger(n) || n < 1) throw new Error('usage: node --expose-gc --import tsx bench/monitor-memory.ts <agents> [seed]');

const used = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

// Agents per body while the history is built. Bigger bodies do not build it faster (the cost is per
// agent: making, stringifying, parsing and merging each change), and they change the figure (25,000
// gave 91 MB at 50k where 5,000 gives 58 MB): what is measured must not depend on how the bench feeds it.
const CHUNK = 5_000;
spellTimesAfresh();
const t0 = performance.now();
const roster = which === 'before' ? createRosterBeforeI15() : createRoster();
const before = used();
{
  let tenant: ReturnType<typeof makeTenant> | null = makeTenant(n, seed);
  // The first list is read as the client reads a full list: its pages share one ListTexts.
  const list = new ListTexts();
  for (let from = 0; from < n; from += CHUNK) {
    const page = tenant.items.slice(from, from + CHUNK).map(projected);
    const states = parseAgentStatesJson(body(page, { total: n, lastPollMs: tenant.now, query: `top=${CHUNK}&skip=${from}` }), 'full-list', list).states;
    roster.applySnapshot(states, { baseline: true, at: tenant.now, complete: false });
  }
  // 20 rounds in which every agent changes: the history ring (20 changes) is full for everyone.
  for (let round = 0; round < 20; round++) {
    tenant.now += 60_000;
    for (let from = 0; from < n; from += CHUNK) {
      const changed = changeAll(tenant, from, from + CHUNK).map(projected);
      roster.applyDelta(parseAgentStatesJson(body(changed, { total: changed.length, lastPollMs: tenant.now, query: 'updatedSince=x' })).states, { at: tenant.now });
    }
  }
  tenant = null;
}
const after = used();
let full = 0;
const all = roster.snapshot().agents;
for (let i = 0; i < all.length; i += 97) if (roster.history(all[i]!.agentId).length === 20) full++;
process.stdout.write(JSON.stringify({ agents: roster.size, sampledFull: full, sampled: Math.ceil(all.length / 97), mb: (after - before) / 1e6, buildMs: Math.round(performance.now() - t0) }) + '\n');
