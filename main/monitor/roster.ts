// The roster owns the truth: the latest state of every agent, keyed by agent id. It merges snapshots
// and deltas, emits exactly one AgentChange per agent whose state really changed, and publishes
// RosterDeltas (only the agents that changed) for the renderer. A delta costs O(agents in it): no
// full scans, except for a full snapshot (which is O(n) by nature) and a directory update.
//
// Decisions:
// - An agent missing from a full snapshot is kept and marked logged out (the API may or may not
//   list logged-out agents); a "no change" answer never reaches here as a snapshot, so silence is
//   never mistaken for logout.
// - Names, teams and unavailable-code names are joined in when the state lacks them (a `fields`
//   projection, or older API versions), from setDirectory() and setUnavailableCodes().
// - The per-agent history keeps compact entries (state fields only, one set per change: a change's
//   `from` is the previous change's `to`) and rebuilds full AgentStates on request with the agent's
//   current identity, so 20 entries per agent stay cheap at 10,000 agents. (A detail-only update
//   between two changes, e.g. a new skill name, is not recorded there.)
import { categorize, type AgentState } from '../cxone/model';
import type { PollResult } from './poller';
import type { AgentChange, RosterDelta, RosterSnapshot } from './status';

/** The parts of GET /agents and /teams the roster joins in (the client's AgentInfo/TeamInfo satisfy them). */
export interface DirectoryAgent {
  agentId: number;
  firstName: string;
  lastName: string;
  userName: string | null;
  teamId: number | null;
  teamName: string | null;
}
export interface DirectoryTeam {
  teamId: number;
  teamName: string;
}
export interface UnavailableCodeName {
  outStateId: number;
  outStateDescription: string;
}

/** The fields whose change is a change of state (the rest is identity or detail). */
type StateFields = Pick<
  AgentState,
  'stateId' | 'stateName' | 'category' | 'outStateId' | 'outStateDescription' | 'isACW' | 'contactId' | 'skillName' | 'mediaTypeName' | 'startDate'
>;

/** One change; its `from` is the previous entry's `to` (or the ring's `base` for the oldest). */
interface HistoryEntry {
  at: number;
  baseline: boolean;
  to: StateFields;
}

interface Entry {
  state: AgentState;
  /** Generation of the last full snapshot that listed this agent. */
  seen: number;
  /** Ring buffer of recent changes (oldest first once `head` is applied). */
  history: HistoryEntry[];
  head: number;
  /** The state before the oldest entry kept. */
  base: StateFields | null;
}

export interface RosterOptions {
  /** Changes kept per agent for the detail view. Default 20. */
  historySize?: number;
}

export interface Roster {
  applySnapshot(states: readonly AgentState[], opts: { baseline: boolean; at: number }): AgentChange[];
  applyDelta(states: readonly AgentState[], opts: { at: number }): AgentChange[];
  /** Convenience for `poller.onResult(roster.applyPollResult)`. */
  applyPollResult(result: PollResult): AgentChange[];
  setDirectory(agents: readonly DirectoryAgent[], teams: readonly DirectoryTeam[]): void;
  setUnavailableCodes(codes: readonly UnavailableCodeName[]): void;
  /** Forgets everyone (sign-out, tenant switch). */
  clear(): void;
  get(agentId: number): AgentState | undefined;
  snapshot(): RosterSnapshot;
  history(agentId: number): AgentChange[];
  readonly revision: number;
  readonly size: number;
  onChanges(listener: (changes: AgentChange[]) => void): () => void;
  onDelta(listener: (delta: RosterDelta) => void): () => void;
}

/** True when the agent's state (state, unavailable code, ACW flag, contact) differs. */
export function stateChanged(a: AgentState, b: AgentState): boolean {
  return a.stateId !== b.stateId || a.stateName !== b.stateName || a.outStateId !== b.outStateId || a.isACW !== b.isACW || a.contactId !== b.contactId;
}

const AGENT_KEYS = [
  'agentId', 'stateId', 'stateName', 'category', 'outStateId', 'outStateDescription', 'isACW', 'contactId', 'skillName',
  'mediaTypeName', 'startDate', 'lastUpdateTime', 'firstName', 'lastName', 'userName', 'teamId', 'teamName',
  'businessUnitId', 'isActive',
] as const satisfies readonly (keyof AgentState)[];

/** Any visible difference at all (what the renderer must be sent). */
export function anyFieldChanged(a: AgentState, b: AgentState): boolean {
  for (const k of AGENT_KEYS) if (a[k] !== b[k]) return true;
  return false;
}

function stateFields(s: AgentState): StateFields {
  return {
    stateId: s.stateId,
    stateName: s.stateName,
    category: s.category,
    outStateId: s.outStateId,
    outStateDescription: s.outStateDescription,
    isACW: s.isACW,
    contactId: s.contactId,
    skillName: s.skillName,
    mediaTypeName: s.mediaTypeName,
    startDate: s.startDate,
  };
}

function loggedOut(s: AgentState, at: number): AgentState {
  return {
    ...s,
    stateId: 0,
    stateName: 'LoggedOut',
    category: categorize(0, 'LoggedOut', false),
    outStateId: null,
    outStateDescription: null,
    isACW: false,
    contactId: null,
    skillName: null,
    mediaTypeName: null,
    startDate: new Date(at).toISOString(),
  };
}

function changeTime(s: AgentState, pollAt: number): number {
  if (s.startDate) {
    const t = Date.parse(s.startDate);
    if (!Number.isNaN(t)) return t;
  }
  return pollAt;
}

export function createRoster(options: RosterOptions = {}): Roster {
  const historySize = Math.max(1, options.historySize ?? 20);
  const agents = new Map<number, Entry>();
  const directory = new Map<number, DirectoryAgent>();
  const teamNames = new Map<number, string>();
  const codeNames = new Map<number, string>();
  const changeListeners = new Set<(c: AgentChange[]) => void>();
  const deltaListeners = new Set<(d: RosterDelta) => void>();
  let revision = 0;
  let generation = 0;

  /** Fills in what the state lacks from the directory and code names; returns the same object when nothing was missing. */
  function enrich(s: AgentState): AgentState {
    let out = s;
    const set = <K extends keyof AgentState>(k: K, v: AgentState[K]) => {
      if (out === s) out = { ...s };
      out[k] = v;
    };
    const dir = directory.get(s.agentId);
    if (dir) {
      if (!s.firstName && !s.lastName) {
        set('firstName', dir.firstName);
        set('lastName', dir.lastName);
      }
      if (s.userName === null && dir.userName !== null) set('userName', dir.userName);
      if (s.teamId === null && dir.teamId !== null) set('teamId', dir.teamId);
    }
    const teamId = out.teamId;
    if (!s.teamName && teamId !== null) {
      const name = teamNames.get(teamId) ?? (dir?.teamId === teamId ? dir.teamName : null);
      if (name) set('teamName', name);
    }
    if (!s.outStateDescription && s.outStateId !== null && s.outStateId !== 0) {
      const name = codeNames.get(s.outStateId);
      if (name) set('outStateDescription', name);
    }
    return out;
  }

  function record(entry: Entry, from: AgentState, h: HistoryEntry): void {
    if (entry.history.length === 0) entry.base = stateFields(from);
    if (entry.history.length < historySize) entry.history.push(h);
    else {
      entry.base = entry.history[entry.head]!.to;
      entry.history[entry.head] = h;
      entry.head = (entry.head + 1) % historySize;
    }
  }

  /** Merges one agent; pushes to `changes` and `upserts` as needed. O(1). */
  function merge(incoming: AgentState, at: number, baseline: boolean, changes: AgentChange[], upserts: AgentState[]): Entry {
    const next = enrich(incoming);
    const entry = agents.get(next.agentId);
    if (!entry) {
      const created: Entry = { state: next, seen: -1, history: [], head: 0, base: null };
      agents.set(next.agentId, created);
      changes.push({ agentId: next.agentId, from: null, to: next, at: changeTime(next, at), baseline });
      upserts.push(next);
      return created;
    }
    const prev = entry.state;
    if (stateChanged(prev, next)) {
      const change: AgentChange = { agentId: next.agentId, from: prev, to: next, at: changeTime(next, at), baseline };
      changes.push(change);
      record(entry, prev, { at: change.at, baseline, to: stateFields(next) });
      entry.state = next;
      upserts.push(next);
    } else if (anyFieldChanged(prev, next)) {
      entry.state = next;
      upserts.push(next);
    }
    return entry;
  }

  function publish(changes: AgentChange[], upserts: AgentState[], removed: number[]): void {
    if (upserts.length > 0 || removed.length > 0) {
      const delta: RosterDelta = { base: revision, revision: revision + 1, upserts, removed };
      revision += 1;
      for (const l of deltaListeners) l(delta);
    }
    if (changes.length > 0) for (const l of changeListeners) l(changes);
  }

  function applySnapshot(states: readonly AgentState[], opts: { baseline: boolean; at: number }): AgentChange[] {
    generation += 1;
    const changes: AgentChange[] = [];
    const upserts: AgentState[] = [];
    let listed = 0;
    for (const s of states) {
      const entry = merge(s, opts.at, opts.baseline, changes, upserts);
      if (entry.seen !== generation) listed += 1;
      entry.seen = generation;
    }
    // A full snapshot is O(n) anyway; find who it left out.
    if (listed < agents.size) {
      for (const entry of agents.values()) {
        if (entry.seen === generation || entry.state.stateId === 0) continue;
        merge(loggedOut(entry.state, opts.at), opts.at, opts.baseline, changes, upserts);
      }
    }
    publish(changes, upserts, []);
    return changes;
  }

  function applyDelta(states: readonly AgentState[], opts: { at: number }): AgentChange[] {
    if (states.length === 0) return [];
    const changes: AgentChange[] = [];
    const upserts: AgentState[] = [];
    for (const s of states) merge(s, opts.at, false, changes, upserts);
    publish(changes, upserts, []);
    return changes;
  }

  /** Re-joins names after the directory or code names changed: a rare, O(n) pass. */
  function reenrichAll(): void {
    const upserts: AgentState[] = [];
    for (const entry of agents.values()) {
      const next = enrich(entry.state);
      if (next !== entry.state && anyFieldChanged(entry.state, next)) {
        entry.state = next;
        upserts.push(next);
      }
    }
    publish([], upserts, []);
  }

  return {
    applySnapshot,
    applyDelta,
    applyPollResult(result) {
      return result.kind === 'snapshot'
        ? applySnapshot(result.states, { baseline: result.baseline, at: result.at })
        : applyDelta(result.states, { at: result.at });
    },
    setDirectory(list, teams) {
      directory.clear();
      for (const a of list) directory.set(a.agentId, a);
      teamNames.clear();
      for (const t of teams) teamNames.set(t.teamId, t.teamName);
      reenrichAll();
    },
    setUnavailableCodes(codes) {
      codeNames.clear();
      for (const c of codes) codeNames.set(c.outStateId, c.outStateDescription);
      reenrichAll();
    },
    clear() {
      const removed = [...agents.keys()];
      agents.clear();
      publish([], [], removed);
    },
    get: (id) => agents.get(id)?.state,
    snapshot() {
      const teams = new Map<number, string>(teamNames);
      const list: AgentState[] = [];
      for (const e of agents.values()) {
        list.push(e.state);
        if (e.state.teamId !== null && e.state.teamName && !teams.has(e.state.teamId)) teams.set(e.state.teamId, e.state.teamName);
      }
      return { revision, agents: list, teams: [...teams].map(([id, name]) => ({ id, name })) };
    },
    history(agentId) {
      const entry = agents.get(agentId);
      if (!entry) return [];
      const ordered = [...entry.history.slice(entry.head), ...entry.history.slice(0, entry.head)];
      // Rebuild full states: today's identity fields with the state fields recorded then.
      const cur = entry.state;
      let from = entry.base;
      return ordered.map((h) => {
        const change: AgentChange = { agentId, from: from ? { ...cur, ...from } : null, to: { ...cur, ...h.to }, at: h.at, baseline: h.baseline };
        from = h.to;
        return change;
      });
    },
    get revision() {
      return revision;
    },
    get size() {
      return agents.size;
    },
    onChanges(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onDelta(listener) {
      deltaListeners.add(listener);
      return () => deltaListeners.delete(listener);
    },
  };
}
