// Measure (b) of bench/monitor.ts, run in its own process (`node --import tsx bench/monitor-block.ts
// <apiUrl> <agents> <at> app|before`): the longest event-loop block while this process reads a full list
// from the bench's loopback page server (bench/page-server.ts), as the app's main process would — so the heap it measures holds
// what the app holds (client, roster, the IPC copies), not the bench's 100k tenant objects and prepared
// page texts, whose marking and copying the app never pays for.
//
// Over the IPC channel: it reads the first list and sends { first, snapshotReply? }; on { resyncAt } (the
// parent has churned the tenant and served the new list) it reads the list again and sends { resync }.
import { existsSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { AGENT_STATE_FIELDS } from '../main/cxone/agent-states';
import { createCxoneClient } from '../main/cxone/client';
import { DEFAULT_PAGE_SIZE } from '../main/monitor/poller';
import { createRoster, SNAPSHOT_SLICE, type Roster } from '../main/monitor/roster';
import { createSnapshotParts } from '../main/monitor/snapshot-parts';
import type { RosterSnapshotPart } from '../main/monitor/status';

export type Block = { wall: number; cpu: number };
export type BlockMessage = { first: Block; snapshotReply: number | null } | { resync: Block };

const [url, nArg, atArg, whichArg] = process.argv.slice(2);
const n = Number(nArg);
const which = whichArg === 'before' ? 'before' : 'app';
if (!url || !Number.isInteger(n) || !process.send) throw new Error('usage: forked with an IPC channel: monitor-block.ts <apiUrl> <agents> <at> app|before');
const send = (m: BlockMessage) => process.send!(m);

/**
 * Runs fn and returns the longest block it caused, two ways (ms):
 * - wall: monitorEventLoopDelay's longest delay (sampled every ms) — includes the time this process
 *   waited for a CPU, which on a shared machine (load 10–18 on 2 cores here) says more about the machine;
 * - cpu: the most CPU time the MAIN THREAD used between two ticks of a 1 ms timer — what the app's own
 *   work cost between two chances of the loop to run, whoever else wants the CPU. V8's concurrent
 *   marking and compiler threads run beside the loop without blocking it, so they are not counted
 *   (Linux: the thread's own schedstat); where that file is missing it falls back to the whole
 *   process's CPU time, which counts them and errs high.
 */
async function longestBlock(fn: () => Promise<void>): Promise<Block> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let last = cpuMs();
  let cpu = 0;
  let ticking = true;
  const tick = () => {
    const now = cpuMs();
    cpu = Math.max(cpu, now - last);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  h.enable();
  await fn();
  // One more turn so a block at the very end is sampled too.
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  ticking = false;
  tick();
  return { wall: h.max / 1e6, cpu };
}

/** The main thread's on-CPU time in ms (its schedstat's first field, ns), or the process's where there is none. */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const mainThreadKnown = existsSync(SCHEDSTAT);
function cpuMs(): number {
  if (mainThreadKnown) return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const client = createCxoneClient({ baseUrl: url, getAccessToken: async () => 'bench', onUnauthorized: () => {}, timeoutMs: 120_000, maxBodyBytes: 1 << 30 });
const roster = createRoster();
// What the app does with each published delta on the main thread: send it to the renderer over IPC, a
// structured clone (v8.serialize is the same V8 serializer) — the first list is all upserts.
roster.onDelta((d) => void serialize(d));

/** The app: pages with the projection, then the sliced merge (as main/monitor/live-feed.ts does above one slice). */
async function readApp(r: Roster, baseline: boolean, at: number): Promise<void> {
  const res = await client.getAgentStates({ fields: AGENT_STATE_FIELDS, top: DEFAULT_PAGE_SIZE });
  if (res.kind !== 'changes' || res.states.length !== n) throw new Error('bench: the full list did not arrive');
  if (res.states.length > SNAPSHOT_SLICE) await r.applySnapshotInSlices(res.states, { baseline, at });
  else r.applySnapshot(res.states, { baseline, at });
}

/** Before issue 15: one unpaged body of every field, merged in one go. */
async function readBefore(r: Roster, baseline: boolean, at: number): Promise<void> {
  const res = await client.getAgentStates({});
  if (res.kind !== 'changes' || res.states.length !== n) throw new Error('bench: the full list did not arrive');
  r.applySnapshot(res.states, { baseline, at });
}

const read = which === 'app' ? readApp : readBefore;

/** CPU ms of a synchronous step. */
function cpuOf(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/**
 * The renderer's snapshot request (a window opening, a missed delta): the app answers in parts
 * (main/monitor/snapshot-parts.ts), each reply serialized for IPC — the costliest reply, in CPU time
 * (the first also takes the snapshot). Before issue 15: one reply of every agent.
 */
function snapshotReplyMs(): number {
  if (which === 'before') return cpuOf(() => void serialize(roster.snapshot()));
  const parts = createSnapshotParts(() => roster.snapshot());
  let worst = 0;
  for (let request = { token: null as number | null, from: 0 }; ; ) {
    let part: RosterSnapshotPart | undefined;
    worst = Math.max(worst, cpuOf(() => void serialize((part = parts.part(request)))));
    if (part!.from + part!.agents.length >= part!.total) break;
    request = { token: part!.token, from: part!.from + part!.agents.length };
  }
  return worst;
}

// Node loads and compiles its fetch (undici) on the first call, a one-off of ~50 ms. In the app the first
// agent list is never the process's first request (the token refresh, discovery and agents come first),
// so one untimed request warms it here too; what is timed is still the app's first read of the list.
// It asks for a page the server does not have: a small 400, not the 29-field list (tens of MB whose
// garbage would still be in the heap when the measured read begins).
await fetch(`${url}/agents/states?top=0&skip=warmup`).then((r) => r.arrayBuffer());
const first = await longestBlock(() => read(roster, true, Number(atArg)));
send({ first, snapshotReply: snapshotReplyMs() });
process.once('message', (m: { resyncAt: number }) => {
  void longestBlock(() => read(roster, false, m.resyncAt)).then((resync) => {
    send({ resync });
    process.disconnect();
  });
});
