// Response schemas for the CXone endpoints and their normalization into the app's own types.
//
// agents/states is the hot path (10 000 agents every few seconds), so it has two validators that must
// agree: the zod schema below is the specification, and parseAgentStatesPage() is a hand-written fast
// path with exactly the same rules (test/cxone/schemas.test.ts checks they agree on generated bodies).
// Both feed the one normalizeAgentStateItem().
import { z } from 'zod';
import { AGENT_STATE_NAMES, categorize } from './model';
import type { AgentState } from './model';
import { CxoneError, excerptOf } from './errors';

const int = z.number().int();
const optInt = int.nullish();
const optNum = z.number().nullish();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();

/** One item of agents/states in any documented version (v34 names and the older aliases). */
export const rawAgentStateItemSchema = z
  .object({
    agentId: int,
    agentStateId: optInt,
    agentStateName: optStr,
    agentStateCategory: optStr,
    businessUnitId: optInt,
    contactId: optNum,
    isActive: optBool,
    isACW: optBool,
    isAcw: optBool,
    isOutbound: optBool,
    firstName: optStr,
    lastName: optStr,
    userName: optStr,
    outStateId: optInt,
    outStateDescription: optStr,
    skillId: optInt,
    skillName: optStr,
    startDate: optStr,
    lastUpdateTime: optStr,
    lastPollTime: optStr,
    teamId: optInt,
    teamName: optStr,
    mediaTypeId: optInt,
    mediaTypeName: optStr,
    mediaName: optStr,
    mediaType: z.union([z.number(), z.string()]).nullish(),
  })
  .refine((o) => o.agentStateId != null || o.agentStateName != null, {
    message: 'Neither agentStateId nor agentStateName is present (check the fields parameter).',
    path: ['agentStateId'],
  });
export type RawAgentStateItem = z.infer<typeof rawAgentStateItemSchema>;

const linksSchema = z
  .object({ self: optStr, next: optStr, previous: optStr })
  .nullish();

/** v34 and older versions: top-level `agentStates` (older ones put lastPollTime on each item). */
export const agentStatesListBodySchema = z.object({
  agentStates: z.array(rawAgentStateItemSchema),
  lastPollTime: optStr,
  totalRecords: optInt,
  _links: linksSchema,
});

/** NICE's SDK also meets `resultSet.agentState` + `resultSet.lastPollTime`. */
export const agentStatesResultSetBodySchema = z.object({
  resultSet: z.object({
    agentState: z.array(rawAgentStateItemSchema).nullish(),
    agentStates: z.array(rawAgentStateItemSchema).nullish(),
    lastPollTime: optStr,
    totalRecords: optInt,
  }),
  totalRecords: optInt,
  _links: linksSchema,
});

export interface AgentStatesPage {
  states: AgentState[];
  /** Top-level lastPollTime, else the latest per-item one (older versions), else null. */
  lastPollTime: string | null;
  totalRecords: number | null;
  nextLink: string | null;
}

const STATE_IDS_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(AGENT_STATE_NAMES).map(([id, name]) => [name.toLowerCase(), Number(id)]),
);

/** The one normalization of a validated item (either validator) into AgentState. */
export function normalizeAgentStateItem(r: RawAgentStateItem): AgentState {
  const stateName =
    r.agentStateName ?? (AGENT_STATE_NAMES as Record<number, string>)[r.agentStateId ?? -1] ?? `State ${r.agentStateId}`;
  const stateId = r.agentStateId ?? STATE_IDS_BY_NAME.get(stateName.toLowerCase()) ?? -1;
  const isACW = r.isACW ?? r.isAcw ?? false;
  return {
    agentId: r.agentId,
    stateId,
    stateName,
    category: categorize(stateId, stateName, isACW),
    // CXone sends 0 / "" for "no code", "no contact": one spelling of "none" keeps diffs honest.
    outStateId: r.outStateId ? r.outStateId : null,
    outStateDescription: r.outStateDescription || null,
    isACW,
    contactId: r.contactId ? r.contactId : null,
    skillName: r.skillName || null,
    mediaTypeName: r.mediaTypeName || r.mediaName || null,
    startDate: r.startDate || null,
    lastUpdateTime: r.lastUpdateTime || null,
    firstName: r.firstName ?? '',
    lastName: r.lastName ?? '',
    userName: r.userName || null,
    teamId: r.teamId ?? null,
    teamName: r.teamName || null,
    businessUnitId: r.businessUnitId ?? null,
    isActive: r.isActive ?? true,
  };
}

function laterIso(a: string | null, b: string | null | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function pageFrom(
  items: RawAgentStateItem[],
  topLastPoll: string | null | undefined,
  totalRecords: number | null | undefined,
  nextLink: string | null | undefined,
): AgentStatesPage {
  const states = new Array<AgentState>(items.length);
  let perItemPoll: string | null = null;
  for (let i = 0; i < items.length; i++) {
    const r = items[i]!;
    states[i] = normalizeAgentStateItem(r);
    if (!topLastPoll && r.lastPollTime) perItemPoll = laterIso(perItemPoll, r.lastPollTime);
  }
  return { states, lastPollTime: topLastPoll || perItemPoll, totalRecords: totalRecords ?? null, nextLink: nextLink || null };
}

function malformed(path: string, value: unknown, why: string): CxoneError {
  return new CxoneError({
    kind: 'malformed',
    path,
    // A string value is shown quoted ("2", not 2) so a number-sent-as-text is visible; body text is raw.
    excerpt: excerptOf(typeof value === 'string' && path !== '(body)' ? JSON.stringify(value) : value),
    message: `CXone answered with data the app does not understand: ${why} at ${path}.`,
  });
}

/** The specification path: zod, used by tests and as the reference for the fast path. */
export function parseAgentStatesPageWithZod(body: unknown): AgentStatesPage {
  // Choose the branch the way the fast path does, so an error names the real offending path.
  if (isObj(body) && body.agentStates !== undefined) {
    const d = parseWith(agentStatesListBodySchema, body, 'agents/states');
    return pageFrom(d.agentStates, d.lastPollTime, d.totalRecords, d._links?.next);
  }
  const d = parseWith(agentStatesResultSetBodySchema, body, 'agents/states');
  const rs = d.resultSet;
  return pageFrom(rs.agentState ?? rs.agentStates ?? [], rs.lastPollTime, rs.totalRecords ?? d.totalRecords, d._links?.next);
}

// ---- the fast path -------------------------------------------------------------------------------

const INT_KEYS = ['agentStateId', 'businessUnitId', 'outStateId', 'skillId', 'teamId', 'mediaTypeId'] as const;
const NUM_KEYS = ['contactId'] as const;
const STR_KEYS = [
  'agentStateName', 'agentStateCategory', 'firstName', 'lastName', 'userName', 'outStateDescription', 'skillName',
  'startDate', 'lastUpdateTime', 'lastPollTime', 'teamName', 'mediaTypeName', 'mediaName',
] as const;
const BOOL_KEYS = ['isActive', 'isACW', 'isAcw', 'isOutbound'] as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns null when the item is valid, else [offending key, reason]. Mirrors rawAgentStateItemSchema. */
function checkItem(o: unknown): [string, string] | null {
  if (!isObj(o)) return ['', 'an item is not an object'];
  if (!Number.isSafeInteger(o.agentId)) return ['agentId', 'agentId is not an integer'];
  for (const k of INT_KEYS) {
    const v = o[k];
    if (v != null && !Number.isSafeInteger(v)) return [k, `${k} is not an integer`];
  }
  for (const k of NUM_KEYS) {
    const v = o[k];
    if (v != null && (typeof v !== 'number' || !Number.isFinite(v))) return [k, `${k} is not a number`];
  }
  for (const k of STR_KEYS) {
    const v = o[k];
    if (v != null && typeof v !== 'string') return [k, `${k} is not a string`];
  }
  for (const k of BOOL_KEYS) {
    const v = o[k];
    if (v != null && typeof v !== 'boolean') return [k, `${k} is not a boolean`];
  }
  const mt = o.mediaType;
  if (mt != null && typeof mt !== 'string' && (typeof mt !== 'number' || !Number.isFinite(mt))) {
    return ['mediaType', 'mediaType is neither a number nor a string'];
  }
  if (o.agentStateId == null && o.agentStateName == null) {
    return ['agentStateId', 'neither agentStateId nor agentStateName is present (check the fields parameter)'];
  }
  return null;
}

function checkOpt(v: unknown, test: (v: unknown) => boolean, path: string, why: string): void {
  if (v != null && !test(v)) throw malformed(path, v, why);
}
const isStr = (v: unknown) => typeof v === 'string';

function checkItems(arr: unknown, base: string): RawAgentStateItem[] {
  if (!Array.isArray(arr)) throw malformed(base, arr, `${base} is not a list`);
  for (let i = 0; i < arr.length; i++) {
    const bad = checkItem(arr[i]);
    if (bad) {
      const path = bad[0] ? `${base}[${i}].${bad[0]}` : `${base}[${i}]`;
      throw malformed(path, bad[0] ? (arr[i] as Record<string, unknown>)[bad[0]] : arr[i], bad[1]);
    }
  }
  return arr as RawAgentStateItem[];
}

function checkLinks(links: unknown): string | null {
  if (links == null) return null;
  if (!isObj(links)) throw malformed('_links', links, '_links is not an object');
  for (const k of ['self', 'next', 'previous'] as const) checkOpt(links[k], isStr, `_links.${k}`, `_links.${k} is not a string`);
  return (links.next as string | null | undefined) ?? null;
}

/**
 * Validates and normalizes one parsed agents/states body without zod's per-item overhead.
 * Same acceptance rules and same output as parseAgentStatesPageWithZod; throws a 'malformed' CxoneError.
 */
export function parseAgentStatesPage(body: unknown): AgentStatesPage {
  if (!isObj(body)) throw malformed('(body)', body, 'the body is not a JSON object');
  if (body.agentStates !== undefined) {
    const items = checkItems(body.agentStates, 'agentStates');
    checkOpt(body.lastPollTime, isStr, 'lastPollTime', 'lastPollTime is not a string');
    checkOpt(body.totalRecords, Number.isSafeInteger, 'totalRecords', 'totalRecords is not an integer');
    const next = checkLinks(body._links);
    return pageFrom(items, body.lastPollTime as string | null | undefined, body.totalRecords as number | null | undefined, next);
  }
  const rs = body.resultSet;
  if (!isObj(rs)) throw malformed('agentStates', body, 'the body has neither agentStates nor resultSet');
  let items: RawAgentStateItem[] = [];
  if (rs.agentState != null) items = checkItems(rs.agentState, 'resultSet.agentState');
  const plural = rs.agentStates != null ? checkItems(rs.agentStates, 'resultSet.agentStates') : null;
  if (rs.agentState == null && plural) items = plural;
  checkOpt(rs.lastPollTime, isStr, 'resultSet.lastPollTime', 'lastPollTime is not a string');
  checkOpt(rs.totalRecords, Number.isSafeInteger, 'resultSet.totalRecords', 'totalRecords is not an integer');
  checkOpt(body.totalRecords, Number.isSafeInteger, 'totalRecords', 'totalRecords is not an integer');
  const next = checkLinks(body._links);
  return pageFrom(
    items,
    rs.lastPollTime as string | null | undefined,
    (rs.totalRecords ?? body.totalRecords) as number | null | undefined,
    next,
  );
}

/** JSON text → page: what the client does with a 200 body (the benchmark measures exactly this). */
export function parseAgentStatesJson(text: string): AgentStatesPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed('(body)', text, 'the body is not valid JSON');
  }
  return parseAgentStatesPage(json);
}

// ---- the other endpoints (small, infrequent: zod all the way) ------------------------------------

const rawAgentSchema = z.object({
  agentId: int,
  userId: optStr,
  firstName: optStr,
  lastName: optStr,
  userName: optStr,
  emailAddress: optStr,
  teamId: optInt,
  teamName: optStr,
  businessUnitId: optInt,
  isActive: optBool,
});

export const agentsBodySchema = z.union([
  z.object({ agents: z.array(rawAgentSchema), totalRecords: optInt, lastPollTime: optStr, _links: linksSchema }),
  z.object({ resultSet: z.object({ agents: z.array(rawAgentSchema), lastPollTime: optStr, totalRecords: optInt }) }),
  // A single agent answered as a bare object (seen on the by-id endpoint).
  z.object({ agent: rawAgentSchema }),
]);

export function normalizeAgent(a: z.infer<typeof rawAgentSchema>) {
  return {
    agentId: a.agentId,
    userId: a.userId || null,
    firstName: a.firstName ?? '',
    lastName: a.lastName ?? '',
    userName: a.userName || null,
    emailAddress: a.emailAddress || null,
    teamId: a.teamId ?? null,
    teamName: a.teamName || null,
    businessUnitId: a.businessUnitId ?? null,
    isActive: a.isActive ?? true,
  };
}

export const teamsBodySchema = z.union([
  z.object({ teams: z.array(z.object({ teamId: int, teamName: optStr, isActive: optBool })) }),
  z.object({ resultSet: z.object({ teams: z.array(z.object({ teamId: int, teamName: optStr, isActive: optBool })) }) }),
]);

/** zod's error path as "agents[3].agentId". */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '(body)';
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = body;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return v;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Parse with a zod schema and turn a failure into a 'malformed' CxoneError with path and excerpt. */
export function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = formatPath(issue.path);
  throw malformed(path, valueAt(body, issue.path), `${what}: ${issue.message}`);
}

// ---- agent sessions (the long poll for one agent's own events) --------------------------------

/** CXone spells session ids as strings; accept a number too and keep it as text. */
const sessionIdSchema = z.union([z.string().min(1), z.number()]).transform(String);

/** POST agent-sessions/join answers `{ sessionId }`. */
export const agentSessionJoinBodySchema = z.object({ sessionId: sessionIdSchema });

/**
 * One event of get-next-event. Their fields are not part of the facts the app relies on (any event
 * only means "look again"), so only `Type` is read and everything else is kept as it came.
 */
export const agentSessionEventSchema = z.looseObject({ Type: optStr });

/** get-next-event answers `{ sessionId, events[] }`; the sessionId is the one to ask with next time. */
export const agentSessionEventsBodySchema = z.object({
  sessionId: sessionIdSchema.nullish(),
  events: z.array(agentSessionEventSchema).nullish(),
});
