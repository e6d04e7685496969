// The simulated tenant over HTTP, on 127.0.0.1 only: CXone's real paths and semantics (discovery,
// agents/states with updatedSince/top/skip/fields, single agent, agents, teams, unavailable codes),
// plus switches for the response shape, the "no change" answer, and faults. Used by demo mode and
// by every test that needs a CXone to talk to. Also the agent-session long poll (join, get-next-event)
// for one agent's own events.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createFaultSwitches, type Fault, type FaultSwitches } from './fault-switches';
import type { NoChangeAnswer, PageLinks, RouteAnswer } from './route-answer';
import { createAgentSessions, type AgentSessions } from './session-routes';
import type { ContactCenterSimulator } from './simulator';
import { routeSkills } from './skills-routes';
import { SkillActivitySimulator } from './skills-sim';
import { routeTenant } from './tenant-routes';
import type { ResponseShape } from './wire';
import { requestUrl } from '../net/request-target';

export type { ResponseShape } from './wire';
export type { NoChangeAnswer } from './route-answer';
export type { Fault, FaultHandle, FaultRule, FaultSwitches } from './fault-switches';

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
  /** Page size of GET unavailable-codes when the request gives no `top` (default 5: the demo's codes take two pages). */
  codesPageSize: number;
  /** Which bearer tokens are accepted; default any non-empty token. */
  acceptToken: (token: string) => boolean;
  /**
   * Whose session a POST agent-sessions/join without `asAgentId` joins: the agent the token belongs
   * to. Default: nobody (such a join answers 400 "Invalid Agent Id"), since the simulator does not know who signed in.
   */
  agentIdForToken: (token: string) => number | null;
  /**
   * Answer agents/states like messier real tenants (CXONE-API.md §6): ids as numeric strings, flags
   * as "True"/"False", nulls, times without a zone, PascalCase keys on some items, and `_links` as
   * paths from the host root. Off the v34 contract on purpose; the same agents, read right.
   */
  messy: boolean;
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
  /** The skills behind skills/activity and skills/agents (default: the demo's, made on first use); false: the tenant has no such endpoints (404). */
  skills?: SkillActivitySimulator | false;
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
  /** The skill queues it serves (null when started with skills: false). */
  readonly skills: SkillActivitySimulator | null;
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

/** A route module's answer as the server sends it: one with a description is an error (fail). */
const answerOf = (a: RouteAnswer): HttpAnswer => (a.description ? fail(a.status, a.description) : new HttpAnswer(a.status, a.body));

/** Writes an answer as JSON (none for 204/304), unless the response is already gone or sent. */
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

/** GET /.well-known/cxone-configuration?tenantId=…: the tenant's hosts, all of them this server. */
function discovery(method: string, u: URL, o: { tenantId: string; url: string; issuer?: string }): HttpAnswer {
  if (method !== 'GET') return fail(405, 'Method not allowed');
  if (u.searchParams.get('tenantId') !== o.tenantId) return fail(404, 'Tenant not found');
  const host = new URL(o.url).host;
  return new HttpAnswer(200, {
    private: false,
    // v34's schema requires region (and CXONE-API.md §2 names area): both, to honour either reader.
    region: 'sim1',
    area: 'sim1',
    cluster: 'SIM1',
    domain: host,
    acdDomain: host,
    uhDomain: host,
    ui_endpoint: o.url,
    auth_endpoint: o.issuer ?? o.url,
    api_endpoint: o.url,
    tenantId: o.tenantId,
  });
}

function settingsFrom(opts: SimulatorServerOptions): SimulatorServerSettings {
  return {
    shape: opts.shape ?? 'v34',
    noChange: opts.noChange ?? '200-empty',
    defaultPageSize: opts.defaultPageSize ?? null,
    codesPageSize: opts.codesPageSize ?? 5,
    acceptToken: opts.acceptToken ?? ((t) => t.length > 0),
    agentIdForToken: opts.agentIdForToken ?? (() => null),
    messy: opts.messy ?? false,
  };
}

/**
 * `_links` of a page of `total` items from `skip`, `top` a page (null: one page, no next or previous),
 * under the server's `base` URL. Messy tenants give them as paths from the host root; the contract's
 * are full URLs. v34 leaves off a link that does not apply (its schema has no null).
 */
function pageLinksOf(u: URL, skip: number, top: number | null, total: number, base: string, messy: boolean): Record<string, string> {
  const spell = (n: URL) => (messy ? n.pathname + n.search : n.href);
  const link = (s: number) => {
    const n = new URL(u.pathname + u.search, base);
    n.searchParams.set('skip', String(s));
    if (top !== null) n.searchParams.set('top', String(top));
    return spell(n);
  };
  return {
    self: spell(new URL(u.pathname + u.search, base)),
    ...(top !== null && skip + top < total ? { next: link(skip + top) } : {}),
    ...(top !== null && skip > 0 ? { previous: link(Math.max(0, skip - top)) } : {}),
  };
}

/** Waits `ms` on a timer the server's stop() can clear (kept in `timers` until it fires). */
function delay(ms: number, timers: Set<ReturnType<typeof setTimeout>>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    t.unref();
    timers.add(t);
  });
}

/** The answer a 'status' fault switch asks for; a 429 always says when to retry (2 s unless set). */
function statusFaultAnswer(fault: Extract<Fault, { kind: 'status' }>): HttpAnswer {
  const extra: Record<string, string> = {};
  if (fault.retryAfter !== undefined || fault.status === 429) extra['retry-after'] = fault.retryAfter ?? '2';
  return fail(fault.status, fault.statusDescription, extra);
}

/** What the server's parts share, built once by startSimulatorServer; url is known once it listens. */
interface SimHost {
  readonly opts: SimulatorServerOptions;
  readonly sim: ContactCenterSimulator;
  readonly tenantId: string;
  readonly settings: SimulatorServerSettings;
  readonly takeFault: (path: string, after: Fault['kind'] | null) => Fault | null;
  readonly requests: RequestRecord[];
  readonly stats: { total: number; inFlight: number; maxInFlight: number };
  readonly timers: Set<ReturnType<typeof setTimeout>>;
  /** Long polls waiting for an event; stop() ends each one so nothing outlives the server. */
  readonly waiters: Set<() => void>;
  readonly sessions: AgentSessions;
  /** The skill queues (made on first use), or null for a tenant without them. */
  readonly skills: () => SkillActivitySimulator | null;
  readonly pageLinks: PageLinks;
  stopped: boolean;
  url: string;
}

export async function startSimulatorServer(opts: SimulatorServerOptions): Promise<SimulatorServer> {
  const { faults, host: h } = createHost(opts);
  const http = createHttpServer(h);
  const url = (h.url = await listenOnLoopback(http.server, opts.port ?? 0));

  return {
    url,
    apiBase: `${url}/inContactAPI/services/v34.0`,
    tenantId: h.tenantId,
    faults,
    settings: h.settings,
    requests: h.requests,
    get stats() {
      return { ...h.stats };
    },
    get skills() {
      return h.skills();
    },
    stop: () => stopServer(h, http),
  };
}

/** The server's parts, before it listens (url is set then), and the fault switches the tests set. */
function createHost(opts: SimulatorServerOptions): { faults: FaultSwitches; host: SimHost } {
  const sim = opts.simulator;
  const settings = settingsFrom(opts);
  const { switches: faults, take: takeFault } = createFaultSwitches();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const waiters = new Set<() => void>();
  let skillSim: SkillActivitySimulator | null = opts.skills || null;
  const h: SimHost = {
    opts,
    sim,
    tenantId: opts.tenantId ?? DEFAULT_SIM_TENANT_ID,
    settings,
    takeFault,
    requests: [],
    stats: { total: 0, inFlight: 0, maxInFlight: 0 },
    timers,
    waiters,
    sessions: createAgentSessions({ sim, agentIdForToken: (t) => settings.agentIdForToken(t), stopped: () => h.stopped, timers, waiters, host: () => new URL(h.url).host }),
    skills: () => (opts.skills === false ? null : (skillSim ??= new SkillActivitySimulator({ agents: sim }))),
    pageLinks: (u, skip, top, total) => pageLinksOf(u, skip, top, total, h.url, settings.messy),
    stopped: false,
    url: '',
  };
  return { faults, host: h };
}

/** The HTTP server, not listening yet, and the sockets open on it (stop() destroys them). */
interface HttpParts {
  readonly server: Server;
  readonly sockets: Set<Socket>;
}

function createHttpServer(h: SimHost): HttpParts {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    // The simulated tenant's clock is the simulator's: its Date header says so, like a real server's
    // (the app measures the server clock from it), not this process's wall clock.
    res.setHeader('date', new Date(h.sim.now()).toUTCString());
    void handle(h, req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return { server, sockets };
}

/** Ends the timers, the waiting long polls and every connection, then closes the server; once only. */
async function stopServer(h: SimHost, { server, sockets }: HttpParts): Promise<void> {
  if (h.stopped) return;
  h.stopped = true;
  for (const t of h.timers) clearTimeout(t);
  h.timers.clear();
  for (const finish of [...h.waiters]) finish();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const s of sockets) s.destroy();
  server.closeAllConnections();
  await closed;
}

/** Listens on 127.0.0.1 only (port 0: a free one) and returns the server's URL. */
async function listenOnLoopback(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('The simulator server has no TCP address');
  return `http://127.0.0.1:${addr.port}`;
}

/** What one request came to, for its RequestRecord. */
interface Outcome {
  status: number;
  fault: Fault['kind'] | null;
}

/** One request: counted while in flight, answered (a failure as a 500), and recorded. */
async function handle(h: SimHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { stats, requests } = h;
  stats.total++;
  stats.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
  const method = req.method ?? 'GET';
  const outcome: Outcome = { status: 0, fault: null };
  // A target no URL can be made of is the client's fault: a 400, as a real server answers — not a
  // rejection nobody handles, nor a request counted in flight for good.
  const u = requestUrl(req, h.url);
  try {
    if (u) await respond(h, req, res, u, outcome);
    else {
      outcome.status = 400;
      send(res, fail(400, 'Malformed request target'));
    }
  } catch (err) {
    outcome.status = 500;
    send(res, fail(500, err instanceof Error ? err.message : 'Internal server error'));
  } finally {
    stats.inFlight--;
    requests.push({ method, path: u?.pathname ?? req.url ?? '', query: u?.search ?? '', status: outcome.status, fault: outcome.fault, simTime: h.sim.now() });
    if (requests.length > 1000) requests.splice(0, requests.length - 1000);
  }
}

/**
 * Answers as the fault switched on for the path says (a slow one first waits, then the next rule
 * applies), or as the tenant would; notes the status and the fault applied in `outcome`.
 */
async function respond(h: SimHost, req: IncomingMessage, res: ServerResponse, u: URL, outcome: Outcome): Promise<void> {
  let fault = h.takeFault(u.pathname, null);
  if (fault?.kind === 'slow') {
    outcome.fault = 'slow';
    await delay(fault.delayMs, h.timers);
    if (h.stopped) return;
    fault = h.takeFault(u.pathname, 'slow');
  }
  h.opts.beforeRequest?.();
  if (fault) outcome.fault = fault.kind;
  if (fault?.kind === 'reset') {
    req.socket.resetAndDestroy();
    return;
  }
  let answer: HttpAnswer;
  if (fault?.kind === 'status') {
    answer = statusFaultAnswer(fault);
  } else if (fault?.kind === 'malformed-json') {
    outcome.status = 200;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"totalRecords":2,"agentStates":[{"agentId":40110003,"agentStateName":"Avail');
    return;
  } else {
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : '';
    answer = body === null ? fail(413, 'Request body too large') : await route(h, { method, u, authorization: req.headers.authorization, body }, fault, res);
  }
  outcome.status = answer.status;
  send(res, answer);
}

/** One request as route() reads it. */
interface ApiRequest {
  method: string;
  u: URL;
  authorization: string | undefined;
  body: string;
}

/** Discovery, then the API paths behind a bearer token: agent sessions, the tenant's routes, the skills'. */
function route(h: SimHost, r: ApiRequest, drift: Fault | null, res: ServerResponse): HttpAnswer | Promise<HttpAnswer> {
  const { method, u } = r;
  const { sim, settings } = h;
  if (u.pathname === '/.well-known/cxone-configuration') return discovery(method, u, { tenantId: h.tenantId, url: h.url, issuer: h.opts.issuer });
  const m = API_PATH.exec(u.pathname);
  if (!m) return fail(404, 'Resource not found');
  const bearer = /^Bearer\s+(.+)$/i.exec(r.authorization ?? '')?.[1]?.trim();
  if (!bearer) return fail(401, 'Authorization header is missing');
  if (!settings.acceptToken(bearer)) return fail(401, 'Invalid token');
  const rest = m[2]!.replace(/\/+$/, '');
  if (rest === 'agent-sessions/join') return method === 'POST' ? answerOf(h.sessions.join(bearer, u, r.body)) : fail(405, 'Method not allowed');
  if (method !== 'GET') return fail(405, 'Method not allowed');
  const next = /^agent-sessions\/([^/]+)\/get-next-event$/.exec(rest);
  if (next) return h.sessions.next(decodeURIComponent(next[1]!), u.searchParams, res).then(answerOf);
  const tenant = routeTenant(rest, u, drift, { sim, settings, links: h.pageLinks });
  if (tenant) return answerOf(tenant);
  const sk = h.skills();
  const sa = sk && routeSkills(rest, u, { skills: sk, businessUnitId: sim.businessUnitId, messy: settings.messy, noChange: settings.noChange, defaultPageSize: settings.defaultPageSize, links: h.pageLinks });
  if (sa) return answerOf(sa);
  return fail(404, 'Resource not found');
}
