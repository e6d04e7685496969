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
//   projection, or older API versions), from setDirectory() and setUnavailableCodes() (directory-join.ts).
// - The per-agent history keeps compact points (state fields only, one per change: a change's `from`
//   is the previous change's `to`) in typed arrays (history-rings.ts), and rebuilds full AgentStates
//   on request with the agent's current identity, so 20 changes per agent stay cheap at 100,000
//   agents (roster-storage.ts). (A detail-only update between two changes, e.g. a new skill name, is
//   not recorded there.)
// - Strings that repeat across agents (state, code, skill, media and team names) are interned when an
//   agent's state is stored, so 100,000 agents share a few hundred copies instead of holding their own.
import { categorize, type AgentState } from '../cxone/model';
import { IdMap } from '../id-map';
import { DirectoryJoin, type DirectoryAgent, type DirectoryTeam, type UnavailableCodeName } from './directory-join';
import { RosterStorage } from './roster-storage';
import type { PollResult } from './poller';
import type { AgentChange, RosterDelta, RosterSnapshot } from './status';

export type { DirectoryAgent, DirectoryTeam, UnavailableCodeName };

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
  /** The directory's agents (GET /agents), whether or not a state list has named them. */
  directory(): Iterable<DirectoryAgent>;
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

/**
 * The roster's two events and its revision (bumped once per published RosterDelta). Not isolated
 * (main/listeners.ts), on purpose: the roster's one listener is the live feed's scope view, which
 * isolates its own; a throw of its own reaches the poller, which then reads a full list.
 */
class RosterEvents {
  revision = 0;
  private readonly changeListeners = new Set<(c: AgentChange[]) => void>();
  private readonly deltaListeners = new Set<(d: RosterDelta) => void>();

  /** One RosterDelta (if anything was upserted or removed), then one changes event (if anything changed). */
  publish(changes: AgentChange[], upserts: AgentState[], removed: number[]): void {
    if (upserts.length > 0 || removed.length > 0) {
      const delta: RosterDelta = { base: this.revision, revision: this.revision + 1, upserts, removed };
      this.revision += 1;
      for (const l of this.deltaListeners) l(delta);
    }
    if (changes.length > 0) for (const l of this.changeListeners) l(changes);
  }

  onChanges(listener: (changes: AgentChange[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onDelta(listener: (delta: RosterDelta) => void): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }
}

/**
 * Every agent's state, the teams (the directory's, then any a state names that it lacks) and the
 * unavailable codes, at `revision`. O(n).
 */
function snapshotOf(entries: IdMap<Entry>, join: DirectoryJoin, revision: number): RosterSnapshot {
  const teams = new Map<number, string>(join.teamNames);
  // map() allocates the list once, at its size. Grown by push, a list of 100,000 was copied some 25
  // times into fresh memory, ~3× its size, which this machine pays ~16 µs per new 4 KiB page for:
  // 20 ms (median) against 7 to build it (issue 15: the first part's reply takes the snapshot).
  const list = entries.values().map((e) => e.state);
  for (const s of list) if (s.teamId !== null && s.teamName && !teams.has(s.teamId)) teams.set(s.teamId, s.teamName);
  const snap: RosterSnapshot = { revision, agents: list, teams: [...teams].map(([id, name]) => ({ id, name })) };
  if (join.codeList) snap.unavailableCodes = join.codeList;
  return snap;
}

type SnapshotOpts = { baseline: boolean; at: number; complete?: boolean };
/** What a snapshot merged since it last published (publishInSlices swaps in fresh lists when it publishes). */
type Batch = { changes: AgentChange[]; upserts: AgentState[] };

/**
 * Runs a snapshot's work (which fills `out`, pauses after each slice, and ends early when a newer
 * snapshot or a clear() came meanwhile), publishing each slice as soon as it is merged and awaiting
 * `pause()` between slices. Resolves to the number of changes published.
 */
async function publishInSlices(work: Generator<void, void>, out: Batch, events: RosterEvents, pause: () => Promise<void>): Promise<number> {
  let published = 0;
  // Each slice goes out as soon as it is merged: its lists die young, and no listener gets them all at once.
  const flush = () => {
    const { changes, upserts } = out;
    out.changes = [];
    out.upserts = [];
    published += changes.length;
    events.publish(changes, upserts, []);
  };
  for (const _ of work) {
    flush();
    await pause();
  }
  flush();
  return published;
}

// A delta's agents are looked up, then their entries and the ring slots their changes will write are
// read, each in a loop of nothing else, before any is merged: the roster is cold between polls, and in
// such loops the cache misses of many agents overlap, where inside the merge they stall it one agent
// after another (issue 15: the lookups ~8 % of a 10k delta poll, the reads ~5 %). The sum only keeps
// the reads from being optimized away.
let _warmSum = 0;
/** The entries of these agents (undefined for one not in the roster yet), with their data in cache. */
function lookUp(agents: IdMap<Entry>, storage: RosterStorage, states: readonly AgentState[]): (Entry | undefined)[] {
  const held = states.map((s) => agents.get(s.agentId));
  let sum = 0;
  for (const e of held) if (e !== undefined) sum += e.ring;
  for (const e of held) if (e !== undefined && e.ring >= 0) sum += storage.peekNext(e.ring);
  _warmSum = sum;
  return held;
}

/** Re-joins names into every agent's state after the directory or code names changed (a rare, O(n) pass); returns the states that changed. */
function rejoinAll(agents: IdMap<Entry>, join: DirectoryJoin): AgentState[] {
  const upserts: AgentState[] = [];
  for (const entry of agents.values()) {
    const next = join.enrich(entry.state);
    if (next !== entry.state && anyFieldChanged(entry.state, next)) {
      setState(entry, next);
      upserts.push(next);
    }
  }
  return upserts;
}

/** What one roster holds; the functions below are its parts, createRoster its face. */
interface RosterParts {
  readonly agents: IdMap<Entry>;
  readonly join: DirectoryJoin;
  readonly storage: RosterStorage;
  readonly events: RosterEvents;
  /** Bumped by every full snapshot and by clear(): a sliced snapshot of an older generation stops. */
  generation: number;
  /** Deltas applied so far: a sliced snapshot leaves alone the agents a delta set after it began. */
  deltaCount: number;
}

/**
 * Merges one agent; pushes to `changes` and `upserts` as needed. O(1). `held`: its entry when the
 * caller already looked it up (undefined: look it up here, as an agent listed twice is new only once).
 */
function merge(r: RosterParts, incoming: AgentState, held: Entry | undefined, at: number, baseline: boolean, changes: AgentChange[], upserts: AgentState[]): Entry {
  const { storage } = r;
  const enriched = r.join.enrich(incoming);
  const entry = held ?? r.agents.get(enriched.agentId);
  if (!entry) {
    const next = storage.keep(enriched, storage.shapeOf(enriched), undefined);
    const created = newEntry(next);
    r.agents.add(next.agentId, created);
    changes.push(new Change(next.agentId, null, next, storage.changeTime(next, at), baseline));
    upserts.push(next);
    return created;
  }
  // Read from the entry's copies, not from the state it holds (see Entry).
  if (stateChanged(entry, enriched)) {
    const prev = entry.state;
    const shape = storage.shapeOf(enriched);
    const next = storage.keep(enriched, shape, entry.teamName);
    const iso = storage.isoStart(next);
    const change = new Change(next.agentId, prev, next, storage.changeTime(next, at, iso), baseline);
    changes.push(change);
    storage.record(entry, prev, at, next, shape, change.at, iso, baseline);
    setState(entry, next);
    upserts.push(next);
  } else if (anyFieldChanged(entry.state, enriched)) {
    const next = storage.keep(enriched, storage.shapeOf(enriched), entry.teamName);
    setState(entry, next);
    upserts.push(next);
  }
  return entry;
}

/**
 * The work of a full snapshot, pausing (yield) after every `slice` agents. Stops early when the
 * roster was cleared or a newer snapshot began meanwhile (see applySnapshotInSlices).
 */
function* snapshotWork(r: RosterParts, states: readonly AgentState[], opts: SnapshotOpts, out: Batch, slice: number): Generator<void, void> {
  const gen = ++r.generation;
  const since = r.deltaCount;
  let listed = 0;
  let k = 0;
  for (const s of states) {
    const held = r.agents.get(s.agentId);
    // A delta set this agent after the list was read: it is newer, keep it.
    const entry = held && held.touched > since ? held : merge(r, s, held, opts.at, opts.baseline, out.changes, out.upserts);
    if (entry.seen !== gen) listed += 1;
    entry.seen = gen;
    if (++k % slice === 0) {
      yield;
      if (r.generation !== gen) return;
    }
  }
  // A full snapshot is O(n) anyway; find who it left out — if it is known to be whole.
  if (opts.complete !== false && listed < r.agents.size) {
    for (const entry of r.agents.values()) {
      if (entry.seen === gen || entry.state.stateId === 0 || entry.touched > since) continue;
      merge(r, loggedOut(entry.state, opts.at), entry, opts.at, opts.baseline, out.changes, out.upserts);
      if (++k % slice === 0) {
        yield;
        if (r.generation !== gen) return;
      }
    }
  }
}

function applySnapshot(r: RosterParts, states: readonly AgentState[], opts: SnapshotOpts): AgentChange[] {
  const out: Batch = { changes: [], upserts: [] };
  for (const _ of snapshotWork(r, states, opts, out, Infinity)) void _;
  r.events.publish(out.changes, out.upserts, []);
  return out.changes;
}

function applySnapshotInSlices(r: RosterParts, states: readonly AgentState[], opts: SnapshotOpts & { sliceSize?: number; yieldNow?: () => Promise<void> }): Promise<number> {
  const out: Batch = { changes: [], upserts: [] };
  const work = snapshotWork(r, states, opts, out, Math.max(1, opts.sliceSize ?? SNAPSHOT_SLICE));
  const pause = opts.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  return publishInSlices(work, out, r.events, pause);
}

function applyDelta(r: RosterParts, states: readonly AgentState[], opts: { at: number }): AgentChange[] {
  if (states.length === 0) return [];
  const changes: AgentChange[] = [];
  const upserts: AgentState[] = [];
  const stamp = ++r.deltaCount;
  const held = lookUp(r.agents, r.storage, states);
  for (let k = 0; k < states.length; k++) merge(r, states[k]!, held[k], opts.at, false, changes, upserts).touched = stamp;
  r.events.publish(changes, upserts, []);
  return changes;
}

/** Forgets everyone; a sliced snapshot still running ends at its next slice (what is left of it belongs to nobody now). */
function clear(r: RosterParts): void {
  const removed = r.agents.values().map((e) => e.state.agentId);
  r.agents.clear();
  r.generation += 1;
  r.storage.clear();
  r.events.publish([], [], removed);
}

export function createRoster(options: RosterOptions = {}): Roster {
  const r: RosterParts = {
    agents: new IdMap<Entry>(),
    join: new DirectoryJoin(),
    storage: new RosterStorage(options.historySize ?? 20),
    events: new RosterEvents(),
    generation: 0,
    deltaCount: 0,
  };
  const { agents, join, storage, events } = r;
  return {
    applySnapshot: (states, opts) => applySnapshot(r, states, opts),
    applySnapshotInSlices: (states, opts) => applySnapshotInSlices(r, states, opts),
    applyDelta: (states, opts) => applyDelta(r, states, opts),
    applyPollResult(result) {
      return result.kind === 'snapshot'
        ? applySnapshot(r, result.states, { baseline: result.baseline, at: result.at, complete: result.complete !== false })
        : applyDelta(r, result.states, { at: result.at });
    },
    setDirectory(list, teams) {
      join.setDirectory(list, teams);
      events.publish([], rejoinAll(agents, join), []);
    },
    setUnavailableCodes(codes) {
      join.setUnavailableCodes(codes);
      events.publish([], rejoinAll(agents, join), []);
    },
    clear: () => clear(r),
    get: (id) => agents.get(id)?.state,
    snapshot: () => snapshotOf(agents, join, events.revision),
    directory: () => join.agents(),
    history(agentId) {
      const entry = agents.get(agentId);
      return entry ? storage.changes(entry.ring, entry.state) : [];
    },
    get revision() {
      return events.revision;
    },
    get size() {
      return agents.size;
    },
    onChanges: (listener) => events.onChanges(listener),
    onDelta: (listener) => events.onDelta(listener),
  };
}
