// Reading a list over its pages (`_links.next`, else top/skip on our own host) and saying whether it
// is known to be whole; and the shared reading of CXone's delta lists (agents/states, skills/activity,
// CXONE-API.md §3b), where 204, 304 and an empty 200 mean "no change".
import type { SkillActivityResult, LeftOutItems } from './client';
import { IdIndex } from '../id-map';
import { hasBody, type Exchange, type Transport } from './transport';
import { count } from '../words';

/** A delta list's answer: SkillActivityResult's shape with the items under a neutral name. */
export type DeltaList<T> =
  | (Omit<Extract<SkillActivityResult, { kind: 'changes' }>, 'skills'> & { items: T[] })
  | Extract<SkillActivityResult, { kind: 'no-change' }>;

/** The query parameters every delta list takes, in the order the app has always sent them. */
export function deltaParams(query: { updatedSince?: string; fields?: readonly string[]; top?: number; skip?: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.updatedSince) params.set('updatedSince', query.updatedSince);
  if (query.fields?.length) params.set('fields', query.fields.join(','));
  if (query.top !== undefined) params.set('top', String(query.top));
  if (query.skip !== undefined) params.set('skip', String(query.skip));
  return params;
}

/** One page as an endpoint's reader gives it. */
export interface PageOf<T> {
  items: T[];
  totalRecords: number | null;
  nextLink: string | null;
  lastPollTime: string | null;
  /** Items on the page that could not be read (left out). */
  leftOut?: number;
  leftOutReason?: string | null;
}

/** What paging collected, and whether it is known to be everything. */
export interface Collected<T> {
  items: T[];
  pages: number;
  /** Items read plus items left out: what the server sent. */
  received: number;
  leftOut: LeftOutItems | null;
  /** Null when every page was read and the counts agree; else why not. */
  incomplete: string | null;
}

/** How a delta list is read: every page or the first, from which skip, and how duplicates merge. */
export interface DeltaListOptions<T> {
  followPages?: boolean;
  skip?: number;
  keyOf?: (item: T) => number;
  distinct?: (items: T[]) => T[];
}

export interface Paging {
  collectPages<T>(first: PageOf<T>, firstUrl: string, params: URLSearchParams, path: string, parse: (x: Exchange) => PageOf<T>, keyOf?: (item: T) => number): Promise<Collected<T>>;
  readDeltaList<T>(path: string, params: URLSearchParams, parse: (x: Exchange) => PageOf<T>, opts: DeltaListOptions<T>): Promise<DeltaList<T>>;
}

/**
 * A list's items as its pages arrive. With `keyOf`, duplicates across pages (overlapping pages, or our
 * top/skip after a server's short pages) are merged as each page arrives — the later item wins, at the
 * earlier place — so no pass over the whole list is left for the end, where 100,000 agents would block
 * the main process at once. An IdIndex, not a Map: one Map's rehash at 65,536 agents blocked the main
 * process for 10–20 ms.
 */
class PagedItems<T> {
  readonly items: T[] = [];
  private readonly at: IdIndex<number> | null;

  constructor(private readonly keyOf?: (item: T) => number) {
    this.at = keyOf ? new IdIndex<number>() : null;
  }

  addAll(page: readonly T[]): void {
    const { at, items } = this;
    if (!at) {
      for (const it of page) items.push(it);
      return;
    }
    for (const it of page) {
      const k = this.keyOf!(it);
      const i = at.get(k);
      if (i === undefined) at.add(k, items.push(it) - 1);
      else items[i] = it;
    }
  }
}

/**
 * Why a collected list is not known to be whole, or null. Counted in distinct agents: a server whose
 * pages overlap (or our top/skip after its own short pages) must not make a short list look whole.
 */
function incompleteness(distinct: number, got: Pick<Collected<unknown>, 'pages' | 'leftOut' | 'incomplete'>, total: number | null, skip: number): string | null {
  if (got.incomplete) return got.incomplete;
  const sent = distinct + (got.leftOut?.count ?? 0);
  if (total !== null && skip + sent < total) return `CXone said totalRecords ${total} but sent ${sent} after ${count(got.pages, 'page')}.`;
  if (got.leftOut) return `${count(got.leftOut.count, 'item')} could not be read (${got.leftOut.firstReason}).`;
  return null;
}

/** What the paging parts share: the transport, and the most pages one list call follows. */
interface PagingContext {
  readonly http: Transport;
  readonly maxPages: number;
}

/** `maxPages`: upper bound on pages followed by one list call. */
export function createPaging(http: Transport, maxPages: number): Paging {
  const ctx: PagingContext = { http, maxPages };
  return {
    collectPages: (first, firstUrl, params, path, parse, keyOf) => collectPages(ctx, first, firstUrl, params, path, parse, keyOf),
    readDeltaList: (path, params, parse, opts) => readDeltaList(ctx, path, params, parse, opts),
  };
}

/** One list's walk over its pages: what the first page fixed, and what has been read so far. */
interface PageWalk<T> {
  readonly list: PagedItems<T>;
  readonly params: URLSearchParams;
  readonly path: string;
  /** Where the list started (the first call's skip). */
  readonly skip0: number;
  /** The first page's totalRecords. */
  readonly total: number | null;
  /** `top` for our own top/skip calls: the one asked for, else the first page's length. */
  readonly pageSize: number;
  /** Every page URL asked for: a page linking back to one already read must not loop us. */
  readonly seen: Set<string>;
  page: PageOf<T>;
  pageUrl: string;
  pages: number;
  /** Items read plus items left out: what the server sent. */
  received: number;
  leftOut: LeftOutItems | null;
}

/** Items on a page, readable or not. */
const sentOn = (page: PageOf<unknown>) => page.items.length + (page.leftOut ?? 0);

/**
 * Follows `_links.next` (resolved against the page's own URL), or else top/skip on our own host,
 * until totalRecords items are collected. Bounded by maxPages. Says whether the list is whole: an
 * empty or missing page before totalRecords, items left out, or a stop at maxPages make it partial.
 */
async function collectPages<T>(
  ctx: PagingContext,
  first: PageOf<T>,
  firstUrl: string,
  params: URLSearchParams,
  path: string,
  parse: (x: Exchange) => PageOf<T>,
  keyOf?: (item: T) => number,
): Promise<Collected<T>> {
  const walk: PageWalk<T> = {
    list: new PagedItems(keyOf),
    params,
    path,
    skip0: Number(params.get('skip') ?? 0) || 0,
    total: first.totalRecords,
    pageSize: Number(params.get('top') ?? 0) || sentOn(first),
    seen: new Set<string>([new URL(firstUrl).href]),
    page: first,
    pageUrl: firstUrl,
    pages: 1,
    received: 0,
    leftOut: null,
  };
  addPage(walk, first);
  let incomplete: string | null = null;
  for (;;) {
    const nextUrl = nextPageUrl(ctx.http, walk);
    if (!nextUrl) break;
    walk.seen.add(nextUrl.href);
    if (walk.pages >= ctx.maxPages) {
      incomplete = `CXone kept sending more pages after ${ctx.maxPages}; the app stopped following them.`;
      ctx.http.logger.warn('cxone paging stopped at the page limit', { endpoint: nextUrl.pathname, maxPages: ctx.maxPages });
      break;
    }
    const x = await ctx.http.get(nextUrl);
    walk.pages++;
    walk.pageUrl = x.url;
    if (!hasBody(x)) break;
    // Let timers, IPC and input run between pages, even when an answer is already buffered.
    await yieldToEventLoop();
    addPage(walk, parse(x));
  }
  return { items: walk.list.items, pages: walk.pages, received: walk.received, leftOut: walk.leftOut, incomplete };
}

/** A page read: its items into the list, and what it sent (read and left out) counted. */
function addPage<T>(walk: PageWalk<T>, page: PageOf<T>): void {
  walk.page = page;
  if (page.leftOut) {
    const { leftOut } = walk;
    walk.leftOut = leftOut ? { ...leftOut, count: leftOut.count + page.leftOut } : { count: page.leftOut, firstReason: page.leftOutReason ?? 'unreadable item' };
  }
  walk.received += sentOn(page);
  walk.list.addAll(page.items);
}

/**
 * The page after the last one read: its `_links.next`, else (the server says there is more but gives
 * no usable link) top/skip on our own host. Null when the list is done, the last page was empty, or
 * the only way on is a page already asked for.
 */
function nextPageUrl<T>(http: Transport, walk: PageWalk<T>): URL | null {
  const { total, seen } = walk;
  const more = total !== null && walk.skip0 + walk.received < total;
  const pageCount = sentOn(walk.page);
  let nextUrl = walk.page.nextLink ? http.linkUrl(walk.page.nextLink, walk.pageUrl) : null;
  if (nextUrl && seen.has(nextUrl.href)) nextUrl = null; // a page that links to itself must not loop us
  if (!nextUrl && more && pageCount > 0) {
    // No usable link but the server says there is more: ask our own host for the rest.
    const p = new URLSearchParams(walk.params);
    p.set('skip', String(walk.skip0 + walk.received));
    p.set('top', String(walk.pageSize));
    nextUrl = http.apiUrl(`${walk.path}?${p}`);
    if (seen.has(nextUrl.href)) nextUrl = null;
  }
  if (!nextUrl || pageCount === 0 || (total !== null && !more)) return null;
  return nextUrl;
}

/**
 * The shared reading of a delta list (agents/states, skills/activity, CXONE-API.md §3b): 204, 304 and
 * an empty 200 are "no change"; otherwise the pages are collected (or only the first, when
 * followPages is false) and the list is checked for wholeness. `keyOf` merges duplicates while
 * paging; `distinct` merges them after collection (both keep the later item at the earlier place).
 */
async function readDeltaList<T>(
  ctx: PagingContext,
  path: string,
  params: URLSearchParams,
  parse: (x: Exchange) => PageOf<T>,
  opts: DeltaListOptions<T>,
): Promise<DeltaList<T>> {
  const qs = params.toString();
  const x = await ctx.http.get(qs ? `${path}?${qs}` : path);
  if (x.status === 204 || x.status === 304) return { kind: 'no-change', lastPollTime: null, status: x.status };
  if (!hasBody(x)) return { kind: 'no-change', lastPollTime: null, status: 200 };
  const first = parse(x);
  // Only a truly empty list is "no change"; a page of unreadable items is not silence, nor is an
  // empty page that links on while totalRecords says more: as "no change" a delta's changes behind
  // the link were lost (the next delta asks from this lastPollTime). It is an incomplete list.
  const linksOn = first.nextLink !== null && first.totalRecords !== null && (opts.skip ?? 0) < first.totalRecords;
  if (first.items.length === 0 && !first.leftOut && !linksOn) return { kind: 'no-change', lastPollTime: first.lastPollTime, status: 200 };
  const got =
    opts.followPages === false
      ? { items: first.items, pages: 1, leftOut: first.leftOut ? { count: first.leftOut, firstReason: first.leftOutReason ?? '' } : null, incomplete: null }
      : await collectPages(ctx, first, x.url, params, path, parse, opts.keyOf);
  return deltaChanges(first, got, opts);
}

/** A delta list's changes: the items (merged by `distinct` if asked), and whether the list is whole. */
function deltaChanges<T>(first: PageOf<T>, got: Omit<Collected<T>, 'received'>, opts: DeltaListOptions<T>): DeltaList<T> {
  const items = opts.distinct ? opts.distinct(got.items) : got.items;
  const incomplete = incompleteness(items.length, got, first.totalRecords, opts.skip ?? 0);
  return {
    kind: 'changes',
    items,
    lastPollTime: first.lastPollTime,
    totalRecords: first.totalRecords,
    pages: got.pages,
    status: 200,
    complete: incomplete === null,
    ...(incomplete !== null ? { incompleteReason: incomplete } : {}),
    ...(got.leftOut ? { leftOut: got.leftOut } : {}),
  };
}

/** Resolves after the event loop has run whatever is due (timers, I/O callbacks): a macrotask, not a microtask. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

