// The agent-session long poll and the single-agent state call, through the real client against the
// real simulator server on 127.0.0.1. Long polls here use timeout=1 (a second) so the suite stays fast.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCxoneClient, type CxoneClient } from '../../main/cxone/client';
import { CxoneError } from '../../main/cxone/errors';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { contractKey, validateAgainstContract } from '../harness/contract';
import { until } from '../harness/until';

let sim: ContactCenterSimulator;
let server: SimulatorServer;
let client: CxoneClient;
let me: number;

beforeEach(async () => {
  sim = new ContactCenterSimulator({ agents: 30, seed: 11 });
  me = sim.agents[4]!.agentId;
  // Logged in through an agent app: there is a session to join.
  sim.forceState(me, { state: 'Available' });
  server = await startSimulatorServer({ simulator: sim, agentIdForToken: (t) => (t === 'me-token' ? me : null) });
  client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'me-token', onUnauthorized: () => {} });
});
afterEach(() => server.stop());

const sessionRequests = () => server.requests.filter((r) => r.path.includes('/agent-sessions/'));

describe('agent sessions (client ↔ simulator)', () => {
  it('self-join attaches to the signed-in agent\'s session (202); asAgentId is impersonation; an unknown agent is 400', async () => {
    const own = await client.joinAgentSession();
    expect(own.sessionId).toMatch(/\S/);
    const other = sim.agents[0]!.agentId;
    sim.forceState(other, { state: 'Available' });
    const theirs = await client.joinAgentSession({ asAgentId: other });
    expect(theirs.sessionId).not.toBe(own.sessionId);
    const err = await client.joinAgentSession({ asAgentId: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CxoneError);
    expect((err as CxoneError).kind).toBe('bad-request');
    expect((err as CxoneError).statusDescription).toBe('Invalid Agent Id');
    // The documented self-join sends nothing in the query (see joinAgentSession).
    expect(server.requests.filter((r) => r.path.endsWith('/agent-sessions/join')).map((r) => [r.method, r.query, r.status])).toEqual([
      ['POST', '', 202],
      ['POST', '', 202],
      ['POST', '', 400],
    ]);
  });

  it('sends the self-join as NICE\'s SDK does: POST, a JSON body {"asAgentId":""} and no query; an agent id only when asked for one', async () => {
    const sent: { url: string; method: string | undefined; type: string | undefined; body: unknown }[] = [];
    const recording = createCxoneClient({
      baseUrl: server.apiBase,
      getAccessToken: async () => 'me-token',
      onUnauthorized: () => {},
      fetch: (u, init) => {
        sent.push({ url: String(u), method: init?.method, type: (init?.headers as Record<string, string> | undefined)?.['content-type'], body: init?.body });
        return fetch(u, init);
      },
    });
    const other = sim.agents[0]!.agentId;
    sim.forceState(other, { state: 'Available' });
    await recording.joinAgentSession();
    await recording.joinAgentSession({ asAgentId: other });
    const join = { url: `${server.apiBase}/agent-sessions/join`, method: 'POST', type: 'application/json' };
    expect(sent).toEqual([
      { ...join, body: '{"asAgentId":""}' },
      { ...join, body: `{"asAgentId":"${other}"}` },
    ]);
  });

  it('with no session (agent logged out) join answers 409, read as "no session", not a business-unit problem', async () => {
    sim.forceState(me, { state: 'LoggedOut' });
    const err = (await client.joinAgentSession().catch((e: unknown) => e)) as CxoneError;
    expect(err.kind).toBe('conflict');
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/no session to join/);
    expect(err.message).not.toMatch(/business unit/i);
  });

  it('a logoff ends the session: AgentState LoggedOut then AgentSessionEnd, and the next id answers 409 "Session Ended"', async () => {
    const { sessionId } = await client.joinAgentSession();
    sim.forceState(me, { state: 'LoggedOut' });
    const r = await client.getNextAgentEvent(sessionId, 1);
    expect(r.kind).toBe('events');
    if (r.kind !== 'events') return;
    expect(r.events.map((e) => e.type)).toEqual(['AgentState', 'AgentSessionEnd']);
    expect(r.events[0]!.raw).toMatchObject({ CurrentState: 'LoggedOut', IsAcw: 'False' });
    const ended = (await client.getNextAgentEvent(r.sessionId, 1).catch((e: unknown) => e)) as CxoneError;
    expect(ended.kind).toBe('conflict');
    expect(ended.statusDescription).toBe('Session Ended');
    expect(ended.message).toMatch(/logged off/);
  });

  it('every session body validates against the v34 contract (join 202, events 200)', async () => {
    const auth = { authorization: 'Bearer me-token', 'content-type': 'application/json' };
    const join = await fetch(`${server.apiBase}/agent-sessions/join`, { method: 'POST', headers: auth, body: '{"asAgentId":""}' });
    const joined = (await join.json()) as { sessionId: string };
    const joinKey = contractKey('POST', '/inContactAPI/services/v34.0/agent-sessions/join')!;
    expect(validateAgainstContract(joinKey, join.status, joined)).toEqual([]);
    sim.forceState(me, { state: 'Unavailable', code: 'Break' });
    sim.forceState(me, { state: 'InboundContact' });
    sim.forceState(me, { state: 'LoggedOut' });
    const next = await fetch(`${server.apiBase}/agent-sessions/${joined.sessionId}/get-next-event?timeout=1`, { headers: auth });
    const body = (await next.json()) as { events: Record<string, unknown>[] };
    const nextKey = contractKey('GET', new URL(next.url).pathname)!;
    expect(validateAgainstContract(nextKey, next.status, body)).toEqual([]);
    // The documented AgentState fields, every value a string.
    for (const e of body.events.filter((x) => x['Type'] === 'AgentState')) {
      for (const k of ['CurrentState', 'CurrentOutReason', 'StartTimeUTC', 'IsAcw']) expect(typeof e[k], k).toBe('string');
    }
    expect(body.events.map((e) => e['Type'])).toEqual(['AgentState', 'AgentState', 'AgentLeg', 'AgentState', 'AgentSessionEnd']);
  });

  it('a quiet long poll answers 304 after its timeout and the session stays usable', async () => {
    const { sessionId } = await client.joinAgentSession();
    const r = await client.getNextAgentEvent(sessionId, 1);
    expect(r).toEqual({ kind: 'no-event', sessionId, status: 304 });
    expect(sessionRequests().at(-1)).toMatchObject({ method: 'GET', status: 304, query: '?timeout=1' });
    // Another agent's transition is not this session's business.
    sim.forceState(sim.agents[0]!.agentId, { state: 'LoggedOut' });
    expect((await client.getNextAgentEvent(sessionId, 1)).kind).toBe('no-event');
  });

  it('answers a waiting long poll when the agent changes state, with the next sessionId (the old one is spent)', async () => {
    const { sessionId } = await client.joinAgentSession();
    const pending = client.getNextAgentEvent(sessionId, 30);
    await until('the long poll is waiting', () => server.stats.inFlight === 1);
    sim.forceState(me, { state: 'Unavailable', code: 'Lunch' });
    const r = await pending;
    expect(r.kind).toBe('events');
    if (r.kind !== 'events') return;
    expect(r.sessionId).not.toBe(sessionId);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.type).toBe('AgentState');
    expect(r.events[0]!.raw).toMatchObject({ CurrentState: 'Unavailable', CurrentOutReason: 'Lunch', IsAcw: 'False' });
    const spent = await client.getNextAgentEvent(sessionId, 0).catch((e: unknown) => e);
    expect((spent as CxoneError).kind).toBe('not-found');
    // A transition between two long polls is not lost: the next one answers at once with it.
    sim.forceState(me, { state: 'Available' });
    const next = await client.getNextAgentEvent(r.sessionId, 30);
    expect(next.kind).toBe('events');
    if (next.kind === 'events') expect(next.events.map((e) => e.raw['CurrentState'])).toEqual(['Available']);
  });

  it('a cancelled long poll ends on the server too; stopping the server ends a waiting one', async () => {
    const { sessionId } = await client.joinAgentSession();
    const ctl = new AbortController();
    const cancelled = client.getNextAgentEvent(sessionId, 60, { signal: ctl.signal }).catch((e: unknown) => e);
    await until('the long poll is waiting', () => server.stats.inFlight === 1);
    ctl.abort();
    const err = (await cancelled) as CxoneError;
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/cancelled/);
    await until('the server let the cancelled poll go', () => server.stats.inFlight === 0);
    expect(sessionRequests().at(-1)).toMatchObject({ status: 499, query: '?timeout=60' });

    const waiting = client.getNextAgentEvent(sessionId, 60).catch((e: unknown) => e);
    await until('the long poll is waiting', () => server.stats.inFlight === 1);
    await server.stop();
    expect(((await waiting) as CxoneError).kind).toBe('network');
    expect(server.stats.inFlight).toBe(0);
  });

  it('rejects a timeout outside 0..60 on the wire (the client clamps its own)', async () => {
    const { sessionId } = await client.joinAgentSession();
    const res = await fetch(`${server.apiBase}/agent-sessions/${sessionId}/get-next-event?timeout=61`, { headers: { authorization: 'Bearer me-token' } });
    expect(res.status).toBe(400);
    expect((await client.getNextAgentEvent(sessionId, 0)).kind).toBe('no-event');
    expect(sessionRequests().at(-1)?.query).toBe('?timeout=0');
  });

  it('keeps the long poll\'s timeout within 0..60 whole seconds, and a quiet answer (304, 204) keeps the id asked with', async () => {
    const { sessionId } = await client.joinAgentSession();
    // Answered at once, whatever the timeout asked: only the query is looked at here.
    server.faults.add({ kind: 'status', status: 304, path: 'get-next-event', count: 4 });
    for (const seconds of [90, -5, 2.4, 0.6]) expect(await client.getNextAgentEvent(sessionId, seconds)).toEqual({ kind: 'no-event', sessionId, status: 304 });
    expect(sessionRequests().slice(-4).map((r) => r.query)).toEqual(['?timeout=60', '?timeout=0', '?timeout=2', '?timeout=1']);
    server.faults.add({ kind: 'status', status: 204, path: 'get-next-event', count: 1 });
    expect(await client.getNextAgentEvent(sessionId, 5)).toEqual({ kind: 'no-event', sessionId, status: 204 });
  });

  it('a join answered without a session id is no join: malformed, naming the call', async () => {
    server.faults.add({ kind: 'status', status: 204, path: 'agent-sessions/join', count: 1 });
    const empty = (await client.joinAgentSession().catch((e: unknown) => e)) as CxoneError;
    expect([empty.kind, empty.status, empty.message]).toEqual(['malformed', 204, 'CXone answered agent-sessions/join without a session id.']);
    // A 202 whose body has no sessionId (here the simulator's error body).
    server.faults.add({ kind: 'status', status: 202, statusDescription: 'Accepted', path: 'agent-sessions/join', count: 1 });
    const noId = (await client.joinAgentSession().catch((e: unknown) => e)) as CxoneError;
    expect([noId.kind, noId.status]).toEqual(['malformed', 202]);
    expect(noId.message).toContain('agent-sessions/join');
  });

  it('a 200 with no events, or no body at all, is no event; the id to ask with next is the answer\'s when it names one', async () => {
    const { sessionId } = await client.joinAgentSession();
    // A body without events or a sessionId (the simulator's error body): no event, the id asked with.
    server.faults.add({ kind: 'status', status: 200, statusDescription: 'OK', path: 'get-next-event', count: 1 });
    expect(await client.getNextAgentEvent(sessionId, 0)).toEqual({ kind: 'no-event', sessionId, status: 200 });
    // The server's real answer, its body dropped on the way (a proxy's empty 200).
    let blank = true;
    const emptied = createCxoneClient({
      baseUrl: server.apiBase,
      getAccessToken: async () => 'me-token',
      onUnauthorized: () => {},
      fetch: async (u, init) => {
        const res = await fetch(u, init);
        if (!String(u).includes('get-next-event') || !blank) return res;
        await res.body?.cancel();
        return new Response(null, { status: 200 });
      },
    });
    expect(await emptied.getNextAgentEvent(sessionId, 0)).toEqual({ kind: 'no-event', sessionId, status: 200 });
    blank = false;
    sim.forceState(me, { state: 'Unavailable', code: 'Break' });
    const r = await emptied.getNextAgentEvent(sessionId, 0);
    expect(r.kind).toBe('events');
    expect(r.sessionId).not.toBe(sessionId);
  });

  it('a body the long poll cannot read is malformed, naming the call', async () => {
    const { sessionId } = await client.joinAgentSession();
    server.faults.add({ kind: 'malformed-json', path: 'get-next-event', count: 1 });
    const err = (await client.getNextAgentEvent(sessionId, 0).catch((e: unknown) => e)) as CxoneError;
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('get-next-event');
  });

  it("a long poll longer than the client's own request timeout is not cut short by it", async () => {
    const quick = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 'me-token', onUnauthorized: () => {}, timeoutMs: 300 });
    const { sessionId } = await quick.joinAgentSession();
    // The server holds it the whole second, three times the client's timeout, then says nothing happened.
    expect(await quick.getNextAgentEvent(sessionId, 1)).toEqual({ kind: 'no-event', sessionId, status: 304 });
  });

  it('on the wire: a join body that is not JSON, asAgentId in the query, an unknown session and a timeout that is no number each get their own answer', async () => {
    const auth = { authorization: 'Bearer me-token' };
    const said = (res: Response) => res.headers.get('icStatusDescription');
    const join = (query: string, body: string) => fetch(`${server.apiBase}/agent-sessions/join${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
    const badBody = await join('', '{not json');
    expect([badBody.status, said(badBody)]).toEqual([400, 'Invalid request body']);
    // The query's asAgentId counts when the body names none: an unknown agent there is refused, not the token's own joined.
    const unknownInQuery = await join('?asAgentId=1', '');
    expect([unknownInQuery.status, said(unknownInQuery)]).toEqual([400, 'Invalid Agent Id']);
    // The body's "" (NICE's SDK) gives way to the query's agent.
    const other = sim.agents[0]!.agentId;
    sim.forceState(other, { state: 'Available' });
    const viaQuery = await join(`?asAgentId=${other}`, '{"asAgentId":""}');
    expect(viaQuery.status).toBe(202);
    const { sessionId } = (await viaQuery.json()) as { sessionId: string };
    sim.forceState(other, { state: 'Unavailable', code: 'Break' });
    const events = await fetch(`${server.apiBase}/agent-sessions/${sessionId}/get-next-event?timeout=1`, { headers: auth });
    expect(events.status).toBe(200);
    expect(((await events.json()) as { events: { CurrentOutReason?: string }[] }).events[0]).toMatchObject({ CurrentState: 'Unavailable', CurrentOutReason: 'Break' });
    const unknown = await fetch(`${server.apiBase}/agent-sessions/no-such-session/get-next-event?timeout=0`, { headers: auth });
    expect([unknown.status, said(unknown)]).toEqual([404, 'Invalid session id']);
    const { sessionId: mine } = await client.joinAgentSession();
    const notANumber = await fetch(`${server.apiBase}/agent-sessions/${mine}/get-next-event?timeout=soon`, { headers: auth });
    expect([notANumber.status, said(notANumber)]).toEqual([400, 'Invalid timeout']);
  });

  it('getOneAgentState returns the agent with the server clock; an unknown id is not-found', async () => {
    const r = await client.getOneAgentState(me);
    // agents/{id}/states carries no userName (cxone-contract): everything else is the list's state.
    expect(r.state).toEqual({ ...sim.agentState(me), userName: null });
    expect(r.lastPollTime).toBe(new Date(sim.now()).toISOString());
    const err = (await client.getOneAgentState(123).catch((e: unknown) => e)) as CxoneError;
    expect(err.kind).toBe('not-found');
    expect(err.statusDescription).toBe('Invalid Agent Id');
  });
});
