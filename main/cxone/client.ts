// The CXone REST client: one place that knows URLs, auth headers, timeouts, the 401-refresh-once rule,
// paging and the "no change" answers. Every failure is a CxoneError (main/cxone/errors.ts).
import type { Clock, FetchLike, Logger } from '../ports';
import type { AgentState } from './model';

export interface CxoneClientOptions {
  /** `{api_endpoint}/inContactAPI/services/v34.0` (see apiBaseUrl in discovery.ts). */
  baseUrl: string;
  /** The current access token. Called before every request (and again after onUnauthorized). */
  getAccessToken: () => Promise<string>;
  /** Called on a 401: the session drops/refreshes its token; the client then retries the call once. */
  onUnauthorized: () => void | Promise<void>;
  fetch?: FetchLike;
  clock?: Clock;
  /** Per request, including reading the body. Default 15 000 ms. */
  timeoutMs?: number;
  logger?: Logger;
  /** Upper bound on pages followed by one list call. Default 1000. */
  maxPages?: number;
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
    }
  | {
      /** 200 with an empty list, 204 and 304 all mean "nothing new" — never "everyone logged out". */
      kind: 'no-change';
      lastPollTime: string | null;
      status: 200 | 204 | 304;
    };

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

export interface UnavailableCode {
  outStateId: number;
  outStateDescription: string;
  isActive: boolean;
  /** Whether this code is the after-contact-work code. */
  isAcw: boolean;
}

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
  getAgents(query?: { updateSince?: string; top?: number; skip?: number; followPages?: boolean }): Promise<AgentsResult>;
  /** By numeric agent id or user UUID; maps a UUID to the numeric id. not-found as a CxoneError. */
  getAgent(idOrUuid: number | string): Promise<AgentInfo>;
  getTeams(): Promise<TeamInfo[]>;
  getUnavailableCodes(): Promise<UnavailableCode[]>;
  /** GET a path under baseUrl (e.g. "agents/states?top=5") with the same auth/timeout/401 rules; no parsing, any status returned. */
  getRaw(pathAndQuery: string): Promise<RawResponse>;
}

export function createCxoneClient(options: CxoneClientOptions): CxoneClient {
  void options;
  throw new Error('createCxoneClient: implementation lands in the next commit');
}
