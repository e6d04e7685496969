// The renderer's copy of the roster: a snapshot once, then deltas. Applying a delta costs O(changes);
// a version counter tells React (useSyncExternalStore) that something changed, and the ids that changed
// since the last derivation let the view re-sort incrementally instead of from scratch.
import type { AgentState } from '../../../main/cxone/model';
import type { RosterDelta, RosterSnapshot } from '../../../main/monitor/status';

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

export class RosterStore {
  private readonly agents = new Map<number, AgentState>();
  private listeners = new Set<() => void>();
  private changed = new Set<number>();
  private membershipChanged = true;
  private revision: number | null = null;
  private view: RosterView = { store: this, version: 0 };
  teams: readonly Team[] = [];
  loaded = false;

  /** Replaces everything (first load, or after a missed delta). */
  loadSnapshot(snapshot: RosterSnapshot): void {
    this.agents.clear();
    for (const a of snapshot.agents) this.agents.set(a.agentId, a);
    this.teams = snapshot.teams;
    this.revision = snapshot.revision;
    this.membershipChanged = true;
    this.changed.clear();
    this.loaded = true;
    this.bump();
  }

  /** 'stale' means the delta does not follow our revision: fetch a new snapshot. */
  applyDelta(delta: RosterDelta): DeltaOutcome {
    if (this.revision === null || delta.base !== this.revision) return 'stale';
    for (const a of delta.upserts) {
      if (!this.agents.has(a.agentId)) this.membershipChanged = true;
      this.agents.set(a.agentId, a);
      this.changed.add(a.agentId);
    }
    for (const id of delta.removed) {
      if (this.agents.delete(id)) this.membershipChanged = true;
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
    return this.agents.get(agentId);
  }

  get size(): number {
    return this.agents.size;
  }

  values(): IterableIterator<AgentState> {
    return this.agents.values();
  }

  getView = (): RosterView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Hands the changes since the last call to the one consumer that keeps a sorted order, and forgets them. */
  takeChanges(): { all: boolean; ids: ReadonlySet<number> } {
    const out = { all: this.membershipChanged, ids: this.changed };
    this.membershipChanged = false;
    this.changed = new Set();
    return out;
  }

  private bump(): void {
    this.view = { store: this, version: this.view.version + 1 };
    for (const l of this.listeners) l();
  }
}
