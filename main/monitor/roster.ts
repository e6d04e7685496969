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
// - The per-agent history keeps compact points (state fields only, one per change: a change's `from`
//   is the previous change's `to`) in typed arrays (history-rings.ts), and rebuilds full AgentStates
//   on request with the agent's current identity, so 20 changes per agent stay cheap at 100,000
//   agents. (A detail-only update between two changes, e.g. a new skill name, is not recorded there.)
// - Strings that repeat across agents (state, code, skill, media and team names) are interned when an
//   agent's state is stored, so 100,000 agents share a few hundred copies instead of holding their own.
import { categorize, type AgentState } from '../cxone/model';
import { IdMap } from '../id-map';
import { canonicalMs, parseServerTime, timeMemo } from '../cxone/server-time';
import { HistoryRings } from './history-rings';
import { ShapeTable, type Shape } from './shape-table';
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
  /** The code's own time limit in minutes, when CXone gives one (passed on in the snapshot). */
  timeLimitMinutes?: number | null;
}

interface Entry {
  state: AgentState;
  /** Generation of the last full snapshot that listed this agent. */
  seen: number;
  /** Its ring in the history store (-1 until its first change). */
  ring: number;
  /** The delta count (see applyDelta) when a delta last set this agent: newer than a list read before it. */
  touched: number;
  // Copies of the state's fields that decide a change (stateChanged) and of its team name: a delta's
  // merge of a changed agent then reads this object and never the state it replaces — one object
  // instead of two, a cache miss less per agent (issue 15: the merge is bound by memory, not work).
  stateId: number;
  stateName: string;
  outStateId: number | null;
  isACW: boolean;
  contactId: number | null;
  teamName: string | null;
}

/**
 * An AgentChange: plain data, made by a class constructor rather than an object literal, as
 * ReadAgentState is (main/cxone/agent-states.ts): a constructor call has no allocation site for V8 to
 * pretenure. Presumably the same cause — a delta's changes live through the scavenges that come while
 * they are made — though not traced for this site. Measured (bench (a), 100k agents, 4 seeds, each
 * paired with the literal): fields projection 2.47–2.74× JSON.parse → 1.75–2.10×; all 29 fields mixed
 * (2 pairs better, 2 worse); the two together lower in all 4 pairs. The whole bench's 3 runs right after
 * did not show it clearly: 2.00–2.98× (2.37–3.72 in the 3 runs before), so the gain is small if real.
 */
class Change implements AgentChange {
  constructor(
    readonly agentId: number,
    readonly from: AgentState | null,
    readonly to: AgentState,
    readonly at: number,
    readonly baseline: boolean,
  ) {}
}

function newEntry(state: AgentState): Entry {
  return { state, seen: -1, ring: -1, touched: 0, stateId: state.stateId, stateName: state.stateName, outStateId: state.outStateId, isACW: state.isACW, contactId: state.contactId, teamName: state.teamName };
}

/** The only way an entry's state changes, so the copies always match it. */
function setState(e: Entry, s: AgentState): void {
  e.state = s;
  e.stateId = s.stateId;
  e.stateName = s.stateName;
  e.outStateId = s.outStateId;
  e.isACW = s.isACW;
  e.contactId = s.contactId;
  e.teamName = s.teamName;
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
  /**
   * The same as applySnapshot, in slices of sliceSize agents (default SNAPSHOT_SLICE) with the event loop
   * let run between them, so 100,000 agents never block the main process at once. Each slice is
   * published as it is merged (one delta and one changes event per slice, in order), so no listener —
   * the renderer's IPC message above all — ever gets 100,000 agents in one go; agents the list left out
   * are retired only after the whole list is merged. A delta applied meanwhile (an agent-session event,
   * a poll) is newer than the list: the list does not overwrite those agents, nor retire one it created.
   * A newer snapshot started meanwhile ends this one early; a clear() ends it, publishing nothing more.
   * Resolves to the number of changes published.
   */
  applySnapshotInSlices(
    states: readonly AgentState[],
    opts: { baseline: boolean; at: number; complete?: boolean; sliceSize?: number; yieldNow?: () => Promise<void> },
  ): Promise<number>;
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

/** The fields that decide whether an agent's state changed (an AgentState, or a roster entry's copies). */
type StateKey = Pick<AgentState, 'stateId' | 'stateName' | 'outStateId' | 'isACW' | 'contactId'>;

/** True when the agent's state (state, unavailable code, ACW flag, contact) differs. */
export function stateChanged(a: StateKey, b: StateKey): boolean {
  return a.stateId !== b.stateId || a.stateName !== b.stateName || a.outStateId !== b.outStateId || a.isACW !== b.isACW || a.contactId !== b.contactId;
}

/**
 * Any visible difference at all (what the renderer must be sent). Field by field rather than a loop over
 * a key list: a keyed read per field cost ~0.8 µs per agent, 80 ms of a 100,000-agent resync where
 * almost nobody changed (issue 15). test/monitor/roster.test.ts changes each field of a full
 * AgentState in turn, so a field added to AgentState and not here fails it.
 */
export function anyFieldChanged(a: AgentState, b: AgentState): boolean {
  return (
    stateChanged(a, b) ||
    a.agentId !== b.agentId ||
    a.category !== b.category ||
    a.outStateDescription !== b.outStateDescription ||
    a.skillName !== b.skillName ||
    a.mediaTypeName !== b.mediaTypeName ||
    a.startDate !== b.startDate ||
    a.lastUpdateTime !== b.lastUpdateTime ||
    a.firstName !== b.firstName ||
    a.lastName !== b.lastName ||
    a.userName !== b.userName ||
    a.teamId !== b.teamId ||
    a.teamName !== b.teamName ||
    a.businessUnitId !== b.businessUnitId ||
    a.isActive !== b.isActive
  );
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

/**
 * Agents merged (and published) between two yields of applySnapshotInSlices: a few ms of merging, and a
 * renderer delta small enough to serialize for IPC in a few ms (100,000 agents take 350–600 ms). A
 * first list's slice of 2,000 new agents measured up to 27 ms with its IPC copy; a scavenge landing in
 * such a turn made the longest block (bench (b)) 45–61 ms, against 42 at most with 1,000.
 */
export const SNAPSHOT_SLICE = 1_000;

export function createRoster(options: RosterOptions = {}): Roster {
  const historySize = Math.max(1, options.historySize ?? 20);
  const agents = new IdMap<Entry>();
  const directory = new Map<number, DirectoryAgent>();
  const teamNames = new Map<number, string>();
  const codeNames = new Map<number, string>();
  let codeList: RosterSnapshot['unavailableCodes'];
  const changeListeners = new Set<(c: AgentChange[]) => void>();
  const deltaListeners = new Set<(d: RosterDelta) => void>();
  let revision = 0;
  let generation = 0;
  /** Deltas applied so far: a sliced snapshot leaves alone the agents a delta set after it began. */
  let deltaCount = 0;
  /** Bumped by clear(): a sliced snapshot still running then publishes nothing. */
  let clears = 0;

  // A state's startDate in CXone's canonical spelling (the reader spells every time so) as ms, read once
  // per text: a delta's changes share the few whole seconds of one poll interval (issue 15). NaN for
  // null or any other spelling.
  const canonicalStart = timeMemo((text) => (text.length === 24 ? canonicalMs(text) : null));
  const isoStart = (s: AgentState): number => (s.startDate === null ? NaN : canonicalStart(s.startDate));

  /** When a change happened: its startDate (`iso`: isoStart of it), else the poll's time. */
  function changeTime(s: AgentState, pollAt: number, iso = isoStart(s)): number {
    if (!Number.isNaN(iso)) return iso;
    const ms = s.startDate === null ? undefined : parseServerTime(s.startDate);
    return ms ?? pollAt;
  }

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

  /** One copy of each repeated string (bounded: cleared when it grows past what names can explain). */
  const strings = new Map<string, string>();
  const intern = <T extends string | null>(v: T): T => {
    if (v === null) return v;
    const have = strings.get(v);
    if (have !== undefined) return have as T;
    if (strings.size >= 50_000) strings.clear();
    strings.set(v, v);
    return v;
  };
  const rings = new HistoryRings(historySize + 1);
  // History points hold a shape's index (see shape-table.ts); compaction renumbers them in the rings.
  const shapes = new ShapeTable(intern, (fn) => rings.remapShapes(fn));

  /**
   * The state as the roster keeps it, repeated strings shared: the four state strings from its shape
   * (one lookup, which record() reuses, instead of one per string — issue 15), the team name from the
   * previous state when unchanged, else interned. Interned in place, without a copy (the delta path's
   * largest allocation): AgentStates are values nobody mutates, and putting an equal string in a field
   * is invisible to every holder of the object. Frozen states are copied.
   */
  function stored(s: AgentState, shape: Shape, prevTeamName: string | null | undefined): AgentState {
    const out = Object.isFrozen(s) ? { ...s } : s;
    out.stateName = shape.stateName;
    out.outStateDescription = shape.outStateDescription;
    out.skillName = shape.skillName;
    out.mediaTypeName = shape.mediaTypeName;
    out.teamName = prevTeamName !== undefined && prevTeamName === s.teamName ? prevTeamName : intern(s.teamName);
    return out;
  }

  function stateFromPoint(cur: AgentState, p: { shape: number; contactId: number | null; startDate: string | null }): AgentState {
    return { ...cur, ...shapes.get(p.shape), contactId: p.contactId, startDate: p.startDate };
  }

  /**
   * Records a change to a state of shape `toShape` at `at` (`toIso`: isoStart(to), of which `at` is
   * then the value); `pollAt` dates the state it left when that has no time (its first change only).
   */
  function record(entry: Entry, from: AgentState, pollAt: number, to: AgentState, toShape: number, at: number, toIso: number, baseline: boolean): void {
    if (entry.ring < 0) {
      entry.ring = rings.alloc();
      const fromIso = isoStart(from);
      rings.push(entry.ring, changeTime(from, pollAt, fromIso), shapes.indexOf(from), from.contactId, from.startDate, false, !Number.isNaN(fromIso));
    }
    rings.push(entry.ring, at, toShape, to.contactId, to.startDate, baseline, !Number.isNaN(toIso));
  }

  /**
   * Merges one agent; pushes to `changes` and `upserts` as needed. O(1). `held`: its entry when the
   * caller already looked it up (undefined: look it up here, as an agent listed twice is new only once).
   */
  function merge(incoming: AgentState, held: Entry | undefined, at: number, baseline: boolean, changes: AgentChange[], upserts: AgentState[]): Entry {
    const enriched = enrich(incoming);
    const entry = held ?? agents.get(enriched.agentId);
    if (!entry) {
      const next = stored(enriched, shapes.get(shapes.indexOf(enriched)), undefined);
      const created = newEntry(next);
      agents.add(next.agentId, created);
      changes.push(new Change(next.agentId, null, next, changeTime(next, at), baseline));
      upserts.push(next);
      return created;
    }
    // Read from the entry's copies, not from the state it holds (see Entry).
    if (stateChanged(entry, enriched)) {
      const prev = entry.state;
      const shape = shapes.indexOf(enriched);
      const next = stored(enriched, shapes.get(shape), entry.teamName);
      const iso = isoStart(next);
      const change = new Change(next.agentId, prev, next, changeTime(next, at, iso), baseline);
      changes.push(change);
      record(entry, prev, at, next, shape, change.at, iso, baseline);
      setState(entry, next);
      upserts.push(next);
    } else if (anyFieldChanged(entry.state, enriched)) {
      const next = stored(enriched, shapes.get(shapes.indexOf(enriched)), entry.teamName);
      setState(entry, next);
      upserts.push(next);
    }
    return entry;
  }

  // Not isolated (main/listeners.ts), on purpose: the roster's one listener is the live feed's scope
  // view, which isolates its own; a throw of its own reaches the poller, which then reads a full list.
  function publish(changes: AgentChange[], upserts: AgentState[], removed: number[]): void {
    if (upserts.length > 0 || removed.length > 0) {
      const delta: RosterDelta = { base: revision, revision: revision + 1, upserts, removed };
      revision += 1;
      for (const l of deltaListeners) l(delta);
    }
    if (changes.length > 0) for (const l of changeListeners) l(changes);
  }

  type SnapshotOpts = { baseline: boolean; at: number; complete?: boolean };
  /** What a snapshot merged since it last published (the driver swaps in fresh lists when it publishes). */
  type Batch = { changes: AgentChange[]; upserts: AgentState[] };

  /**
   * The work of a full snapshot, pausing (yield) after every `slice` agents. Stops early when the
   * roster was cleared or a newer snapshot began meanwhile (see applySnapshotInSlices).
   */
  function* snapshotWork(states: readonly AgentState[], opts: SnapshotOpts, out: Batch, slice: number): Generator<void, void> {
    const gen = ++generation;
    const since = deltaCount;
    let listed = 0;
    let k = 0;
    for (const s of states) {
      const held = agents.get(s.agentId);
      // A delta set this agent after the list was read: it is newer, keep it.
      const entry = held && held.touched > since ? held : merge(s, held, opts.at, opts.baseline, out.changes, out.upserts);
      if (entry.seen !== gen) listed += 1;
      entry.seen = gen;
      if (++k % slice === 0) {
        yield;
        if (generation !== gen) return;
      }
    }
    // A full snapshot is O(n) anyway; find who it left out — if it is known to be whole.
    if (opts.complete !== false && listed < agents.size) {
      for (const entry of agents.values()) {
        if (entry.seen === gen || entry.state.stateId === 0 || entry.touched > since) continue;
        merge(loggedOut(entry.state, opts.at), entry, opts.at, opts.baseline, out.changes, out.upserts);
        if (++k % slice === 0) {
          yield;
          if (generation !== gen) return;
        }
      }
    }
  }

  function applySnapshot(states: readonly AgentState[], opts: SnapshotOpts): AgentChange[] {
    const out: Batch = { changes: [], upserts: [] };
    for (const _ of snapshotWork(states, opts, out, Infinity)) void _;
    publish(out.changes, out.upserts, []);
    return out.changes;
  }

  async function applySnapshotInSlices(states: readonly AgentState[], opts: SnapshotOpts & { sliceSize?: number; yieldNow?: () => Promise<void> }): Promise<number> {
    const out: Batch = { changes: [], upserts: [] };
    let published = 0;
    // Each slice goes out as soon as it is merged: its lists die young, and no listener gets them all at once.
    const flush = () => {
      const { changes, upserts } = out;
      out.changes = [];
      out.upserts = [];
      published += changes.length;
      publish(changes, upserts, []);
    };
    const cleared = clears;
    const pause = opts.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    for (const _ of snapshotWork(states, opts, out, Math.max(1, opts.sliceSize ?? SNAPSHOT_SLICE))) {
      flush();
      await pause();
      // Cleared (sign-out, tenant switch) meanwhile: what is left belongs to nobody now.
      if (clears !== cleared) return published;
    }
    flush();
    return published;
  }

  // A delta's agents are looked up, then their entries and the ring slots their changes will write are
  // read, each in a loop of nothing else, before any is merged: the roster is cold between polls, and
  // in such loops the cache misses of many agents overlap, where inside the merge they stall it one
  // agent after another (issue 15: the lookups ~8 % of a 10k delta poll, the reads ~5 %). The sum
  // only keeps the reads from being optimized away.
  let _warmSum = 0;
  /** The entries of these agents (undefined for one not in the roster yet), with their data in cache. */
  function lookUp(states: readonly AgentState[]): (Entry | undefined)[] {
    const held = states.map((s) => agents.get(s.agentId));
    let sum = 0;
    for (const e of held) if (e !== undefined) sum += e.ring;
    for (const e of held) if (e !== undefined && e.ring >= 0) sum += rings.peekNext(e.ring);
    _warmSum = sum;
    return held;
  }

  function applyDelta(states: readonly AgentState[], opts: { at: number }): AgentChange[] {
    if (states.length === 0) return [];
    const changes: AgentChange[] = [];
    const upserts: AgentState[] = [];
    const stamp = ++deltaCount;
    const held = lookUp(states);
    for (let k = 0; k < states.length; k++) merge(states[k]!, held[k], opts.at, false, changes, upserts).touched = stamp;
    publish(changes, upserts, []);
    return changes;
  }

  /** Re-joins names after the directory or code names changed: a rare, O(n) pass. */
  function reenrichAll(): void {
    const upserts: AgentState[] = [];
    for (const entry of agents.values()) {
      const next = enrich(entry.state);
      if (next !== entry.state && anyFieldChanged(entry.state, next)) {
        setState(entry, next);
        upserts.push(next);
      }
    }
    publish([], upserts, []);
  }

  return {
    applySnapshot,
    applySnapshotInSlices,
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
      const removed = agents.values().map((e) => e.state.agentId);
      agents.clear();
      clears += 1;
      generation += 1;
      rings.clear();
      shapes.clear();
      strings.clear();
      publish([], [], removed);
    },
    get: (id) => agents.get(id)?.state,
    snapshot() {
      const teams = new Map<number, string>(teamNames);
      // map() allocates the list once, at its size. Grown by push, a list of 100,000 was copied some 25
      // times into fresh memory, ~3× its size, which this machine pays ~16 µs per new 4 KiB page for:
      // 20 ms (median) against 7 to build it (issue 15: the first part's reply takes the snapshot).
      const list = agents.values().map((e) => e.state);
      for (const s of list) if (s.teamId !== null && s.teamName && !teams.has(s.teamId)) teams.set(s.teamId, s.teamName);
      const snap: RosterSnapshot = { revision, agents: list, teams: [...teams].map(([id, name]) => ({ id, name })) };
      if (codeList) snap.unavailableCodes = codeList;
      return snap;
    },
    history(agentId) {
      const entry = agents.get(agentId);
      if (!entry || entry.ring < 0) return [];
      // Rebuild full states: today's identity fields with the state fields recorded then.
      const cur = entry.state;
      const points = rings.points(entry.ring);
      const out: AgentChange[] = [];
      for (let k = 1; k < points.length; k++) {
        const h = points[k]!;
        out.push({ agentId, from: stateFromPoint(cur, points[k - 1]!), to: stateFromPoint(cur, h), at: h.at, baseline: h.baseline });
      }
      return out;
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
