// The simulated tenant's agent sessions (CXONE-API.md §3a): POST agent-sessions/join and the long poll
// GET agent-sessions/{id}/get-next-event, with events as the docs show them (every value a string,
// times without a zone). Kept out of server.ts, which only routes here.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AGENT_STATE_NAMES } from '../cxone/model';
import { failed, type RouteAnswer } from './route-answer';
import type { ContactCenterSimulator, SimEvent } from './simulator';

export interface SessionRouteContext {
  sim: ContactCenterSimulator;
  /** The agent a bearer token belongs to (join without `asAgentId`), or null. */
  agentIdForToken(token: string): number | null;
  /** True once the server is stopping: no new waits. */
  stopped(): boolean;
  /** The server's waits, which its stop() ends: timers to clear and functions that end a wait. */
  timers: Set<ReturnType<typeof setTimeout>>;
  waiters: Set<() => void>;
  /** The server's host (events name it as IISHost/VCHost). */
  host(): string;
}

export interface AgentSessions {
  join(bearer: string, u: URL, body: string): RouteAnswer;
  next(id: string, q: URLSearchParams, res: ServerResponse): Promise<RouteAnswer>;
}

const TF = (b: boolean) => (b ? 'True' : 'False');
/** "2025-01-15T14:03:27.000" — CXone's event times carry no zone; they are UTC. */
const utcNoZone = (ms: number) => new Date(ms).toISOString().slice(0, -1);

/** An AgentState event as the docs show it: every value a string. */
function agentStateEvent(e: SimEvent, host: string): Record<string, unknown> {
  return {
    Type: 'AgentState',
    IISHost: host,
    VCHost: host,
    CurrentState: AGENT_STATE_NAMES[e.to.stateId as keyof typeof AGENT_STATE_NAMES],
    // The code's description, not its id (§3a).
    CurrentOutReason: e.to.outStateDescription ?? '',
    StartTimeUTC: utcNoZone(e.to.startDate),
    IsAcw: TF(e.to.isACW),
    AcwTimeout: e.to.isACW ? '120' : '0',
    NextStates: [{ State: 'Available', OutReason: '' }],
  };
}

/** The events a session delivers for these transitions; a logout ends the session (AgentSessionEnd). */
function sessionEvents(events: readonly SimEvent[], host: string): { items: Record<string, unknown>[]; ended: boolean } {
  const items: Record<string, unknown>[] = [];
  for (const e of events) {
    items.push(agentStateEvent(e, host));
    // A contact also brings its leg, as on a real tenant: an event that says nothing about state.
    if (e.to.contactId !== null) items.push({ Type: 'AgentLeg', IISHost: host, VCHost: host, ContactID: String(e.to.contactId), Status: 'Active' });
    if (e.to.stateId === 0) {
      items.push({ Type: 'AgentSessionEnd', IISHost: host, VCHost: host, Success: 'True', Message: 'The agent logged out.' });
      return { items, ended: true };
    }
  }
  return { items, ended: false };
}

/** One open agent session: whose events, the simulator's event seq already delivered, and whether it ended. */
interface OpenSession {
  agentId: number;
  cursor: number;
  ended: boolean;
}

/** The open agent sessions by id. */
function createSessionTable() {
  const sessions = new Map<string, OpenSession>();
  return {
    get: (id: string): OpenSession | undefined => sessions.get(id),
    /** Ids are single-use (each answer with events names the next), so a delivered one is removed. */
    close: (id: string): void => void sessions.delete(id),
    /** A new session id for the agent. */
    open(agentId: number, cursor: number, ended = false): string {
      const id = randomUUID();
      sessions.set(id, { agentId, cursor, ended });
      // Abandoned sessions must not pile up over a long demo run.
      if (sessions.size > 1000) sessions.delete(sessions.keys().next().value!);
      return id;
    },
  };
}

/** Waits until the agent has a transition, `seconds` pass, the client leaves or the server stops. */
function waitForTransition(
  { sim, timers, waiters }: Pick<SessionRouteContext, 'sim' | 'timers' | 'waiters'>,
  agentId: number,
  seconds: number,
  res: ServerResponse,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      timers.delete(timer);
      waiters.delete(finish);
      res.off('close', finish);
      resolve();
    };
    const unsubscribe = sim.onTransition((e) => {
      if (e.agentId === agentId) finish();
    });
    const timer = setTimeout(finish, seconds * 1000);
    timer.unref();
    timers.add(timer);
    waiters.add(finish);
    // The client gave up (or was stopped): end the wait now rather than at the timeout.
    res.once('close', finish);
  });
}

/**
 * The `asAgentId` a join asks for: the body's, else the query's. A falsy one ("" from NICE's SDK, 0,
 * null) or none is undefined, meaning the token's own agent. 'invalid-body' when the body is not JSON.
 */
function askedAgentId(u: URL, body: string): { asAgentId: unknown } | 'invalid-body' {
  const fromQuery = u.searchParams.get('asAgentId') || undefined;
  if (!body.trim()) return { asAgentId: fromQuery };
  try {
    return { asAgentId: (JSON.parse(body) as { asAgentId?: unknown } | null)?.asAgentId || fromQuery };
  } catch {
    return 'invalid-body';
  }
}

/** The simulator's agent id for a wanted id (a number or a string of digits), or undefined when there is no such agent. */
function knownAgentId(sim: ContactCenterSimulator, wanted: unknown): number | undefined {
  const i = typeof wanted === 'number' || (typeof wanted === 'string' && /^\d+$/.test(wanted)) ? sim.agentIndex(Number(wanted)) : undefined;
  return i === undefined ? undefined : sim.agents[i]!.agentId;
}

/** The long poll's `timeout` query parameter in seconds (0–60), or null when absent or not such a number. */
function longPollSeconds(q: URLSearchParams): number | null {
  const t = q.get('timeout');
  return t === null || !/^\d+$/.test(t) || Number(t) > 60 ? null : Number(t);
}

export function createAgentSessions(ctx: SessionRouteContext): AgentSessions {
  const { sim } = ctx;
  const sessions = createSessionTable();

  return {
    /**
     * POST agent-sessions/join (§3a): attaches to the session the agent already has. The body's
     * `asAgentId` "" (NICE's SDK) or none means the token's own agent; a number is impersonation (the
     * simulator allows it). No such agent: 400 "Invalid Agent Id"; logged out, so no session: 409.
     */
    join(bearer, u, body) {
      const asked = askedAgentId(u, body);
      if (asked === 'invalid-body') return failed(400, 'Invalid request body');
      const agentId = knownAgentId(sim, asked.asAgentId ?? ctx.agentIdForToken(bearer));
      if (agentId === undefined) return failed(400, 'Invalid Agent Id');
      if (sim.statusOf(agentId)?.stateId === 0) return failed(409, 'The agent has no active session');
      return { status: 202, body: { sessionId: sessions.open(agentId, sim.lastSeq()) } };
    },

    /**
     * Long poll: answers at once when the agent has undelivered events, else waits up to `timeout` s
     * (304, empty). A session whose agent logged off answers 409 "Session Ended".
     */
    async next(id, q, res) {
      const session = sessions.get(id);
      if (!session) return failed(404, 'Invalid session id');
      if (session.ended) return failed(409, 'Session Ended');
      const seconds = longPollSeconds(q);
      if (seconds === null) return failed(400, 'Invalid timeout');
      const pending = () => sim.events(session.cursor).filter((e) => e.agentId === session.agentId);
      if (pending().length === 0 && seconds > 0 && !ctx.stopped()) await waitForTransition(ctx, session.agentId, seconds, res);
      // Nobody to answer; logged as 499 ("client closed request"), the session stays as it was.
      if (res.destroyed) return { status: 499, body: null };
      const events = pending();
      const seq = sim.lastSeq();
      if (events.length === 0) {
        session.cursor = seq;
        return { status: 304, body: null };
      }
      sessions.close(id);
      const { items, ended } = sessionEvents(events, ctx.host());
      return { status: 200, body: { sessionId: sessions.open(session.agentId, seq, ended), events: items } };
    },
  };
}
