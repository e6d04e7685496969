// Reading skills/activity answers (CXONE-API.md §3b, cxone-contract `GET …/skills/activity`) into the
// app's SkillQueue, the way real tenants send them (§6): numbers and flags as strings, nulls, PascalCase
// keys of old versions, times without a zone (UTC). Tolerant per item like agent-states.ts: an item
// without a usable skill id is left out and counted, with the first reason; every other skill is kept.
// A count that cannot be read counts as 0, a service-level figure that cannot be read as "none".
import { excerptOf, malformedError } from '../cxone/errors';
import { camelItem, envelopeValue, isBeyondSafeInteger, isEnvelopeOnly, isObj, looseBool, looseInt, looseStr, nextLinkOf, resultSetOf } from '../cxone/lenient';
import { normalizeServerTime, parseServerTime } from '../cxone/server-time';
import type { ServiceLevelStatus, SkillQueue } from './model';

/** One skillActivity item as the app keeps it: the published SkillQueue less what other calls tell (agentIds). */
export type SkillActivity = Omit<SkillQueue, 'agentIds'>;

export interface SkillActivityPage {
  skills: SkillActivity[];
  /** The answer's lastPollTime as the server spelled it (it goes back as updatedSince); else the latest per-item serverTime; else null. */
  lastPollTime: string | null;
  totalRecords: number | null;
  nextLink: string | null;
  /** Items on the page that could not be read and were left out. */
  leftOut: number;
  /** Why the first left-out item could not be read, e.g. 'skillActivity[2].skillId is missing'. */
  leftOutReason: string | null;
}

/** Points below the goal that still count as "at risk" rather than "breached" (model.ts). */
export const AT_RISK_POINTS = 5;

/** Service level against its goal, as documented on serviceLevelStatusSchema in model.ts. */
export function serviceLevelStatus(serviceLevel: number | null, goal: number | null): ServiceLevelStatus {
  if (serviceLevel === null || goal === null) return 'unknown';
  if (serviceLevel >= goal) return 'meeting';
  return serviceLevel >= goal - AT_RISK_POINTS ? 'at-risk' : 'breached';
}

const count = (v: unknown): number => {
  const n = looseInt(v);
  return typeof n === 'number' && n > 0 ? n : 0;
};

/** A percentage 0–100, or null when absent or unreadable. */
function percent(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
}

/** One item → SkillActivity, or the reason it cannot be read. `o` has camelCase keys. */
function readItem(o: Record<string, unknown>, base: string): SkillActivity | string {
  const skillId = looseInt(o.skillId);
  if (skillId === null || skillId === undefined) {
    const v = o.skillId;
    if (v === undefined || v === null || v === '') return `${base}.skillId is missing`;
    if (isBeyondSafeInteger(v)) return `${base}.skillId ${excerptOf(v, 30)} is beyond 2^53 and cannot be kept exactly`;
    return `${base}.skillId: ${excerptOf(typeof v === 'string' ? JSON.stringify(v) : v, 30)} is not an integer id`;
  }
  const queueCount = count(o.queueCount);
  const inSLA = looseInt(o.inSLA ?? o.inSla);
  const outSLA = looseInt(o.outSLA ?? o.outSla);
  // Nothing answered yet in the period: a level of 0 % (or 100 %) says nothing, and must not read as a breach.
  const nothingAnswered = inSLA === 0 && outSLA === 0;
  const serviceLevel = nothingAnswered ? null : percent(o.serviceLevel);
  const goalRaw = percent(o.serviceLevelGoal);
  // A goal of 0 % is CXone's "none set".
  const serviceLevelGoal = goalRaw !== null && goalRaw > 0 ? goalRaw : null;
  const threshold = looseInt(o.serviceLevelThreshold);
  return {
    skillId,
    skillName: looseStr(o.skillName) || `Skill ${skillId}`,
    mediaTypeName: looseStr(o.mediaTypeName) || looseStr(o.mediaName) || '',
    isOutbound: looseBool(o.isOutbound) ?? false,
    queueCount,
    // Nobody waiting: whatever time CXone still sends is not anyone's wait.
    earliestQueueTime: queueCount > 0 ? normalizeServerTime(o.earliestQueueTime) : null,
    agentsAvailable: count(o.agentsAvailable),
    agentsUnavailable: count(o.agentsUnavailable),
    agentsACW: count(o.agentsACW ?? o.agentsAcw),
    agentsWorking: count(o.agentsWorking),
    agentsLoggedIn: count(o.agentsLoggedIn),
    serviceLevel,
    serviceLevelGoal,
    serviceLevelThreshold: typeof threshold === 'number' && threshold >= 0 ? threshold : null,
    serviceLevelStatus: serviceLevelStatus(serviceLevel, serviceLevelGoal),
  };
}

/** A time the server sent, kept as spelled (it goes back as updatedSince), if it is a time at all. */
function serverTimeText(v: unknown): string | null {
  return typeof v === 'string' && parseServerTime(v) !== undefined ? v : null;
}

/**
 * Reads one parsed skills/activity body (or skills/{id}/activity). Throws a 'malformed' CxoneError only
 * when the body or its list is unreadable; unreadable items are left out and counted.
 */
export function parseSkillActivityPage(body: unknown): SkillActivityPage {
  if (!isObj(body)) throw malformedError('(body)', body, 'the body is not a JSON object');
  // NICE's SDKs also meet the list wrapped in resultSet, as on agents/states.
  const rs = resultSetOf(body);
  const env: Record<string, unknown> = rs ?? body;
  const key = ['skillActivity', 'SkillActivity'].find((k) => env[k] !== undefined);
  const topPoll = serverTimeText(envelopeValue(body, 'lastPollTime'));
  const total = looseInt(envelopeValue(body, 'totalRecords')) ?? null;
  const nextLink = nextLinkOf(body);
  if (key === undefined) {
    // The schema requires no key: an envelope without a list is an empty list. Anything else is not this answer.
    if (isEnvelopeOnly(body)) {
      return { skills: [], lastPollTime: topPoll, totalRecords: total, nextLink, leftOut: 0, leftOutReason: null };
    }
    throw malformedError('skillActivity', body, 'the body has no skillActivity list');
  }
  const list = env[key];
  // null for "none" (§6): an empty list.
  if (list === null) return { skills: [], lastPollTime: topPoll, totalRecords: total, nextLink, leftOut: 0, leftOutReason: null };
  if (!Array.isArray(list)) throw malformedError(key, list, `${key} is not a list`);
  const skills: SkillActivity[] = [];
  let leftOut = 0;
  let leftOutReason: string | null = null;
  let itemPoll: string | null = null;
  let itemPollMs = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const raw: unknown = list[i];
    let r: SkillActivity | string;
    if (!isObj(raw)) r = `${key}[${i}] is not an object`;
    else {
      const o = camelItem(raw, 'skillId', 'SkillId');
      r = readItem(o, `${key}[${i}]`);
      // No top-level lastPollTime (an older answer): the latest serverTime of the items stands in.
      if (topPoll === null && typeof r !== 'string') {
        const t = parseServerTime(o.serverTime);
        if (t !== undefined && t > itemPollMs) {
          itemPollMs = t;
          itemPoll = o.serverTime as string;
        }
      }
    }
    if (typeof r === 'string') {
      leftOut++;
      leftOutReason ??= r;
    } else skills.push(r);
  }
  return { skills, lastPollTime: topPoll ?? itemPoll, totalRecords: total, nextLink, leftOut, leftOutReason };
}

/** JSON text → page: what the client does with a 200 body (the benchmark measures exactly this). */
export function parseSkillActivityJson(text: string): SkillActivityPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformedError('(body)', text, 'the body is not valid JSON');
  }
  return parseSkillActivityPage(json);
}
