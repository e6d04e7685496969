// The CXone REST client: one method per endpoint the app uses, each reading its answer tolerantly
// ("no change" answers included). HTTP itself — URLs, auth headers, timeouts, the 401-refresh-once
// rule — is transport.ts's; following pages is paging.ts's; reading each kind of page is
// page-readers.ts's; the agent-session calls are agent-session-calls.ts's. Every failure is a
// CxoneError (errors.ts).
import type { Clock, FetchLike, Logger } from '../ports';
import { CxoneError } from './errors';
import type { AgentState } from './model';
import { createAgentSessionCalls, type AgentSessionCalls } from './agent-session-calls';
import type { AgentInfo, TeamInfo } from './directory';
import { createPageReaders, type PageReaders } from './page-readers';
import { dedupeCodes, type UnavailableCode } from './unavailable-codes';
import type { SkillActivity } from '../queues/skill-activity';
import type { SkillAssignment } from '../queues/skill-assignments';
import { createPaging, deltaParams, type PageOf, type Paging } from './paging';
import { createTransport, hasBody, type Exchange, type Transport } from './transport';

export type { UnavailableCode } from './unavailable-codes';
export type { AgentInfo, TeamInfo } from './directory';
export { SENDS_WHEN_DROPPED } from '../net/resend-dropped';

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

export interface GetAgentsQuery {
  /** CXone's spelling for this endpoint (not updatedSince). */
  updateSince?: string;
  top?: number;
  skip?: number;
  /** Follow `_links.next` / top+skip until totalRecords is reached. Default true. */
  followPages?: boolean;
}

export interface AgentsResult {
  agents: AgentInfo[];
  /** Null when the server gave none (or answered 204/304: nothing changed since updateSince). */
  lastPollTime: string | null;
  totalRecords: number | null;
  status: 200 | 204 | 304;
}

/** One agent's state with the server's clock, as GET /agents/{id}/states answers it. */
export interface OneAgentStateResult {
  /** Null when the server answered with no item (or 204/304). */
  state: AgentState | null;
  lastPollTime: string | null;
}

export { AGENT_HAS_NO_SESSION, AGENT_SESSION_ENDED, MAX_AGENT_EVENT_TIMEOUT_SECONDS, type AgentSessionEvent, type AgentSessionEventsResult } from './agent-session-calls';

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

/** Every call the app makes to CXone; the agent-session pair is agent-session-calls.ts's. */
export interface CxoneClient extends AgentSessionCalls {
  readonly baseUrl: string;
  getAgentStates(query?: GetAgentStatesQuery): Promise<AgentStatesResult>;
  /** One agent's state by numeric agent id (icAgentId). Null when the server answered with no item. */
  getAgentState(agentId: number | string): Promise<AgentState | null>;
  /** Like getAgentState, with the answer's lastPollTime (the server's clock). */
  getOneAgentState(agentId: number | string): Promise<OneAgentStateResult>;
  getAgents(query?: GetAgentsQuery): Promise<AgentsResult>;
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
  /**
   * Ends the client when what used it stops (sign-out, another tenant, quit): requests in flight are
   * cancelled, and every later call fails unsent with a CxoneError 'network', so a list being paged
   * stops at its next page instead of reading on with a token that may no longer be the user's.
   */
  close(): void;
}


/** GET agents' query: the words given (`updateSince` is CXone's spelling for this endpoint), and no others. */
function agentsParams(query: { updateSince?: string; top?: number; skip?: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.updateSince) params.set('updateSince', query.updateSince);
  if (query.top !== undefined) params.set('top', String(query.top));
  if (query.skip !== undefined) params.set('skip', String(query.skip));
  return params;
}

/** An answer as getRaw gives it: any status, the body parsed when it is JSON (else null), its text cut to 2,000 characters. */
function rawResponse(x: Exchange): RawResponse {
  let json: unknown = null;
  if (x.text.trim()) {
    try {
      json = JSON.parse(x.text);
    } catch {
      json = null;
    }
  }
  return { status: x.status, statusDescription: x.statusDescription, contentType: x.contentType, json, bodyText: x.text.slice(0, 2000), url: x.url };
}

/** What the client's calls share: HTTP, following pages, and reading each kind of page. */
interface ClientParts {
  readonly http: Transport;
  readonly paging: Paging;
  readonly readers: PageReaders;
}

export function createCxoneClient(options: CxoneClientOptions): CxoneClient {
  const http = createTransport(options);
  const c: ClientParts = { http, paging: createPaging(http, options.maxPages ?? 1000), readers: createPageReaders(http) };
  return {
    baseUrl: http.baseUrl,
    ...agentStateCalls(c),
    ...createAgentSessionCalls(http, options.timeoutMs ?? 15_000),
    ...directoryCalls(c),
    ...skillCalls(c),
    getRaw: async (pathAndQuery) => rawResponse(await http.exchange(pathAndQuery)),
    close: http.close,
  };
}

/** Agent states: the whole list or a delta (agents/states), and one agent's (agents/{id}/states). */
function agentStateCalls(c: ClientParts): Pick<CxoneClient, 'getAgentStates' | 'getAgentState' | 'getOneAgentState'> {
  const { statesPages } = c.readers;

  async function oneAgentState(agentId: number | string): Promise<OneAgentStateResult> {
    const x = await c.http.get(`agents/${encodeURIComponent(String(agentId))}/states`);
    if (!hasBody(x)) return { state: null, lastPollTime: null };
    const page = statesPages('delta')(x);
    return { state: page.items[0] ?? null, lastPollTime: page.lastPollTime };
  }

  return {
    async getAgentStates(query = {}) {
      const params = deltaParams(query);
      const r = await c.paging.readDeltaList('agents/states', params, statesPages(query.updatedSince ? 'delta' : 'full-list'), { followPages: query.followPages, skip: query.skip, keyOf: (a) => a.agentId });
      if (r.kind === 'no-change') return r;
      const { kind, items, ...rest } = r;
      return { kind, states: items, ...rest };
    },

    async getAgentState(agentId) {
      return (await oneAgentState(agentId)).state;
    },

    getOneAgentState: oneAgentState,
  };
}

/** The directory: agents (all, or one by id or UUID), teams, and the unavailable codes. */
function directoryCalls(c: ClientParts): Pick<CxoneClient, 'getAgents' | 'getAgent' | 'getTeams' | 'getUnavailableCodes' | 'getTeamUnavailableCodes'> {
  const { get } = c.http;
  const { agentsPage, teamsPage, codesPage } = c.readers;
  return {
    getAgents: (query = {}) => readAgents(c, query),

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

    // Paged like every v34 list (read as one answer, a tenant's teams past the first page had no
    // names): each team once, the later page's item winning.
    getTeams: () => readEveryPage(c, 'teams', teamsPage, (t) => t.teamId),

    getUnavailableCodes: async () => dedupeCodes(await readEveryPage(c, 'unavailable-codes', codesPage)),

    async getTeamUnavailableCodes(teamId) {
      const x = await get(`teams/${encodeURIComponent(String(teamId))}/unavailable-codes`);
      return hasBody(x) ? dedupeCodes(codesPage(x).items) : [];
    },
  };
}

/** GET agents: every page unless followPages is false, each agent once. */
async function readAgents(c: ClientParts, query: GetAgentsQuery): Promise<AgentsResult> {
  const { agentsPage } = c.readers;
  const params = agentsParams(query);
  const qs = params.toString();
  const x = await c.http.get(qs ? `agents?${qs}` : 'agents');
  if (x.status === 204 || x.status === 304) return { agents: [], lastPollTime: null, totalRecords: null, status: x.status };
  if (!hasBody(x)) return { agents: [], lastPollTime: null, totalRecords: null, status: 200 };
  const first = agentsPage(x);
  const { items } =
    query.followPages === false || first.items.length === 0
      ? { items: first.items }
      : await c.paging.collectPages(first, x.url, params, 'agents', agentsPage);
  const byId = new Map(items.map((a) => [a.agentId, a] as const));
  return { agents: [...byId.values()], lastPollTime: first.lastPollTime, totalRecords: first.totalRecords, status: 200 };
}

/** The queues' calls: skill activity (a delta list like agents/states) and who has which skill. */
function skillCalls(c: ClientParts): Pick<CxoneClient, 'getSkillActivity' | 'getSkillAssignments'> {
  const { skillsPage, assignmentsPage } = c.readers;
  return {
    async getSkillActivity(query = {}) {
      const r = await c.paging.readDeltaList('skills/activity', deltaParams(query), skillsPage, {
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

    getSkillAssignments: () => readEveryPage(c, 'skills/agents', assignmentsPage),
  };
}

/**
 * Every item of a list GET `path` answers, following its pages (paging.ts); none for an answer without
 * a body or an empty first page. `keyOf`: each item once by that id, the later page's winning.
 */
async function readEveryPage<T>(c: ClientParts, path: string, parse: (x: Exchange) => PageOf<T>, keyOf?: (item: T) => number): Promise<T[]> {
  const x = await c.http.get(path);
  if (!hasBody(x)) return [];
  const first = parse(x);
  if (first.items.length === 0) return [];
  return (await c.paging.collectPages(first, x.url, new URLSearchParams(), path, parse, keyOf)).items;
}
