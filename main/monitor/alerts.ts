// The notification policy: which agent changes become OS notifications. Pure logic — no timers, no
// clock of its own: the caller passes `now` to every method and calls tick() at nextDueAt()
// (alert-runner.ts does that with the Clock port). Rules, in order:
//  - baseline changes (start, resume, resync) never notify; they still keep the timers right;
//  - notifications off, paused (until a time or indefinitely) or quiet hours: nothing;
//  - pinned-only: only pinned agents; then an agent with a rule notifies only for that rule's
//    categories (none: muted), else an agent whose team has a rule follows the team's rule, else the
//    per-category toggles;
//  - a transition notifies when the category changes, or the unavailable reason changes;
//  - "unavailable longer than N minutes" fires once per unavailable period (not for periods that
//    were already that long when first seen in a baseline); a code with its own limit (the user's
//    code rule, else CXone's agentTimeout for it) instead fires "on <code> longer than N minutes",
//    timed from when the agent went on that code;
//  - queue rules (queue-alerts.ts) notify when a skill's waiting count or longest wait passes its
//    threshold, never for what a baseline already shows; they share everything below with agents;
//  - everything within a 3 s window is coalesced into one notification ("5 agents changed — …");
//  - an agent (or a skill's rule) notified less than the cooldown ago is left out; at most
//    maxPerMinute per minute, agents and queues together.
import type { AgentState, StateCategory } from '../cxone/model';
import { displayName } from '../cxone/model';
import type { QueueState } from '../queues/model';
import type { NotificationSettings } from '../settings/schema';
import { createQueueRuleTracker, queueAlertDecision, queueAlertPhrase, type QueueAlert } from './queue-alerts';
import type { AgentChange } from './status';

export interface NotificationDecision {
  title: string;
  body: string;
  /** Set when the notification is about one agent (a click opens that agent). */
  agentId?: number;
}

export interface AlertPolicyOptions {
  settings: NotificationSettings;
  pinnedAgentIds?: readonly number[];
  /** Minutes since local midnight at `ms`, for quiet hours. Default: the system time zone. */
  minuteOfDay?: (ms: number) => number;
  /** Default 3 000 ms. */
  burstWindowMs?: number;
}

export interface PauseState {
  paused: boolean;
  /** End of the pause (ms); null when not paused or paused indefinitely. */
  until: number | null;
  indefinitely: boolean;
}

/** An unavailable code's own time limit as CXone gives it (the client's UnavailableCode satisfies it). */
export interface CodeTimeLimit {
  outStateId: number;
  /** Minutes; null = the code has none. */
  timeLimitMinutes: number | null;
}

export interface AlertPolicy {
  setSettings(settings: NotificationSettings): void;
  /** The codes' own limits, the defaults of the per-code rules (the tenant's code list, reloaded now and then). */
  setCodeLimits(codes: readonly CodeTimeLimit[]): void;
  setPinned(agentIds: readonly number[]): void;
  /** Feed EVERY change, baseline ones too. Returns nothing due yet: bursts wait for tick(). */
  onChanges(changes: readonly AgentChange[], now: number): void;
  /** Feed EVERY QueueState the core publishes; queue rules that became true join the burst. */
  onQueues(state: QueueState, now: number): void;
  /** The next QueueState is a baseline (resume from sleep): what changed meanwhile does not notify. */
  queueBaseline(): void;
  /** Flushes a burst whose window has closed and fires due "unavailable too long" and "waiting too long" alerts. */
  tick(now: number): NotificationDecision[];
  /** When tick() has something to do next; null when nothing is pending. */
  nextDueAt(): number | null;
  /** null = until resumed. */
  pauseUntil(until: number | null): void;
  resume(): void;
  pauseState(now: number): PauseState;
  /** Notifications dropped by the cooldown, the cap, a pause or quiet hours since creation (for diagnostics). */
  suppressedCount(): number;
}

interface QueueCandidate {
  source: 'queue';
  alert: QueueAlert;
}

interface AgentCandidate {
  source: 'agent';
  agentId: number;
  state: AgentState;
  from: AgentState | null;
  /** Minutes unavailable, for "unavailable too long" alerts. */
  longMinutes?: number;
  /** The long alert came from the code's own limit: "on Break for 15+ minutes". */
  longOnCode?: boolean;
}

type Candidate = AgentCandidate | QueueCandidate;

/** What the cooldown and the burst count by: one agent, or one skill's rule of one kind. */
const candidateKey = (c: Candidate): string => (c.source === 'agent' ? `agent:${c.agentId}` : `queue:${c.alert.skillId}:${c.alert.kind}`);

interface Tracked {
  /** Start of the unavailable period. */
  since: number;
  /** When the agent went on the current code (a new reason restarts a per-code limit only). */
  codeSince: number;
  state: AgentState;
  done: boolean;
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

/** The per-category switch for agents without a team rule; null: that category never notifies. */
export const NOTIFY_TOGGLE: Readonly<Record<StateCategory, keyof NotificationSettings | null>> = {
  available: 'toAvailable',
  unavailable: 'toUnavailable',
  'logged-out': 'toLoggedOut',
  'on-contact': 'toOnContact',
  acw: 'toAcw',
  other: null,
};

/** The categories a rule can ask for (an agent or team rule's `categories` hold exactly these values). */
export const NOTIFIABLE_CATEGORIES = (Object.keys(NOTIFY_TOGGLE) as StateCategory[]).filter((c) => NOTIFY_TOGGLE[c] !== null);

export interface NotifyingCategories {
  categories: readonly StateCategory[];
  /** Which setting decided: the agent's own rule, its team's rule, or the per-category toggles. */
  source: 'agent-rule' | 'team-rule' | 'toggles';
}

/**
 * The categories whose transitions notify for one agent, by precedence: its own rule, then its
 * team's rule, then the toggles. Pinned-only, pauses and quiet hours come on top of this. The
 * settings window uses it too, so a new rule starts as what the agent or team gets today.
 */
export function notifyingCategories(settings: NotificationSettings, agentId: number | null, teamId: number | null): NotifyingCategories {
  const own = agentId === null ? undefined : settings.agentRules.find((r) => r.agentId === agentId);
  if (own) return { categories: own.categories, source: 'agent-rule' };
  const team = teamId === null ? undefined : settings.teamRules.find((r) => r.teamId === teamId);
  if (team) return { categories: team.categories, source: 'team-rule' };
  return {
    categories: NOTIFIABLE_CATEGORIES.filter((c) => {
      const toggle = NOTIFY_TOGGLE[c];
      return toggle !== null && settings[toggle] === true;
    }),
    source: 'toggles',
  };
}

const MINUTE_MS = 60_000;

function defaultMinuteOfDay(ms: number): number {
  const d = new Date(ms);
  return d.getHours() * 60 + d.getMinutes();
}

function parseHhmm(v: string): number {
  const [h, m] = v.split(':');
  return Number(h) * 60 + Number(m);
}

/** Quiet hours may cross midnight (22:00–07:00). Equal start and end mean an empty range. */
export function inQuietHours(minute: number, start: string, end: string): boolean {
  const s = parseHhmm(start);
  const e = parseHhmm(end);
  if (s === e) return false;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** A transition worth a person's attention: a new category, or a new unavailable reason. */
export function isNotableTransition(c: AgentChange): boolean {
  if (c.from === null) return true;
  if (c.from.category !== c.to.category) return true;
  return c.to.category === 'unavailable' && c.from.outStateId !== c.to.outStateId;
}

/** "on Break", "available", "logged out" — the phrase after "is now" or after a count. */
export function statePhrase(s: AgentState): string {
  switch (s.category) {
    case 'available':
      return 'available';
    case 'unavailable':
      return s.outStateDescription ? `on ${s.outStateDescription}` : 'unavailable';
    case 'logged-out':
      return 'logged out';
    case 'on-contact':
      return 'on a contact';
    case 'acw':
      return 'in after-contact work';
    case 'other':
      return s.stateName;
  }
}

function singleDecision(c: Candidate): NotificationDecision {
  if (c.source === 'queue') return queueAlertDecision(c.alert);
  const name = displayName(c.state);
  const team = c.state.teamName ? `${c.state.teamName} · ` : '';
  if (c.longMinutes !== undefined && c.longOnCode) {
    return {
      title: `${name} ${statePhrase(c.state)} for ${c.longMinutes}+ minutes`,
      body: `${team}${statePhrase(c.state)} for more than ${c.longMinutes} minutes`,
      agentId: c.agentId,
    };
  }
  if (c.longMinutes !== undefined) {
    return {
      title: `${name} unavailable for ${c.longMinutes}+ minutes`,
      body: `${team}${statePhrase(c.state)} for more than ${c.longMinutes} minutes`,
      agentId: c.agentId,
    };
  }
  const title = c.state.category === 'logged-out' ? `${name} logged out` : `${name} is now ${statePhrase(c.state)}`;
  const body = c.from ? `${team}was ${statePhrase(c.from)}` : `${team}first seen ${statePhrase(c.state)}`;
  return { title, body, agentId: c.agentId };
}

function summaryDecision(all: readonly Candidate[]): NotificationDecision {
  const cs = all.filter((c): c is AgentCandidate => c.source === 'agent');
  const queues = all.filter((c): c is QueueCandidate => c.source === 'queue').map((c) => queueAlertPhrase(c.alert));
  const groups = new Map<string, number>();
  for (const c of cs) {
    const key =
      c.longMinutes === undefined ? statePhrase(c.state) : `${c.longOnCode ? statePhrase(c.state) : 'unavailable'} over ${c.longMinutes} min`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const parts = [...groups].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${n} ${k}`);
  const agents = cs.length === 0 ? null : `${cs.length} ${cs.length === 1 ? 'agent' : 'agents'} changed`;
  const queued = queues.length === 0 ? null : `${queues.length} queue ${queues.length === 1 ? 'alert' : 'alerts'}`;
  return { title: [agents, queued].filter(Boolean).join(', '), body: [...queues, ...parts].join(' · ') };
}

export function createAlertPolicy(options: AlertPolicyOptions): AlertPolicy {
  let settings = options.settings;
  let pinned = new Set(options.pinnedAgentIds ?? []);
  const minuteOfDay = options.minuteOfDay ?? defaultMinuteOfDay;
  const burstWindowMs = options.burstWindowMs ?? 3_000;

  const pending = new Map<string, Candidate>();
  let pendingSince: number | null = null;
  const unavailable = new Map<number, Tracked>();
  const lastNotified = new Map<string, number>();
  const queueRules = createQueueRuleTracker(settings.queueRules);
  /** Times of notifications shown in the last minute (the global cap). */
  let shown: number[] = [];
  let pausedUntil: number | null = null;
  let pausedIndefinitely = false;
  let suppressed = 0;

  let codeLimits = new Map<number, number | null>();

  /** The limit that applies to a tracked period now, or null when none does (off, or 0). */
  function limitOf(t: Tracked): { minutes: number; from: number; onCode: boolean } | null {
    const code = codeThresholdMinutes(settings, codeLimits, t.state.outStateId);
    if (code !== null) return code > 0 ? { minutes: code, from: t.codeSince, onCode: true } : null;
    const general = settings.unavailableLongerThanMinutes;
    return general > 0 ? { minutes: general, from: t.since, onCode: false } : null;
  }
  const dueAt = (t: Tracked) => {
    const l = limitOf(t);
    return l === null ? null : l.from + l.minutes * MINUTE_MS;
  };
  /** A change of any threshold re-arms every period: each is measured again against its new limit. */
  const rearm = () => {
    for (const t of unavailable.values()) t.done = false;
  };
  const thresholdKey = (n: NotificationSettings) => `${n.unavailableLongerThanMinutes}|${n.codeLimitsFromCxone}|${JSON.stringify(n.codeRules)}`;

  /**
   * The rules that do not depend on time: pinned-only, agent and team rules, category toggles. The
   * long-unavailable alert has its own setting (its threshold), so the "to Unavailable" toggle does
   * not gate it; a rule does (it must list 'unavailable').
   */
  function wanted(state: AgentState, category: StateCategory, longUnavailable = false): boolean {
    if (settings.pinnedOnly && !pinned.has(state.agentId)) return false;
    const { categories, source } = notifyingCategories(settings, state.agentId, state.teamId);
    if (longUnavailable && source === 'toggles') return true;
    return categories.includes(category);
  }

  function isPaused(now: number): boolean {
    if (pausedIndefinitely) return true;
    if (pausedUntil !== null && now >= pausedUntil) pausedUntil = null;
    return pausedUntil !== null;
  }

  function enqueue(c: Candidate, now: number): void {
    pending.set(candidateKey(c), c);
    pendingSince ??= now;
  }

  function track(c: AgentChange, now: number): void {
    if (c.to.category !== 'unavailable') {
      unavailable.delete(c.agentId);
      return;
    }
    const existing = unavailable.get(c.agentId);
    if (existing) {
      // A new reason within the same unavailable period: the period goes on, the time on a code restarts.
      const newCode = existing.state.outStateId !== c.to.outStateId;
      existing.state = c.to;
      if (newCode) {
        existing.codeSince = c.at;
        if (limitOf(existing)?.onCode) existing.done = false;
      }
      return;
    }
    const t: Tracked = { since: c.at, codeSince: c.at, state: c.to, done: false };
    // A period already past the threshold when a baseline first shows it is old news.
    const due = dueAt(t);
    t.done = c.baseline && due !== null && now >= due;
    unavailable.set(c.agentId, t);
  }

  function flush(now: number): NotificationDecision[] {
    const batch = [...pending.values()];
    pending.clear();
    pendingSince = null;
    if (!settings.enabled) return [];
    const q = settings.quietHours;
    if (isPaused(now) || (q.enabled && inQuietHours(minuteOfDay(now), q.start, q.end))) {
      suppressed += batch.length;
      return [];
    }
    const cooldownMs = settings.cooldownSeconds * 1000;
    const fresh = batch.filter((c) => {
      const last = lastNotified.get(candidateKey(c));
      return last === undefined || now - last >= cooldownMs;
    });
    suppressed += batch.length - fresh.length;
    if (fresh.length === 0) return [];
    shown = shown.filter((t) => now - t < MINUTE_MS);
    if (shown.length >= settings.maxPerMinute) {
      suppressed += fresh.length;
      return [];
    }
    shown.push(now);
    for (const c of fresh) lastNotified.set(candidateKey(c), now);
    return [fresh.length === 1 ? singleDecision(fresh[0]!) : summaryDecision(fresh)];
  }

  return {
    setSettings(next) {
      const before = thresholdKey(settings);
      settings = next;
      if (thresholdKey(next) !== before) rearm();
      queueRules.setRules(next.queueRules);
    },
    setCodeLimits(codes) {
      const next = new Map(codes.map((c) => [c.outStateId, c.timeLimitMinutes] as const));
      const same = next.size === codeLimits.size && [...next].every(([id, m]) => codeLimits.get(id) === m && codeLimits.has(id));
      codeLimits = next;
      if (!same) rearm();
    },
    setPinned(ids) {
      pinned = new Set(ids);
    },
    onChanges(changes, now) {
      for (const c of changes) {
        track(c, now);
        if (c.baseline || !settings.enabled || !isNotableTransition(c)) continue;
        if (wanted(c.to, c.to.category)) enqueue({ source: 'agent', agentId: c.agentId, state: c.to, from: c.from }, now);
      }
    },
    onQueues(state, now) {
      // Observed even while notifications are off, so turning them on later is no storm either.
      const hits = queueRules.observe(state, now);
      if (settings.enabled) for (const alert of hits) enqueue({ source: 'queue', alert }, now);
    },
    queueBaseline() {
      queueRules.reset();
    },
    tick(now) {
      if (settings.enabled) {
        for (const [agentId, t] of unavailable) {
          if (t.done) continue;
          const l = limitOf(t);
          if (l === null || now < l.from + l.minutes * MINUTE_MS) continue;
          t.done = true;
          if (wanted(t.state, 'unavailable', true)) {
            enqueue({ source: 'agent', agentId, state: t.state, from: null, longMinutes: l.minutes, longOnCode: l.onCode }, now);
          }
        }
        for (const alert of queueRules.due(now)) enqueue({ source: 'queue', alert }, now);
      }
      if (pendingSince !== null && now - pendingSince >= burstWindowMs) return flush(now);
      return [];
    },
    nextDueAt() {
      let due = pendingSince === null ? Infinity : pendingSince + burstWindowMs;
      if (settings.enabled) {
        for (const t of unavailable.values()) {
          const at = t.done ? null : dueAt(t);
          if (at !== null) due = Math.min(due, at);
        }
        due = Math.min(due, queueRules.nextDueAt() ?? Infinity);
      }
      return due === Infinity ? null : due;
    },
    pauseUntil(until) {
      pausedIndefinitely = until === null;
      pausedUntil = until;
    },
    resume() {
      pausedIndefinitely = false;
      pausedUntil = null;
    },
    pauseState(now) {
      const paused = isPaused(now);
      return { paused, until: pausedIndefinitely ? null : pausedUntil, indefinitely: pausedIndefinitely };
    },
    suppressedCount: () => suppressed,
  };
}
