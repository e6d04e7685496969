// Which agents have which skill: NICE's Admin API `GET …/skills/agents` ("Returns Skills assignments",
// answering `{lastPollTime, businessUnitId, agentSkillAssignments:[{agentId, skillId, isActive, …}]}`).
// OUTSIDE the v34 contract subset the app is built on (cxone-contract/): the shape is taken from the
// published Admin API typings, so it is read as tolerantly as anything else — and when a tenant answers
// 403 or 404 the app simply does not know (SkillQueue.agentIds null) and never asks again in a loop.
import { malformedError } from '../cxone/errors';
import { camelItem, envelopeValue, isObj, looseBool, looseInt, nextLinkOf, readEachItem, resultSetOf } from '../cxone/lenient';

export interface SkillAssignment {
  agentId: number;
  skillId: number;
}

export interface SkillAssignmentsPage {
  assignments: SkillAssignment[];
  totalRecords: number | null;
  nextLink: string | null;
  /** Items that could not be read (no usable agent or skill id). */
  leftOut: number;
  leftOutReason: string | null;
}

/** Reads one skills/agents body. Inactive assignments (agent or skill) are not assignments. */
export function parseSkillAssignmentsPage(body: unknown): SkillAssignmentsPage {
  if (!isObj(body)) throw malformedError('(body)', body, 'the body is not a JSON object');
  const env = resultSetOf(body) ?? body;
  const key = ['agentSkillAssignments', 'AgentSkillAssignments', 'skillAssignments'].find((k) => env[k] !== undefined) ?? 'agentSkillAssignments';
  const { items, leftOut, leftOutReason } = readEachItem(env[key] ?? [], key, 'agentId and skillId', (raw) => {
    const o = camelItem(raw, 'agentId', 'AgentId');
    const agentId = looseInt(o.agentId);
    const skillId = looseInt(o.skillId);
    if (typeof agentId !== 'number' || typeof skillId !== 'number') return null;
    return { agentId, skillId, active: looseBool(o.isActive) !== false && looseBool(o.isSkillActive) !== false };
  });
  return {
    // Inactive assignments (agent or skill) are read, not left out, and are not assignments.
    assignments: items.filter((a) => a.active).map(({ agentId, skillId }) => ({ agentId, skillId })),
    totalRecords: looseInt(envelopeValue(body, 'totalRecords')) ?? null,
    nextLink: nextLinkOf(body),
    leftOut,
    leftOutReason,
  };
}

/** skillId → the ids of the agents who have it, ascending. */
export function agentsBySkill(assignments: readonly SkillAssignment[]): Map<number, number[]> {
  const by = new Map<number, Set<number>>();
  for (const a of assignments) {
    let s = by.get(a.skillId);
    if (!s) by.set(a.skillId, (s = new Set()));
    s.add(a.agentId);
  }
  return new Map([...by].map(([k, s]) => [k, [...s].sort((x, y) => x - y)] as const));
}
