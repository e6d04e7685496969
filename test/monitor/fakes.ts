// Test doubles for the monitor's ports: a clock whose time only moves when the test says so, and an
// agent-states source scripted per call. (The real client and simulator are used by the property and
// soak tests; these exist so timing rules can be checked exactly, without waiting.)
import type { AgentStatesResult, GetAgentStatesQuery } from '../../main/cxone/client';
import type { AgentState } from '../../main/cxone/model';
import { categorize } from '../../main/cxone/model';
import type { Clock, TimerHandle } from '../../main/ports';
import type { AgentStatesSource } from '../../main/monitor/poller';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets pending promise callbacks (a resolved fetch, the poller's continuation) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();
  /** How far shift() has moved the wall clock away from monotonic time. */
  private shifted = 0;

  constructor(start = Date.UTC(2025, 0, 15, 13, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves only with advance(), never with shift(): the monotonic clock a jump cannot touch. */
  monotonic(): number {
    return this.t - this.shifted;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), seq: id, fn });
    return id as unknown as TimerHandle;
  }

  clearTimeout(h: TimerHandle): void {
    this.timers.delete(h as unknown as number);
  }

  /** Timers still set (a stopped component must leave none). */
  pending(): number {
    return this.timers.size;
  }

  nextTimerAt(): number | null {
    let min: number | null = null;
    for (const t of this.timers.values()) if (min === null || t.at < min) min = t.at;
    return min;
  }

  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      let next: Timer | null = null;
      let nextId = -1;
      for (const [id, t] of this.timers) {
        if (t.at <= target && (next === null || t.at < next.at || (t.at === next.at && t.seq < next.seq))) {
          next = t;
          nextId = id;
        }
      }
      if (!next) break;
      this.timers.delete(nextId);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await settle();
    }
    this.t = target;
    await settle();
  }

  /**
   * The wall clock moves by ms while monotonic time does not (NTP step, a user changing the time,
   * or the machine sleeping): pending timers keep their remaining duration.
   */
  shift(ms: number): void {
    this.t += ms;
    this.shifted += ms;
    for (const t of this.timers.values()) t.at += ms;
  }
}

export interface Call {
  query: GetAgentStatesQuery;
  at: number;
}

type Answer = AgentStatesResult | Error | Promise<AgentStatesResult>;

/** A source that answers each call from a handler; records every call and the peak concurrency. */
export class ScriptedSource implements AgentStatesSource {
  readonly calls: Call[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly clock: Clock,
    public handler: (call: Call, index: number) => Answer,
  ) {}

  async getAgentStates(query: GetAgentStatesQuery = {}): Promise<AgentStatesResult> {
    const call = { query: { ...query }, at: this.clock.now() };
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const a = this.handler(call, this.calls.length - 1);
      if (a instanceof Error) throw a;
      return await a;
    } finally {
      this.inFlight--;
    }
  }
}

export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function changes(states: AgentState[], lastPollTime: string | null): AgentStatesResult {
  return { kind: 'changes', states, lastPollTime, totalRecords: states.length, pages: 1, status: 200 };
}

export function noChange(lastPollTime: string | null, status: 200 | 204 | 304 = 204): AgentStatesResult {
  return { kind: 'no-change', lastPollTime, status };
}

const NAMES: Record<number, string> = { 0: 'LoggedOut', 1: 'Available', 2: 'Unavailable', 3: 'InboundContact', 4: 'OutboundContact' };

/** A normalized agent state with sensible defaults. */
export function agent(agentId: number, over: Partial<AgentState> = {}): AgentState {
  const stateId = over.stateId ?? 1;
  const stateName = over.stateName ?? NAMES[stateId] ?? 'LoggedIn';
  const isACW = over.isACW ?? false;
  return {
    agentId,
    stateId,
    stateName,
    category: categorize(stateId, stateName, isACW),
    outStateId: null,
    outStateDescription: null,
    isACW,
    contactId: null,
    skillName: null,
    mediaTypeName: null,
    startDate: '2025-01-15T12:00:00.000Z',
    lastUpdateTime: '2025-01-15T12:00:00.000Z',
    firstName: `First${agentId}`,
    lastName: `Last${agentId}`,
    userName: null,
    teamId: 77001,
    teamName: 'Support Tier 1',
    businessUnitId: 4600000,
    isActive: true,
    ...over,
    ...(over.category === undefined ? { category: categorize(stateId, stateName, isACW) } : {}),
  };
}
