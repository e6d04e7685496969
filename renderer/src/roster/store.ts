// The renderer's copy of the roster: a snapshot once, then deltas. Applying a delta costs O(changes):
// the category and reason tallies and the count of each display name are adjusted for the agents that
// changed (old one out, new one in), and the ids that changed since the last derivation let the list's
// order be updated in place instead of re-sorted. Each agent is held with its sort keys (Entry), made
// once when it arrives. A version counter tells React (useSyncExternalStore) that something changed.
import type { AgentState, StateCategory } from '../../../main/cxone/model';
import type { RosterDelta, RosterSnapshot } from '../../../main/monitor/status';
import { Entry, nameKey } from './entry';

export { nameKey };

export interface Team {
  id: number;
  name: string;
}

export type DeltaOutcome = 'applied' | 'stale';

/** A new object after every change: what React compares to know the roster moved. */
export interface RosterView {
  readonly store: RosterStore;
  readonly version: number;
}

export interface Counts {
  total: number;
  byCategory: Record<StateCategory, number>;
  /** Unavailable agents per reason, most common first. */
  reasons: [string, number][];
}

export const NO_REASON = 'No reason';

export function reasonOf(a: AgentState): string {
  return a.outStateDescription?.trim() || NO_REASON;
}

const sameName = (a: AgentState, b: AgentState) =>
  a.firstName === b.firstName && a.lastName === b.lastName && a.userName === b.userName && a.agentId === b.agentId;

function emptyByCategory(): Record<StateCategory, number> {
  return { available: 0, 'on-contact': 0, unavailable: 0, acw: 0, 'logged-out': 0, other: 0 };
}

/** Tallies kept in step with the roster one agent at a time. */
class Tallies {
  readonly byCategory = emptyByCategory();
  readonly reasons = new Map<string, number>();
  readonly names = new Map<string, number>();
  /** Names with a count above one (kept beside `names` so reading it costs nothing). */
  readonly sameNames = new Set<string>();

  add(e: Entry, sign: 1 | -1, withName: boolean): void {
    const a = e.agent;
    this.byCategory[a.category] += sign;
    if (a.category === 'unavailable') bump(this.reasons, reasonOf(a), sign);
    if (!withName) return;
    const name = e.name;
    const n = bump(this.names, name, sign);
    // Only a count crossing from 1 to 2 (or back) changes the set: no set work for a name's first agent.
    if (n === 2 && sign === 1) this.sameNames.add(name);
    else if (n === 1 && sign === -1) this.sameNames.delete(name);
  }
}

function bump(map: Map<string, number>, key: string, by: number): number {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
  return n;
}

const NO_CODES: NonNullable<RosterSnapshot['unavailableCodes']> = [];

export class RosterStore {
  private readonly agents = new Map<number, Entry>();
  private listeners = new Set<() => void>();
  /** Agents changed since the last takeChanges, with the entry each had then (undefined: it was new). */
  private changed = new Map<number, Entry | undefined>();
  private reset = true;
  private revision: number | null = null;
  private view: RosterView = { store: this, version: 0 };
  private tallies = new Tallies();
  private counted: { version: number; counts: Counts } | null = null;
  teams: readonly Team[] = [];
  /**
   * The tenant's unavailable codes with their own time limits, as the last snapshot carried them ([]
   * before the directory loaded). Main asks for a fresh snapshot when they load or change.
   */
  unavailableCodes: NonNullable<RosterSnapshot['unavailableCodes']> = NO_CODES;
  loaded = false;

  /** Replaces everything (first load, or after a missed delta). */
  loadSnapshot(snapshot: RosterSnapshot): void {
    this.agents.clear();
    const tallies = (this.tallies = new Tallies());
    for (const a of snapshot.agents) {
      if (this.agents.has(a.agentId)) this.upsert(a);
      else {
        // The common case, without the lookups of an update.
        const e = new Entry(a);
        this.agents.set(a.agentId, e);
        tallies.add(e, 1, true);
      }
    }
    this.teams = snapshot.teams;
    this.unavailableCodes = snapshot.unavailableCodes ?? NO_CODES;
    this.revision = snapshot.revision;
    this.reset = true;
    this.changed.clear();
    this.loaded = true;
    this.bump();
  }

  /** 'stale' means the delta does not follow our revision: fetch a new snapshot. */
  applyDelta(delta: RosterDelta): DeltaOutcome {
    if (this.revision === null || delta.base !== this.revision) return 'stale';
    for (const a of delta.upserts) this.upsert(a);
    for (const id of delta.removed) {
      const old = this.agents.get(id);
      if (!old) continue;
      this.noteChange(id, old);
      this.agents.delete(id);
      this.tallies.add(old, -1, true);
    }
    this.revision = delta.revision;
    this.bump();
    return 'applied';
  }

  /** The revision of the last snapshot or delta applied; null before the first snapshot. */
  get currentRevision(): number | null {
    return this.revision;
  }

  get(agentId: number): AgentState | undefined {
    return this.agents.get(agentId)?.agent;
  }

  /** The agent with its sort keys. */
  entry(agentId: number): Entry | undefined {
    return this.agents.get(agentId);
  }

  get size(): number {
    return this.agents.size;
  }

  *values(): IterableIterator<AgentState> {
    for (const e of this.agents.values()) yield e.agent;
  }

  entries(): IterableIterator<Entry> {
    return this.agents.values();
  }

  /** Counts per category and per unavailable reason; the same object until the roster changes. */
  counts(): Counts {
    const version = this.view.version;
    if (this.counted?.version !== version) {
      const reasons = [...this.tallies.reasons].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
      this.counted = { version, counts: { total: this.agents.size, byCategory: { ...this.tallies.byCategory }, reasons } };
    }
    return this.counted.counts;
  }

  /** Lower-cased display names more than one agent carries (live: changes with the roster). */
  get sameNames(): ReadonlySet<string> {
    return this.tallies.sameNames;
  }

  getView = (): RosterView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Hands the changes since the last call to the one consumer that keeps a sorted order, and forgets
   * them: `all` after a snapshot, else the ids upserted or removed, each with the entry it had at the
   * previous call (undefined when it is new), which is where that consumer placed it.
   */
  takeChanges(): { all: boolean; ids: ReadonlyMap<number, Entry | undefined> } {
    const out = { all: this.reset, ids: this.changed };
    this.reset = false;
    this.changed = new Map();
    return out;
  }

  private noteChange(agentId: number, old: Entry | undefined): void {
    if (!this.changed.has(agentId)) this.changed.set(agentId, old);
  }

  private upsert(a: AgentState): void {
    const old = this.agents.get(a.agentId);
    this.noteChange(a.agentId, old);
    // Names rarely change: skip the string work when they did not (the entry's name key included).
    const nameChanged = !old || !sameName(old.agent, a);
    const e = new Entry(a, nameChanged ? undefined : old);
    if (old) this.tallies.add(old, -1, nameChanged);
    this.tallies.add(e, 1, nameChanged);
    this.agents.set(a.agentId, e);
  }

  private bump(): void {
    this.view = { store: this, version: this.view.version + 1 };
    for (const l of this.listeners) l();
  }
}
