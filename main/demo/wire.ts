// How the simulated tenant spells its answers on the wire: the documented CXone JSON shapes
// (CXONE-API.md §3 and §5), in each version variant the client must read. Shared by the HTTP server
// and the benchmark fixtures so both produce exactly what a real tenant would.
import { AGENT_STATE_NAMES } from '../cxone/model';
import type { ContactCenterSimulator, SimAgent, SimStatus } from './simulator';

/** v34: top-level lastPollTime; older: per-item lastPollTime, mediaName/mediaType, isAcw; resultSet: NICE SDK's wrapper. */
export type ResponseShape = 'v34' | 'older' | 'resultSet';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function categoryWord(s: SimStatus): string {
  if (s.stateId === 0) return 'LoggedOut';
  if (s.stateId === 1) return 'Available';
  if (s.stateId === 2) return 'Unavailable';
  return 'Working';
}

/**
 * One agents/states item with every documented v34 field, as CXone fills them ("none" is 0 or ""). A
 * time that does not apply (no contact, logged out) is left off: v34's schema has no null for it.
 */
export function agentStateItem(agent: SimAgent, s: SimStatus, lastChangeAt: number): Record<string, unknown> {
  return withoutNulls({
    agentId: agent.agentId,
    agentStateId: s.stateId,
    agentStateName: AGENT_STATE_NAMES[s.stateId as keyof typeof AGENT_STATE_NAMES],
    agentStateCategory: categoryWord(s),
    businessUnitId: agent.businessUnitId,
    contactId: s.contactId ?? 0,
    contactStartHandleTime: s.contactId ? iso(s.startDate) : null,
    sessionStartTime: iso(s.sessionStartTime),
    isActive: agent.isActive,
    isACW: s.isACW,
    isOutbound: s.isOutbound,
    firstName: agent.firstName,
    lastName: agent.lastName,
    userName: agent.userName,
    fromAddress: '',
    toAddress: '',
    lastUpdateTime: iso(lastChangeAt),
    mediaTypeId: s.mediaTypeId ?? 0,
    mediaTypeName: s.mediaTypeName ?? '',
    openContacts: s.contactId ? 1 : 0,
    outStateId: s.outStateId ?? 0,
    outStateDescription: s.outStateDescription ?? '',
    skillId: s.skillId ?? 0,
    skillName: s.skillName ?? '',
    startDate: iso(s.startDate),
    stationId: s.sessionStartTime === null ? 0 : 9000 + (agent.agentId % 1000),
    stationPhoneNumber: '',
    teamId: agent.teamId,
    teamName: agent.teamName,
  });
}

/** The item fields of GET agents/{agentId}/states in the contract: fewer than the list's, media as mediaName/mediaType. */
const ONE_AGENT_FIELDS = new Set(['agentId', 'agentStateId', 'agentStateName', 'businessUnitId', 'contactId', 'firstName', 'fromAddress', 'isACW', 'isOutbound', 'lastName', 'lastUpdateTime', 'openContacts', 'outStateDescription', 'outStateId', 'skillId', 'skillName', 'startDate', 'stationId', 'stationPhoneNumber', 'teamId', 'teamName', 'toAddress']);

/**
 * GET agents/{agentId}/states in v34's shape (cxone-contract): `{agentStates: [item]}` and nothing else —
 * the server's time on the item (lastPollTime), the media as mediaName and mediaType — not the list's
 * envelope and item.
 */
export function oneAgentStatesBody(listItem: Record<string, unknown>, lastPollTime: string): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(listItem)) if (ONE_AGENT_FIELDS.has(k)) item[k] = v;
  item.mediaName = listItem.mediaTypeName ?? '';
  item.mediaType = listItem.mediaTypeId ?? 0;
  item.lastPollTime = lastPollTime;
  return { agentStates: [item] };
}

function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] === null) delete o[k];
  return o;
}

/** The older versions' spelling of an item. */
function olderItem(v34: Record<string, unknown>, lastPollTime: string): Record<string, unknown> {
  const { isACW, mediaTypeId, mediaTypeName, ...rest } = v34;
  return { ...rest, isAcw: isACW, mediaType: mediaTypeId, mediaName: mediaTypeName, lastPollTime };
}

const INT_KEYS = new Set(['agentId', 'agentStateId', 'businessUnitId', 'contactId', 'mediaTypeId', 'openContacts', 'outStateId', 'skillId', 'stationId', 'teamId']);
/** Ids where CXone's 0 means "none" (so a tenant may send null instead); an agent or state id 0 is real. */
const NONE_KEYS = new Set(['contactId', 'mediaTypeId', 'openContacts', 'outStateId', 'skillId', 'stationId']);
const TIME_KEYS = new Set(['startDate', 'lastUpdateTime', 'sessionStartTime', 'contactStartHandleTime', 'lastPollTime']);

/** A time as real tenants also spell it: no zone (UTC by CXone's clock) and seven fraction digits. */
export const zonelessTime = (iso: string) => iso.replace(/Z$/, '').replace(/\.(\d{3})$/, (_, ms: string) => `.${ms}0000`);

const pascal = (k: string) => k[0]!.toUpperCase() + k.slice(1);

/**
 * The same item as messier real tenants send it (CXONE-API.md §6), `variant` choosing the mix: ids as
 * numeric strings, flags as "True"/"False", null for "none", times without a zone, and every third
 * item in the PascalCase keys of old versions. Read back, it must mean exactly the same agent.
 */
export function messyItem(item: Record<string, unknown>, variant: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pascalKeys = variant % 3 === 2;
  for (const [k, v] of Object.entries(item)) {
    let m = v;
    if (INT_KEYS.has(k) && typeof v === 'number') m = v === 0 && variant % 2 && NONE_KEYS.has(k) ? null : String(v);
    else if (typeof v === 'boolean') m = v ? 'True' : 'False';
    else if (v === '') m = variant % 2 ? null : '';
    else if (TIME_KEYS.has(k) && typeof v === 'string') m = zonelessTime(v);
    out[pascalKeys ? pascal(k) : k] = m;
  }
  return out;
}

export interface StatesBodyInput {
  items: Array<Record<string, unknown>>;
  totalRecords: number;
  lastPollTime: string;
  /** A link that does not apply is null or absent (it is left off the body). */
  links: { self?: string | null; next?: string | null; previous?: string | null };
  shape: ResponseShape;
}

/** Wraps v34 items in the envelope of the chosen shape. */
export function agentStatesBody(input: StatesBodyInput): Record<string, unknown> {
  const { items, totalRecords, lastPollTime, shape } = input;
  // v34 spells a link that does not apply by leaving it off (its schema has no null).
  const links = withoutNulls({ ...input.links });
  if (shape === 'older') {
    return { totalRecords, _links: links, agentStates: items.map((i) => olderItem(i, lastPollTime)) };
  }
  if (shape === 'resultSet') {
    return { _links: links, resultSet: { totalRecords, lastPollTime, agentState: items } };
  }
  return { totalRecords, _links: links, lastPollTime, agentStates: items };
}

/** Keeps only the requested fields (case-insensitive, as CXone treats field names). */
export function project(item: Record<string, unknown>, fields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in item) if (fields.has(k.toLowerCase())) out[k] = item[k];
  return out;
}

export function agentItem(a: SimAgent): Record<string, unknown> {
  return {
    agentId: a.agentId,
    userID: a.userId,
    firstName: a.firstName,
    lastName: a.lastName,
    userName: a.userName,
    emailAddress: a.emailAddress,
    teamId: a.teamId,
    teamName: a.teamName,
    isActive: a.isActive,
    isSupervisor: false,
    timeZone: 'UTC',
  };
}

/** Every agent's state item as of now, ordered by agentId. */
export function allStateItems(sim: ContactCenterSimulator, indices?: readonly number[]): Array<Record<string, unknown>> {
  const idx = indices ?? sim.agents.map((_, i) => i);
  return idx.map((i) => {
    const e = sim.entry(i);
    return agentStateItem(e.agent, e.status, e.lastChangeAt);
  });
}
