// How the roster keeps states small at 100,000 agents (issue 15): one copy of each repeated string
// (state, code, skill, media and team names), each distinct state "shape" once (shape-table.ts), and
// every agent's recent changes as compact points in typed arrays (history-rings.ts), rebuilt into full
// AgentChanges only when the detail view asks. Part of the roster; everything here is O(1) per call
// except changes().
import type { AgentState } from '../cxone/model';
import { canonicalMs, parseServerTime, timeMemo } from '../cxone/server-time';
import { HistoryRings } from './history-rings';
import { ShapeTable } from './shape-table';
import type { AgentChange } from './status';

/** Past this many distinct strings the intern table starts over (more than names can explain). */
const MAX_INTERNED = 50_000;

export class RosterStorage {
  private readonly strings = new Map<string, string>();
  private readonly rings: HistoryRings;
  // History points hold a shape's index (see shape-table.ts); compaction renumbers them in the rings.
  private readonly shapes: ShapeTable;
  // A state's startDate in CXone's canonical spelling (the reader spells every time so) as ms, read
  // once per text: a delta's changes share the few whole seconds of one poll interval (issue 15). NaN
  // for any other spelling.
  private readonly canonicalStart = timeMemo((text) => (text.length === 24 ? canonicalMs(text) : null));

  /** `historySize`: changes kept per agent (at least 1). */
  constructor(historySize: number) {
    this.rings = new HistoryRings(Math.max(1, historySize) + 1);
    this.shapes = new ShapeTable(this.intern, (fn) => this.rings.remapShapes(fn));
  }

  /** One shared copy of a repeated string (null stays null). */
  readonly intern = <T extends string | null>(v: T): T => {
    if (v === null) return v;
    const have = this.strings.get(v);
    if (have !== undefined) return have as T;
    if (this.strings.size >= MAX_INTERNED) this.strings.clear();
    this.strings.set(v, v);
    return v;
  };

  /** The state's startDate as ms when spelled canonically (the reader's spelling), else NaN. */
  isoStart(s: AgentState): number {
    return s.startDate === null ? NaN : this.canonicalStart(s.startDate);
  }

  /** When a change to `s` happened (ms): its startDate (`iso`: isoStart(s), if known), else `pollAt`. */
  changeTime(s: AgentState, pollAt: number, iso = this.isoStart(s)): number {
    if (!Number.isNaN(iso)) return iso;
    const ms = s.startDate === null ? undefined : parseServerTime(s.startDate);
    return ms ?? pollAt;
  }

  /** The index of `s`'s shape (added when new). Valid until the next shape is added. */
  shapeOf(s: AgentState): number {
    return this.shapes.indexOf(s);
  }

  /**
   * The state as the roster keeps it, repeated strings shared: the four state strings from its shape
   * (`shape`: shapeOf(s), found once and reused by record — issue 15), the team name from the previous
   * state when unchanged (`prevTeamName`; undefined for a new agent), else interned. Written in place,
   * without a copy (the delta path's largest allocation): AgentStates are values nobody mutates, and an
   * equal string in a field is invisible to every holder of the object. A frozen state is copied.
   */
  keep(s: AgentState, shape: number, prevTeamName: string | null | undefined): AgentState {
    const out = Object.isFrozen(s) ? { ...s } : s;
    const sh = this.shapes.get(shape);
    out.stateName = sh.stateName;
    out.outStateDescription = sh.outStateDescription;
    out.skillName = sh.skillName;
    out.mediaTypeName = sh.mediaTypeName;
    out.teamName = prevTeamName !== undefined && prevTeamName === s.teamName ? prevTeamName : this.intern(s.teamName);
    return out;
  }

  /**
   * Records a change from `from` to `to` (of shape `toShape`) at `at` ms (`toIso`: isoStart(to), of
   * which `at` is then the value) in the agent's ring, given as `agent.ring` and allocated on its first
   * change (-1 before). `pollAt` dates the state left when that has no time (the first change only).
   */
  record(agent: { ring: number }, from: AgentState, pollAt: number, to: AgentState, toShape: number, at: number, toIso: number, baseline: boolean): void {
    if (agent.ring < 0) {
      agent.ring = this.rings.alloc();
      const fromIso = this.isoStart(from);
      // The state left may have no shape any more (compaction keeps only the shapes points use), and
      // adding it back may compact the table, renumbering or dropping `toShape`: then look that up again.
      const compactions = this.shapes.compactions;
      this.rings.push(agent.ring, this.changeTime(from, pollAt, fromIso), this.shapes.indexOf(from), from.contactId, from.startDate, false, !Number.isNaN(fromIso));
      if (this.shapes.compactions !== compactions) toShape = this.shapes.indexOf(to);
    }
    this.rings.push(agent.ring, at, toShape, to.contactId, to.startDate, baseline, !Number.isNaN(toIso));
  }

  /** A value of the ring's next slot, read only to bring it into cache before a merge (see the roster's lookUp). */
  peekNext(ring: number): number {
    return this.rings.peekNext(ring);
  }

  /**
   * The changes recorded in `ring` (oldest first) as full AgentChanges: `current`'s identity fields
   * (names, team) with the state fields recorded then. O(history size).
   */
  changes(ring: number, current: AgentState): AgentChange[] {
    if (ring < 0) return [];
    const points = this.rings.points(ring);
    const stateAt = (p: (typeof points)[number]): AgentState => ({ ...current, ...this.shapes.get(p.shape), contactId: p.contactId, startDate: p.startDate });
    const out: AgentChange[] = [];
    for (let k = 1; k < points.length; k++) {
      const h = points[k]!;
      out.push({ agentId: current.agentId, from: stateAt(points[k - 1]!), to: stateAt(h), at: h.at, baseline: h.baseline });
    }
    return out;
  }

  /** Forgets every ring, shape and shared string (the roster forgets its agents with them). */
  clear(): void {
    this.rings.clear();
    this.shapes.clear();
    this.strings.clear();
  }
}
