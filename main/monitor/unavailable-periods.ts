// The "unavailable too long" timers of the alert policy (alerts.ts): one period per unavailable agent,
// from when it went unavailable, and the time on its current code, which a new reason restarts. Each
// period is measured against the limit that applies to it now — the code's own (the user's code rule,
// else CXone's time limit for the code) or else the general "unavailable longer than N minutes" — and
// is due once. Pure: `now` and change times are the caller's (the server's clock as measured).
import type { AgentState } from '../cxone/model';
import type { NotificationSettings } from '../settings/schema';
import type { AgentChange } from './status';

/** An unavailable code's own time limit as CXone gives it (the client's UnavailableCode satisfies it). */
export interface CodeTimeLimit {
  outStateId: number;
  /** Minutes; null = the code has none. */
  timeLimitMinutes: number | null;
}

/**
 * The per-code threshold in minutes for an unavailable code: the user's rule, else the code's own
 * limit (when codeLimitsFromCxone); null when neither applies (the general "unavailable longer than" applies); 0 = off for it.
 */
export function codeThresholdMinutes(settings: Pick<NotificationSettings, 'codeRules' | 'codeLimitsFromCxone'>, limits: ReadonlyMap<number, number | null>, outStateId: number | null): number | null {
  if (outStateId === null) return null;
  const rule = settings.codeRules.find((r) => r.outStateId === outStateId);
  if (rule) return rule.minutes;
  return settings.codeLimitsFromCxone ? (limits.get(outStateId) ?? null) : null;
}

/** A period past its limit: the agent's state now, the limit in minutes, and whether it was the code's own. */
export interface OverduePeriod {
  agentId: number;
  state: AgentState;
  minutes: number;
  onCode: boolean;
}

export interface UnavailablePeriods {
  /** Every change, baseline ones too: a period already past its limit when a baseline first shows it is never due. */
  track(change: AgentChange, now: number): void;
  /** The periods whose limit has passed by `now`, each once (`include` false: passed over, still marked done). */
  takeOverdue(now: number, include: (state: AgentState) => boolean): OverduePeriod[];
  /** When the next period becomes due (ms); null when none will. */
  nextDueAt(): number | null;
  /** New thresholds: every period is measured again against its new limit. */
  setSettings(settings: NotificationSettings): void;
  setCodeLimits(codes: readonly CodeTimeLimit[]): void;
}

interface Tracked {
  /** Start of the unavailable period. */
  since: number;
  /** When the agent went on the current code (a new reason restarts a per-code limit only). */
  codeSince: number;
  state: AgentState;
  done: boolean;
}

const MINUTE_MS = 60_000;

const thresholdKey = (n: NotificationSettings) => `${n.unavailableLongerThanMinutes}|${n.codeLimitsFromCxone}|${JSON.stringify(n.codeRules)}`;

/** The limit that applies to a period: its minutes, the time it counts from (ms) and whether it is the code's own. */
interface PeriodLimit {
  minutes: number;
  from: number;
  onCode: boolean;
}

/** When a period reaches its limit (ms). */
const reachedAt = (l: PeriodLimit): number => l.from + l.minutes * MINUTE_MS;

/**
 * The thresholds the periods are measured against: the general one and the per-code ones (the user's
 * code rules, CXone's code limits). The setters say whether any threshold changed.
 */
function createThresholds(initial: NotificationSettings) {
  let settings = initial;
  let codeLimits = new Map<number, number | null>();

  /** The limit that applies to a period now, or null when none does (off, or 0). */
  function limitOf(t: Tracked): PeriodLimit | null {
    const code = codeThresholdMinutes(settings, codeLimits, t.state.outStateId);
    if (code !== null) return code > 0 ? { minutes: code, from: t.codeSince, onCode: true } : null;
    const general = settings.unavailableLongerThanMinutes;
    return general > 0 ? { minutes: general, from: t.since, onCode: false } : null;
  }

  return {
    limitOf,
    /** When the period becomes due (ms), or null when no limit applies. */
    dueAt(t: Tracked): number | null {
      const l = limitOf(t);
      return l === null ? null : reachedAt(l);
    },
    setSettings(next: NotificationSettings): boolean {
      const before = thresholdKey(settings);
      settings = next;
      return thresholdKey(next) !== before;
    },
    setCodeLimits(codes: readonly CodeTimeLimit[]): boolean {
      const next = new Map(codes.map((c) => [c.outStateId, c.timeLimitMinutes] as const));
      const same = next.size === codeLimits.size && [...next].every(([id, m]) => codeLimits.get(id) === m && codeLimits.has(id));
      codeLimits = next;
      return !same;
    },
  };
}

type Thresholds = ReturnType<typeof createThresholds>;

/** A new reason within the same unavailable period: the period goes on, the time on a code restarts. */
function continuePeriod(t: Tracked, c: AgentChange, thresholds: Thresholds): void {
  const newCode = t.state.outStateId !== c.to.outStateId;
  t.state = c.to;
  if (newCode) {
    t.codeSince = c.at;
    if (thresholds.limitOf(t)?.onCode) t.done = false;
  }
}

/** A period from the change on; one already past the threshold when a baseline first shows it is old news. */
function startPeriod(c: AgentChange, now: number, thresholds: Thresholds): Tracked {
  const t: Tracked = { since: c.at, codeSince: c.at, state: c.to, done: false };
  const due = thresholds.dueAt(t);
  t.done = c.baseline && due !== null && now >= due;
  return t;
}

export function createUnavailablePeriods(initial: NotificationSettings): UnavailablePeriods {
  const thresholds = createThresholds(initial);
  const periods = new Map<number, Tracked>();
  // New thresholds: every period is measured again, so one already alerted may be due again.
  const rearm = () => {
    for (const t of periods.values()) t.done = false;
  };

  return {
    track(c, now) {
      if (c.to.category !== 'unavailable') {
        periods.delete(c.agentId);
        return;
      }
      const existing = periods.get(c.agentId);
      if (existing) continuePeriod(existing, c, thresholds);
      else periods.set(c.agentId, startPeriod(c, now, thresholds));
    },
    takeOverdue(now, include) {
      const out: OverduePeriod[] = [];
      for (const [agentId, t] of periods) {
        if (t.done) continue;
        const l = thresholds.limitOf(t);
        if (l === null || now < reachedAt(l)) continue;
        t.done = true;
        if (include(t.state)) out.push({ agentId, state: t.state, minutes: l.minutes, onCode: l.onCode });
      }
      return out;
    },
    nextDueAt() {
      let due = Infinity;
      for (const t of periods.values()) {
        const at = t.done ? null : thresholds.dueAt(t);
        if (at !== null) due = Math.min(due, at);
      }
      return due === Infinity ? null : due;
    },
    setSettings(next) {
      if (thresholds.setSettings(next)) rearm();
    },
    setCodeLimits(codes) {
      if (thresholds.setCodeLimits(codes)) rearm();
    },
  };
}
