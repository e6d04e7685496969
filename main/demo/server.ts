// The simulated tenant over HTTP, on 127.0.0.1 only: CXone's real paths and semantics (discovery,
// agents/states with updatedSince/top/skip/fields, single agent, agents, teams, unavailable codes),
// plus switches for the response shape, the "no change" answer, and faults. Used by demo mode and
// by every test that needs a CXone to talk to. Also the agent-session long poll (join, get-next-event)
// for one agent's own events.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AGENT_STATE_NAMES } from '../cxone/model';
import type { ContactCenterSimulator, SimEvent } from './simulator';
import { agentItem, agentStateItem, agentStatesBody, allStateItems, project } from './wire';
import type { ResponseShape } from './wire';

export type { ResponseShape } from './wire';
export type NoChangeAnswer = '200-empty' | '204' | '304';

export type Fault =
  /** Answer with this status; icStatusDescription and Retry-After headers when given (sensible defaults). */
  | { kind: 'status'; status: number; statusDescription?: string; retryAfter?: string }
  /** Wait delayMs, then answer normally (or with the next fault rule). */
  | { kind: 'slow'; delayMs: number }
  /** 200 with a truncated JSON body. */
  | { kind: 'malformed-json' }
  /** A well-formed answer whose data breaks the documented schema. */
  | { kind: 'schema-drift'; drift?: 'agentId-string' | 'agentStates-null' }
  /** Drop the connection with a TCP reset, no response. */
  | { kind: 'reset' };

export type FaultRule = Fault & {
  /** Substring of the request path, or a pattern tested against it. Default: every path. */
  path?: string | RegExp;
  /** How many matching requests it hits ("the next N"). Default: until removed. */
  count?: number;
};

export interface FaultHandle {
  remaining(): number;
  remove(): void;
}

export interface FaultSwitches {
  add(rule: FaultRule): FaultHandle;
  clear(): void;
  active(): readonly FaultRule[];
}

export interface RequestRecord {
  method: string;
  path: string;
  /** The query string, e.g. "?updatedSince=…&top=100" ('' when none). */
  query: string;
  /** The status answered; 499 when a long poll's client went away before its answer. */
  status: number;
  fault: Fault['kind'] | null;
  /** The simulator's clock when the request was answered. */
  simTime: number;
}

export interface SimulatorServerSettings {
  shape: ResponseShape;
  noChange: NoChangeAnswer;
  /** Page size when a request gives no `top`; null = everything in one page. */
  defaultPageSize: number | null;
  /** Which bearer tokens are accepted; default any non-empty token. */
  acceptToken: (token: string) => boolean;
  /**
   * Whose session a POST agent-sessions/join without `asAgentId` joins: the agent the token belongs
   * to. Default: nobody (such a join answers 404), since the simulator does not know who signed in.
   */
  agentIdForToken: (token: string) => number | null;
}

export interface SimulatorServerOptions extends Partial<SimulatorServerSettings> {
  simulator: ContactCenterSimulator;
  /** 0 (default) picks a free port. */
  port?: number;
  tenantId?: string;
  /** Goes into the discovery answer's auth_endpoint (default: this server's URL). */
  issuer?: string;
  /** Called before each request is answered, e.g. to bring the simulator up to wall-clock time. */
  beforeRequest?: () => void;
}

export interface SimulatorServer {
  /** http://127.0.0.1:<port> — also the discovery answer's api_endpoint. */
  readonly url: string;
  /** url + /inContactAPI/services/v34.0 */
  readonly apiBase: string;
  readonly tenantId: string;
  readonly faults: FaultSwitches;
  /** Mutable switches; a change applies to the next request. */
  readonly settings: SimulatorServerSettings;
  /** The last 1 000 requests, oldest first. */
  readonly requests: readonly RequestRecord[];
  readonly stats: { readonly total: number; readonly inFlight: number; readonly maxInFlight: number };
  stop(): Promise<void>;
}

export const DEFAULT_SIM_TENANT_ID = '5e1f0c2a-7d3b-4e8f-9a61-0c0ffee0de70';

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request',
  401: 'Invalid token',
  403: 'Access to business unit is restricted',
  404: 'Resource not found',
  409: 'Business unit trust check failed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const API_PATH = /^\/inContactAPI\/services\/(v\d+(?:\.\d+)?)\/(.*)$/;

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function fail(status: number, description?: string, extra: Record<string, string> = {}): HttpAnswer {
  const text = description ?? DEFAULT_DESCRIPTIONS[status] ?? 'Error';
  return new HttpAnswer(status, { error: text }, { icStatusDescription: text, ...extra });
}

function intParam(q: URLSearchParams, name: string, min: number): number | null | HttpAnswer {
  const v = q.get(name);
  if (v === null || v === '') return null;
  if (!/^\d+$/.test(v) || Number(v) < min) return fail(400, `Invalid ${name}`);
  return Number(v);
}

export async function startSimulatorServer(opts: SimulatorServerOptions): Promise<SimulatorServer> {
  const sim = opts.simulator;
  const tenantId = opts.tenantId ?? DEFAULT_SIM_TENANT_ID;
  const settings: SimulatorServerSettings = {
    shape: opts.shape ?? 'v34',
    noChange: opts.noChange ?? '200-empty',
    defaultPageSize: opts.defaultPageSize ?? null,
    acceptToken: opts.acceptToken ?? ((t) => t.length > 0),
    agentIdForToken: opts.agentIdForToken ?? (() => null),
  };
  const rules: Array<{ rule: FaultRule; left: number }> = [];
  const requests: RequestRecord[] = [];
  const stats = { total: 0, inFlight: 0, maxInFlight: 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Open agent sessions: id → whose events, and the simulator's event seq already delivered. */
  const sessions = new Map<string, { agentId: number; cursor: number }>();
  /** Long polls waiting for an event; stop() ends each one so nothing outlives the server. */
  const waiters = new Set<() => void>();
  let stopped = false;
  let url = '';

  const faults: FaultSwitches = {
    add(rule) {
      const entry = { rule, left: rule.count ?? Infinity };
      rules.push(entry);
      return {
        remaining: () => entry.left,
        remove: () => {
          const k = rules.indexOf(entry);
          if (k >= 0) rules.splice(k, 1);
        },
      };
    },
    clear: () => void rules.splice(0),
    active: () => rules.map((r) => r.rule),
  };

  function takeFault(path: string, after: Fault['kind'] | null): Fault | null {
    for (let k = 0; k < rules.length; k++) {
      const e = rules[k]!;
      const p = e.rule.path;
      if (p !== undefined && !(typeof p === 'string' ? path.includes(p) : p.test(path))) continue;
      // A slow rule is followed by the next matching rule, never by itself again for this request.
      if (after === 'slow' && e.rule.kind === 'slow') continue;
      e.left--;
      if (e.left <= 0) rules.splice(k, 1);
      return e.rule;
    }
    return null;
  }

  function noChange(emptyBody: Record<string, unknown>): HttpAnswer {
    if (settings.noChange === '204') return new HttpAnswer(204, null);
    if (settings.noChange === '304') return new HttpAnswer(304, null);
    return new HttpAnswer(200, emptyBody);
  }

  function pageLinks(u: URL, skip: number, top: number | null, total: number) {
    const link = (s: number) => {
      const n = new URL(u.pathname + u.search, url);
      n.searchParams.set('skip', String(s));
      if (top !== null) n.searchParams.set('top', String(top));
      return n.href;
    };
    return {
      self: new URL(u.pathname + u.search, url).href,
      next: top !== null && skip + top < total ? link(skip + top) : null,
      previous: top !== null && skip > 0 ? link(Math.max(0, skip - top)) : null,
    };
  }

  function paging(q: URLSearchParams): { skip: number; top: number | null } | HttpAnswer {
    const top = intParam(q, 'top', 1);
    if (top instanceof HttpAnswer) return top;
    const skip = intParam(q, 'skip', 0);
    if (skip instanceof HttpAnswer) return skip;
    return { skip: skip ?? 0, top: top ?? settings.defaultPageSize };
  }

  function agentStates(u: URL, drift: Fault | null): HttpAnswer {
    const q = u.searchParams;
    const since = q.get('updatedSince');
    let sinceMs = -Infinity;
    if (since !== null && since !== '') {
      sinceMs = Date.parse(since);
      if (Number.isNaN(sinceMs)) return fail(400, 'Invalid updatedSince');
    }
    const bu = q.get('reqBUIds');
    if (bu && !bu.split(',').map((s) => Number(s.trim())).includes(sim.businessUnitId)) {
      return fail(403, 'Access to business unit is restricted');
    }
    const pg = paging(q);
    if (pg instanceof HttpAnswer) return pg;
    const indices = since ? sim.changedIndicesSince(sinceMs) : sim.agents.map((_, i) => i);
    const lastPollTime = new Date(sim.now()).toISOString();
    const total = indices.length;
    const pageIdx = pg.top === null ? indices.slice(pg.skip) : indices.slice(pg.skip, pg.skip + pg.top);
    const links = pageLinks(u, pg.skip, pg.top, total);
    if (pageIdx.length === 0) {
      return noChange(agentStatesBody({ items: [], totalRecords: total, lastPollTime, links, shape: settings.shape }));
    }
    let items = allStateItems(sim, pageIdx);
    const fields = q.get('fields');
    if (fields) {
      const set = new Set(fields.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean));
      items = items.map((i) => project(i, set));
    }
    if (drift?.kind === 'schema-drift' && (drift.drift ?? 'agentId-string') === 'agentId-string') {
      items = items.map((i) => ({ ...i, agentId: String(i.agentId) }));
    }
    const body = agentStatesBody({ items, totalRecords: total, lastPollTime, links, shape: settings.shape });
    if (drift?.kind === 'schema-drift' && drift.drift === 'agentStates-null') {
      if ('agentStates' in body) body.agentStates = null;
      else body.resultSet = { lastPollTime, agentState: 'none' };
    }
    return new HttpAnswer(200, body);
  }

  function oneAgentStates(id: string): HttpAnswer {
    const i = /^\d+$/.test(id) ? sim.agentIndex(Number(id)) : undefined;
    if (i === undefined) return fail(404, 'Invalid Agent Id');
    const e = sim.entry(i);
    const lastPollTime = new Date(sim.now()).toISOString();
    return new HttpAnswer(
      200,
      agentStatesBody({
        items: [agentStateItem(e.agent, e.status, e.lastChangeAt)],
        totalRecords: 1,
        lastPollTime,
        links: { self: null, next: null, previous: null },
        shape: settings.shape,
      }),
    );
  }

  function agents(u: URL, drift: Fault | null): HttpAnswer {
    const q = u.searchParams;
    const since = q.get('updateSince');
    const lastPollTime = new Date(sim.now()).toISOString();
    const pg = paging(q);
    if (pg instanceof HttpAnswer) return pg;
    let list = sim.agents;
    if (since) {
      const ms = Date.parse(since);
      if (Number.isNaN(ms)) return fail(400, 'Invalid updateSince');
      if (ms > sim.profilesUpdatedAt) list = [];
    }
    const total = list.length;
    const page = pg.top === null ? list.slice(pg.skip) : list.slice(pg.skip, pg.skip + pg.top);
    const links = pageLinks(u, pg.skip, pg.top, total);
    if (page.length === 0) return noChange({ totalRecords: total, _links: links, lastPollTime, agents: [] });
    let items = page.map(agentItem);
    if (drift?.kind === 'schema-drift') items = items.map((i) => ({ ...i, agentId: String(i.agentId) }));
    return new HttpAnswer(200, { totalRecords: total, _links: links, lastPollTime, agents: items });
  }

  /** A new session id for the agent; ids are single-use (each answer with events names the next). */
  function openSession(agentId: number, cursor: number): string {
    const id = randomUUID();
    sessions.set(id, { agentId, cursor });
    // Abandoned sessions must not pile up over a long demo run.
    if (sessions.size > 1000) sessions.delete(sessions.keys().next().value!);
    return id;
  }

  function joinSession(bearer: string, body: string): HttpAnswer {
    let asAgentId: unknown = undefined;
    if (body.trim()) {
      try {
        asAgentId = (JSON.parse(body) as { asAgentId?: unknown } | null)?.asAgentId;
      } catch {
        return fail(400, 'Invalid request body');
      }
    }
    const wanted = asAgentId ?? settings.agentIdForToken(bearer);
    const i = typeof wanted === 'number' || (typeof wanted === 'string' && /^\d+$/.test(wanted)) ? sim.agentIndex(Number(wanted)) : undefined;
    if (i === undefined) return fail(404, 'Invalid Agent Id');
    // The simulator lets anyone join, logged in or not: the session then reports the login too.
    return new HttpAnswer(200, { sessionId: openSession(sim.agents[i]!.agentId, sim.lastSeq()) });
  }

  function sessionEventItem(e: SimEvent): Record<string, unknown> {
    return {
      Type: 'AgentState',
      AgentId: e.agentId,
      CurrentState: AGENT_STATE_NAMES[e.to.stateId as keyof typeof AGENT_STATE_NAMES],
      CurrentOutStateCode: e.to.outStateId ?? 0,
      CurrentOutStateDescription: e.to.outStateDescription ?? '',
      IsAcw: e.to.isACW,
      StartTimeUTC: new Date(e.to.startDate).toISOString(),
    };
  }

  /** Long poll: answers at once when the agent has undelivered events, else waits up to `timeout` s (304). */
  async function nextSessionEvent(id: string, q: URLSearchParams, res: ServerResponse): Promise<HttpAnswer> {
    const session = sessions.get(id);
    if (!session) return fail(404, 'Invalid session id');
    const t = q.get('timeout') ?? '0';
    if (!/^\d+$/.test(t) || Number(t) > 60) return fail(400, 'Invalid timeout');
    const pending = () => sim.events(session.cursor).filter((e) => e.agentId === session.agentId);
    if (pending().length === 0 && Number(t) > 0 && !stopped) {
      await new Promise<void>((resolve) => {
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
          if (e.agentId === session.agentId) finish();
        });
        const timer = setTimeout(finish, Number(t) * 1000);
        timer.unref();
        timers.add(timer);
        waiters.add(finish);
        // The client gave up (or was stopped): end the wait now rather than at the timeout.
        res.once('close', finish);
      });
    }
    // Nobody to answer; logged as 499 ("client closed request"), the session stays as it was.
    if (res.destroyed) return new HttpAnswer(499, null);
    const events = pending();
    const seq = sim.lastSeq();
    if (events.length === 0) {
      session.cursor = seq;
      return new HttpAnswer(304, null);
    }
    sessions.delete(id);
    return new HttpAnswer(200, { sessionId: openSession(session.agentId, seq), events: events.map(sessionEventItem) });
  }

  function route(method: string, u: URL, drift: Fault | null, authorization: string | undefined, body: string, res: ServerResponse): HttpAnswer | Promise<HttpAnswer> {
    if (u.pathname === '/.well-known/cxone-configuration') {
      if (method !== 'GET') return fail(405, 'Method not allowed');
      if (u.searchParams.get('tenantId') !== tenantId) return fail(404, 'Tenant not found');
      const host = new URL(url).host;
      return new HttpAnswer(200, {
        private: false,
        area: 'sim1',
        cluster: 'SIM1',
        domain: host,
        acdDomain: host,
        uhDomain: host,
        ui_endpoint: url,
        auth_endpoint: opts.issuer ?? url,
        api_endpoint: url,
        tenantId,
      });
    }
    const m = API_PATH.exec(u.pathname);
    if (!m) return fail(404, 'Resource not found');
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (!bearer) return fail(401, 'Authorization header is missing');
    if (!settings.acceptToken(bearer)) return fail(401, 'Invalid token');
    const rest = m[2]!.replace(/\/+$/, '');
    if (rest === 'agent-sessions/join') return method === 'POST' ? joinSession(bearer, body) : fail(405, 'Method not allowed');
    if (method !== 'GET') return fail(405, 'Method not allowed');
    const next = /^agent-sessions\/([^/]+)\/get-next-event$/.exec(rest);
    if (next) return nextSessionEvent(decodeURIComponent(next[1]!), u.searchParams, res);
    if (rest === 'agents/states') return agentStates(u, drift);
    let r = /^agents\/([^/]+)\/states$/.exec(rest);
    if (r) return oneAgentStates(decodeURIComponent(r[1]!));
    if (rest === 'agents') return agents(u, drift);
    r = /^agents\/([^/]+)$/.exec(rest);
    if (r) {
      const i = sim.agentIndex(decodeURIComponent(r[1]!));
      if (i === undefined) return fail(404, 'Invalid Agent Id');
      return new HttpAnswer(200, { agents: [agentItem(sim.agents[i]!)] });
    }
    if (rest === 'teams') return new HttpAnswer(200, { totalRecords: sim.teams.length, teams: sim.teams });
    if (rest === 'unavailable-codes' || /^teams\/\d+\/unavailable-codes$/.test(rest)) {
      const codes = sim.unavailableCodes.map(({ outStateId, outStateDescription, isActive, isAcw }) => ({
        outStateId,
        outStateDescription,
        isActive,
        isAcw,
      }));
      return new HttpAnswer(200, { totalRecords: codes.length, unavailableCodes: codes });
    }
    return fail(404, 'Resource not found');
  }

  function send(res: ServerResponse, a: HttpAnswer): void {
    if (res.destroyed || res.headersSent) return;
    if (a.status === 204 || a.status === 304 || a.body === null) {
      res.writeHead(a.status, a.headers);
      res.end();
      return;
    }
    const text = JSON.stringify(a.body);
    res.writeHead(a.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...a.headers,
    });
    res.end(text);
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      t.unref();
      timers.add(t);
    });
  }

  /** A POST body, up to 64 KiB (null when larger). */
  async function readBody(req: IncomingMessage): Promise<string | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 65_536) return null;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.total++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const u = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    let status = 0;
    let applied: Fault['kind'] | null = null;
    try {
      let fault = takeFault(u.pathname, null);
      if (fault?.kind === 'slow') {
        applied = 'slow';
        await delay(fault.delayMs);
        if (stopped) return;
        fault = takeFault(u.pathname, 'slow');
      }
      opts.beforeRequest?.();
      if (fault) applied = fault.kind;
      if (fault?.kind === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      let answer: HttpAnswer;
      if (fault?.kind === 'status') {
        const extra: Record<string, string> = {};
        if (fault.retryAfter !== undefined || fault.status === 429) extra['retry-after'] = fault.retryAfter ?? '2';
        answer = fail(fault.status, fault.statusDescription, extra);
      } else if (fault?.kind === 'malformed-json') {
        status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"totalRecords":2,"agentStates":[{"agentId":40110003,"agentStateName":"Avail');
        return;
      } else {
        const body = method === 'POST' ? await readBody(req) : '';
        answer = body === null ? fail(413, 'Request body too large') : await route(method, u, fault, req.headers.authorization, body, res);
      }
      status = answer.status;
      send(res, answer);
    } catch (err) {
      status = 500;
      send(res, fail(500, err instanceof Error ? err.message : 'Internal server error'));
    } finally {
      stats.inFlight--;
      requests.push({ method, path: u.pathname, query: u.search, status, fault: applied, simTime: sim.now() });
      if (requests.length > 1000) requests.splice(0, requests.length - 1000);
    }
  }

  const server = createServer((req, res) => {
    // The simulated tenant's clock is the simulator's: its Date header says so, like a real server's
    // (the app measures the server clock from it), not this process's wall clock.
    res.setHeader('date', new Date(sim.now()).toUTCString());
    void handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('The simulator server has no TCP address');
  url = `http://127.0.0.1:${addr.port}`;

  return {
    url,
    apiBase: `${url}/inContactAPI/services/v34.0`,
    tenantId,
    faults,
    settings,
    requests,
    get stats() {
      return { ...stats };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const finish of [...waiters]) finish();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
