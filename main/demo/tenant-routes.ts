// The simulated tenant's directory and state endpoints in the v34 contract's shape (cxone-contract):
// agents/states with updatedSince/top/skip/fields (and the faults that bend its body), one agent's
// states, agents, one agent, teams, the business unit's and a team's unavailable codes. Kept out of
// server.ts, which only routes here.
import type { Fault } from './fault-switches';
import { failed, intParam, isAnswer, noChangeAnswer, timeParam, type NoChangeAnswer, type PageLinks, type RouteAnswer } from './route-answer';
import type { ContactCenterSimulator } from './simulator';
import { agentItem, agentStateItem, agentStatesBody, allStateItems, messyItem, oneAgentStatesBody, project, zonelessTime, type ResponseShape } from './wire';

export interface TenantRouteContext {
  sim: ContactCenterSimulator;
  /** The server's switches, read at each request (a change applies to the next one). */
  settings: {
    readonly shape: ResponseShape;
    readonly noChange: NoChangeAnswer;
    readonly defaultPageSize: number | null;
    readonly codesPageSize: number;
    readonly messy: boolean;
  };
  links: PageLinks;
}

const ok = (body: unknown): RouteAnswer => ({ status: 200, body });

/** top and skip of a list request; top defaults to the server's page size (null: everything). */
function paging(q: URLSearchParams, defaultTop: number | null): { skip: number; top: number | null } | RouteAnswer {
  const top = intParam(q, 'top', 1);
  if (isAnswer(top)) return top;
  const skip = intParam(q, 'skip', 0);
  if (isAnswer(skip)) return skip;
  return { skip: skip ?? 0, top: top ?? defaultTop };
}

/** Whether `drift` is the schema-drift fault of this kind (agentId-string when it names none). */
const driftIs = (drift: Fault | null, kind: 'agentId-string' | 'agentStates-null' | 'agentId-missing') =>
  drift?.kind === 'schema-drift' && (drift.drift ?? 'agentId-string') === kind;

function agentStates(u: URL, drift: Fault | null, ctx: TenantRouteContext): RouteAnswer {
  const { sim, settings } = ctx;
  const q = u.searchParams;
  const since = timeParam(q, 'updatedSince');
  if (isAnswer(since)) return since;
  const bu = q.get('reqBUIds');
  if (bu && !bu.split(',').map((s) => Number(s.trim())).includes(sim.businessUnitId)) {
    return failed(403, 'Access to business unit is restricted');
  }
  const pg = paging(q, settings.defaultPageSize);
  if (isAnswer(pg)) return pg;
  const indices = since !== null ? sim.changedIndicesSince(since) : sim.agents.map((_, i) => i);
  const lastPollTime = new Date(sim.now()).toISOString();
  const total = indices.length;
  const pageIdx = pg.top === null ? indices.slice(pg.skip) : indices.slice(pg.skip, pg.skip + pg.top);
  const links = ctx.links(u, pg.skip, pg.top, total);
  if (pageIdx.length === 0) {
    return noChangeAnswer(settings.noChange, agentStatesBody({ items: [], totalRecords: total, lastPollTime, links, shape: settings.shape }));
  }
  let items = allStateItems(sim, pageIdx);
  const fields = fieldSet(q);
  if (fields) items = items.map((i) => project(i, fields));
  if (driftIs(drift, 'agentId-string')) items = items.map((i) => ({ ...i, agentId: String(i.agentId) }));
  if (driftIs(drift, 'agentId-missing')) items = items.map(({ agentId: _gone, ...rest }) => rest);
  if (drift?.kind === 'short-list') items = items.slice(0, Math.max(0, items.length - drift.missing));
  if (settings.messy) items = items.map((it, k) => messyItem(it, pg.skip + k));
  const body = agentStatesBody({ items, totalRecords: total, lastPollTime: settings.messy ? zonelessTime(lastPollTime) : lastPollTime, links, shape: settings.shape });
  // Messy tenants send numbers as text, the count too (CXONE-API.md §6).
  if (settings.messy && typeof body.totalRecords === 'number') body.totalRecords = String(body.totalRecords);
  if (driftIs(drift, 'agentStates-null')) {
    if ('agentStates' in body) body.agentStates = null;
    else body.resultSet = { lastPollTime, agentState: 'none' };
  }
  return ok(body);
}

/** The `fields` parameter as a set of lower-case names (CXone matches them without case), or null when absent. */
function fieldSet(q: URLSearchParams): Set<string> | null {
  const fields = q.get('fields');
  return fields ? new Set(fields.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)) : null;
}

/**
 * GET agents/{agentId}/states: takes updatedSince and fields like the list, "only what changed" (CXONE-API.md
 * §3): an agent whose state has not changed since is the server's "no change". The item keeps the server's
 * time (lastPollTime) whatever the fields, as it is how a client learns the server's clock.
 */
function oneAgentStates(id: string, q: URLSearchParams, ctx: TenantRouteContext): RouteAnswer {
  const { sim, settings } = ctx;
  const i = /^\d+$/.test(id) ? sim.agentIndex(Number(id)) : undefined;
  if (i === undefined) return failed(404, 'Invalid Agent Id');
  const since = timeParam(q, 'updatedSince');
  if (isAnswer(since)) return since;
  const e = sim.entry(i);
  const lastPollTime = new Date(sim.now()).toISOString();
  if (since !== null && e.lastChangeAt < since) {
    const empty = settings.shape === 'v34' ? { agentStates: [] } : agentStatesBody({ items: [], totalRecords: 0, lastPollTime, links: {}, shape: settings.shape });
    return noChangeAnswer(settings.noChange, empty);
  }
  const item = agentStateItem(e.agent, e.status, e.lastChangeAt);
  const fields = fieldSet(q);
  const body = settings.shape === 'v34' ? oneAgentStatesBody(item, lastPollTime) : agentStatesBody({ items: [item], totalRecords: 1, lastPollTime, links: { self: null, next: null, previous: null }, shape: settings.shape });
  if (fields) {
    fields.add('lastpolltime');
    const items = (settings.shape === 'resultSet' ? (body.resultSet as { agentState: unknown }).agentState : body.agentStates) as Array<Record<string, unknown>>;
    items.forEach((it, k) => (items[k] = project(it, fields)));
  }
  return ok(body);
}

function agents(u: URL, drift: Fault | null, ctx: TenantRouteContext): RouteAnswer {
  const { sim, settings } = ctx;
  const q = u.searchParams;
  const lastPollTime = new Date(sim.now()).toISOString();
  const pg = paging(q, settings.defaultPageSize);
  if (isAnswer(pg)) return pg;
  const since = timeParam(q, 'updateSince');
  if (isAnswer(since)) return since;
  // No profile changed after `since`: nothing to list.
  const list = since !== null && since > sim.profilesUpdatedAt ? [] : sim.agents;
  const total = list.length;
  const page = pg.top === null ? list.slice(pg.skip) : list.slice(pg.skip, pg.skip + pg.top);
  const links = ctx.links(u, pg.skip, pg.top, total);
  // The business unit is the envelope's (cxone-contract): an agent item has none of its own.
  const businessUnitId = sim.agents[0]?.businessUnitId;
  if (page.length === 0) return noChangeAnswer(settings.noChange, { businessUnitId, totalRecords: total, _links: links, lastPollTime, agents: [] });
  let items = page.map(agentItem);
  if (drift?.kind === 'schema-drift') items = items.map((i) => ({ ...i, agentId: String(i.agentId) }));
  return ok({ businessUnitId, totalRecords: total, _links: links, lastPollTime, agents: items });
}

function oneAgent(id: string, ctx: TenantRouteContext): RouteAnswer {
  const i = ctx.sim.agentIndex(id);
  if (i === undefined) return failed(404, 'Invalid Agent Id');
  const agent = ctx.sim.agents[i]!;
  return ok({ businessUnitId: agent.businessUnitId, agents: [agentItem(agent)] });
}

/** The BU list in v34's shape (cxone-contract): paged, links only when there is a page to link to. */
function unavailableCodes(u: URL, ctx: TenantRouteContext): RouteAnswer {
  const { sim } = ctx;
  const q = u.searchParams;
  const pg = paging(q, ctx.settings.codesPageSize);
  if (isAnswer(pg)) return pg;
  const size = pg.top ?? ctx.settings.codesPageSize;
  const active = q.get('isActive');
  const list = sim.unavailableCodes.filter((c) => active === null || String(c.isActive) === active.toLowerCase());
  return ok({
    businessUnitId: sim.businessUnitId,
    totalRecords: list.length,
    _links: ctx.links(u, pg.skip, size, list.length),
    unavailableCodes: list.slice(pg.skip, pg.skip + size).map((c) => ({
      id: c.outStateId,
      name: c.outStateDescription,
      isACW: c.isAcw,
      isActive: c.isActive,
      agentTimeout: c.agentTimeoutMinutes,
    })),
  });
}

/** One team's list in v34's shape; 204 when the team has no (active) codes, 404 for an unknown team. */
function teamUnavailableCodes(teamId: string, q: URLSearchParams, ctx: TenantRouteContext): RouteAnswer {
  const { sim } = ctx;
  const team = sim.teams.find((t) => String(t.teamId) === teamId);
  if (!team) return failed(404, 'Invalid Team Id');
  const activeOnly = (q.get('activeOnly') ?? '').toLowerCase() === 'true';
  const list = sim.unavailableCodes.filter((c) => !activeOnly || c.isActive);
  if (list.length === 0) return { status: 204, body: null };
  return ok({
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

/**
 * Answers a GET of a directory or state path (`rest` is the path after /services/vNN/), or null when
 * it is not one. `drift`: the request's fault, which bends agents/states' and agents' bodies.
 */
export function routeTenant(rest: string, u: URL, drift: Fault | null, ctx: TenantRouteContext): RouteAnswer | null {
  if (rest === 'agents/states') return agentStates(u, drift, ctx);
  if (rest === 'agents') return agents(u, drift, ctx);
  if (rest === 'teams') return ok({ totalRecords: ctx.sim.teams.length, teams: ctx.sim.teams });
  if (rest === 'unavailable-codes') return unavailableCodes(u, ctx);
  let r = /^agents\/([^/]+)\/states$/.exec(rest);
  if (r) return oneAgentStates(decodeURIComponent(r[1]!), u.searchParams, ctx);
  r = /^agents\/([^/]+)$/.exec(rest);
  if (r) return oneAgent(decodeURIComponent(r[1]!), ctx);
  r = /^teams\/([^/]+)\/unavailable-codes$/.exec(rest);
  if (r) return teamUnavailableCodes(decodeURIComponent(r[1]!), u.searchParams, ctx);
  return null;
}
