// `npm run soak` (not part of `npm test`): the real core in demo mode — its demo tenant (simulator +
// HTTP server on 127.0.0.1), CXone client, poller, roster and alert runner — with 5,000 agents for 8
// simulated hours on a virtual clock, a fault every simulated 20 minutes (injected by the fetch port in
// front of the real server). Prints: divergence from the simulator's ground truth after every good poll
// (a twin simulator with the same seed replays the same contact center), heap growth after the first
// hour, and what is left open after stop (virtual timers, process handles). Exits 1 when a limit breaks.
//   node --expose-gc --import tsx test/soak/core-soak.ts   [SOAK_HOURS=8 SOAK_AGENTS=5000]
import { createCore } from '../../main/core/app';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import type { Clock, FetchLike, TimerHandle } from '../../main/ports';
import { createTestPorts } from '../harness/core-ports';

/**
 * A virtual clock lean enough for 8 hours of one-second demo ticks: timers are due on monotonic time,
 * the wall clock can jump on its own (shift), and the loop below fires what is due, then lets real I/O run.
 */
class SoakClock implements Clock {
  private wall = Date.UTC(2025, 0, 15, 8, 0, 0);
  private mono = 0;
  private seq = 0;
  private readonly timers = new Map<number, { due: number; fn: () => void }>();
  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { due: this.mono + Math.max(0, ms), fn });
    return id as unknown as TimerHandle;
  }
  clearTimeout(h: TimerHandle): void {
    this.timers.delete(h as unknown as number);
  }
  pending(): number {
    return this.timers.size;
  }
  nextDue(): number | null {
    let min: number | null = null;
    for (const t of this.timers.values()) if (min === null || t.due < min) min = t.due;
    return min;
  }
  shift(ms: number): void {
    this.wall += ms;
  }
  /** Moves to `target` (monotonic) and fires every timer due by then, earliest first. */
  runTo(target: number): void {
    for (;;) {
      let next: [number, { due: number; fn: () => void }] | null = null;
      for (const e of this.timers) if (e[1].due <= target && (next === null || e[1].due < next[1].due)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.wall += next[1].due - this.mono;
      this.mono = next[1].due;
      next[1].fn();
    }
    this.wall += target - this.mono;
    this.mono = target;
  }
}

const AGENTS = Number(process.env.SOAK_AGENTS ?? 5_000);
const HOURS = Number(process.env.SOAK_HOURS ?? 8);
const SEED = 42;
const MIN = 60_000;
const FAULT_EVERY_MS = 20 * MIN;
const FAULT_LASTS_MS = 2 * MIN;
const FAULTS = ['503', '429', 'timeout', 'reset', 'malformed', '500', 'offline', '429-huge', 'clock+1h', 'clock-1h'] as const;
type Fault = (typeof FAULTS)[number];

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<number> {
  const clock = new SoakClock();
  let fault: Fault | null = null;
  /** Virtual time the last agents/states request went out: a check compares only an answer of this instant. */
  let statesIssuedAt = -1;
  let checksSkipped = 0;
  let inFlight = 0;
  let requests = 0;
  const faultyFetch: FetchLike = async (input, init) => {
    const url = String(input);
    if (fault && url.includes('/agents/states')) {
      switch (fault) {
        case '503':
        case '500':
          return new Response('', { status: Number(fault) });
        case '429':
          return new Response('', { status: 429, headers: { 'retry-after': '30' } });
        case '429-huge':
          return new Response('', { status: 429, headers: { 'retry-after': '3000000' } });
        case 'malformed':
          return new Response('{"agentStates":[{"agentId":', { status: 200, headers: { 'content-type': 'application/json' } });
        case 'reset':
          throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        case 'offline':
          throw new TypeError('fetch failed', { cause: { code: 'ENETUNREACH' } });
        case 'timeout':
          // Never answers; the client's timeout (a timer on the virtual clock) aborts it.
          return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
        default:
          break;
      }
    }
    if (url.includes('/agents/states')) statesIssuedAt = clock.monotonic();
    inFlight++;
    requests++;
    try {
      const res = await fetch(input, init);
      if (!url.includes('/agents/states')) return res;
      // The body read inside the count of requests out, so settleIo also waits for it (a page of 1,000
      // agents streams in over several turns of the loop after its headers).
      return new Response(await res.arrayBuffer(), { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      inFlight--;
    }
  };
  const ports = createTestPorts({ clock, fetch: faultyFetch, settings: { mode: 'demo', demo: { agents: AGENTS, seed: SEED }, pollIntervalSeconds: 10 } });
  const handlesBefore = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
  const core = createCore(ports);
  const startedAt = clock.now();
  await core.start();
  // The twin: the same seed and start replay the same contact center, step for step.
  const twin = new ContactCenterSimulator({ agents: AGENTS, seed: SEED, startTime: startedAt });

  // Virtual time must not move while a real request is out (a 5,000-agent snapshot on a busy machine can
  // take seconds): its answer would be stamped later than the moment it describes. Bounded all the same.
  let ioWaitsCut = 0;
  const settleIo = async () => {
    const end = Date.now() + 120_000;
    await new Promise((r) => setImmediate(r));
    if (inFlight === 0) return;
    while (inFlight > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
    if (inFlight > 0) ioWaitsCut++;
    // Then until the roster holds still: a list of several pages is read with turns of the loop between
    // them, and a full list above one slice is merged a slice per turn (roster.applySnapshotInSlices).
    // Three turns, as before slices, let the check read half-merged lists: ~500 of 5,000 agents
    // "divergent" right after each resync (8–20 checks of ~2,500 per run).
    let revision = -1;
    for (let still = 0, turns = 0; still < 10 && turns < 10_000; turns++) {
      await new Promise((r) => setImmediate(r));
      const now = core.rosterSnapshot().revision;
      if (inFlight === 0 && now === revision) still++;
      else {
        still = 0;
        revision = now;
      }
    }
  };
  /** The demo simulator catches up to the wall clock and never goes back: its time is the latest seen. */
  let simTime = clock.now();

  let divergentChecks = 0;
  let checks = 0;
  let lastChecked = 0;
  let faultsInjected = 0;
  let heapHour1 = 0;
  const hourly: number[] = [];
  const check = async () => {
    const m = core.appState().monitor;
    // Only right after a good poll: the roster then holds the server's answer of this very moment.
    if (m.kind !== 'live' || m.lastSuccessAt !== clock.now() || m.lastSuccessAt === lastChecked) return;
    lastChecked = m.lastSuccessAt;
    // An answer to a request sent at an earlier virtual instant (virtual time moved while it was out,
    // e.g. before its fetch call was reached) describes that instant, not this one: not comparable.
    if (statesIssuedAt !== clock.monotonic()) {
      checksSkipped++;
      return;
    }
    twin.advanceTo(simTime);
    const snap = await core.rosterSnapshot();
    checks++;
    let bad = snap.agents.length === AGENTS ? 0 : Math.abs(AGENTS - snap.agents.length);
    for (const a of snap.agents) {
      const t = twin.agentState(a.agentId);
      if (!t || t.stateId !== a.stateId || t.outStateId !== a.outStateId || t.isACW !== a.isACW || t.contactId !== a.contactId) bad++;
    }
    if (bad > 0) {
      divergentChecks++;
      if (process.env.SOAK_TRACE) {
        const first = snap.agents.find((a) => twin.agentState(a.agentId)?.stateId !== a.stateId || twin.agentState(a.agentId)?.contactId !== a.contactId);
        const t = first && twin.agentState(first.agentId);
        process.stdout.write(`  divergent at ${((clock.monotonic()) / 60_000).toFixed(2)} min (fault ${fault ?? 'none'}): ${bad} agents, e.g. ${first?.agentId} roster ${first?.stateId}/${first?.contactId}/${first?.startDate} twin ${t?.stateId}/${t?.contactId}/${t?.startDate}\n`);
      }
    }
  };

  const endAt = clock.monotonic() + HOURS * 60 * MIN;
  let nextFaultAt = clock.monotonic() + FAULT_EVERY_MS;
  let faultEndsAt = Infinity;
  let f = 0;
  const t0 = Date.now();
  let iterations = 0;
  while (clock.monotonic() < endAt) {
    if (process.env.SOAK_TRACE && ++iterations % 500 === 0) process.stdout.write(`  … ${((clock.monotonic() - (endAt - HOURS * 60 * MIN)) / 1000).toFixed(0)} s virtual, ${requests} requests, ${((Date.now() - t0) / 1000).toFixed(0)} s real\n`);
    await settleIo();
    await check();
    const mono = clock.monotonic();
    if (mono >= nextFaultAt) {
      const kind = FAULTS[f++ % FAULTS.length]!;
      faultsInjected++;
      if (kind === 'clock+1h') clock.shift(60 * MIN);
      else if (kind === 'clock-1h') clock.shift(-60 * MIN);
      else {
        fault = kind;
        faultEndsAt = mono + FAULT_LASTS_MS;
      }
      nextFaultAt += FAULT_EVERY_MS;
    }
    if (fault !== null && mono >= faultEndsAt) {
      const wasOffline = fault === 'offline';
      fault = null;
      faultEndsAt = Infinity;
      // What the power watcher does when the network comes back.
      if (wasOffline) core.power('network-change');
    }
    const hour = Math.floor((mono - (endAt - HOURS * 60 * MIN)) / (60 * MIN));
    if (hour > hourly.length) {
      const h = heap();
      hourly.push(h);
      if (hourly.length === 1) heapHour1 = h;
      process.stdout.write(`  hour ${hourly.length}: heap ${(h / 1e6).toFixed(1)} MB, ${checks} checks, ${requests} requests, ${((Date.now() - t0) / 1000).toFixed(0)} s real\n`);
    }
    const next = clock.nextDue();
    clock.runTo(Math.max(mono, Math.min(next ?? Infinity, nextFaultAt, faultEndsAt, endAt)));
    simTime = Math.max(simTime, clock.now());
  }
  const heapEnd = heap();
  const notifications = ports.notifications.length;
  await core.stop();
  await settleIo();
  await new Promise((r) => setTimeout(r, 200));
  const timersLeft = clock.pending();
  const handlesAfter = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
  // What is open now that was not before the core started (a multiset difference of resource kinds).
  const extra = [...handlesAfter];
  for (const h of handlesBefore) {
    const k = extra.indexOf(h);
    if (k >= 0) extra.splice(k, 1);
  }
  const extraHandles = extra.length;
  ports.cleanup();

  const growth = heapHour1 > 0 ? (heapEnd - heapHour1) / heapHour1 : NaN;
  const lines = [
    `soak: ${AGENTS} agents, ${HOURS} simulated hours, a fault every 20 min (${faultsInjected} faults: ${FAULTS.join(', ')}), ${((Date.now() - t0) / 1000).toFixed(0)} s real`,
    `  divergence from ground truth: ${divergentChecks} of ${checks} checks after a good poll (must be 0)`,
    `  heap after hour 1: ${(heapHour1 / 1e6).toFixed(1)} MB, at the end: ${(heapEnd / 1e6).toFixed(1)} MB, growth ${(growth * 100).toFixed(1)} % (must be < 10 %)${gc ? '' : ' — run with --expose-gc for exact numbers'}`,
    `  after stop: ${timersLeft} timers, ${extraHandles} open handles that were not there before (${extra.join(', ') || 'none'}) (must be 0)`,
    `  requests: ${requests}, notifications: ${notifications}, requests that outlived a 120 s real wait: ${ioWaitsCut}, checks skipped (answer older than its stamp): ${checksSkipped}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const ok = divergentChecks === 0 && checks > 0 && growth < 0.1 && timersLeft === 0 && extraHandles <= 0;
  process.stdout.write(ok ? 'soak: OK\n' : 'soak: FAILED\n');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
