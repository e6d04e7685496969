// The CXone REST client: one place that knows URLs, auth headers, timeouts, the 401-refresh-once rule,
// paging and the "no change" answers. Every failure is a CxoneError (main/cxone/errors.ts).
import { AuthError } from '../auth/errors';
import type { Clock, FetchLike, Logger } from '../ports';
import { silentLogger, systemClock } from '../ports';
import { CxoneError, cxoneUrlOrThrow, excerptOf, kindForStatus, parseRetryAfter, sentenceFor } from './errors';
import type { AgentState } from './model';
import {
  agentSessionEventsBodySchema,
  agentSessionJoinBodySchema,
  agentsBodySchema,
  ListTexts,
  normalizeAgent,
  parseAgentStatesJson,
  type StatesRead,
  parseWith,
  teamsBodySchema,
} from './schemas';
import { dedupeCodes, parseUnavailableCodesPage, type UnavailableCode } from './unavailable-codes';
import { parseSkillActivityJson, type SkillActivity } from '../queues/skill-activity';
import { parseSkillAssignmentsPage, type SkillAssignment } from '../queues/skill-assignments';
import { IdIndex } from '../id-map';

export type { UnavailableCode } from './unavailable-codes';

export interface CxoneClientOptions {
  /** `{api_endpoint}/inContactAPI/services/v34.0` (see apiBaseUrl in discovery.ts). */
  baseUrl: string;
  /**
   * The current access token. Called before every request (and again after onUnauthorized). A failure
   * is 'unauthorized', except an AuthError of kind 'network' (the sign-in server is unreachable while
   * the session renews), which is 'network': the session is still there, so callers retry.
   */
  getAccessToken: () => Promise<string>;
  /**
   * Called on a 401 with the token that was refused: the session drops/refreshes it; the client then
   * retries the call once. Passing the refused token on lets a burst of 401s cost one refresh.
   */
  onUnauthorized: (refusedToken: string) => void | Promise<void>;
  fetch?: FetchLike;
  clock?: Clock;
  /** Per request, including reading the body. Default 15 000 ms. */
  timeoutMs?: number;
  logger?: Logger;
  /** Upper bound on pages followed by one list call. Default 1000. */
  maxPages?: number;
  /** Largest response body read, in bytes; a larger one is a 'malformed' error. Default 64 MiB. */
  maxBodyBytes?: number;
  /** Each answer's `Date` header (the server's clock), for measuring the server-clock offset. */
  onServerDate?: (dateHeader: string) => void;
}

export interface GetAgentStatesQuery {
  /** ISO 8601; pass the previous answer's lastPollTime (the server's clock). Omit for everything. */
  updatedSince?: string;
  /** Projection, e.g. ['agentId', 'agentStateId', 'agentStateName']. */
  fields?: readonly string[];
  top?: number;
  skip?: number;
  orderBy?: string;
  reqBUIds?: readonly number[];
  /** Follow `_links.next` / top+skip until totalRecords is reached. Default true. */
  followPages?: boolean;
}

export type AgentStatesResult =
  | {
      kind: 'changes';
      states: AgentState[];
      /** The server's clock at the first page; the next delta's updatedSince. */
      lastPollTime: string | null;
      totalRecords: number | null;
      pages: number;
      status: 200;
      /**
       * False when the list is not known to be whole: a page came back empty or unreadable before
       * totalRecords items arrived, items were left out, or paging stopped early. Only a complete full
       * list may retire agents it does not name. Absent means complete (sources that cannot page).
       */
      complete?: boolean;
      /** Why the list is not complete (a sentence), when it is not. */
      incompleteReason?: string;
      /** Items CXone sent that could not be read and were left out (every other agent is kept). */
      leftOut?: LeftOutItems;
    }
  | {
      /** 200 with an empty list, 204 and 304 all mean "nothing new" — never "everyone logged out". */
      kind: 'no-change';
      lastPollTime: string | null;
      status: 200 | 204 | 304;
    };

export interface GetSkillActivityQuery {
  /** ISO 8601; the previous answer's lastPollTime (the server's clock). Omit for every skill. */
  updatedSince?: string;
  fields?: readonly string[];
  top?: number;
  skip?: number;
  /** Follow `_links.next` / top+skip until totalRecords is reached. Default true. */
  followPages?: boolean;
}

/** skills/activity (CXONE-API.md §3b): the same "changes" / "no change" reading as agents/states. */
export type SkillActivityResult =
  | {
      kind: 'changes';
      skills: SkillActivity[];
      lastPollTime: string | null;
      totalRecords: number | null;
      pages: number;
      status: 200;
      /** False when the list is not known to be whole (see AgentStatesResult). */
      complete: boolean;
      incompleteReason?: string;
      leftOut?: LeftOutItems;
    }
  | { kind: 'no-change'; lastPollTime: string | null; status: 200 | 204 | 304 };

/** Items of an answer that could not be read: how many, and why the first one could not. */
export interface LeftOutItems {
  count: number;
  firstReason: string;
}

/** One agent from GET /agents or /agents/{id}: who they are (not their state). */
export interface AgentInfo {
  agentId: number;
  /** The user UUID (the id_token's userId / sub without "user:"). */
  userId: string | null;
  firstName: string;
  lastName: string;
  userName: string | null;
  emailAddress: string | null;
  teamId: number | null;
  teamName: string | null;
  businessUnitId: number | null;
  isActive: boolean;
}

export interface AgentsResult {
  agents: AgentInfo[];
  /** Null when the server gave none (or answered 204/304: nothing changed since updateSince). */
  lastPollTime: string | null;
  totalRecords: number | null;
  status: 200 | 204 | 304;
}

export interface TeamInfo {
  teamId: number;
  teamName: string;
  isActive: boolean;
}

/** One agent's state with the server's clock, as GET /agents/{id}/states answers it. */
export interface OneAgentStateResult {
  /** Null when the server answered with no item (or 204/304). */
  state: AgentState | null;
  lastPollTime: string | null;
}

/** One event of an agent session (get-next-event). Only the type is read; the rest is kept as sent. */
export interface AgentSessionEvent {
  type: string | null;
  raw: Record<string, unknown>;
}

export type AgentSessionEventsResult =
  | {
      kind: 'events';
      /** The session id to ask with next time (each answer carries it). */
      sessionId: string;
      events: AgentSessionEvent[];
    }
  | {
      /** 304 (the documented "nothing happened"), 204, or 200 without events. */
      kind: 'no-event';
      /** The answer's sessionId, or the one asked with when the answer had no body (304). */
      sessionId: string;
      status: 200 | 204 | 304;
    };

/** The sentence for a join answered 409: nothing is wrong, the agent simply has no session now. */
export const AGENT_HAS_NO_SESSION = 'The agent has no session to join (not logged in to an agent app); their state follows the polling interval.';

/** The sentence for get-next-event answered 409 ("Session Ended"): the agent logged off. */
export const AGENT_SESSION_ENDED = 'The agent session ended (the agent logged off); it is joined again once the agent is seen logged in.';

/** Longest long poll CXone accepts for get-next-event (`timeout=0..60`). */
export const MAX_AGENT_EVENT_TIMEOUT_SECONDS = 60;

/** A raw answer for diagnostics: what the server said, before any interpretation. */
export interface RawResponse {
  status: number;
  statusDescription: string | null;
  contentType: string | null;
  /** Parsed JSON, or null when the body was empty or not JSON (see bodyText). */
  json: unknown;
  /** First 2 000 characters of the body. */
  bodyText: string;
  /** The request URL that was used (never carries a token). */
  url: string;
}

export interface CxoneClient {
  readonly baseUrl: string;
  getAgentStates(query?: GetAgentStatesQuery): Promise<AgentStatesResult>;
  /** One agent's state by numeric agent id (icAgentId). Null when the server answered with no item. */
  getAgentState(agentId: number | string): Promise<AgentState | null>;
  /** Like getAgentState, with the answer's lastPollTime (the server's clock). */
  getOneAgentState(agentId: number | string): Promise<OneAgentStateResult>;
  /**
   * POST agent-sessions/join: attaches to the session the signed-in agent already has (never starts
   * one). 'conflict' (409): the agent has no session now. asAgentId is impersonation; the app never uses it.
   */
  joinAgentSession(opts?: { asAgentId?: number }): Promise<{ sessionId: string }>;
  /**
   * GET agent-sessions/{sessionId}/get-next-event?timeout=…: a long poll that answers when the agent's
   * session has an event, or after timeoutSeconds (0..60) with 304. The request timeout is the long
   * poll plus the client's usual timeout. `signal` cancels it (a 'network' error).
   */
  getNextAgentEvent(sessionId: string, timeoutSeconds: number, opts?: { signal?: AbortSignal }): Promise<AgentSessionEventsResult>;
  getAgents(query?: { updateSince?: string; top?: number; skip?: number; followPages?: boolean }): Promise<AgentsResult>;
  /** By numeric agent id or user UUID; maps a UUID to the numeric id. not-found as a CxoneError. */
  getAgent(idOrUuid: number | string): Promise<AgentInfo>;
  getTeams(): Promise<TeamInfo[]>;
  /** The business unit's codes, every page (`_links.next`, else top/skip), each with its own time limit. */
  getUnavailableCodes(): Promise<UnavailableCode[]>;
  /** One team's codes (GET teams/{teamId}/unavailable-codes); 204 is an empty list. */
  getTeamUnavailableCodes(teamId: number): Promise<UnavailableCode[]>;
  /** GET skills/activity (every page), read tolerantly; 200-empty, 204 and 304 are "no change". */
  getSkillActivity(query?: GetSkillActivityQuery): Promise<SkillActivityResult>;
  /**
   * GET skills/agents: which agent has which skill. Admin API, outside the v34 contract subset
   * (main/queues/skill-assignments.ts); 403/404 come back as CxoneErrors for the caller to treat as "unknown".
   */
  getSkillAssignments(): Promise<SkillAssignment[]>;
  /** GET a path under baseUrl (e.g. "agents/states?top=5") with the same auth/timeout/401 rules; no parsing, any status returned. */
  getRaw(pathAndQuery: string): Promise<RawResponse>;
}


interface Exchange {
  status: number;
  statusDescription: string | null;
  retryAfter: string | null;
  contentType: string | null;
  text: string;
  url: string;
  endpoint: string;
}

/** How one request goes out; GET with the client's timeout unless said otherwise. */
interface RequestSpec {
  method: 'GET' | 'POST';
  /** JSON text for a POST. */
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const GET: RequestSpec = { method: 'GET' };

/** A delta list's answer: SkillActivityResult's shape with the items under a neutral name. */
type DeltaList<T> =
  | (Omit<Extract<SkillActivityResult, { kind: 'changes' }>, 'skills'> & { items: T[] })
  | Extract<SkillActivityResult, { kind: 'no-change' }>;

/** The query parameters every delta list takes, in the order the app has always sent them. */
function deltaParams(query: { updatedSince?: string; fields?: readonly string[]; top?: number; skip?: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.updatedSince) params.set('updatedSince', query.updatedSince);
  if (query.fields?.length) params.set('fields', query.fields.join(','));
  if (query.top !== undefined) params.set('top', String(query.top));
  if (query.skip !== undefined) params.set('skip', String(query.skip));
  return params;
}

interface PageOf<T> {
  items: T[];
  totalRecords: number | null;
  nextLink: string | null;
  lastPollTime: string | null;
  /** Items on the page that could not be read (left out). */
  leftOut?: number;
  leftOutReason?: string | null;
}

/** What paging collected, and whether it is known to be everything. */
interface Collected<T> {
  items: T[];
  pages: number;
  /** Items read plus items left out: what the server sent. */
  received: number;
  leftOut: LeftOutItems | null;
  /** Null when every page was read and the counts agree; else why not. */
  incomplete: string | null;
}

export function createCxoneClient(options: CxoneClientOptions): CxoneClient {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxPages = options.maxPages ?? 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const base = cxoneUrlOrThrow(options.baseUrl.replace(/\/+$/, ''), 'API endpoint');
  const baseUrl = base.href.replace(/\/+$/, '');
  const baseOrigin = base.origin;

  /** A path under baseUrl ("agents/states?top=5"). */
  const apiUrl = (path: string): URL => new URL(`${baseUrl}/${path.replace(/^\/+/, '')}`);

  /**
   * A `_links.next` resolved as a URL reference against the URL it came with (a full URL, or a path
   * from the host root, or a relative one). Null, with a log line, when it is not a URL or leaves our
   * host: the token goes with every request, so another host is never followed.
   */
  function linkUrl(link: string, requestUrl: string): URL | null {
    let u: URL;
    try {
      u = new URL(link, requestUrl);
    } catch {
      logger.warn('cxone next-page link is not a URL; paging on with top/skip', { link: excerptOf(link) });
      return null;
    }
    if (u.origin !== baseOrigin) {
      logger.warn('cxone next-page link leads to another host; not followed', { host: u.host });
      return null;
    }
    return u;
  }

  async function once(url: URL, token: string, req: RequestSpec = GET): Promise<Exchange> {
    const endpoint = url.pathname;
    const controller = new AbortController();
    const limitMs = req.timeoutMs ?? timeoutMs;
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limitMs);
    // The caller's cancel (a long poll being stopped) aborts the same request.
    const cancel = () => controller.abort();
    req.signal?.addEventListener('abort', cancel, { once: true });
    if (req.signal?.aborted) controller.abort();
    const started = clock.now();
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      const init: RequestInit = { method: req.method, headers, ...(req.body !== undefined ? { body: req.body } : {}), signal: controller.signal };
      let res: Response | undefined;
      for (let sent = 1; res === undefined; sent++) {
        try {
          res = await doFetch(url, init);
        } catch (err) {
          // The connection closed before any answer — typically a kept-alive one the server had just timed
          // out as we reused it. Chromium's stack (the app's net.fetch) sends again by itself; undici (the
          // CLI, the browser preview) does not, and its next pick may be another such connection
          // (test/cxone/client.test.ts). A GET may be sent again (RFC 9110 §9.2.2), within the same
          // timeout: one stale socket would otherwise show "backing off" and cost a full resync.
          // Anything else (net.fetch's errors carry no such code), a POST, or SENDS_WHEN_DROPPED drops
          // in a row, fail as before.
          const reason = networkReason(err);
          if (req.method !== 'GET' || controller.signal.aborted || !CONNECTION_DROPPED.has(reason) || sent >= SENDS_WHEN_DROPPED) throw err;
          logger.info('cxone connection closed before an answer; sending the GET again', { endpoint, reason, sent });
        }
      }
      const date = res.headers.get('date');
      if (date) options.onServerDate?.(date);
      // The timeout covers the body too: a server that stalls mid-body is as stuck as one that never answers.
      const text = res.status === 204 || res.status === 304 ? '' : await readText(res, maxBodyBytes, endpoint);
      logger.debug('cxone response', { endpoint, status: res.status, ms: clock.now() - started, bytes: text.length });
      return {
        status: res.status,
        statusDescription: res.headers.get('icStatusDescription'),
        retryAfter: res.headers.get('retry-after'),
        contentType: res.headers.get('content-type'),
        text,
        url: url.href,
        endpoint,
      };
    } catch (err) {
      if (err instanceof CxoneError) throw err;
      const kind = timedOut ? 'timeout' : 'network';
      const cancelled = !timedOut && req.signal?.aborted === true;
      if (!cancelled) logger.warn('cxone request failed', { endpoint, kind, ms: clock.now() - started });
      throw new CxoneError({
        kind,
        endpoint,
        cause: err,
        message: timedOut
          ? `CXone (${url.host}) did not answer within ${Math.round(limitMs / 1000)} s.`
          : cancelled
            ? `The request to CXone (${url.host}) was cancelled.`
            : `CXone (${url.host}) could not be reached: ${networkReason(err)}.`,
      });
    } finally {
      clock.clearTimeout(timer);
      req.signal?.removeEventListener('abort', cancel);
    }
  }

  async function token(): Promise<string> {
    try {
      return await options.getAccessToken();
    } catch (err) {
      // Renewal failing on the network (auth state "reconnecting") is an outage, not a lost sign-in:
      // reporting it as unauthorized would stop the poller as if the user had been signed out.
      if (err instanceof AuthError && err.kind === 'network') {
        throw new CxoneError({ kind: 'network', cause: err, message: `The session could not be renewed: ${err.message}` });
      }
      throw new CxoneError({ kind: 'unauthorized', cause: err, message: 'There is no valid sign-in to call CXone with.' });
    }
  }

  /** One GET with the 401 rule: tell the session, take a fresh token, retry once. */
  async function exchange(pathOrUrl: string | URL, req: RequestSpec = GET): Promise<Exchange> {
    const url = typeof pathOrUrl === 'string' ? apiUrl(pathOrUrl) : pathOrUrl;
    const refused = await token();
    const first = await once(url, refused, req);
    if (first.status !== 401) return first;
    logger.info('cxone 401: refreshing the token and retrying once', { endpoint: first.endpoint });
    await options.onUnauthorized(refused);
    return once(url, await token(), req);
  }

  function httpError(x: Exchange): CxoneError {
    const kind = kindForStatus(x.status);
    const said = x.statusDescription ? ` CXone says: "${x.statusDescription}".` : '';
    const retryAfterMs = x.status === 429 || x.status === 503 ? parseRetryAfter(x.retryAfter, clock.now()) : null;
    return new CxoneError({
      kind,
      status: x.status,
      statusDescription: x.statusDescription,
      retryAfterMs,
      endpoint: x.endpoint,
      message: `${sentenceFor(kind)} (HTTP ${x.status})${said}`,
    });
  }

  /** GET that must succeed (2xx or 304); anything else becomes the matching CxoneError. */
  async function get(pathOrUrl: string | URL, req: RequestSpec = GET): Promise<Exchange> {
    const x = await exchange(pathOrUrl, req);
    if ((x.status >= 200 && x.status < 300) || x.status === 304) return x;
    throw httpError(x);
  }

  function json(x: Exchange): unknown {
    try {
      return JSON.parse(x.text);
    } catch {
      throw new CxoneError({
        kind: 'malformed',
        status: x.status,
        endpoint: x.endpoint,
        path: '(body)',
        excerpt: excerptOf(x.text),
        message: `CXone answered ${x.endpoint} with a body that is not valid JSON.`,
      });
    }
  }

  const hasBody = (x: Exchange) => x.status !== 204 && x.status !== 304 && x.text.trim() !== '';

  /** Attach the endpoint and status to a 'malformed' error raised while reading a body. */
  function parseBody<T>(x: Exchange, parse: () => T): T {
    try {
      return parse();
    } catch (err) {
      if (err instanceof CxoneError && err.kind === 'malformed') {
        throw new CxoneError({ ...err.toJSON(), kind: 'malformed', message: err.message, status: x.status, endpoint: x.endpoint });
      }
      throw err;
    }
  }

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
    const items = [...first.items];
    // Duplicates across pages (overlapping pages, or our top/skip after a server's short pages) are
    // merged as each page arrives — the later item wins, at the earlier place — so no pass over the
    // whole list is left for the end, where 100,000 agents would block the main process at once.
    // An IdIndex, not a Map: one Map's rehash at 65,536 agents blocked the main process for 10–20 ms.
    const at = keyOf ? new IdIndex<number>() : null;
    const add = (it: T) => {
      if (!at) return void items.push(it);
      const k = keyOf!(it);
      const i = at.get(k);
      if (i === undefined) at.add(k, items.push(it) - 1);
      else items[i] = it;
    };
    if (at) {
      items.length = 0;
      for (const it of first.items) add(it);
    }
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
      for (const it of page.items) add(it);
    }
    return { items, pages, received, leftOut: leftOut as LeftOutItems | null, incomplete };
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
    // Only a truly empty list is "no change"; a page of unreadable items is not silence.
    if (first.items.length === 0 && !first.leftOut) return { kind: 'no-change', lastPollTime: first.lastPollTime, status: 200 };
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

  /**
   * The reader of one list's pages of agent states, as a full list or a delta (agent-states.ts,
   * StatesRead); a full list's pages share one copy of each repeated text (ListTexts).
   */
  const statesPage = (read: StatesRead) => {
    const list = read === 'full-list' ? new ListTexts() : undefined;
    return (x: Exchange): PageOf<AgentState> => {
      const p = parseBody(x, () => parseAgentStatesJson(x.text, read, list));
      if (p.leftOut > 0) logger.warn('cxone items left out', { endpoint: x.endpoint, count: p.leftOut, firstReason: p.leftOutReason });
      return { items: p.states, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: p.lastPollTime, leftOut: p.leftOut, leftOutReason: p.leftOutReason };
    };
  };

  const agentsPage = (x: Exchange): PageOf<AgentInfo> => {
    const body = json(x);
    const d = parseBody(x, () => parseWith(agentsBodySchema, body, 'agents'));
    if ('agent' in d) return { items: [normalizeAgent(d.agent)], totalRecords: 1, nextLink: null, lastPollTime: null };
    if ('resultSet' in d) {
      const rs = d.resultSet;
      return { items: rs.agents.map(normalizeAgent), totalRecords: rs.totalRecords ?? null, nextLink: null, lastPollTime: rs.lastPollTime ?? null };
    }
    return { items: d.agents.map(normalizeAgent), totalRecords: d.totalRecords ?? null, nextLink: d._links?.next ?? null, lastPollTime: d.lastPollTime ?? null };
  };

  /** A page of unavailable codes; unreadable items are left out and said in the log. */
  const codesPage = (x: Exchange): PageOf<UnavailableCode> => {
    const body = json(x);
    const p = parseBody(x, () => parseUnavailableCodesPage(body));
    if (p.skipped) logger.warn('cxone: unavailable codes left out', { endpoint: x.endpoint, skipped: p.skipped, reason: p.firstSkipReason });
    return { items: p.codes, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: null };
  };

  const skillsPage = (x: Exchange): PageOf<SkillActivity> => {
    const p = parseBody(x, () => parseSkillActivityJson(x.text));
    if (p.leftOut > 0) logger.warn('cxone items left out', { endpoint: x.endpoint, count: p.leftOut, firstReason: p.leftOutReason });
    return { items: p.skills, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: p.lastPollTime, leftOut: p.leftOut, leftOutReason: p.leftOutReason };
  };

  const assignmentsPage = (x: Exchange): PageOf<SkillAssignment> => {
    const body = json(x);
    const p = parseBody(x, () => parseSkillAssignmentsPage(body));
    if (p.leftOut > 0) logger.warn('cxone: skill assignments left out', { endpoint: x.endpoint, count: p.leftOut, firstReason: p.leftOutReason });
    return { items: p.assignments, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: null };
  };

  async function oneAgentState(agentId: number | string): Promise<OneAgentStateResult> {
    const x = await get(`agents/${encodeURIComponent(String(agentId))}/states`);
    if (!hasBody(x)) return { state: null, lastPollTime: null };
    const page = statesPage('delta')(x);
    return { state: page.items[0] ?? null, lastPollTime: page.lastPollTime };
  }

  return {
    baseUrl,

    async getAgentStates(query = {}) {
      const params = deltaParams(query);
      if (query.orderBy) params.set('orderBy', query.orderBy);
      if (query.reqBUIds?.length) params.set('reqBUIds', query.reqBUIds.join(','));
      const r = await readDeltaList('agents/states', params, statesPage(query.updatedSince ? 'delta' : 'full-list'), { followPages: query.followPages, skip: query.skip, keyOf: (a) => a.agentId });
      if (r.kind === 'no-change') return r;
      const { kind, items, ...rest } = r;
      return { kind, states: items, ...rest };
    },

    async getAgentState(agentId) {
      return (await oneAgentState(agentId)).state;
    },

    getOneAgentState: oneAgentState,

    async joinAgentSession(opts = {}) {
      // Self-join exactly as NICE's agent SDK sends it: body {"asAgentId":""}. The contract also lists
      // asAgentId as a required query parameter, but any value there names another agent, and that is
      // impersonation (its own permission, audited as such, §3a); an empty query value is not
      // documented either way, so the app sends the SDK's proven form and no query. A number is
      // impersonation on purpose — the app itself never passes one.
      const body = JSON.stringify({ asAgentId: opts.asAgentId !== undefined ? String(opts.asAgentId) : '' });
      let x: Exchange;
      try {
        x = await get('agent-sessions/join', { method: 'POST', body });
      } catch (err) {
        // 409 here is "no session to join" (the agent is not logged in to an agent app), not a business-unit problem.
        if (err instanceof CxoneError && err.status === 409) {
          throw new CxoneError({ ...err.toJSON(), kind: 'conflict', message: AGENT_HAS_NO_SESSION, cause: err });
        }
        throw err;
      }
      if (!hasBody(x)) {
        throw new CxoneError({ kind: 'malformed', status: x.status, endpoint: x.endpoint, path: '(body)', message: 'CXone answered agent-sessions/join without a session id.' });
      }
      const parsed = json(x);
      return parseBody(x, () => parseWith(agentSessionJoinBodySchema, parsed, 'agent-sessions/join'));
    },

    async getNextAgentEvent(sessionId, timeoutSeconds, opts = {}) {
      const seconds = Math.max(0, Math.min(MAX_AGENT_EVENT_TIMEOUT_SECONDS, Math.round(timeoutSeconds)));
      const path = `agent-sessions/${encodeURIComponent(sessionId)}/get-next-event?timeout=${seconds}`;
      let x: Exchange;
      try {
        x = await get(path, { method: 'GET', timeoutMs: seconds * 1000 + timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });
      } catch (err) {
        if (err instanceof CxoneError && err.status === 409) {
          throw new CxoneError({ ...err.toJSON(), kind: 'conflict', message: AGENT_SESSION_ENDED, cause: err });
        }
        throw err;
      }
      if (x.status === 204 || x.status === 304) return { kind: 'no-event', sessionId, status: x.status };
      if (!hasBody(x)) return { kind: 'no-event', sessionId, status: 200 };
      const parsed = json(x);
      const d = parseBody(x, () => parseWith(agentSessionEventsBodySchema, parsed, 'get-next-event'));
      const next = d.sessionId ?? sessionId;
      const events = (d.events ?? []).map((e) => ({ type: e.Type ?? null, raw: e as Record<string, unknown> }));
      return events.length ? { kind: 'events', sessionId: next, events } : { kind: 'no-event', sessionId: next, status: 200 };
    },

    async getAgents(query = {}) {
      const params = new URLSearchParams();
      if (query.updateSince) params.set('updateSince', query.updateSince);
      if (query.top !== undefined) params.set('top', String(query.top));
      if (query.skip !== undefined) params.set('skip', String(query.skip));
      const qs = params.toString();
      const x = await get(qs ? `agents?${qs}` : 'agents');
      if (x.status === 204 || x.status === 304) return { agents: [], lastPollTime: null, totalRecords: null, status: x.status };
      if (!hasBody(x)) return { agents: [], lastPollTime: null, totalRecords: null, status: 200 };
      const first = agentsPage(x);
      const { items } =
        query.followPages === false || first.items.length === 0
          ? { items: first.items }
          : await collectPages(first, x.url, params, 'agents', agentsPage);
      const byId = new Map(items.map((a) => [a.agentId, a] as const));
      return { agents: [...byId.values()], lastPollTime: first.lastPollTime, totalRecords: first.totalRecords, status: 200 };
    },

    async getAgent(idOrUuid) {
      const x = await get(`agents/${encodeURIComponent(String(idOrUuid))}`);
      const agent = hasBody(x) ? agentsPage(x).items[0] : undefined;
      if (!agent) {
        throw new CxoneError({
          kind: 'not-found',
          status: x.status,
          endpoint: x.endpoint,
          message: `CXone has no agent ${String(idOrUuid)}.`,
        });
      }
      return agent;
    },

    async getTeams() {
      const x = await get('teams');
      if (!hasBody(x)) return [];
      const body = json(x);
      const d = parseBody(x, () => parseWith(teamsBodySchema, body, 'teams'));
      const teams = 'teams' in d ? d.teams : d.resultSet.teams;
      return teams.map((t) => ({ teamId: t.teamId, teamName: t.teamName || `Team ${t.teamId}`, isActive: t.isActive ?? true }));
    },

    async getUnavailableCodes() {
      const x = await get('unavailable-codes');
      if (!hasBody(x)) return [];
      const first = codesPage(x);
      const { items } = first.items.length === 0 ? { items: [] } : await collectPages(first, x.url, new URLSearchParams(), 'unavailable-codes', codesPage);
      return dedupeCodes(items);
    },

    async getTeamUnavailableCodes(teamId) {
      const x = await get(`teams/${encodeURIComponent(String(teamId))}/unavailable-codes`);
      return hasBody(x) ? dedupeCodes(codesPage(x).items) : [];
    },

    async getSkillActivity(query = {}) {
      const r = await readDeltaList('skills/activity', deltaParams(query), skillsPage, {
        followPages: query.followPages,
        skip: query.skip,
        distinct: (got) => {
          const byId = new Map(got.map((s) => [s.skillId, s] as const));
          return byId.size === got.length ? got : [...byId.values()];
        },
      });
      if (r.kind === 'no-change') return r;
      const { kind, items, ...rest } = r;
      return { kind, skills: items, ...rest };
    },

    async getSkillAssignments() {
      const x = await get('skills/agents');
      if (!hasBody(x)) return [];
      const first = assignmentsPage(x);
      if (first.items.length === 0) return [];
      return (await collectPages(first, x.url, new URLSearchParams(), 'skills/agents', assignmentsPage)).items;
    },

    async getRaw(pathAndQuery) {
      const x = await exchange(pathAndQuery);
      let parsed: unknown = null;
      if (x.text.trim()) {
        try {
          parsed = JSON.parse(x.text);
        } catch {
          parsed = null;
        }
      }
      return {
        status: x.status,
        statusDescription: x.statusDescription,
        contentType: x.contentType,
        json: parsed,
        bodyText: x.text.slice(0, 2000),
        url: x.url,
      };
    },
  };
}

/** Resolves after the event loop has run whatever is due (timers, I/O callbacks): a macrotask, not a microtask. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** networkReason codes of a connection the server closed or reset before answering (undici: UND_ERR_SOCKET, "other side closed"). */
const CONNECTION_DROPPED: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * How often one GET is sent while its connection keeps closing before any answer: each failed send
 * retires one stale connection from undici's pool (which holds a few per host when requests overlap),
 * so a fresh one follows; a server that drops every connection still fails fast, with no wait.
 */
export const SENDS_WHEN_DROPPED = 4;

/** A short reason from undici's "fetch failed" chain (ECONNRESET, ECONNREFUSED, ENOTFOUND …). */
function networkReason(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.message : 'unknown error';
}

/**
 * The body as text, refusing more than maxBytes: a huge answer ends in a 'malformed' error instead
 * of filling the memory. Reads the stream when there is one (undici's Response), else text().
 */
async function readText(res: Response, maxBytes: number, endpoint: string): Promise<string> {
  const tooLarge = () =>
    new CxoneError({ kind: 'malformed', status: res.status, endpoint, path: '(body)', message: `CXone answered ${endpoint} with a body larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; the app does not read it.` });
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  // Decoded once, into one flat string: decoding chunk by chunk made a rope of pieces that JSON.parse
  // (or the first trim) had to copy flat again — a second 300 KB string per page of 1,000 agents.
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
}
