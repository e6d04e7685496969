// What the tray list shows, derived from the roster. The list itself is kept up to date incrementally
// by RosterRows (rows.ts); the functions here are the plain definitions it must agree with — sort
// order, filters, row layout, counts — written the obvious way (from scratch, O(n log n)), which the
// tests compare it with after many random deltas.
import type { AgentState, StateCategory } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import { parseServerTime } from '../../../main/cxone/server-time';
import { Entry, nameKey, sortKeyOf } from './entry';
import { NO_REASON, reasonOf, type Counts } from './store';

export { NO_REASON, reasonOf, type Counts };

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

export { Entry };

const byName = (x: Entry, y: Entry): number =>
  x.sortName < y.sortName ? -1 : x.sortName > y.sortName ? 1 : x.agent.agentId - y.agent.agentId;

/** Total orders (ties broken by agent id), so an entry can be found again by comparison. */
export const COMPARATORS: Record<SortKey, (x: Entry, y: Entry) => number> = {
  name: byName,
  state: (x, y) => x.rank - y.rank || byName(x, y),
  // Longest in state first; unknown start times last.
  time: (x, y) => (x.since === y.since ? byName(x, y) : x.since < y.since ? -1 : 1),
};

/** The roster in the order of one sort key, sorted from scratch. */
export function sortAgents(agents: Iterable<AgentState>, key: SortKey): AgentState[] {
  return Array.from(agents, (a) => new Entry(a))
    .sort(COMPARATORS[key])
    .map((e) => e.agent);
}

export function matchesChips(a: AgentState, chips: ReadonlySet<ChipId>): boolean {
  if (chips.size === 0) return true;
  if (chips.has(a.category)) return true;
  return a.category === 'unavailable' && chips.has(`unavailable:${reasonOf(a)}`);
}

/**
 * What search looks in, for a lower-cased needle: the name's sort key (sortKeyOf: the name as spelled
 * and without accents, so "zoe" finds "Zoë" and "aydin" finds "Aydın") and the login. The user name
 * is lower-cased here, only while searching: not for every agent of every snapshot.
 */
export function matchesSearch(sortName: string, userName: string | null, needle: string): boolean {
  return !needle || sortName.includes(needle) || (userName?.toLowerCase().includes(needle) ?? false);
}

/**
 * Row objects per agent object, so a delta allocates rows only for the agents it changed (unchanged
 * agents keep their identity through the store). One per list.
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

/** The group an agent shows under when the list is grouped by team. */
export function teamOf(a: AgentState): string {
  return a.teamName?.trim() || 'No team';
}

/** One O(n) pass: filter, then pinned first, then (optionally) one group per team. */
export function deriveRows(sorted: readonly AgentState[], o: ViewOptions, cache: RowCache = new RowCache()): Row[] {
  const needle = o.search.trim().toLowerCase();
  const pinned: AgentState[] = [];
  const rest: AgentState[] = [];
  for (const a of sorted) {
    if (!matchesChips(a, o.chips) || !matchesSearch(sortKeyOf(nameKey(a)), a.userName, needle)) continue;
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
    const team = teamOf(a);
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
