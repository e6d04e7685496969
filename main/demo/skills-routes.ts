// The simulated tenant's skill endpoints, in the v34 contract's shape (cxone-contract `GET …/skills/activity`,
// `GET …/skills/{skillId}/activity`) and the Admin API's `GET …/skills/agents` (outside the contract subset,
// see main/queues/skill-assignments.ts): updatedSince ("only skills that changed"), top/skip with
// `_links`, fields, the server's "no change" answer, and the messier spellings of real tenants (§6).
// Kept out of server.ts, which only routes here.
import type { SkillActivitySimulator } from './skills-sim';
import { failed, intParam, isAnswer, noChangeAnswer, timeParam, type NoChangeAnswer, type PageLinks, type RouteAnswer } from './route-answer';
import { project, zonelessTime } from './wire';

export interface SkillRouteContext {
  skills: SkillActivitySimulator;
  businessUnitId: number;
  /** Answer like messier real tenants: numbers and flags as strings, zoneless times, some PascalCase items. */
  messy: boolean;
  noChange: NoChangeAnswer;
  /** Page size when a request gives no `top`; null = everything in one page. */
  defaultPageSize: number | null;
  /** The server's own `_links` for a page (full URLs, or paths when messy). */
  links: PageLinks;
}

const pascal = (k: string) => k[0]!.toUpperCase() + k.slice(1);

/** The same skill as messier tenants send it (§6): `variant` picks the mix, read back it means the same. */
export function messySkillItem(item: Record<string, unknown>, variant: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    let m = v;
    if (typeof v === 'number') m = variant % 2 ? String(v) : v;
    else if (typeof v === 'boolean') m = v ? 'True' : 'False';
    else if (v === '') m = variant % 2 ? null : '';
    else if ((k === 'earliestQueueTime' || k === 'serverTime') && typeof v === 'string') m = zonelessTime(v);
    out[variant % 3 === 2 ? pascal(k) : k] = m;
  }
  return out;
}

function activity(u: URL, ctx: SkillRouteContext, only: number | null): RouteAnswer {
  const q = u.searchParams;
  const sim = ctx.skills;
  const since = timeParam(q, 'updatedSince');
  if (isAnswer(since)) return since;
  const asked = intParam(q, 'top', 1);
  if (isAnswer(asked)) return asked;
  const top = asked ?? (only === null ? ctx.defaultPageSize : null);
  const skip = intParam(q, 'skip', 0);
  if (isAnswer(skip)) return skip;
  const mediaTypeId = intParam(q, 'mediaTypeId', 0);
  if (isAnswer(mediaTypeId)) return mediaTypeId;
  const outbound = (q.get('IsOutbound') ?? q.get('isOutbound') ?? '').toLowerCase();
  let indices = sim.changedSince(since ?? -Infinity).filter((k) => {
    const s = sim.skills[k]!;
    return (only === null || s.skillId === only) && (mediaTypeId === null || s.mediaTypeId === mediaTypeId) && (outbound === '' || String(s.isOutbound) === outbound);
  });
  if (only !== null && indices.length === 0 && !sim.skills.some((s) => s.skillId === only)) return failed(404, 'Invalid Skill Id');
  const total = indices.length;
  const from = skip ?? 0;
  indices = top === null ? indices.slice(from) : indices.slice(from, from + top);
  const lastPollTime = new Date(sim.now()).toISOString();
  // The one-skill form has no _links and no totalRecords in the contract.
  const envelope = (items: unknown[]) =>
    only !== null
      ? { lastPollTime: ctx.messy ? zonelessTime(lastPollTime) : lastPollTime, skillActivity: items }
      : { totalRecords: total, _links: ctx.links(u, from, top, total), lastPollTime: ctx.messy ? zonelessTime(lastPollTime) : lastPollTime, skillActivity: items };
  if (indices.length === 0) {
    return noChangeAnswer(ctx.noChange, envelope([]));
  }
  let items = indices.map((k) => sim.item(k, ctx.businessUnitId));
  const fields = q.get('fields');
  if (fields) {
    const set = new Set(fields.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean));
    items = items.map((i) => project(i, set));
  }
  if (ctx.messy) items = items.map((it, j) => messySkillItem(it, from + j));
  return { status: 200, body: envelope(items) };
}

/** GET skills/agents (Admin API): every assignment, paged with top/skip like the other lists. */
function assignments(u: URL, ctx: SkillRouteContext): RouteAnswer {
  const q = u.searchParams;
  const top = intParam(q, 'top', 1);
  if (isAnswer(top)) return top;
  const skip = intParam(q, 'skip', 0);
  if (isAnswer(skip)) return skip;
  const sim = ctx.skills;
  const wanted = q.get('skills');
  const ids = wanted ? new Set(wanted.split(',').map((s) => Number(s.trim()))) : null;
  const names = new Map(sim.skills.map((s) => [s.skillId, s] as const));
  const list = sim.assignments().filter((a) => ids === null || ids.has(a.skillId));
  const from = skip ?? 0;
  const page = top === null ? list.slice(from) : list.slice(from, from + top);
  return {
    status: 200,
    body: {
      lastPollTime: new Date(sim.now()).toISOString(),
      businessUnitId: ctx.businessUnitId,
      totalRecords: list.length,
      _links: ctx.links(u, from, top, list.length),
      agentSkillAssignments: page.map((a) => {
        const s = names.get(a.skillId)!;
        const agent = sim.agentSim.agents[sim.agentSim.agentIndex(a.agentId)!]!;
        return {
          agentId: a.agentId,
          agentName: `${agent.firstName} ${agent.lastName}`,
          skillId: a.skillId,
          skillName: s.skillName,
          isActive: agent.isActive,
          isSkillActive: true,
          isOutbound: s.isOutbound,
          mediaType: s.mediaTypeId,
          mediaTypeName: s.mediaTypeName,
          agentProficiencyValue: 1,
          agentProficiencyName: 'High',
        };
      }),
    },
  };
}

/** Answers a skill path (`rest` is the path after /services/vNN/), or null when it is not one. */
export function routeSkills(rest: string, u: URL, ctx: SkillRouteContext): RouteAnswer | null {
  if (rest === 'skills/activity') {
    ctx.skills.advanceTo(ctx.skills.agentSim.now());
    return activity(u, ctx, null);
  }
  const one = /^skills\/([^/]+)\/activity$/.exec(rest);
  if (one) {
    if (!/^\d+$/.test(one[1]!)) return failed(404, 'Invalid Skill Id');
    ctx.skills.advanceTo(ctx.skills.agentSim.now());
    return activity(u, ctx, Number(one[1]));
  }
  if (rest === 'skills/agents') return assignments(u, ctx);
  return null;
}
