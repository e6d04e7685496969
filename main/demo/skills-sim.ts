// The demo tenant's skills and their queues: a seeded, deterministic model behind GET skills/activity and
// GET skills/agents. Contacts arrive per skill on a daily curve (a morning peak, a lunch dip, a smaller
// afternoon peak; chat and email all day, email piling up overnight), are answered first-in first-out by
// a staffing plan that mostly keeps up — except Billing Phone, short-staffed over lunch, and random
// staffing dips elsewhere, which breach the service level now and then. Service level = contacts
// answered within the skill's threshold over the last 30 minutes. The agent counts per skill are the
// agent simulator's own: the states of the agents who have the skill (the same agents skills/agents lists).
//
// Time moves with the agent simulator: advanceTo() steps the queues in 5-second ticks.
import type { ContactCenterSimulator } from './simulator';
import { makeRng } from './rng';
import { SKILLS } from './simulator';

export interface SimSkill {
  skillId: number;
  skillName: string;
  mediaTypeId: number;
  mediaTypeName: string;
  isOutbound: boolean;
  /** Percent; 0 = none set (outbound skills). */
  serviceLevelGoal: number;
  /** Seconds within which an answer counts as in service level. */
  serviceLevelThreshold: number;
  /** Contacts per minute at the day's peak. */
  peakPerMinute: number;
  /** 'office': nothing at night; 'allday': a floor around the clock. */
  hours: 'office' | 'allday';
  /** Callers hang up after this long (seconds); null: they wait (email). */
  abandonAfterS: number | null;
  /** Staffing relative to the traffic (1.0 = just enough on average). */
  staffing: number;
  /** A local hour range [from, to) in which staffing drops to `dip` (lunch breaks all at once). */
  dipHours?: readonly [number, number];
  dip?: number;
}

export interface SkillsSimOptions {
  agents: ContactCenterSimulator;
  seed?: number;
  /** How many skills (default 10, the demo's own); more are made up ("Queue 11", …) for benchmarks. */
  skills?: number;
  /**
   * The demo's local time zone as minutes east of UTC (the curve follows the local day), or that offset
   * at a time (ms), so the day keeps to the local clock across a change to or from summer time. Default 0.
   */
  utcOffsetMinutes?: number | ((ms: number) => number);
  /** Skills per agent beyond the team's own (default 1). */
  extraSkillsPerAgent?: number;
}

const TICK_MS = 5_000;
const MIN = 60_000;
/** The service level's window. */
const SL_WINDOW_MIN = 30;
/** Queues are run this long before the first answer, so the demo starts mid-day, not with empty queues. */
const WARMUP_MS = 60 * MIN;

const base = (id: number) => {
  const s = SKILLS.find((k) => k.skillId === id)!;
  return { skillId: s.skillId, skillName: s.skillName, mediaTypeId: s.mediaTypeId, mediaTypeName: s.mediaTypeName, isOutbound: s.outbound };
};

/** The demo's skills: the five the agent simulator's contacts carry, and five more. */
export const DEMO_SKILLS: readonly SimSkill[] = [
  { ...base(5001), serviceLevelGoal: 80, serviceLevelThreshold: 30, peakPerMinute: 6, hours: 'office', abandonAfterS: 240, staffing: 1.5 },
  { ...base(5002), serviceLevelGoal: 85, serviceLevelThreshold: 60, peakPerMinute: 3, hours: 'allday', abandonAfterS: 600, staffing: 1.5 },
  { ...base(5003), serviceLevelGoal: 90, serviceLevelThreshold: 4 * 3600, peakPerMinute: 1.5, hours: 'allday', abandonAfterS: null, staffing: 1.3 },
  { ...base(5004), serviceLevelGoal: 80, serviceLevelThreshold: 30, peakPerMinute: 2.5, hours: 'office', abandonAfterS: 300, staffing: 1.45, dipHours: [12, 13.5], dip: 0.5 },
  { ...base(5101), serviceLevelGoal: 0, serviceLevelThreshold: 0, peakPerMinute: 0, hours: 'office', abandonAfterS: null, staffing: 1 },
  { skillId: 5005, skillName: 'Sales Phone', mediaTypeId: 4, mediaTypeName: 'PhoneCall', isOutbound: false, serviceLevelGoal: 80, serviceLevelThreshold: 20, peakPerMinute: 2, hours: 'office', abandonAfterS: 180, staffing: 1.6 },
  { skillId: 5006, skillName: 'Technical Support', mediaTypeId: 4, mediaTypeName: 'PhoneCall', isOutbound: false, serviceLevelGoal: 75, serviceLevelThreshold: 45, peakPerMinute: 3, hours: 'office', abandonAfterS: 420, staffing: 1.3 },
  { skillId: 5007, skillName: 'Retention', mediaTypeId: 4, mediaTypeName: 'PhoneCall', isOutbound: false, serviceLevelGoal: 80, serviceLevelThreshold: 30, peakPerMinute: 1, hours: 'office', abandonAfterS: 300, staffing: 1.7 },
  { skillId: 5008, skillName: 'Billing Email', mediaTypeId: 1, mediaTypeName: 'Email', isOutbound: false, serviceLevelGoal: 90, serviceLevelThreshold: 8 * 3600, peakPerMinute: 0.6, hours: 'allday', abandonAfterS: null, staffing: 1.3 },
  { skillId: 5009, skillName: 'Support SMS', mediaTypeId: 8, mediaTypeName: 'SMS', isOutbound: false, serviceLevelGoal: 80, serviceLevelThreshold: 300, peakPerMinute: 0.8, hours: 'allday', abandonAfterS: null, staffing: 1.5 },
];

const MEDIA = [
  { mediaTypeId: 4, mediaTypeName: 'PhoneCall' },
  { mediaTypeId: 3, mediaTypeName: 'Chat' },
  { mediaTypeId: 1, mediaTypeName: 'Email' },
] as const;

/** A made-up skill for benchmarks beyond the demo's ten. */
function extraSkill(k: number): SimSkill {
  const m = MEDIA[k % MEDIA.length]!;
  return { skillId: 6000 + k, skillName: `Queue ${k + 1}`, ...m, isOutbound: false, serviceLevelGoal: 80, serviceLevelThreshold: 30, peakPerMinute: 1 + (k % 4), hours: k % 2 ? 'allday' : 'office', abandonAfterS: m.mediaTypeId === 1 ? null : 300, staffing: 1.35 + (k % 5) * 0.05 };
}

/** The share of peak traffic at a local hour (0–24): a morning peak at 10, a lunch dip, a smaller peak at 14:30. */
export function dayCurve(hour: number, hours: SimSkill['hours']): number {
  const bump = (mu: number, sigma: number) => Math.exp(-((hour - mu) ** 2) / (2 * sigma * sigma));
  const office = Math.max(0, bump(10, 1.6) + 0.75 * bump(14.5, 1.8) - 0.25 * bump(12.5, 0.6));
  const day = hour >= 7 && hour < 19 ? office : 0;
  return hours === 'allday' ? 0.12 + 0.88 * Math.min(1, day) : Math.min(1, day);
}

/** One skill's queue state. */
interface Queue {
  /** Arrival times (ms) of the contacts waiting, oldest first, from `head`. */
  waiting: number[];
  head: number;
  /** Answered within / outside the threshold (and abandoned, counted outside) per minute, a ring of SL_WINDOW_MIN. */
  inRing: number[];
  outRing: number[];
  ringMinute: number;
  /** A slow random staffing factor (absences), re-drawn every 15 minutes. */
  staffNoise: number;
  staffNoiseUntil: number;
  /** Fractions of a contact carried between ticks, so low rates still add up. */
  capacityCarry: number;
  agentCounts: AgentCounts;
  lastSignature: string;
  lastChange: number;
}

interface AgentCounts {
  loggedIn: number;
  available: number;
  unavailable: number;
  acw: number;
  working: number;
}

const NO_AGENTS: AgentCounts = { loggedIn: 0, available: 0, unavailable: 0, acw: 0, working: 0 };

export interface ForceQueueSpec {
  /** Contacts waiting now. */
  queueCount?: number;
  /** How long the oldest of them has waited, seconds. */
  longestWaitSeconds?: number;
  /** The service level (percent) over the window, made from 20 answers. */
  serviceLevel?: number;
}

export class SkillActivitySimulator {
  readonly skills: readonly SimSkill[];
  readonly agentSim: ContactCenterSimulator;
  private readonly rng: () => number;
  private readonly offsetMinutes: (ms: number) => number;
  private readonly queues: Queue[];
  /** skill index → agent indices (into agentSim.agents) who have it. */
  private readonly members: number[][];
  private time: number;

  constructor(opts: SkillsSimOptions) {
    this.agentSim = opts.agents;
    this.rng = makeRng((opts.seed ?? opts.agents.seed) * 7919 + 17);
    const offset = opts.utcOffsetMinutes ?? 0;
    this.offsetMinutes = typeof offset === 'number' ? () => offset : offset;
    const n = Math.max(1, opts.skills ?? DEMO_SKILLS.length);
    this.skills = Array.from({ length: n }, (_, k) => DEMO_SKILLS[k] ?? extraSkill(k));
    this.members = this.assign(opts.extraSkillsPerAgent ?? 1);
    this.time = opts.agents.now() - WARMUP_MS;
    this.queues = this.skills.map(() => ({
      waiting: [],
      head: 0,
      inRing: new Array<number>(SL_WINDOW_MIN).fill(0),
      outRing: new Array<number>(SL_WINDOW_MIN).fill(0),
      ringMinute: Math.floor(this.time / MIN),
      staffNoise: 1,
      staffNoiseUntil: 0,
      capacityCarry: 0,
      agentCounts: NO_AGENTS,
      lastSignature: '',
      lastChange: this.time,
    }));
    this.advanceTo(opts.agents.now());
  }

  now(): number {
    return this.time;
  }

  /** Each team has the skills of its line of work; every agent one more at random. Deterministic. */
  private assign(extra: number): number[][] {
    const members = this.skills.map(() => [] as number[]);
    const teamSkills: number[][] = [[0, 1], [0, 5], [3, 7], [4, 4], [6, 0], [2, 8], [5, 0], [1, 9], [2, 1], [3, 8], [6, 5], [7, 2], [4, 0], [9, 3]];
    const agents = this.agentSim.agents;
    const firstTeam = agents.length ? Math.min(...this.agentSim.teams.map((t) => t.teamId)) : 0;
    agents.forEach((a, i) => {
      const own = new Set<number>();
      for (const k of teamSkills[(a.teamId - firstTeam) % teamSkills.length]!) if (k < this.skills.length) own.add(k);
      // Skills beyond the demo's ten (benchmarks) go round-robin, so each has agents.
      if (this.skills.length > DEMO_SKILLS.length) own.add(DEMO_SKILLS.length + (i % (this.skills.length - DEMO_SKILLS.length)));
      for (let e = 0; e < extra; e++) own.add(Math.floor(this.rng() * this.skills.length));
      for (const k of own) members[k]!.push(i);
    });
    return members;
  }

  /** Who has which skill, in skill order (GET skills/agents). */
  assignments(): Array<{ agentId: number; skillId: number }> {
    const out: Array<{ agentId: number; skillId: number }> = [];
    this.members.forEach((m, k) => {
      for (const i of m) out.push({ agentId: this.agentSim.agents[i]!.agentId, skillId: this.skills[k]!.skillId });
    });
    return out;
  }

  /** Agent ids who have the skill. */
  agentsWith(skillId: number): number[] {
    const k = this.skills.findIndex((s) => s.skillId === skillId);
    return k < 0 ? [] : this.members[k]!.map((i) => this.agentSim.agents[i]!.agentId);
  }

  /** Steps the queues to `target` (the agent simulator's time) and takes the agents' states as of now. */
  advanceTo(target: number): void {
    while (this.time + TICK_MS <= target) {
      this.time += TICK_MS;
      for (let k = 0; k < this.skills.length; k++) this.tick(k);
    }
    if (target > this.time) this.time = target;
    this.countAgents();
    for (let k = 0; k < this.skills.length; k++) {
      const q = this.queues[k]!;
      const sig = this.signature(k);
      if (sig !== q.lastSignature) {
        q.lastSignature = sig;
        q.lastChange = this.time;
      }
    }
  }

  /** The hour of the demo's local day at `t` (ms), fractions included: what the traffic curve follows. */
  localHour(t: number): number {
    const ms = (((t + this.offsetMinutes(t) * MIN) % 86_400_000) + 86_400_000) % 86_400_000;
    return ms / 3_600_000;
  }

  private poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gauss()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.rng();
    } while (p > l);
    return k - 1;
  }

  private gauss(): number {
    return Math.sqrt(-2 * Math.log(1 - this.rng())) * Math.cos(2 * Math.PI * this.rng());
  }

  private tick(k: number): void {
    const s = this.skills[k]!;
    const q = this.queues[k]!;
    const t = this.time;
    this.rollRing(q, t);
    if (s.peakPerMinute <= 0) return;
    const hour = this.localHour(t);
    const load = dayCurve(hour, s.hours);
    // Arrivals.
    const arrivals = this.poisson((s.peakPerMinute * load * TICK_MS) / MIN);
    for (let a = 0; a < arrivals; a++) q.waiting.push(t - Math.floor(this.rng() * TICK_MS));
    // Staffing: the plan follows the office curve (email and chat are staffed by day only), with dips.
    if (t >= q.staffNoiseUntil) {
      q.staffNoise = Math.max(0.6, Math.min(1.3, 1 + 0.15 * this.gauss()));
      q.staffNoiseUntil = t + 15 * MIN;
    }
    const dip = s.dipHours && hour >= s.dipHours[0] && hour < s.dipHours[1] ? (s.dip ?? 1) : 1;
    // Chat and SMS have a night shift; email waits for the morning.
    const staffedLoad = Math.max(dayCurve(hour, 'office'), s.hours === 'allday' && s.mediaTypeId !== 1 ? 0.15 : 0);
    q.capacityCarry += (s.peakPerMinute * staffedLoad * s.staffing * q.staffNoise * dip * TICK_MS) / MIN;
    let answers = Math.floor(q.capacityCarry);
    q.capacityCarry -= answers;
    const slot = Math.floor(t / MIN) % SL_WINDOW_MIN;
    while (answers > 0 && q.head < q.waiting.length) {
      const waited = (t - q.waiting[q.head]!) / 1000;
      q.head++;
      answers--;
      if (waited <= s.serviceLevelThreshold) q.inRing[slot]!++;
      else q.outRing[slot]!++;
    }
    // Idle agents answer the next contact at once, but idle time does not pile up for later.
    if (q.head >= q.waiting.length) q.capacityCarry = Math.min(q.capacityCarry + answers, 2);
    // Callers who give up count against the service level.
    if (s.abandonAfterS !== null) {
      while (q.head < q.waiting.length && (t - q.waiting[q.head]!) / 1000 > s.abandonAfterS) {
        q.head++;
        q.outRing[slot]!++;
      }
    }
    if (q.head > 256 && q.head * 2 > q.waiting.length) {
      q.waiting = q.waiting.slice(q.head);
      q.head = 0;
    }
  }

  /** Clears the minutes of the ring that slid out of the window since the last tick. */
  private rollRing(q: Queue, t: number): void {
    const minute = Math.floor(t / MIN);
    for (let m = q.ringMinute + 1; m <= minute && m <= q.ringMinute + SL_WINDOW_MIN; m++) {
      q.inRing[m % SL_WINDOW_MIN] = 0;
      q.outRing[m % SL_WINDOW_MIN] = 0;
    }
    q.ringMinute = Math.max(q.ringMinute, minute);
  }

  private countAgents(): void {
    const sim = this.agentSim;
    const byAgent: AgentCounts[] = [];
    this.members.forEach((m, k) => {
      const c = { loggedIn: 0, available: 0, unavailable: 0, acw: 0, working: 0 };
      for (const i of m) {
        let st = byAgent[i];
        if (!st) {
          const s = sim.entry(i).status;
          st = byAgent[i] = {
            loggedIn: s.stateId === 0 ? 0 : 1,
            available: s.stateId === 1 ? 1 : 0,
            unavailable: s.stateId === 2 && !s.isACW ? 1 : 0,
            acw: s.isACW ? 1 : 0,
            working: s.stateId >= 3 ? 1 : 0,
          };
        }
        c.loggedIn += st.loggedIn;
        c.available += st.available;
        c.unavailable += st.unavailable;
        c.acw += st.acw;
        c.working += st.working;
      }
      this.queues[k]!.agentCounts = c;
    });
  }

  private sla(q: Queue): { inSLA: number; outSLA: number } {
    let inSLA = 0;
    let outSLA = 0;
    for (let m = 0; m < SL_WINDOW_MIN; m++) {
      inSLA += q.inRing[m]!;
      outSLA += q.outRing[m]!;
    }
    return { inSLA, outSLA };
  }

  /** What an answer shows of the skill (everything but serverTime): a change of it is an update. */
  private signature(k: number): string {
    const q = this.queues[k]!;
    const c = q.agentCounts;
    const { inSLA, outSLA } = this.sla(q);
    return `${q.waiting.length - q.head},${q.waiting[q.head] ?? ''},${inSLA},${outSLA},${c.loggedIn},${c.available},${c.unavailable},${c.acw},${c.working}`;
  }

  /** Skill indices changed at or after `sinceMs` (all of them for -Infinity). */
  changedSince(sinceMs: number): number[] {
    const out: number[] = [];
    this.queues.forEach((q, k) => {
      if (q.lastChange >= sinceMs) out.push(k);
    });
    return out;
  }

  /** One skills/activity item with every field of the v34 contract, as CXone fills them. */
  item(k: number, businessUnitId: number): Record<string, unknown> {
    const s = this.skills[k]!;
    const q = this.queues[k]!;
    const c = q.agentCounts;
    const waiting = q.waiting.length - q.head;
    const { inSLA, outSLA } = this.sla(q);
    const answered = inSLA + outSLA;
    const item: Record<string, unknown> = {
      agentsACW: c.acw,
      agentsAvailable: c.available,
      agentsIdle: c.unavailable,
      agentsLoggedIn: c.loggedIn,
      agentsUnavailable: c.unavailable,
      agentsWorking: c.working,
      businessUnitId,
      campaignId: s.isOutbound ? 310 : 0,
      campaignName: s.isOutbound ? 'Spring Renewals' : '',
      contactsActive: c.working + (s.mediaTypeId === 1 ? Math.min(waiting, 3) : 0),
      divisionNo: 0,
      emailFromAddress: s.mediaTypeId === 1 ? `${s.skillName.toLowerCase().replace(/\W+/g, '.')}@demo.example` : '',
      inSLA,
      isActive: true,
      isNaturalCalling: false,
      isOutbound: s.isOutbound,
      mediaTypeId: s.mediaTypeId,
      mediaTypeName: s.mediaTypeName,
      outSLA,
      parkedCount: 0,
      personalQueueCount: 0,
      queueCount: waiting,
      serverTime: new Date(this.time).toISOString(),
      // CXone's whole-percent level; with nothing answered in the window, 100.
      serviceLevel: answered === 0 ? 100 : Math.round((100 * inSLA) / answered),
      serviceLevelGoal: s.serviceLevelGoal,
      serviceLevelThreshold: s.serviceLevelThreshold,
      skillId: s.skillId,
      skillName: s.skillName,
      skillQueueCount: waiting,
    };
    // The schema has no null: a time that does not apply (nobody waits) is left off.
    if (waiting > 0) item.earliestQueueTime = new Date(q.waiting[q.head]!).toISOString();
    return item;
  }

  /** For tests and screenshots: puts a skill's queue into a given state now; the model runs on from it. */
  force(skillId: number, spec: ForceQueueSpec): void {
    const k = this.skills.findIndex((s) => s.skillId === skillId);
    if (k < 0) throw new RangeError(`No simulated skill ${skillId}`);
    const q = this.queues[k]!;
    const t = this.time;
    if (spec.queueCount !== undefined || spec.longestWaitSeconds !== undefined) {
      const n = spec.queueCount ?? Math.max(1, q.waiting.length - q.head);
      const oldest = (spec.longestWaitSeconds ?? 30) * 1000;
      q.waiting = Array.from({ length: n }, (_, j) => t - Math.round(oldest * (1 - j / Math.max(1, n))));
      q.head = 0;
    }
    if (spec.serviceLevel !== undefined) {
      q.inRing.fill(0);
      q.outRing.fill(0);
      const slot = Math.floor(t / MIN) % SL_WINDOW_MIN;
      q.inRing[slot] = Math.round(spec.serviceLevel / 5);
      q.outRing[slot] = 20 - q.inRing[slot]!;
    }
    q.lastSignature = '';
    this.advanceTo(t);
  }
}
