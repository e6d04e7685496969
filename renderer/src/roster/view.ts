// What the tray list shows, derived from the roster: a sorted order kept up to date incrementally
// (O(n + k log k) per delta of k changes instead of a full sort), then one O(n) pass for search,
// chip filters, pins and team groups. Pure functions and one small cache class — no React here.
import type { AgentState, StateCategory } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import { parseServerTime } from '../../../main/cxone/server-time';
import type { RosterView } from './store';

export type SortKey = 'name' | 'state' | 'time';

/** A chip: a category, or "unavailable:<reason>" for one unavailable reason. */
export type ChipId = StateCategory | `unavailable:${string}`;

export interface ViewOptions {
  sort: SortKey;
  search: string;
  chips: ReadonlySet<ChipId>;
  pinned: ReadonlySet<number>;
  groupByTeam: boolean;
}

export type Row =
  | { kind: 'header'; key: string; label: string; count: number }
  | { kind: 'agent'; key: string; agent: AgentState; pinned: boolean };

export const NO_REASON = 'No reason';

export function reasonOf(a: AgentState): string {
  return a.outStateDescription?.trim() || NO_REASON;
}

/** Reading order of categories when sorting by state. */
const CATEGORY_RANK: Record<StateCategory, number> = {
  available: 0,
  'on-contact': 1,
  acw: 2,
  unavailable: 3,
  other: 4,
  'logged-out': 5,
};

interface Entry {
  agent: AgentState;
  name: string;
  rank: number;
  since: number;
}

function entryOf(agent: AgentState): Entry {
  const since = parseServerTime(agent.startDate);
  return {
    agent,
    // Plain lower-case comparison: a collator is several times slower on 10,000 names.
    name: displayName(agent).toLowerCase(),
    rank: CATEGORY_RANK[agent.category],
    since: since ?? Number.POSITIVE_INFINITY,
  };
}

const byName = (x: Entry, y: Entry): number =>
  x.name < y.name ? -1 : x.name > y.name ? 1 : x.agent.agentId - y.agent.agentId;

const COMPARATORS: Record<SortKey, (x: Entry, y: Entry) => number> = {
  name: byName,
  state: (x, y) => x.rank - y.rank || byName(x, y),
  // Longest in state first; unknown start times last.
  time: (x, y) => (x.since === y.since ? byName(x, y) : x.since < y.since ? -1 : 1),
};

function merge(a: Entry[], b: Entry[], cmp: (x: Entry, y: Entry) => number): Entry[] {
  const out: Entry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Keeps the roster sorted by one key across deltas. One instance per list. */
export class SortedRoster {
  private key: SortKey | null = null;
  private entries: Entry[] = [];
  private agents: readonly AgentState[] = [];

  order(view: RosterView, key: SortKey): readonly AgentState[] {
    const store = view.store;
    const changes = store.takeChanges();
    const cmp = COMPARATORS[key];
    if (changes.all || key !== this.key) {
      this.entries = Array.from(store.values(), entryOf).sort(cmp);
    } else if (changes.ids.size > 0) {
      const kept = this.entries.filter((e) => !changes.ids.has(e.agent.agentId));
      const fresh: Entry[] = [];
      for (const id of changes.ids) {
        const a = store.get(id);
        if (a) fresh.push(entryOf(a));
      }
      this.entries = merge(kept, fresh.sort(cmp), cmp);
    } else {
      return this.agents;
    }
    this.key = key;
    this.agents = this.entries.map((e) => e.agent);
    return this.agents;
  }
}

function matchesChips(a: AgentState, chips: ReadonlySet<ChipId>): boolean {
  if (chips.size === 0) return true;
  if (chips.has(a.category)) return true;
  return a.category === 'unavailable' && chips.has(`unavailable:${reasonOf(a)}`);
}

export function matchesSearch(a: AgentState, needle: string): boolean {
  if (!needle) return true;
  return displayName(a).toLowerCase().includes(needle) || (a.userName?.toLowerCase().includes(needle) ?? false);
}

/**
 * Row objects per agent object, so a delta allocates rows only for the agents it changed (unchanged
 * agents keep their identity through the store). One per list, like SortedRoster.
 */
export class RowCache {
  private readonly pinned = new WeakMap<AgentState, Row>();
  private readonly plain = new WeakMap<AgentState, Row>();

  row(agent: AgentState, isPinned: boolean): Row {
    const cache = isPinned ? this.pinned : this.plain;
    let row = cache.get(agent);
    if (!row) {
      row = { kind: 'agent', key: `${isPinned ? 'p' : 'a'}:${agent.agentId}`, agent, pinned: isPinned };
      cache.set(agent, row);
    }
    return row;
  }
}

/** One O(n) pass: filter, then pinned first, then (optionally) one group per team. */
export function deriveRows(sorted: readonly AgentState[], o: ViewOptions, cache: RowCache = new RowCache()): Row[] {
  const needle = o.search.trim().toLowerCase();
  const pinned: AgentState[] = [];
  const rest: AgentState[] = [];
  for (const a of sorted) {
    if (!matchesChips(a, o.chips) || !matchesSearch(a, needle)) continue;
    (o.pinned.has(a.agentId) ? pinned : rest).push(a);
  }
  const rows: Row[] = [];
  if (pinned.length > 0) {
    rows.push({ kind: 'header', key: 'h:pinned', label: 'Pinned', count: pinned.length });
    for (const a of pinned) rows.push(cache.row(a, true));
  }
  if (!o.groupByTeam) {
    if (pinned.length > 0 && rest.length > 0) rows.push({ kind: 'header', key: 'h:all', label: 'Everyone else', count: rest.length });
    for (const a of rest) rows.push(cache.row(a, false));
    return rows;
  }
  const teams = new Map<string, AgentState[]>();
  for (const a of rest) {
    const team = a.teamName?.trim() || 'No team';
    let members = teams.get(team);
    if (!members) teams.set(team, (members = []));
    members.push(a);
  }
  const names = [...teams.keys()].sort((x, y) => x.localeCompare(y));
  for (const team of names) {
    const members = teams.get(team)!;
    rows.push({ kind: 'header', key: `h:team:${team}`, label: team, count: members.length });
    for (const a of members) rows.push(cache.row(a, false));
  }
  return rows;
}

export interface Counts {
  total: number;
  byCategory: Record<StateCategory, number>;
  /** Unavailable agents per reason, most common first. */
  reasons: [string, number][];
}

export function countRoster(agents: Iterable<AgentState>): Counts {
  const byCategory: Record<StateCategory, number> = {
    available: 0,
    'on-contact': 0,
    unavailable: 0,
    acw: 0,
    'logged-out': 0,
    other: 0,
  };
  const reasons = new Map<string, number>();
  let total = 0;
  for (const a of agents) {
    total++;
    byCategory[a.category]++;
    if (a.category === 'unavailable') {
      const r = reasonOf(a);
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
  }
  return { total, byCategory, reasons: [...reasons].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])) };
}

/** Lower-cased display names that more than one agent carries: those rows need an id beside the name. */
export function duplicateNames(agents: Iterable<AgentState>): ReadonlySet<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const a of agents) {
    const name = displayName(a).toLowerCase();
    if (seen.has(name)) twice.add(name);
    else seen.add(name);
  }
  return twice;
}

/** What tells two agents of the same name apart in a row: the agent id (short, and always unique). */
export function disambiguator(a: AgentState): string {
  return `#${a.agentId}`;
}

/** Unavailable for longer than the limit (null: no limit) at `now`. */
export function isOverLimit(a: AgentState, now: number, limitMs: number | null): boolean {
  if (limitMs === null || a.category !== 'unavailable') return false;
  const since = parseServerTime(a.startDate);
  return since !== undefined && now - since > limitMs;
}
