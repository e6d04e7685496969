// Reading a list over its pages (`_links.next`, else top/skip on our own host) and saying whether it
// is known to be whole; and the shared reading of CXone's delta lists (agents/states, skills/activity,
// CXONE-API.md §3b), where 204, 304 and an empty 200 mean "no change".
import type { SkillActivityResult, LeftOutItems } from './client';
import { IdIndex } from '../id-map';
import { hasBody, type Exchange, type Transport } from './transport';

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

export interface Paging {
  collectPages<T>(first: PageOf<T>, firstUrl: string, params: URLSearchParams, path: string, parse: (x: Exchange) => PageOf<T>, keyOf?: (item: T) => number): Promise<Collected<T>>;
  readDeltaList<T>(
    path: string,
    params: URLSearchParams,
    parse: (x: Exchange) => PageOf<T>,
    opts: { followPages?: boolean; skip?: number; keyOf?: (item: T) => number; distinct?: (items: T[]) => T[] },
  ): Promise<DeltaList<T>>;
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
  if (total !== null && skip + sent < total) return `CXone said totalRecords ${total} but sent ${sent} after ${got.pages} page${got.pages === 1 ? '' : 's'}.`;
  if (got.leftOut) return `${got.leftOut.count} item${got.leftOut.count === 1 ? '' : 's'} could not be read (${got.leftOut.firstReason}).`;
  return null;
}

/** `maxPages`: upper bound on pages followed by one list call. */
export function createPaging(http: Transport, maxPages: number): Paging {
  const { apiUrl, get, linkUrl, logger } = http;

  /**
   * Follows `_links.next` (resolved against the page's own URL), or else top/skip on our own host,
   * until totalRecords items are collected. Bounded by maxPages. Says whether the list is whole: an
   * empty or missing page before totalRecords, items left out, or a stop at maxPages make it partial.
   */
  async function collectPages<T>(
    first: PageOf<T>,
    firstUrl: string,
    params: URLSearchParams,
    path: string,
    parse: (x: Exchange) => PageOf<T>,
    keyOf?: (item: T) => number,
  ): Promise<Collected<T>> {
    const list = new PagedItems(keyOf);
    list.addAll(first.items);
    let page = first;
    let pageUrl = firstUrl;
    let pages = 1;
    let leftOut: LeftOutItems | null = null;
    const countLeftOut = (p: PageOf<T>) => {
      if (!p.leftOut) return;
      leftOut = leftOut ? { ...leftOut, count: leftOut.count + p.leftOut } : { count: p.leftOut, firstReason: p.leftOutReason ?? 'unreadable item' };
    };
    countLeftOut(first);
    let received = first.items.length + (first.leftOut ?? 0);
    const skip0 = Number(params.get('skip') ?? 0) || 0;
    const total = first.totalRecords;
    const pageSize = Number(params.get('top') ?? 0) || received;
    const seen = new Set<string>([new URL(firstUrl).href]);
    let incomplete: string | null = null;
    for (;;) {
      const more = total !== null && skip0 + received < total;
      const pageCount = page.items.length + (page.leftOut ?? 0);
      let nextUrl = page.nextLink ? linkUrl(page.nextLink, pageUrl) : null;
      if (nextUrl && seen.has(nextUrl.href)) nextUrl = null; // a page that links to itself must not loop us
      if (!nextUrl && more && pageCount > 0) {
        // No usable link but the server says there is more: ask our own host for the rest.
        const p = new URLSearchParams(params);
        p.set('skip', String(skip0 + received));
        p.set('top', String(pageSize));
        nextUrl = apiUrl(`${path}?${p}`);
        if (seen.has(nextUrl.href)) nextUrl = null;
      }
      if (!nextUrl || pageCount === 0 || (total !== null && !more)) break;
      seen.add(nextUrl.href);
      if (pages >= maxPages) {
        incomplete = `CXone kept sending more pages after ${maxPages}; the app stopped following them.`;
        logger.warn('cxone paging stopped at the page limit', { endpoint: nextUrl.pathname, maxPages });
        break;
      }
      const x = await get(nextUrl);
      pages++;
      pageUrl = x.url;
      if (!hasBody(x)) break;
      // Let timers, IPC and input run between pages, even when an answer is already buffered.
      await yieldToEventLoop();
      page = parse(x);
      countLeftOut(page);
      received += page.items.length + (page.leftOut ?? 0);
      list.addAll(page.items);
    }
    return { items: list.items, pages, received, leftOut: leftOut as LeftOutItems | null, incomplete };
  }

  /**
   * The shared reading of a delta list (agents/states, skills/activity, CXONE-API.md §3b): 204, 304 and
   * an empty 200 are "no change"; otherwise the pages are collected (or only the first, when
   * followPages is false) and the list is checked for wholeness. `keyOf` merges duplicates while
   * paging; `distinct` merges them after collection (both keep the later item at the earlier place).
   */
  async function readDeltaList<T>(
    path: string,
    params: URLSearchParams,
    parse: (x: Exchange) => PageOf<T>,
    opts: { followPages?: boolean; skip?: number; keyOf?: (item: T) => number; distinct?: (items: T[]) => T[] },
  ): Promise<DeltaList<T>> {
    const qs = params.toString();
    const x = await get(qs ? `${path}?${qs}` : path);
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
        : await collectPages(first, x.url, params, path, parse, opts.keyOf);
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

  return { collectPages, readDeltaList };
}

/** Resolves after the event loop has run whatever is due (timers, I/O callbacks): a macrotask, not a microtask. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

