// The simulated tenant over HTTP, on 127.0.0.1 only: CXone's real paths and semantics (discovery,
// agents/states with updatedSince/top/skip/fields, single agent, agents, teams, unavailable codes),
// plus switches for the response shape, the "no change" answer, and faults. Used by demo mode and
// by every test that needs a CXone to talk to. Also the agent-session long poll (join, get-next-event)
// for one agent's own events.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseServerTime } from '../cxone/server-time';
import type { ContactCenterSimulator } from './simulator';
import type { RouteAnswer } from './route-answer';
import { createAgentSessions } from './session-routes';
import { routeSkills } from './skills-routes';
import { SkillActivitySimulator } from './skills-sim';
import { agentItem, agentStateItem, agentStatesBody, allStateItems, messyItem, oneAgentStatesBody, project, zonelessTime } from './wire';
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
  /**
   * A well-formed answer whose data breaks the documented schema: agentId as a string (which real
   * tenants do send, and the app reads), a null list, or items with no agent id at all (unreadable).
   */
  | { kind: 'schema-drift'; drift?: 'agentId-string' | 'agentStates-null' | 'agentId-missing' }
  /** agents/states lists `missing` fewer agents than its totalRecords says (the last ones of each page). */
  | { kind: 'short-list'; missing: number }
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
    codesPageSize: opts.codesPageSize ?? 5,
    acceptToken: opts.acceptToken ?? ((t) => t.length > 0),
    agentIdForToken: opts.agentIdForToken ?? (() => null),
    messy: opts.messy ?? false,
  };
  const rules: Array<{ rule: FaultRule; left: number }> = [];
  const requests: RequestRecord[] = [];
  const stats = { total: 0, inFlight: 0, maxInFlight: 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** Long polls waiting for an event; stop() ends each one so nothing outlives the server. */
  const waiters = new Set<() => void>();
  let stopped = false;
  let url = '';
  let skillSim: SkillActivitySimulator | null = opts.skills || null;
  const skills = () => (opts.skills === false ? null : (skillSim ??= new SkillActivitySimulator({ agents: sim })));
  const sessions = createAgentSessions({ sim, agentIdForToken: (t) => settings.agentIdForToken(t), stopped: () => stopped, timers, waiters, host: () => new URL(url).host });

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
    // Messy tenants give links as paths from the host root; the contract's are full URLs.
    const spell = (n: URL) => (settings.messy ? n.pathname + n.search : n.href);
    const link = (s: number) => {
      const n = new URL(u.pathname + u.search, url);
      n.searchParams.set('skip', String(s));
      if (top !== null) n.searchParams.set('top', String(top));
      return spell(n);
    };
    // v34 leaves off a link that does not apply (its schema has no null).
    return {
      self: spell(new URL(u.pathname + u.search, url)),
      ...(top !== null && skip + top < total ? { next: link(skip + top) } : {}),
      ...(top !== null && skip > 0 ? { previous: link(Math.max(0, skip - top)) } : {}),
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
      // CXone's clock is UTC: a time without a zone is read as UTC, like the app reads the server's.
      sinceMs = parseServerTime(since) ?? NaN;
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
    if (drift?.kind === 'schema-drift' && drift.drift === 'agentId-missing') {
      items = items.map(({ agentId: _gone, ...rest }) => rest);
    }
    if (drift?.kind === 'short-list') items = items.slice(0, Math.max(0, items.length - drift.missing));
    if (settings.messy) items = items.map((it, k) => messyItem(it, pg.skip + k));
    const body = agentStatesBody({ items, totalRecords: total, lastPollTime: settings.messy ? zonelessTime(lastPollTime) : lastPollTime, links, shape: settings.shape });
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
    const item = agentStateItem(e.agent, e.status, e.lastChangeAt);
    if (settings.shape === 'v34') return new HttpAnswer(200, oneAgentStatesBody(item, lastPollTime));
    return new HttpAnswer(200, agentStatesBody({ items: [item], totalRecords: 1, lastPollTime, links: { self: null, next: null, previous: null }, shape: settings.shape }));
  }

  function agents(u: URL, drift: Fault | null): HttpAnswer {
    const q = u.searchParams;
    const since = q.get('updateSince');
    const lastPollTime = new Date(sim.now()).toISOString();
    const pg = paging(q);
    if (pg instanceof HttpAnswer) return pg;
    let list = sim.agents;
    if (since) {
      const ms = parseServerTime(since) ?? NaN;
      if (Number.isNaN(ms)) return fail(400, 'Invalid updateSince');
      if (ms > sim.profilesUpdatedAt) list = [];
    }
    const total = list.length;
    const page = pg.top === null ? list.slice(pg.skip) : list.slice(pg.skip, pg.skip + pg.top);
    const links = pageLinks(u, pg.skip, pg.top, total);
    // The business unit is the envelope's (cxone-contract): an agent item has none of its own.
    const businessUnitId = sim.agents[0]?.businessUnitId;
    if (page.length === 0) return noChange({ businessUnitId, totalRecords: total, _links: links, lastPollTime, agents: [] });
    let items = page.map(agentItem);
    if (drift?.kind === 'schema-drift') items = items.map((i) => ({ ...i, agentId: String(i.agentId) }));
    return new HttpAnswer(200, { businessUnitId, totalRecords: total, _links: links, lastPollTime, agents: items });
  }

  /** The BU list in v34's shape (cxone-contract): paged, links only when there is a page to link to. */
  function unavailableCodes(u: URL): HttpAnswer {
    const q = u.searchParams;
    const top = intParam(q, 'top', 1);
    if (top instanceof HttpAnswer) return top;
    const skip = intParam(q, 'skip', 0);
    if (skip instanceof HttpAnswer) return skip;
    const active = q.get('isActive');
    const list = sim.unavailableCodes.filter((c) => active === null || String(c.isActive) === active.toLowerCase());
    const size = top ?? settings.codesPageSize;
    const from = skip ?? 0;
    const links = pageLinks(u, from, size, list.length);
    return new HttpAnswer(200, {
      businessUnitId: sim.businessUnitId,
      totalRecords: list.length,
      // The contract types each link as a string: an absent page has no key rather than null.
      _links: Object.fromEntries(Object.entries(links).filter(([, v]) => v !== null)),
      unavailableCodes: list.slice(from, from + size).map((c) => ({
        id: c.outStateId,
        name: c.outStateDescription,
        isACW: c.isAcw,
        isActive: c.isActive,
        agentTimeout: c.agentTimeoutMinutes,
      })),
    });
  }

  /** One team's list in v34's shape; 204 when the team has no (active) codes, 404 for an unknown team. */
  function teamUnavailableCodes(teamId: string, q: URLSearchParams): HttpAnswer {
    const team = sim.teams.find((t) => String(t.teamId) === teamId);
    if (!team) return fail(404, 'Invalid Team Id');
    const activeOnly = (q.get('activeOnly') ?? '').toLowerCase() === 'true';
    const list = sim.unavailableCodes.filter((c) => !activeOnly || c.isActive);
    if (list.length === 0) return new HttpAnswer(204, null);
    return new HttpAnswer(200, {
      teamId: team.teamId,
      teamName: team.teamName,
      unavailableCodes: list.map((c) => ({
        outstateId: c.outStateId,
        outstateName: c.outStateDescription,
        isAcw: c.isAcw,
        isActive: c.isActive,
        // A string in the contract, minutes by its name; "" when the code has no limit.
        agentTimeoutMins: c.agentTimeoutMinutes ? String(c.agentTimeoutMinutes) : '',
      })),
    });
  }

  function route(method: string, u: URL, drift: Fault | null, authorization: string | undefined, body: string, res: ServerResponse): HttpAnswer | Promise<HttpAnswer> {
    if (u.pathname === '/.well-known/cxone-configuration') {
      if (method !== 'GET') return fail(405, 'Method not allowed');
      if (u.searchParams.get('tenantId') !== tenantId) return fail(404, 'Tenant not found');
      const host = new URL(url).host;
      return new HttpAnswer(200, {
        private: false,
        // v34's schema requires region (and CXONE-API.md §2 names area): both, to honour either reader.
        region: 'sim1',
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
    if (rest === 'agent-sessions/join') return method === 'POST' ? answerOf(sessions.join(bearer, u, body)) : fail(405, 'Method not allowed');
    if (method !== 'GET') return fail(405, 'Method not allowed');
    const next = /^agent-sessions\/([^/]+)\/get-next-event$/.exec(rest);
    if (next) return sessions.next(decodeURIComponent(next[1]!), u.searchParams, res).then(answerOf);
    if (rest === 'agents/states') return agentStates(u, drift);
    let r = /^agents\/([^/]+)\/states$/.exec(rest);
    if (r) return oneAgentStates(decodeURIComponent(r[1]!));
    if (rest === 'agents') return agents(u, drift);
    r = /^agents\/([^/]+)$/.exec(rest);
    if (r) {
      const i = sim.agentIndex(decodeURIComponent(r[1]!));
      if (i === undefined) return fail(404, 'Invalid Agent Id');
      return new HttpAnswer(200, { businessUnitId: sim.agents[i]!.businessUnitId, agents: [agentItem(sim.agents[i]!)] });
    }
    if (rest === 'teams') return new HttpAnswer(200, { totalRecords: sim.teams.length, teams: sim.teams });
    if (rest === 'unavailable-codes') return unavailableCodes(u);
    r = /^teams\/([^/]+)\/unavailable-codes$/.exec(rest);
    if (r) return teamUnavailableCodes(decodeURIComponent(r[1]!), u.searchParams);
    const sk = skills();
    const sa = sk && routeSkills(rest, u, { skills: sk, businessUnitId: sim.businessUnitId, messy: settings.messy, noChange: settings.noChange, defaultPageSize: settings.defaultPageSize, links: pageLinks });
    if (sa) return answerOf(sa);
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
    get skills() {
      return skills();
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
