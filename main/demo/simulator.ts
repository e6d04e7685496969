// A seeded, deterministic model of a contact center: the ground truth behind the demo tenant and the
// tests. Time is the simulator's own (advance()/advanceTo()), so a test can run a shift in seconds.
// Transitions are computed lazily from a priority queue of each agent's next-transition time, so
// advancing costs O(transitions · log agents), not O(agents · ticks).
import { AGENT_STATE_NAMES, categorize } from '../cxone/model';
import type { AgentState } from '../cxone/model';
import { makeRng } from './rng';

export interface SimulatorOptions {
  /** Number of agents (default 200). */
  agents?: number;
  seed?: number;
  /** Simulated wall-clock start, ms since the epoch. Default 2025-01-15T13:00:00Z. */
  startTime?: number;
  businessUnitId?: number;
  /** Agents per team, roughly (default 15). */
  teamSize?: number;
  /** Transitions kept in the global event log; older ones are dropped (default 100 000). */
  logLimit?: number;
  /** Past statuses kept per agent for stateAt() (default 16). */
  historyPerAgent?: number;
}

export interface SimAgent {
  agentId: number;
  /** User UUID, as in the id_token's userId. */
  userId: string;
  firstName: string;
  lastName: string;
  userName: string;
  emailAddress: string;
  teamId: number;
  teamName: string;
  isActive: boolean;
  businessUnitId: number;
}

export interface SimTeam {
  teamId: number;
  teamName: string;
  isActive: boolean;
}

export interface SimUnavailableCode {
  outStateId: number;
  outStateDescription: string;
  isActive: boolean;
  isAcw: boolean;
  /** Mean time spent on this code, ms. */
  meanDwellMs: number;
  /** The code's own time limit, minutes (CXone's agentTimeout); 0 = none. */
  agentTimeoutMinutes: number;
}

/** One agent's state in the model. Immutable: a transition replaces it, so events can share it. */
export interface SimStatus {
  readonly stateId: number;
  readonly outStateId: number | null;
  readonly outStateDescription: string | null;
  readonly isACW: boolean;
  readonly contactId: number | null;
  readonly isOutbound: boolean;
  readonly skillId: number | null;
  readonly skillName: string | null;
  readonly mediaTypeId: number | null;
  readonly mediaTypeName: string | null;
  /** When this state began (ms). */
  readonly startDate: number;
  /** When the agent logged in (ms), null while logged out. */
  readonly sessionStartTime: number | null;
}

export interface SimEvent {
  /** 1, 2, 3 … over the simulator's life; survives trimming, so callers can ask "since seq N". */
  readonly seq: number;
  readonly at: number;
  readonly agentId: number;
  readonly from: SimStatus;
  readonly to: SimStatus;
  readonly cause: 'model' | 'forced';
}

export type ForcibleState = 'LoggedOut' | 'Available' | 'Unavailable' | 'InboundContact' | 'OutboundContact' | 'ACW';

export interface ForceStateSpec {
  state: ForcibleState;
  /** For 'Unavailable': the code's id or description (default the first non-ACW code, "Break"). */
  code?: number | string;
  /** Keep this state at least this long before the model moves the agent again (default: a normal dwell). */
  holdMs?: number;
}

const STATE = { LoggedOut: 0, Available: 1, Unavailable: 2, InboundContact: 3, OutboundContact: 4 } as const;

const FIRST_NAMES = [
  'Ana', 'Ben', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gustavo', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena', 'Mateo',
  'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sanjay', 'Tara', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoë',
  'Aiko', 'Bruno', 'Carmen', 'Deepak', 'Esther', 'Felix', 'Grace', 'Hugo', 'Inês', 'Jonas', 'Keiko', 'Liam',
];
const LAST_NAMES = [
  'Almeida', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hoffmann', 'Ito', 'Jensen', 'Kowalski',
  'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Sato', 'Tanaka', 'Usman', 'Varga',
  'Walker', 'Xu', 'Yilmaz', 'Zhang', 'Andersen', 'Bauer', 'Costa', 'Dalton', 'Ekström', 'Ferreira', 'Gallo', 'Haddad',
];
const TEAM_NAMES = [
  'Support Tier 1', 'Support Tier 2', 'Billing', 'Sales', 'Retention', 'Onboarding', 'Technical Support',
  'Collections', 'Escalations', 'Outbound Campaigns', 'Chat Support', 'Email Support', 'VIP Care', 'Returns',
];
const MIN = 60_000;
const CODES: readonly SimUnavailableCode[] = [
  { outStateId: 12, outStateDescription: 'Break', isActive: true, isAcw: false, meanDwellMs: 12 * MIN, agentTimeoutMinutes: 15 },
  { outStateId: 13, outStateDescription: 'Lunch', isActive: true, isAcw: false, meanDwellMs: 40 * MIN, agentTimeoutMinutes: 45 },
  { outStateId: 14, outStateDescription: 'Training', isActive: true, isAcw: false, meanDwellMs: 50 * MIN, agentTimeoutMinutes: 0 },
  { outStateId: 15, outStateDescription: 'Meeting', isActive: true, isAcw: false, meanDwellMs: 30 * MIN, agentTimeoutMinutes: 60 },
  { outStateId: 16, outStateDescription: 'Personal', isActive: true, isAcw: false, meanDwellMs: 6 * MIN, agentTimeoutMinutes: 10 },
  { outStateId: 17, outStateDescription: 'Coaching', isActive: true, isAcw: false, meanDwellMs: 20 * MIN, agentTimeoutMinutes: 0 },
  { outStateId: 18, outStateDescription: 'System Issue', isActive: true, isAcw: false, meanDwellMs: 4 * MIN, agentTimeoutMinutes: 0 },
  { outStateId: 19, outStateDescription: 'ACW', isActive: true, isAcw: true, meanDwellMs: 45_000, agentTimeoutMinutes: 0 },
];
// Relative likelihood of each non-ACW code when an agent goes unavailable.
const CODE_WEIGHTS = [34, 6, 3, 5, 18, 4, 4];
export const SKILLS = [
  { skillId: 5001, skillName: 'Support Phone', mediaTypeId: 4, mediaTypeName: 'PhoneCall', outbound: false, weight: 50 },
  { skillId: 5002, skillName: 'Support Chat', mediaTypeId: 3, mediaTypeName: 'Chat', outbound: false, weight: 25 },
  { skillId: 5003, skillName: 'Support Email', mediaTypeId: 1, mediaTypeName: 'Email', outbound: false, weight: 10 },
  { skillId: 5004, skillName: 'Billing Phone', mediaTypeId: 4, mediaTypeName: 'PhoneCall', outbound: false, weight: 15 },
  { skillId: 5101, skillName: 'Outbound Sales', mediaTypeId: 4, mediaTypeName: 'PhoneCall', outbound: true, weight: 1 },
] as const;


/** Min-heap of (time, agent index) with ties broken by index, so the order is fully deterministic. */
class TransitionQueue {
  private times: number[] = [];
  private idx: number[] = [];
  get size(): number {
    return this.times.length;
  }
  peekTime(): number {
    return this.times.length ? this.times[0]! : Infinity;
  }
  private less(i: number, j: number): boolean {
    const ti = this.times[i]!;
    const tj = this.times[j]!;
    return ti < tj || (ti === tj && this.idx[i]! < this.idx[j]!);
  }
  private swap(i: number, j: number): void {
    const t = this.times[i]!;
    this.times[i] = this.times[j]!;
    this.times[j] = t;
    const x = this.idx[i]!;
    this.idx[i] = this.idx[j]!;
    this.idx[j] = x;
  }
  push(time: number, index: number): void {
    this.times.push(time);
    this.idx.push(index);
    let i = this.times.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): [number, number] | undefined {
    const n = this.times.length;
    if (!n) return undefined;
    const top: [number, number] = [this.times[0]!, this.idx[0]!];
    this.swap(0, n - 1);
    this.times.pop();
    this.idx.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n - 1 && this.less(l, m)) m = l;
      if (r < n - 1 && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

export class ContactCenterSimulator {
  readonly seed: number;
  readonly businessUnitId: number;
  readonly startTime: number;
  readonly agents: readonly SimAgent[];
  readonly teams: readonly SimTeam[];
  readonly unavailableCodes: readonly SimUnavailableCode[] = CODES;
  /** When agent profiles were last modified (for GET /agents?updateSince=). */
  readonly profilesUpdatedAt: number;

  private time: number;
  private readonly rng: () => number;
  private readonly indexById = new Map<number, number>();
  private readonly indexByUserId = new Map<string, number>();
  private readonly status: SimStatus[] = [];
  private readonly lastChange: number[] = [];
  private readonly nextAt: number[] = [];
  private readonly history: Array<Array<{ at: number; status: SimStatus }>> = [];
  private readonly queue = new TransitionQueue();
  private readonly log: SimEvent[] = [];
  private readonly logLimit: number;
  private readonly historyLimit: number;
  private seq = 0;
  private nextContactId: number;
  private readonly listeners = new Set<(e: SimEvent) => void>();

  constructor(opts: SimulatorOptions = {}) {
    const n = opts.agents ?? 200;
    if (!Number.isInteger(n) || n < 0) throw new RangeError('agents must be a non-negative integer');
    this.seed = opts.seed ?? 1;
    this.rng = makeRng(this.seed);
    this.startTime = opts.startTime ?? Date.UTC(2025, 0, 15, 13, 0, 0);
    this.time = this.startTime;
    this.profilesUpdatedAt = this.startTime - 30 * 24 * 3600_000;
    this.businessUnitId = opts.businessUnitId ?? 4600000;
    this.logLimit = opts.logLimit ?? 100_000;
    this.historyLimit = Math.max(1, opts.historyPerAgent ?? 16);
    this.nextContactId = 600_000_000 + Math.floor(this.rng() * 1_000_000) * 100;

    const teamSize = Math.max(1, opts.teamSize ?? 15);
    const teamCount = Math.max(1, Math.ceil(n / teamSize));
    this.teams = Array.from({ length: teamCount }, (_, t) => ({
      teamId: 77001 + t,
      teamName: TEAM_NAMES[t % TEAM_NAMES.length]! + (t >= TEAM_NAMES.length ? ` ${Math.floor(t / TEAM_NAMES.length) + 1}` : ''),
      isActive: true,
    }));

    const agents: SimAgent[] = [];
    for (let i = 0; i < n; i++) {
      const first = FIRST_NAMES[Math.floor(this.rng() * FIRST_NAMES.length)]!;
      const last = LAST_NAMES[Math.floor(this.rng() * LAST_NAMES.length)]!;
      const team = this.teams[i % teamCount]!;
      const agentId = 40_110_000 + i * 7 + 3;
      // A login is an e-mail address: ASCII, as the v34 contract's pattern requires ("Inês" logs in as ines).
      const userName = `${first}.${last}.${i + 1}@demo.example`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      agents.push({
        agentId,
        userId: this.uuid(),
        firstName: first,
        lastName: last,
        userName,
        emailAddress: userName,
        teamId: team.teamId,
        teamName: team.teamName,
        // A few deactivated agent records, as every real tenant has.
        isActive: this.rng() >= 0.03,
        businessUnitId: this.businessUnitId,
      });
      this.indexById.set(agentId, i);
    }
    this.agents = agents;
    agents.forEach((a, i) => this.indexByUserId.set(a.userId, i));

    for (let i = 0; i < n; i++) {
      const st = agents[i]!.isActive ? this.initialStatus() : this.make(STATE.LoggedOut, this.startTime - 3 * 24 * 3600_000);
      this.status.push(st);
      this.lastChange.push(st.startDate);
      this.history.push([{ at: st.startDate, status: st }]);
      this.nextAt.push(Infinity);
      // Inactive agents never move; everyone else gets a first transition.
      if (agents[i]!.isActive) this.schedule(i, this.startTime + this.remainingDwell(st));
    }
  }

  // ---- time -----------------------------------------------------------------------------------

  now(): number {
    return this.time;
  }

  /** Moves time forward by ms, applying every transition due on the way. Returns how many happened. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative number of milliseconds');
    return this.advanceTo(this.time + ms);
  }

  advanceTo(target: number): number {
    let count = 0;
    while (this.queue.peekTime() <= target) {
      const [at, i] = this.queue.pop()!;
      if (this.nextAt[i] !== at) continue; // superseded by forceState
      this.time = Math.max(this.time, at);
      const next = this.nextStatus(i, at);
      this.apply(i, next, at, 'model');
      this.schedule(i, at + this.dwell(next));
      count++;
    }
    if (target > this.time) this.time = target;
    return count;
  }

  // ---- truth ----------------------------------------------------------------------------------

  agentIndex(agentIdOrUserId: number | string): number | undefined {
    if (typeof agentIdOrUserId === 'number') return this.indexById.get(agentIdOrUserId);
    if (/^\d+$/.test(agentIdOrUserId)) return this.indexById.get(Number(agentIdOrUserId));
    return this.indexByUserId.get(agentIdOrUserId.toLowerCase());
  }

  statusOf(agentId: number): SimStatus | undefined {
    const i = this.indexById.get(agentId);
    return i === undefined ? undefined : this.status[i];
  }

  /** When the agent's state last changed (ms); what updatedSince compares against. */
  lastChangeAt(agentId: number): number | undefined {
    const i = this.indexById.get(agentId);
    return i === undefined ? undefined : this.lastChange[i];
  }

  /** Indices of agents whose state changed at or after `sinceMs` (at-least-once, like a safe server). */
  changedIndicesSince(sinceMs: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.lastChange.length; i++) if (this.lastChange[i]! >= sinceMs) out.push(i);
    return out;
  }

  /** Agent ids whose state changed at or after `sinceMs`. */
  changedSince(sinceMs: number): number[] {
    return this.changedIndicesSince(sinceMs).map((i) => this.agents[i]!.agentId);
  }

  /** The normalized truth for one agent now, in the app's own type. */
  agentState(agentId: number): AgentState | undefined {
    const i = this.indexById.get(agentId);
    return i === undefined ? undefined : this.toAgentState(i, this.status[i]!, this.lastChange[i]!);
  }

  /** Truth for every agent now, ordered by agentId (the same order the server lists them). */
  snapshot(): AgentState[] {
    return this.agents.map((_, i) => this.toAgentState(i, this.status[i]!, this.lastChange[i]!));
  }

  /**
   * The agent's state at a past instant, from the per-agent history. Null when that instant is older
   * than the history kept (historyPerAgent) or the agent is unknown.
   */
  stateAt(agentId: number, atMs: number): AgentState | null {
    const i = this.indexById.get(agentId);
    if (i === undefined) return null;
    const h = this.history[i]!;
    for (let k = h.length - 1; k >= 0; k--) {
      const e = h[k]!;
      if (e.at <= atMs) return this.toAgentState(i, e.status, e.at);
    }
    return null; // older than the history kept
  }

  /** Internal status and last-change time by index (for the HTTP server's serializer). */
  entry(i: number): { agent: SimAgent; status: SimStatus; lastChangeAt: number } {
    return { agent: this.agents[i]!, status: this.status[i]!, lastChangeAt: this.lastChange[i]! };
  }

  toAgentState(i: number, s: SimStatus, lastChangeAt: number): AgentState {
    const a = this.agents[i]!;
    const stateName = AGENT_STATE_NAMES[s.stateId as keyof typeof AGENT_STATE_NAMES];
    return {
      agentId: a.agentId,
      stateId: s.stateId,
      stateName,
      category: categorize(s.stateId, stateName, s.isACW),
      outStateId: s.outStateId,
      outStateDescription: s.outStateDescription,
      isACW: s.isACW,
      contactId: s.contactId,
      skillName: s.skillName,
      mediaTypeName: s.mediaTypeName,
      startDate: new Date(s.startDate).toISOString(),
      lastUpdateTime: new Date(lastChangeAt).toISOString(),
      firstName: a.firstName,
      lastName: a.lastName,
      userName: a.userName,
      teamId: a.teamId,
      teamName: a.teamName,
      businessUnitId: a.businessUnitId,
      isActive: a.isActive,
    };
  }

  // ---- the event log --------------------------------------------------------------------------

  /** Transitions after sequence number `afterSeq` (default: all kept). */
  events(afterSeq = 0): readonly SimEvent[] {
    const first = this.log[0];
    if (!first || afterSeq < first.seq) return this.log.slice();
    return this.log.slice(afterSeq - first.seq + 1);
  }

  /** Sequence number of the latest transition (0 before any). */
  lastSeq(): number {
    return this.seq;
  }

  /** Drops logged transitions before `beforeMs` (per-agent history is bounded separately). */
  trimLog(beforeMs: number): number {
    let k = 0;
    while (k < this.log.length && this.log[k]!.at < beforeMs) k++;
    if (k) this.log.splice(0, k);
    return k;
  }

  onTransition(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- test control ---------------------------------------------------------------------------

  /** Puts an agent into a state now (logged as cause 'forced'); the model resumes after holdMs. */
  forceState(agentId: number, spec: ForceStateSpec): SimEvent {
    const i = this.indexById.get(agentId);
    if (i === undefined) throw new RangeError(`No simulated agent ${agentId}`);
    const at = this.time;
    const cur = this.status[i]!;
    const session = cur.sessionStartTime ?? at;
    let next: SimStatus;
    switch (spec.state) {
      case 'LoggedOut':
        next = this.make(STATE.LoggedOut, at);
        break;
      case 'Available':
        next = this.make(STATE.Available, at, { sessionStartTime: session });
        break;
      case 'ACW':
        next = this.acw(at, session);
        break;
      case 'InboundContact':
      case 'OutboundContact':
        next = this.contact(at, session, spec.state === 'OutboundContact');
        break;
      case 'Unavailable': {
        const code =
          spec.code === undefined
            ? CODES[0]!
            : CODES.find((c) => c.outStateId === spec.code || c.outStateDescription.toLowerCase() === String(spec.code).toLowerCase());
        if (!code) throw new RangeError(`No unavailable code ${String(spec.code)}`);
        next = code.isAcw ? this.acw(at, session) : this.unavailable(at, session, code);
        break;
      }
    }
    const e = this.apply(i, next, at, 'forced');
    this.schedule(i, at + Math.max(1, spec.holdMs ?? this.dwell(next)));
    return e;
  }

  // ---- the model ------------------------------------------------------------------------------

  private uuid(): string {
    const hex = (k: number) =>
      Array.from({ length: k }, () => Math.floor(this.rng() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(this.rng() * 4)]}${hex(3)}-${hex(12)}`;
  }

  private make(stateId: number, at: number, extra: Partial<SimStatus> = {}): SimStatus {
    return {
      stateId,
      outStateId: null,
      outStateDescription: null,
      isACW: false,
      contactId: null,
      isOutbound: false,
      skillId: null,
      skillName: null,
      mediaTypeId: null,
      mediaTypeName: null,
      startDate: at,
      sessionStartTime: stateId === STATE.LoggedOut ? null : at,
      ...extra,
    };
  }

  private contact(at: number, session: number, outbound: boolean): SimStatus {
    const skill = outbound ? SKILLS[4] : this.pickWeighted(SKILLS.slice(0, 4), SKILLS.slice(0, 4).map((s) => s.weight));
    return this.make(outbound ? STATE.OutboundContact : STATE.InboundContact, at, {
      contactId: this.nextContactId++,
      isOutbound: outbound,
      skillId: skill.skillId,
      skillName: skill.skillName,
      mediaTypeId: skill.mediaTypeId,
      mediaTypeName: skill.mediaTypeName,
      sessionStartTime: session,
    });
  }

  /** After-contact work: Unavailable with the ACW code and the isACW flag (CXONE-API.md §3). */
  private acw(at: number, session: number): SimStatus {
    const c = CODES[CODES.length - 1]!;
    return this.make(STATE.Unavailable, at, {
      outStateId: c.outStateId,
      outStateDescription: c.outStateDescription,
      isACW: true,
      sessionStartTime: session,
    });
  }

  private unavailable(at: number, session: number, code?: SimUnavailableCode): SimStatus {
    const c = code ?? this.pickWeighted(CODES.slice(0, CODE_WEIGHTS.length), CODE_WEIGHTS);
    return this.make(STATE.Unavailable, at, {
      outStateId: c.outStateId,
      outStateDescription: c.outStateDescription,
      sessionStartTime: session,
    });
  }

  private pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.rng() * total;
    for (let k = 0; k < items.length; k++) {
      r -= weights[k]!;
      if (r < 0) return items[k]!;
    }
    return items[items.length - 1]!;
  }

  /** Exponential dwell around a mean, clamped to [min, 4 × mean], whole milliseconds. */
  private expMs(mean: number, min: number): number {
    const x = -Math.log(1 - this.rng()) * mean;
    return Math.round(Math.min(Math.max(x, min), mean * 4));
  }

  private dwell(s: SimStatus): number {
    switch (s.stateId) {
      case STATE.LoggedOut:
        return this.expMs(60 * MIN, 5 * MIN);
      case STATE.Available:
        return this.expMs(70_000, 3_000);
      case STATE.InboundContact:
      case STATE.OutboundContact:
        return this.expMs(4 * MIN, 20_000);
      default: {
        const code = CODES.find((c) => c.outStateId === s.outStateId);
        return this.expMs(code?.meanDwellMs ?? 10 * MIN, s.isACW ? 5_000 : 60_000);
      }
    }
  }

  /** At the start, agents are mid-state: some time of the current state has already passed. */
  private remainingDwell(s: SimStatus): number {
    return Math.max(1000, this.dwell(s) - (this.startTime - s.startDate));
  }

  private initialStatus(): SimStatus {
    const r = this.rng();
    const started = (mean: number) => this.startTime - Math.round(this.rng() * mean);
    if (r < 0.18) return this.make(STATE.LoggedOut, started(3 * 3600_000));
    const session = this.startTime - Math.round(this.rng() * 4 * 3600_000) - 10 * MIN;
    if (r < 0.45) return this.make(STATE.Available, started(60_000), { sessionStartTime: session });
    if (r < 0.72) return this.contact(started(4 * MIN), session, false);
    if (r < 0.77) return this.contact(started(4 * MIN), session, true);
    if (r < 0.84) return this.acw(started(40_000), session);
    return this.unavailable(started(15 * MIN), session);
  }

  private nextStatus(i: number, at: number): SimStatus {
    const cur = this.status[i]!;
    const session = cur.sessionStartTime ?? at;
    const r = this.rng();
    switch (cur.stateId) {
      case STATE.LoggedOut:
        return r < 0.85 ? this.make(STATE.Available, at) : this.unavailable(at, at, CODES[3]);
      case STATE.Available:
        if (r < 0.78) return this.contact(at, session, false);
        if (r < 0.93) return this.contact(at, session, true);
        if (r < 0.99) return this.unavailable(at, session);
        return this.make(STATE.LoggedOut, at);
      case STATE.InboundContact:
      case STATE.OutboundContact:
        return r < 0.75 ? this.acw(at, session) : this.make(STATE.Available, at, { sessionStartTime: session });
      default:
        if (cur.isACW) return r < 0.96 ? this.make(STATE.Available, at, { sessionStartTime: session }) : this.unavailable(at, session);
        return r < 0.94 ? this.make(STATE.Available, at, { sessionStartTime: session }) : this.make(STATE.LoggedOut, at);
    }
  }

  private schedule(i: number, at: number): void {
    this.nextAt[i] = at;
    this.queue.push(at, i);
  }

  private apply(i: number, next: SimStatus, at: number, cause: SimEvent['cause']): SimEvent {
    const from = this.status[i]!;
    this.status[i] = next;
    this.lastChange[i] = at;
    const h = this.history[i]!;
    h.push({ at, status: next });
    if (h.length > this.historyLimit) h.shift();
    const e: SimEvent = { seq: ++this.seq, at, agentId: this.agents[i]!.agentId, from, to: next, cause };
    this.log.push(e);
    // Drop in chunks so the log costs O(1) amortized per transition.
    if (this.log.length > this.logLimit * 1.25) this.log.splice(0, this.log.length - this.logLimit);
    for (const l of this.listeners) l(e);
    return e;
  }
}
