// The two agent-session calls (CXONE-API.md §3a): join the signed-in agent's own session, and long-poll
// its next events. A 409 from either is not a fault: the agent has no session (not logged in to an agent
// app) or the session ended (logged off), each said as its own 'conflict' with a sentence that says so.
import { CxoneError } from './errors';
import { agentSessionEventsBodySchema, agentSessionJoinBodySchema, parseWith } from './schemas';
import { hasBody, type Exchange, type RequestSpec, type Transport } from './transport';

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

export interface AgentSessionCalls {
  /**
   * POST agent-sessions/join: attaches to the session the signed-in agent already has (never starts
   * one). 'conflict' (409): the agent has no session now. asAgentId is impersonation; the app never uses it.
   */
  joinAgentSession(opts?: { asAgentId?: number }): Promise<{ sessionId: string }>;
  /**
   * GET agent-sessions/{sessionId}/get-next-event?timeout=…: a long poll that answers when the agent's
   * session has an event, or after timeoutSeconds (0..60) with 304. The request timeout is the long
   * poll plus the client's usual timeout. `signal` cancels it (a 'network' error); 'conflict' (409):
   * the session ended.
   */
  getNextAgentEvent(sessionId: string, timeoutSeconds: number, opts?: { signal?: AbortSignal }): Promise<AgentSessionEventsResult>;
}

/** `timeoutMs`: the client's per-request timeout, added to a long poll's own wait. */
export function createAgentSessionCalls(http: Transport, timeoutMs: number): AgentSessionCalls {
  const { get, json, parseBody } = http;

  /** GET/POST `path`; a 409 becomes a 'conflict' that says `meaning`. */
  async function sessionCall(path: string, spec: RequestSpec, meaning: string): Promise<Exchange> {
    try {
      return await get(path, spec);
    } catch (err) {
      if (err instanceof CxoneError && err.status === 409) throw new CxoneError({ ...err.toJSON(), kind: 'conflict', message: meaning, cause: err });
      throw err;
    }
  }

  return {
    async joinAgentSession(opts = {}) {
      // Self-join exactly as NICE's agent SDK sends it: body {"asAgentId":""}. The contract also lists
      // asAgentId as a required query parameter, but any value there names another agent, and that is
      // impersonation (its own permission, audited as such, §3a); an empty query value is not
      // documented either way, so the app sends the SDK's proven form and no query. A number is
      // impersonation on purpose — the app itself never passes one.
      const body = JSON.stringify({ asAgentId: opts.asAgentId !== undefined ? String(opts.asAgentId) : '' });
      // 409 here is "no session to join" (the agent is not logged in to an agent app), not a business-unit problem.
      const x = await sessionCall('agent-sessions/join', { method: 'POST', body }, AGENT_HAS_NO_SESSION);
      if (!hasBody(x)) {
        throw new CxoneError({ kind: 'malformed', status: x.status, endpoint: x.endpoint, path: '(body)', message: 'CXone answered agent-sessions/join without a session id.' });
      }
      const parsed = json(x);
      return parseBody(x, () => parseWith(agentSessionJoinBodySchema, parsed, 'agent-sessions/join'));
    },

    async getNextAgentEvent(sessionId, timeoutSeconds, opts = {}) {
      const seconds = Math.max(0, Math.min(MAX_AGENT_EVENT_TIMEOUT_SECONDS, Math.round(timeoutSeconds)));
      const path = `agent-sessions/${encodeURIComponent(sessionId)}/get-next-event?timeout=${seconds}`;
      const x = await sessionCall(path, { method: 'GET', timeoutMs: seconds * 1000 + timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) }, AGENT_SESSION_ENDED);
      if (x.status === 204 || x.status === 304) return { kind: 'no-event', sessionId, status: x.status };
      if (!hasBody(x)) return { kind: 'no-event', sessionId, status: 200 };
      const parsed = json(x);
      const d = parseBody(x, () => parseWith(agentSessionEventsBodySchema, parsed, 'get-next-event'));
      const next = d.sessionId ?? sessionId;
      const { events } = d;
      return events.length ? { kind: 'events', sessionId: next, events } : { kind: 'no-event', sessionId: next, status: 200 };
    },
  };
}
