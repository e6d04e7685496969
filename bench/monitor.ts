// Monitor benchmark (issue 15): the main process at 1k / 10k / 50k / 100k agents, each figure over
// several runs (median, min–max), against baselines measured in the same run. Honest by construction:
// - bodies are realistic and made independently of the demo simulator (bench/tenant-bodies.ts): all 29
//   documented fields, contact ids set, times without milliseconds, many distinct states;
// - every delta is FRESH random churn (1 % of the agents, drawn anew, each really changing), applied
//   once, in order, to a roster that holds the full list — never the same agents flipped back and forth;
// - nothing forces GC inside (or before) a timed region: each side pays for its own garbage;
// - memory is measured in a child process per size and run, with none of the bench's data alive
//   (heap + typed-array buffers);
// - goals are met only when EVERY run meets them (worst run), not the median.
//
// Measures:
// (a) delta poll ÷ JSON.parse: the app's parser + roster merge on the body the app receives (the
//     fields projection), and on the full 29-field body, each against JSON.parse of the same text — in
//     a process of its own per size and run (bench/monitor-delta.ts);
// (b) the longest event-loop block (perf_hooks.monitorEventLoopDelay) while the app — in a process of
//     its own (bench/monitor-block.ts), so its heap holds only what the app's would — reads a full list
//     over HTTP from a loopback server (bench/page-server.ts: a process of its own at the least CPU
//     priority, as CXone's servers never share the user's CPU) — the client in pages of top=1000 with the projection, then the
//     roster's sliced merge, each published delta serialized as its IPC message to the renderer — for
//     the first list and for a resync; baseline: one unpaged 29-field body and a one-go merge, as before
//     issue 15; and apart, the renderer's snapshot read in parts (the costliest reply) against one
//     reply of every agent;
// (c) roster memory with a full 20-change history per agent (baseline: the roster before issue 15);
// (d) body bytes per minute at 1 % churn per 10 s poll ÷ the lower bound (the changed agents' items
//     with only the fields the app reads): deltas with the projection plus the safety resync's full
//     list (paged) spread over its period; baseline: 29-field deltas and a full resync every 5 min.
import { fork, spawn } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AGENT_STATE_FIELDS } from '../main/cxone/agent-states';
import { DEFAULT_PAGE_SIZE, DEFAULT_RESYNC_MS, safetyResyncMs } from '../main/monitor/poller';
import type { Block, BlockMessage } from './monitor-block';
import type { DeltaRatios } from './monitor-delta';
import type { ServerReply, ServerRequest } from './page-server';
import { benchRuns, benchSizes, median, type BenchResult, type ScalingRow } from './goal';
import { fmt, M, monitorGoals } from './monitor-goals';
import { eta, phase, progress, record } from './progress';
import { body, churn, CHURN, makeTenant, projected, tenantChecksum, type Tenant } from './tenant-bodies';

// BENCH_SIZES (e.g. "1000,10000") shortens a trial run; the goals need 10k and 100k.
const SIZES = benchSizes();
const RUNS = benchRuns();
const POLLS_PER_MINUTE = 6; // the default 10 s interval

// ---- (a) delta poll, in a child process ----------------------------------------------------------

/** Runs one of the bench's child scripts (node [flags] --import tsx bench/<script> args) and returns its last stdout line, parsed. */
function childJson<T>(script: string, args: (string | number)[], nodeFlags: string[] = []): Promise<T> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path, ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench: ${script} exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}

const deltaChild = (n: number, seed: number) => childJson<DeltaRatios>('monitor-delta.ts', [n, seed]);

// ---- (b) longest event-loop block while reading a full list -------------------------------------

/** The parent's handle on bench/page-server.ts (see there for why it is a niced process of its own). */
interface PageServer {
  url: string;
  /** Makes the server's own copy of the tenant `t` was made as (same size and seed), and drops its pages. */
  tenant(n: number, seed: number): void;
  /** Churns the server's copy as `churn(t, CHURN)` did `count` times to the parent's. */
  churn(count: number): void;
  /** Serves the server's copy's current list; throws unless it matches `t` (time and checksum). */
  serve(t: Tenant): Promise<void>;
  close(): Promise<void>;
}

async function pageServer(): Promise<PageServer> {
  const child = fork(fileURLToPath(new URL('./page-server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    setPriority(child.pid!, 19);
  } catch {
    progress('(b): the page server could not be given a lower CPU priority; it competes with the app for the CPU');
  }
  const next = <T extends ServerReply>(has: string) =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench: the page server exited ${code}`));
      child.once('exit', onExit);
      const onMessage = (m: ServerReply) => {
        if (!(has in m)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      child.on('message', onMessage);
    });
  const send = (m: ServerRequest) => child.send(m);
  const { url } = await next<{ url: string }>('url');
  return {
    url,
    tenant: (n, seed) => send({ tenant: { n, seed } }),
    churn: (count) => send({ churn: count }),
    async serve(t) {
      const wait = next<{ served: { ms: number; now: number; checksum: number } }>('served');
      send({ serve: true });
      const { served } = await wait;
      if (served.now !== t.now || served.checksum !== tenantChecksum(t)) throw new Error('bench: the page server\'s tenant is not the bench\'s (churned out of step)');
      // Untimed by (b) (it runs before the measured reads), but a sizeable part of the bench's wall time.
      record('monitor', "(b) server builds the list's bodies (setList, untimed)", t.n, served.ms);
    },
    async close() {
      const done = next('done');
      send({ close: true });
      await done;
    },
  };
}

/**
 * Measure (b) in its own process (bench/monitor-block.ts), reading from this process's page server: the
 * first list, then — after the tenant churned and the server serves the new list — a resync.
 */
function blockChild(t: Tenant, server: PageServer, which: 'app' | 'before'): Promise<{ first: Block; resync: Block; snapshotReply: number }> {
  const script = fileURLToPath(new URL('./monitor-block.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(script, [server.url, String(t.n), String(t.now), which], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let first: { first: Block; snapshotReply: number | null } | null = null;
    let resync: Block | null = null;
    child.on('message', (m: BlockMessage) => {
      if ('first' in m) {
        first = m;
        // A resync after some churn: most agents unchanged.
        for (let k = 0; k < 5; k++) churn(t, CHURN);
        server.churn(5);
        server.serve(t).then(() => child.send({ resyncAt: t.now }), reject);
      } else resync = m.resync;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 || !first || !resync) return reject(new Error(`bench: the ${which} block child exited ${code} before it reported`));
      resolve({ first: first.first, resync, snapshotReply: first.snapshotReply ?? NaN });
    });
  });
}

const worst = (...b: Block[]): Block => ({ wall: Math.max(...b.map((x) => x.wall)), cpu: Math.max(...b.map((x) => x.cpu)) });

async function blockFigures(t: Tenant, seed: number, server: PageServer): Promise<{ app: Block; before: Block; snapshotReply: number; snapshotReplyBefore: number }> {
  // The server's copy of the tenant, made from the same seed, is churned in step with `t` from here on.
  server.tenant(t.n, seed);
  await server.serve(t);
  const app = await blockChild(t, server, 'app');
  const before = await blockChild(t, server, 'before');
  return { app: worst(app.first, app.resync), before: worst(before.first, before.resync), snapshotReply: app.snapshotReply, snapshotReplyBefore: before.snapshotReply };
}

// ---- (c) memory, in a child process --------------------------------------------------------------

async function memoryMb(n: number, seed: number, which: 'now' | 'before'): Promise<number> {
  const r = await childJson<{ agents: number; sampledFull: number; sampled: number; mb: number }>('monitor-memory.ts', [n, seed, which], ['--expose-gc']);
  if (r.agents !== n || r.sampledFull !== r.sampled) throw new Error('bench: the memory child did not build full histories');
  return r.mb;
}

// ---- (d) network ----------------------------------------------------------------------------------

function networkFigures(t: Tenant): { ratio: number; appBytesPerMin: number; beforeRatio: number; beforeBytesPerMin: number } {
  const polls = 12;
  let deltaApp = 0;
  let deltaBefore = 0;
  let lower = 0;
  for (let k = 0; k < polls; k++) {
    const items = churn(t, CHURN);
    const p = items.map(projected);
    deltaApp += Buffer.byteLength(body(p, { total: p.length, lastPollMs: t.now, query: `updatedSince=${new Date(t.now).toISOString()}&top=${DEFAULT_PAGE_SIZE}&fields=${AGENT_STATE_FIELDS.join(',')}` }));
    deltaBefore += Buffer.byteLength(body(items, { total: items.length, lastPollMs: t.now, query: `updatedSince=${new Date(t.now).toISOString()}` }));
    // The lower bound: the changed agents' items, with only the fields the app reads, and nothing else.
    for (const it of p) lower += Buffer.byteLength(JSON.stringify(it));
  }
  const perPoll = (x: number) => x / polls;
  // The full list as the app reads it (pages of the projection) and as it was read before (one body).
  let fullApp = 0;
  const all = t.items.map(projected);
  for (let skip = 0; skip < t.n; skip += DEFAULT_PAGE_SIZE) {
    fullApp += Buffer.byteLength(body(all.slice(skip, skip + DEFAULT_PAGE_SIZE), { total: t.n, lastPollMs: t.now, query: `top=${DEFAULT_PAGE_SIZE}&skip=${skip}&fields=${AGENT_STATE_FIELDS.join(',')}`, next: 'top=1000&skip=…' }));
  }
  const fullBefore = Buffer.byteLength(body(t.items, { total: t.n, lastPollMs: t.now, query: '' }));
  const resyncMinutes = safetyResyncMs(t.n, DEFAULT_RESYNC_MS) / 60_000;
  const appBytesPerMin = POLLS_PER_MINUTE * perPoll(deltaApp) + fullApp / resyncMinutes;
  const beforeBytesPerMin = POLLS_PER_MINUTE * perPoll(deltaBefore) + fullBefore / 5;
  const lowerPerMin = POLLS_PER_MINUTE * perPoll(lower);
  return { ratio: appBytesPerMin / lowerPerMin, appBytesPerMin, beforeRatio: beforeBytesPerMin / lowerPerMin, beforeBytesPerMin };
}

// ---- the run ------------------------------------------------------------------------------------

type Series = Map<string, { area: string; unit: string; bySize: Map<number, number[]> }>;

function add(series: Series, area: string, measure: string, unit: string, size: number, value: number): void {
  let s = series.get(measure);
  if (!s) series.set(measure, (s = { area, unit, bySize: new Map() }));
  const list = s.bySize.get(size) ?? [];
  list.push(value);
  s.bySize.set(size, list);
}


/**
 * One memory figure per size, run and roster (the baseline's at 10k only, the size the issue measured
 * it at): each a child process with none of the bench's data alive. Nothing in them is timed — the
 * figure is bytes after GC — so they run after every timed measure, two at a time, largest first.
 */
async function memoryFigures(series: Series): Promise<void> {
  const jobs: { n: number; seed: number; which: 'now' | 'before'; run: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const n of SIZES) {
      const seed = 1000 * (r + 1) + n + 3;
      jobs.push({ n, seed, which: 'now', run: r });
      if (n === 10_000) jobs.push({ n, seed, which: 'before', run: r });
    }
  }
  // The baseline roster builds its history object by object: about as slow as the app's at 50k.
  const weight = (j: (typeof jobs)[number]) => j.n * (j.which === 'before' ? 5 : 1);
  jobs.sort((x, y) => weight(y) - weight(x) || x.run - y.run);
  const left = eta(jobs.reduce((sum, j) => sum + weight(j), 0));
  const results: { job: (typeof jobs)[number]; mb: number }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const mb = await phase('memory', `child process, ${job.which === 'before' ? 'roster before issue 15' : 'roster'} with a full 20-change history`, job.n, () => memoryMb(job.n, job.seed, job.which));
      results.push({ job, mb });
      progress(`memory ${job.n.toLocaleString('en')} (${job.which}, run ${job.run + 1}/${RUNS}): ${fmt(mb)} MB — ${left(weight(job))}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
  // In the order of the runs, as the series expects.
  results.sort((x, y) => x.job.run - y.job.run);
  for (const { job, mb } of results) add(series, 'memory', job.which === 'before' ? M.memBefore : M.memNow, 'MB', job.n, mb);
}

export async function run(): Promise<BenchResult> {
  const series: Series = new Map();
  const server = await pageServer();
  const left = eta(RUNS * SIZES.reduce((a, b) => a + b, 0));
  try {
    for (let r = 0; r < RUNS; r++) {
      for (const n of SIZES) {
        progress(`monitor: run ${r + 1}/${RUNS}, ${n.toLocaleString('en')} agents …`);
        const seed = 1000 * (r + 1) + n;
        // One tenant per size and run, shared by (a), (b) and (d) in turn: each measure draws its own
        // fresh churn from it (never replayed), and each full list it reads is built from the tenant's
        // current items. Building 100k realistic agents three times over was seconds per size for nothing.
        const t = await phase('monitor', 'build tenant (29-field agents)', n, () => makeTenant(n, seed));
        {
          const d = await phase('monitor', '(a) delta poll ÷ JSON.parse, child process: fill, first hour, age, normal state', n, () => deltaChild(n, seed));
          add(series, 'monitor', M.deltaProjectedFirst, 'x', n, d.first.projected);
          add(series, 'monitor', M.deltaFullFirst, 'x', n, d.first.full);
          add(series, 'monitor', M.deltaProjected, 'x', n, d.normal.projected);
          add(series, 'monitor', M.deltaFull, 'x', n, d.normal.full);
          add(series, 'monitor', M.deltaReadOnly, 'x', n, d.readOnly.projected);
        }
        {
          const b = await phase('monitor', '(b) longest block, app and before (incl. setList)', n, () => blockFigures(t, seed, server));
          add(series, 'monitor', M.blockApp, 'ms', n, b.app.cpu);
          add(series, 'monitor', M.blockBefore, 'ms', n, b.before.cpu);
          add(series, 'monitor', M.blockAppWall, 'ms', n, b.app.wall);
          add(series, 'monitor', M.blockBeforeWall, 'ms', n, b.before.wall);
          add(series, 'monitor', M.snapshotReply, 'ms', n, b.snapshotReply);
          add(series, 'monitor', M.snapshotReplyBefore, 'ms', n, b.snapshotReplyBefore);
        }
        {
          const net = await phase('network', '(d) body bytes (untimed)', n, () => networkFigures(t));
          add(series, 'network', M.netRatio, 'x', n, net.ratio);
          add(series, 'network', M.netBytes, 'MB/min', n, net.appBytesPerMin / 1e6);
          add(series, 'network', M.netBeforeRatio, 'x', n, net.beforeRatio);
        }
        // Each run's figures as they come: a long run that is stopped early still told what it measured.
        const last = [...series.values()].filter((x) => x.bySize.has(n)).map((x) => `${fmt(x.bySize.get(n)!.at(-1)!)} ${x.unit}`);
        progress(`    ${last.join(' | ')} — ${left(n)}`);
      }
    }
  } finally {
    await server.close();
  }
  await memoryFigures(series);

  const scaling: ScalingRow[] = [];
  for (const [measure, s] of series) {
    for (const [size, values] of s.bySize) {
      scaling.push({ area: s.area, measure, size, unit: s.unit, median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length });
    }
  }
  return { goals: monitorGoals(scaling), scaling };
}

