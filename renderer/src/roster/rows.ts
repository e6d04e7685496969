// The tray list's rows, kept up to date in O(changes · log n) per delta: each section (pinned, then
// everyone else or one per team) holds its matching agents in a SortedBlocks under the active sort,
// and a delta moves only the agents it changed — out from where their old entry sat, in where their
// new one belongs. A change of sort, search, chips, pins or grouping rebuilds from scratch (a user's
// action, not a poll). The result is the same as deriveRows(sortAgents(...)) in view.ts, which the
// tests check after many random deltas.
import type { AgentState } from '../../../main/cxone/model';
import { SortedBlocks } from './sorted-blocks';
import type { RosterStore, RosterView } from './store';
import { sortEntries } from './sort-entries';
import { COMPARATORS, RowCache, matchesChips, matchesSearch, teamOf, type ChipId, type Entry, type Row, type SortKey, type ViewOptions } from './view';

/** What the list reads: rows by position, without an array of every row. */
export interface RowList {
  readonly length: number;
  /** Agent rows (without headers). */
  readonly agentCount: number;
  at(index: number): Row | undefined;
  /** Position of the agent's row, or -1 when it is not shown. */
  indexOfAgent(agentId: number): number;
  /** Position of the row with this key, or -1. */
  indexOfKey(key: string): number;
  /** How many header rows come before `index`: with two row heights, a position from a count. */
  headersBefore(index: number): number;
  /** Every row, in order (O(n): for a list that renders them all, and for tests). */
  toArray(): Row[];
}

interface Section {
  key: string;
  label: string;
  pinned: boolean;
  list: SortedBlocks<Entry>;
}

interface Placed {
  section: Section;
  /** Position of the section's first row (its header when it shows one). */
  start: number;
  header: boolean;
  /** Headers before this section's first row. */
  headersBefore: number;
}

interface Settled {
  sort: SortKey;
  needle: string;
  chips: ReadonlySet<ChipId>;
  pinned: ReadonlySet<number>;
  groupByTeam: boolean;
}

const sameSet = <T,>(a: ReadonlySet<T>, b: ReadonlySet<T>) => a.size === b.size && [...a].every((x) => b.has(x));

function sameOptions(a: Settled, b: Settled): boolean {
  return a.sort === b.sort && a.needle === b.needle && a.groupByTeam === b.groupByTeam && sameSet(a.chips, b.chips) && sameSet(a.pinned, b.pinned);
}

/** One per list and store: it consumes the store's changes (takeChanges), which a second consumer would miss. */
export class RosterRows {
  private store: RosterStore | null = null;
  private options: Settled | null = null;
  private pinnedSection = this.section('h:pinned', 'Pinned', true);
  private restSection = this.section('h:all', 'Everyone else', false);
  private teams = new Map<string, Section>();
  private teamOrder: Section[] = [];
  private teamsMoved = true;
  private readonly cache = new RowCache();
  private current: Rows | null = null;

  update(view: RosterView, o: ViewOptions): RowList {
    const store = view.store;
    const changes = store.takeChanges();
    const options: Settled = { sort: o.sort, needle: o.search.trim().toLowerCase(), chips: o.chips, pinned: o.pinned, groupByTeam: o.groupByTeam };
    if (changes.all || store !== this.store || !this.options || !sameOptions(options, this.options) || !this.current) {
      this.store = store;
      this.options = options;
      this.rebuild(store);
    } else if (changes.ids.size > 0) {
      for (const [id, old] of changes.ids) this.move(old, store.entry(id));
    } else {
      return this.current;
    }
    // Rows find an agent through the store's entry: the one placed, as the rows are rebuilt or moved
    // in the same render as every store change (useSyncExternalStore), before any event can read them.
    this.current = new Rows(this.layout(), this.cache, (id) => store.entry(id), (a) => this.sectionOf(a, false));
    return this.current;
  }

  private section(key: string, label: string, pinned: boolean): Section {
    return { key, label, pinned, list: new SortedBlocks(COMPARATORS[this.options?.sort ?? 'name']) };
  }

  private matches(e: Entry): boolean {
    const o = this.options!;
    return matchesChips(e.agent, o.chips) && matchesSearch(e.sortName, e.agent.userName, o.needle);
  }

  /** The section an agent belongs in (created on demand when `create`). */
  private sectionOf(a: AgentState, create: boolean): Section | undefined {
    const o = this.options!;
    if (o.pinned.has(a.agentId)) return this.pinnedSection;
    if (!o.groupByTeam) return this.restSection;
    const team = teamOf(a);
    let s = this.teams.get(team);
    if (!s && create) {
      s = this.section(`h:team:${team}`, team, false);
      this.teams.set(team, s);
      this.teamsMoved = true;
    }
    return s;
  }

  private rebuild(store: RosterStore): void {
    this.pinnedSection = this.section('h:pinned', 'Pinned', true);
    this.restSection = this.section('h:all', 'Everyone else', false);
    this.teams = new Map();
    this.teamsMoved = true;
    const members = new Map<Section, Entry[]>();
    for (const e of store.entries()) {
      if (!this.matches(e)) continue;
      const s = this.sectionOf(e.agent, true)!;
      let list = members.get(s);
      if (!list) members.set(s, (list = []));
      list.push(e);
    }
    const sort = this.options!.sort;
    for (const [s, list] of members) s.list.reset(sortEntries(list, sort));
  }

  /**
   * One agent changed: out from where its entry at the last update (`old`; undefined when it is new)
   * was placed, into where its entry now (`e`; undefined when it left) belongs.
   */
  private move(old: Entry | undefined, e: Entry | undefined): void {
    if (old) {
      const from = this.sectionOf(old.agent, false);
      if (from?.list.remove(old) && from.list.length === 0 && this.teams.get(from.label) === from) {
        this.teams.delete(from.label);
        this.teamsMoved = true;
      }
    }
    if (e && this.matches(e)) this.sectionOf(e.agent, true)!.list.insert(e);
  }

  /** Where each shown section starts: O(sections), once per update. */
  private layout(): Placed[] {
    const o = this.options!;
    if (this.teamsMoved) {
      this.teamOrder = [...this.teams.values()].sort((x, y) => x.label.localeCompare(y.label));
      this.teamsMoved = false;
    }
    const pinned = this.pinnedSection.list.length;
    const placed: Placed[] = [];
    let start = 0;
    let headers = 0;
    const place = (section: Section, header: boolean) => {
      if (section.list.length === 0) return;
      placed.push({ section, start, header, headersBefore: headers });
      start += section.list.length + (header ? 1 : 0);
      if (header) headers++;
    };
    place(this.pinnedSection, true);
    if (!o.groupByTeam) place(this.restSection, pinned > 0);
    else for (const s of this.teamOrder) place(s, true);
    return placed;
  }
}

/** One version of the rows (reads the sections as they are: only the newest version is rendered). */
class Rows implements RowList {
  readonly length: number;
  readonly agentCount: number;

  constructor(
    private readonly placed: readonly Placed[],
    private readonly cache: RowCache,
    private readonly entryOf: (agentId: number) => Entry | undefined,
    private readonly sectionOf: (a: AgentState) => Section | undefined,
  ) {
    const last = placed.at(-1);
    this.length = last ? last.start + (last.header ? 1 : 0) + last.section.list.length : 0;
    this.agentCount = placed.reduce((n, p) => n + p.section.list.length, 0);
  }

  at(index: number): Row | undefined {
    const p = this.placedAt(index);
    if (!p) return undefined;
    const { section } = p;
    if (p.header && index === p.start) return { kind: 'header', key: section.key, label: section.label, count: section.list.length };
    const e = section.list.at(index - p.start - (p.header ? 1 : 0));
    return e && this.cache.row(e.agent, section.pinned);
  }

  indexOfAgent(agentId: number): number {
    const e = this.entryOf(agentId);
    const section = e && this.sectionOf(e.agent);
    const p = section && this.placed.find((x) => x.section === section);
    if (!p) return -1;
    const i = section.list.indexOf(e);
    return i < 0 ? -1 : p.start + (p.header ? 1 : 0) + i;
  }

  indexOfKey(key: string): number {
    if (key.startsWith('h:')) {
      const p = this.placed.find((x) => x.header && x.section.key === key);
      return p ? p.start : -1;
    }
    const i = this.indexOfAgent(Number(key.slice(2)));
    return i >= 0 && this.at(i)?.key === key ? i : -1;
  }

  toArray(): Row[] {
    const out: Row[] = [];
    for (const p of this.placed) {
      if (p.header) out.push(this.at(p.start)!);
      for (const e of p.section.list.toArray()) out.push(this.cache.row(e.agent, p.section.pinned));
    }
    return out;
  }

  headersBefore(index: number): number {
    const p = this.placedAt(Math.min(index, this.length - 1));
    if (!p) return 0;
    return p.headersBefore + (p.header && index > p.start ? 1 : 0);
  }

  private placedAt(index: number): Placed | undefined {
    if (index < 0 || index >= this.length) return undefined;
    let lo = 0;
    let hi = this.placed.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.placed[mid]!.start <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.placed[lo];
  }
}
