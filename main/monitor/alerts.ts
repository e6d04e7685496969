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
// Its parts: unavailable-periods.ts (the "too long" timers), queue-alerts.ts (the queue rules) and
// notification-gate.ts (off, pause, quiet hours, cooldown, cap); what stays here is which changes
// are wanted, the burst window, and the words.
import type { AgentState, StateCategory } from '../cxone/model';
import { displayName } from '../cxone/model';
import type { QueueState } from '../queues/model';
import type { NotificationSettings } from '../settings/schema';
import { createNotificationGate, type NotificationGate, type PauseState } from './notification-gate';
import { createQueueRuleTracker, queueAlertDecision, queueAlertPhrase, type QueueAlert } from './queue-alerts';
import { createUnavailablePeriods, type CodeTimeLimit } from './unavailable-periods';
import type { AgentChange } from './status';
import { count } from '../words';

export { inQuietHours, type PauseState } from './notification-gate';
export { codeThresholdMinutes, type CodeTimeLimit } from './unavailable-periods';

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

function defaultMinuteOfDay(ms: number): number {
  const d = new Date(ms);
  return d.getHours() * 60 + d.getMinutes();
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
      body: `${team}${statePhrase(c.state)} for more than ${count(c.longMinutes, 'minute')}`,
      agentId: c.agentId,
    };
  }
  if (c.longMinutes !== undefined) {
    return {
      title: `${name} unavailable for ${c.longMinutes}+ minutes`,
      body: `${team}${statePhrase(c.state)} for more than ${count(c.longMinutes, 'minute')}`,
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
  const agents = cs.length === 0 ? null : `${count(cs.length, 'agent')} changed`;
  const queued = queues.length === 0 ? null : count(queues.length, 'queue alert');
  return { title: [agents, queued].filter(Boolean).join(', '), body: [...queues, ...parts].join(' · ') };
}

/**
 * The rules that do not depend on time: pinned-only, agent and team rules, category toggles. The
 * long-unavailable alert has its own setting (its threshold), so the "to Unavailable" toggle does
 * not gate it; a rule does (it must list 'unavailable').
 */
function wantedByRules(
  settings: NotificationSettings,
  pinned: ReadonlySet<number>,
  state: AgentState,
  category: StateCategory,
  longUnavailable: boolean,
): boolean {
  if (settings.pinnedOnly && !pinned.has(state.agentId)) return false;
  const { categories, source } = notifyingCategories(settings, state.agentId, state.teamId);
  if (longUnavailable && source === 'toggles') return true;
  return categories.includes(category);
}

/**
 * The burst window: candidates gather from the first one on for `windowMs` (a later one with the same
 * key replaces the earlier), then pass the gate and become at most one notification.
 */
function createBurst(windowMs: number, gate: NotificationGate) {
  const pending = new Map<string, Candidate>();
  let since: number | null = null;
  return {
    add(c: Candidate, now: number): void {
      pending.set(candidateKey(c), c);
      since ??= now;
    },
    /** When the open window closes (ms), or null when nothing is pending. */
    closesAt: (): number | null => (since === null ? null : since + windowMs),
    /** The burst's notification once its window has closed (none when the gate let nothing through); [] before. */
    flushIfClosed(now: number): NotificationDecision[] {
      const closed = since !== null && now - since >= windowMs;
      if (!closed) return [];
      const batch = [...pending.values()];
      pending.clear();
      since = null;
      const fresh = gate.admit(batch, candidateKey, now);
      if (fresh.length === 0) return [];
      return [fresh.length === 1 ? singleDecision(fresh[0]!) : summaryDecision(fresh)];
    },
  };
}

export function createAlertPolicy(options: AlertPolicyOptions): AlertPolicy {
  let settings = options.settings;
  let pinned = new Set(options.pinnedAgentIds ?? []);
  const periods = createUnavailablePeriods(settings);
  const queueRules = createQueueRuleTracker(settings.queueRules);
  const gate = createNotificationGate(() => settings, options.minuteOfDay ?? defaultMinuteOfDay);
  const burst = createBurst(options.burstWindowMs ?? 3_000, gate);
  const wanted = (state: AgentState, category: StateCategory, longUnavailable = false) =>
    wantedByRules(settings, pinned, state, category, longUnavailable);

  /** The timed alerts that fell due: agents unavailable (or on a code) too long, skills waiting too long. */
  function addOverdue(now: number): void {
    for (const p of periods.takeOverdue(now, (state) => wanted(state, 'unavailable', true))) {
      burst.add({ source: 'agent', agentId: p.agentId, state: p.state, from: null, longMinutes: p.minutes, longOnCode: p.onCode }, now);
    }
    for (const alert of queueRules.due(now)) burst.add({ source: 'queue', alert }, now);
  }

  return {
    setSettings(next) {
      settings = next;
      periods.setSettings(next);
      queueRules.setRules(next.queueRules);
    },
    setCodeLimits: (codes) => periods.setCodeLimits(codes),
    setPinned(ids) {
      pinned = new Set(ids);
    },
    onChanges(changes, now) {
      for (const c of changes) {
        periods.track(c, now);
        if (c.baseline || !settings.enabled || !isNotableTransition(c)) continue;
        if (wanted(c.to, c.to.category)) burst.add({ source: 'agent', agentId: c.agentId, state: c.to, from: c.from }, now);
      }
    },
    onQueues(state, now) {
      // Observed even while notifications are off, so turning them on later is no storm either.
      const hits = queueRules.observe(state, now);
      if (settings.enabled) for (const alert of hits) burst.add({ source: 'queue', alert }, now);
    },
    queueBaseline() {
      queueRules.reset();
    },
    tick(now) {
      if (settings.enabled) addOverdue(now);
      return burst.flushIfClosed(now);
    },
    nextDueAt() {
      let due = burst.closesAt() ?? Infinity;
      if (settings.enabled) due = Math.min(due, periods.nextDueAt() ?? Infinity, queueRules.nextDueAt() ?? Infinity);
      return due === Infinity ? null : due;
    },
    pauseUntil: (until) => gate.pauseUntil(until),
    resume: () => gate.resume(),
    pauseState: (now) => gate.pauseState(now),
    suppressedCount: () => gate.suppressedCount(),
  };
}
