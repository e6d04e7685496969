// The roster as it was before issue 15 compacted its history into typed arrays: the reference the
// property test (roster-history.property.test.ts) holds the new one to. Not product code.
// The roster owns the truth: the latest state of every agent, keyed by agent id. It merges snapshots
// and deltas, emits exactly one AgentChange per agent whose state really changed, and publishes
// RosterDeltas (only the agents that changed) for the renderer. A delta costs O(agents in it): no
// full scans, except for a full snapshot (which is O(n) by nature) and a directory update.
//
// Decisions:
// - An agent missing from a complete full snapshot is kept and marked logged out (the API may or may
//   not list logged-out agents); a partial one (a page lost, totalRecords not reached, items left
//   out) retires nobody; a "no change" answer never reaches here as a snapshot, so silence is never
//   mistaken for logout.
// - Names, teams and unavailable-code names are joined in when the state lacks them (a `fields`
//   projection, or older API versions), from setDirectory() and setUnavailableCodes().
// - The per-agent history keeps compact entries (state fields only, one set per change: a change's
//   `from` is the previous change's `to`) and rebuilds full AgentStates on request with the agent's
//   current identity, so 20 entries per agent stay cheap at 10,000 agents. (A detail-only update
//   between two changes, e.g. a new skill name, is not recorded there.)
import { categorize, type AgentState } from '../../../main/cxone/model';
import { canonicalMs, parseServerTime } from '../../../main/cxone/server-time';
import type { PollResult } from '../../../main/monitor/poller';
import type { AgentChange, RosterDelta, RosterSnapshot } from '../../../main/monitor/status';

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
  /** The code's own time limit in minutes, when CXone gives one (passed on in the snapshot). */
  timeLimitMinutes?: number | null;
}

/** State fields that repeat across agents and changes; interned so history entries share them. */
type Shape = Pick<AgentState, 'stateId' | 'stateName' | 'category' | 'outStateId' | 'outStateDescription' | 'isACW' | 'skillName' | 'mediaTypeName'>;

/**
 * One recorded state: a shared shape plus what is unique to it. `startDate` is undefined when it is
 * exactly `new Date(at).toISOString()` (CXone's usual spelling), so the string is not kept.
 */
interface Point {
  at: number;
  shape: Shape;
  contactId: number | null;
  startDate: string | null | undefined;
}

/** One change; its `from` is the previous entry's state (or the ring's `base` for the oldest). */
interface HistoryEntry extends Point {
  baseline: boolean;
}

interface Entry {
  state: AgentState;
  /** Generation of the last full snapshot that listed this agent. */
  seen: number;
  /** Ring buffer of recent changes (oldest first once `head` is applied). */
  history: HistoryEntry[];
  head: number;
  /** The state before the oldest entry kept. */
  base: HistoryEntry | null;
}

export interface RosterOptions {
  /** Changes kept per agent for the detail view. Default 20. */
  historySize?: number;
}

export interface Roster {
  /**
   * A full list. Agents it does not name are marked logged out — only when it is complete (every page
   * read, counts agree); a partial list (complete: false) updates whom it names and retires nobody.
   */
  applySnapshot(states: readonly AgentState[], opts: { baseline: boolean; at: number; complete?: boolean }): AgentChange[];
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

/** What a history entry keeps of startDate: undefined when `new Date(at).toISOString()` gives it back exactly. */
function compactStartDate(startDate: string | null, at: number): string | null | undefined {
  return startDate !== null && startDate.length === 24 && canonicalMs(startDate) === at ? undefined : startDate;
}

function changeTime(s: AgentState, pollAt: number): number {
  return parseServerTime(s.startDate) ?? pollAt;
}

export function createRoster(options: RosterOptions = {}): Roster {
  const historySize = Math.max(1, options.historySize ?? 20);
  const agents = new Map<number, Entry>();
  const directory = new Map<number, DirectoryAgent>();
  const teamNames = new Map<number, string>();
  const codeNames = new Map<number, string>();
  let codeList: RosterSnapshot['unavailableCodes'];
  const changeListeners = new Set<(c: AgentChange[]) => void>();
  const deltaListeners = new Set<(d: RosterDelta) => void>();
  let revision = 0;
  let generation = 0;

  /** Fills in what the state lacks from the directory and code names; returns the same object when nothing was missing. */
  function enrich(s: AgentState): AgentState {
    // The common case — a full v34 item — lacks nothing: no lookups, no allocation.
    if ((s.firstName || s.lastName) && s.userName !== null && s.teamId !== null && s.teamName && (s.outStateDescription || !s.outStateId)) return s;
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

  // Interned by a numeric bucket, then the strings compared in place: no key string per change.
  const shapes = new Map<number, Shape[]>();
  let shapeCount = 0;
  function shapeOf(s: AgentState): Shape {
    const bucket = ((s.outStateId ?? 0) * 64 + (s.stateId & 31)) * 2 + (s.isACW ? 1 : 0);
    let list = shapes.get(bucket);
    if (list) {
      for (const c of list) {
        if (c.stateId === s.stateId && c.outStateId === s.outStateId && c.stateName === s.stateName && c.outStateDescription === s.outStateDescription && c.skillName === s.skillName && c.mediaTypeName === s.mediaTypeName && c.isACW === s.isACW) return c;
      }
    } else {
      list = [];
      shapes.set(bucket, list);
    }
    // A safety valve: distinct shapes are few (states × codes × skills); never let them pile up.
    if (shapeCount >= 10_000) {
      shapes.clear();
      shapeCount = 0;
      list = [];
      shapes.set(bucket, list);
    }
    const shape: Shape = {
      stateId: s.stateId,
      stateName: s.stateName,
      category: s.category,
      outStateId: s.outStateId,
      outStateDescription: s.outStateDescription,
      isACW: s.isACW,
      skillName: s.skillName,
      mediaTypeName: s.mediaTypeName,
    };
    list.push(shape);
    shapeCount += 1;
    return shape;
  }
  function stateFromPoint(cur: AgentState, p: Point): AgentState {
    return { ...cur, ...p.shape, contactId: p.contactId, startDate: p.startDate === undefined ? new Date(p.at).toISOString() : p.startDate };
  }

  function record(entry: Entry, from: AgentState, fromAt: number, h: HistoryEntry): void {
    if (entry.history.length === 0) entry.base = { at: fromAt, shape: shapeOf(from), contactId: from.contactId, startDate: compactStartDate(from.startDate, fromAt), baseline: false };
    if (entry.history.length < historySize) entry.history.push(h);
    else {
      entry.base = entry.history[entry.head]!;
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
      record(entry, prev, changeTime(prev, at), { at: change.at, shape: shapeOf(next), contactId: next.contactId, startDate: compactStartDate(next.startDate, change.at), baseline });
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

  function applySnapshot(states: readonly AgentState[], opts: { baseline: boolean; at: number; complete?: boolean }): AgentChange[] {
    generation += 1;
    const changes: AgentChange[] = [];
    const upserts: AgentState[] = [];
    let listed = 0;
    for (const s of states) {
      const entry = merge(s, opts.at, opts.baseline, changes, upserts);
      if (entry.seen !== generation) listed += 1;
      entry.seen = generation;
    }
    // A full snapshot is O(n) anyway; find who it left out — if it is known to be whole.
    if (opts.complete !== false && listed < agents.size) {
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
        ? applySnapshot(result.states, { baseline: result.baseline, at: result.at, complete: result.complete !== false })
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
      codeList = codes.map((c) => ({ id: c.outStateId, name: c.outStateDescription, timeLimitMinutes: c.timeLimitMinutes ?? null }));
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
      const snap: RosterSnapshot = { revision, agents: list, teams: [...teams].map(([id, name]) => ({ id, name })) };
      if (codeList) snap.unavailableCodes = codeList;
      return snap;
    },
    history(agentId) {
      const entry = agents.get(agentId);
      if (!entry) return [];
      const ordered = [...entry.history.slice(entry.head), ...entry.history.slice(0, entry.head)];
      // Rebuild full states: today's identity fields with the state fields recorded then.
      const cur = entry.state;
      let from: Point | null = entry.base;
      return ordered.map((h) => {
        const change: AgentChange = { agentId, from: from ? stateFromPoint(cur, from) : null, to: stateFromPoint(cur, h), at: h.at, baseline: h.baseline };
        from = h;
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
