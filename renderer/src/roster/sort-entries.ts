// The sort a snapshot needs: 100,000 entries in the order of COMPARATORS (view.ts) within the first
// frame. Comparing strings per comparison (or calling any comparator 1.7M times) costs most of that
// budget, so each entry gets one number that orders it as the comparator does — the rank of its state
// or start time, then the rank of its name (names repeat: strings are compared only among the distinct
// ones), then its agent id — and native sorts of numbers do the rest.
import { CATEGORY_RANK, type Entry } from './entry';
import { COMPARATORS, type SortKey } from './view';

/** Dense ranks (0, 1, …) of `values` in the order `sort` puts the distinct ones; equal values share a rank. */
function denseRanks<T>(values: readonly T[], sort: (distinct: T[]) => T[]): Map<T, number> {
  const ranks = new Map<T, number>();
  for (const v of values) ranks.set(v, 0);
  const distinct = sort([...ranks.keys()]);
  for (let r = 0; r < distinct.length; r++) ranks.set(distinct[r]!, r);
  return ranks;
}

/**
 * Positions 0…n-1 ordered by key(i) · n + i — one native sort of numbers, no call per comparison;
 * null when such numbers would not be exact (`maxKey` too large).
 */
function orderBy(n: number, key: (i: number) => number, maxKey: number): Float64Array | null {
  if ((maxKey + 1) * n > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = key(i) * n + i;
  keys.sort();
  for (let r = 0; r < n; r++) keys[r] = keys[r]! % n;
  return keys;
}

const CATEGORIES = Object.keys(CATEGORY_RANK).length;

/**
 * `entries` in the order of COMPARATORS[key], as a new array. Agent ids that are not non-negative safe
 * integers (CXone's are) fall back to the comparator itself.
 */
export function sortEntries(entries: readonly Entry[], key: SortKey): Entry[] {
  const n = entries.length;
  let maxId = 0;
  let plainIds = true;
  for (const e of entries) {
    const id = e.agent.agentId;
    plainIds &&= Number.isSafeInteger(id) && id >= 0;
    if (id > maxId) maxId = id;
  }
  // byId[r]: the position of the entry with the r-th smallest id.
  const byId = plainIds ? orderBy(n, (i) => entries[i]!.agent.agentId, maxId) : null;
  // Without a comparator, sort() orders strings by UTF-16 code units: the same order as `<` in byName.
  const names = denseRanks(
    entries.map((e) => e.sortName),
    (d) => d.sort(),
  );
  // Ascending, unknown (+Infinity) last: as the comparator.
  const times = key === 'time' ? denseRanks(entries.map((e) => e.since), (d) => Array.from(new Float64Array(d).sort())) : null;
  const outer = (e: Entry) => (key === 'name' ? 0 : key === 'state' ? e.rank : times!.get(e.since)!);
  const outerCount = key === 'name' ? 1 : key === 'state' ? CATEGORIES : times!.size;
  // Positions in id order, sorted by group (state or time, then name): within a group, smaller ids first.
  const group = (r: number) => {
    const e = entries[byId![r]!]!;
    return outer(e) * names.size + names.get(e.sortName)!;
  };
  const order = byId && orderBy(n, group, outerCount * names.size - 1);
  if (!order) return [...entries].sort(COMPARATORS[key]);
  const out = new Array<Entry>(n);
  for (let k = 0; k < n; k++) out[k] = entries[byId[order[k]!]!]!;
  return out;
}
