// Reading agents/states (and agents/{id}/states) answers into the app's AgentState, the way real
// tenants send them (CXONE-API.md §3, §6): v34's top-level list, older versions' per-item lastPollTime
// and mediaName/mediaType/isAcw, NICE SDK's resultSet.agentState, PascalCase keys of old versions,
// numbers and booleans as strings, nulls, times without a zone.
//
// Tolerant per item: one item that cannot be read (no usable agent id, no state, an id beyond 2^53
// that JSON.parse has already rounded) is left out and counted, with the first reason; every other
// agent is kept. Fields the app does not use are never looked at, and an unreadable optional field
// counts as absent. Only a body whose list itself is unreadable is a 'malformed' CxoneError.
//
// Hand-written rather than zod: this is the hot path (10 000 agents every few seconds) and zod's
// per-item parse measured ~3x JSON.parse on top of it (npm run bench's goal is ≤ 2x in total).
// The contract test (test/cxone/contract.test.ts) holds it to NICE's published schema instead.
import { excerptOf, malformedError } from './errors';
import { camelItem, envelopeValue, isBeyondSafeInteger, isEnvelopeOnly, isObj, looseBool, looseInt, looseStr, nextLinkOf, resultSetOf } from './lenient';
import { AGENT_STATE_NAMES, categorize, type AgentState } from './model';
import { normalizeServerTime, parseServerTime } from './server-time';

export interface AgentStatesPage {
  states: AgentState[];
  /** Top-level lastPollTime, else the latest per-item one (older versions), else null. As the server spelled it. */
  lastPollTime: string | null;
  totalRecords: number | null;
  nextLink: string | null;
  /** Items on the page that could not be read and were left out. */
  leftOut: number;
  /** Why the first left-out item could not be read, e.g. 'agentStates[3].agentId: "x" is not an agent id'. */
  leftOutReason: string | null;
}

/**
 * The `fields` projection for agents/states: exactly the v34 item fields readItem reads, so an answer
 * carries nothing the app throws away (37 % of a full item's bytes). Used by the live poller on v34+
 * (older versions spell some of these differently); the doctor's FIELDS_TOO_NARROW check must find
 * nothing missing in it (test/diagnostics/fields-projection.test.ts).
 */
export const AGENT_STATE_FIELDS = [
  'agentId', 'agentStateId', 'agentStateName', 'outStateId', 'outStateDescription', 'isACW', 'contactId', 'skillName',
  'mediaTypeName', 'startDate', 'lastUpdateTime', 'firstName', 'lastName', 'userName', 'teamId', 'teamName',
  'businessUnitId', 'isActive',
] as const;

/** True when the API version names item fields as v34 does (the projection above applies). */
export function projectionApplies(apiVersion: string): boolean {
  const m = /^v(\d+)/.exec(apiVersion.trim());
  return m !== null && Number(m[1]) >= 34;
}

const STATE_IDS_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(AGENT_STATE_NAMES).map(([id, name]) => [name.toLowerCase(), Number(id)]),
);
const STATE_NAMES = AGENT_STATE_NAMES as Record<number, string>;

const opt = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** Why an id cannot be used, for the left-out reason. */
function badId(base: string, key: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return `${base}.${key} is missing`;
  if (isBeyondSafeInteger(v)) return `${base}.${key} ${excerptOf(v, 30)} is beyond 2^53 and cannot be kept exactly`;
  return `${base}.${key}: ${excerptOf(typeof v === 'string' ? JSON.stringify(v) : v, 30)} is not an integer id`;
}

/** Ids the app keeps (compares, shows): an unreadable one is treated as absent, a rounded one costs the item. */
const OPTIONAL_IDS = ['outStateId', 'contactId', 'teamId', 'businessUnitId'] as const;

/**
 * How a read keeps the texts its items repeat. Per page (a delta's): normalizeServerTime, remembered
 * for the page — the items of one answer share few distinct times (a delta's changes fall within one
 * poll interval), so each spelling is read once and every agent gets the same string, one flat copy
 * instead of a new one per item and field (issue 15). A pure function memoized, so the result is
 * exactly normalizeServerTime's (test/cxone/agent-states-fast.test.ts). Names are kept as read.
 */
export class PageTexts {
  private readonly seen = new Map<string, string | null>();

  /** `limit`: distinct time spellings remembered; past it each is read anew rather than the memo grow. */
  constructor(private readonly limit = 256) {}

  private lastIn: string | null = null;
  private lastOut: string | null = null;

  normalize(v: unknown): string | null {
    if (typeof v !== 'string') return null;
    // An item's lastUpdateTime is mostly its own startDate, the text read just before: one compare
    // instead of hashing a fresh string for the memo. (Measured Nov 30 at 1.17–1.21 → 1.13–1.16 of
    // JSON.parse at 10k, on bench bodies that gave a whole delta one time, which flattered it.)
    if (v === this.lastIn) return this.lastOut;
    let t = this.seen.get(v);
    if (t === undefined) {
      t = normalizeServerTime(v);
      if (this.seen.size < this.limit) this.seen.set(v, t);
    }
    this.lastIn = v;
    this.lastOut = t;
    return t;
  }

  /** The text to keep for a name items repeat (state, code, skill, media, team): per page, as read. */
  share<T extends string | null>(v: T): T {
    return v;
  }
}

/** Distinct time spellings and names a full list's read remembers (ListTexts). */
const LIST_TIMES = 16_384;
const LIST_NAMES = 4_096;

/**
 * One copy of each repeated text across every page of one full list (the client makes one per list
 * read). JSON.parse makes a new string per item for each text longer than 10 characters (V8 shares the
 * shorter ones itself), and a full list's states are all kept: until the roster takes them in, 100,000
 * states held their own copies of the same team, state and skill names and start times, and the
 * scavenger copied and promoted every one. Bench (b)'s reading process at 100,000 agents (a first read
 * and a resync), --trace-gc-nvp, 12 runs each: promoted 85–114 MB → 42–75 MB (42–47 in 11 runs), the
 * longest scavenge 25–43 → 17–25 ms. Bounded (LIST_TIMES, LIST_NAMES): past that, texts are kept as read.
 */
export class ListTexts extends PageTexts {
  private readonly names = new Map<string, string>();

  constructor() {
    super(LIST_TIMES);
  }

  override share<T extends string | null>(v: T): T {
    // Texts of up to 10 characters are already one copy (a shortcut only: sharing them changes nothing).
    if (v === null || v.length <= 10) return v;
    const have = this.names.get(v);
    if (have !== undefined) return have as T;
    if (this.names.size < LIST_NAMES) this.names.set(v, v);
    return v;
  }
}

/** An item's path for a left-out reason; spelled out only then (not a string per item read). */
const itemPath = (list: string, i: number) => `${list}[${i}]`;

/**
 * What a page of states is read for (see newState). 'full-list': every agent, all of whom the roster
 * keeps; 'delta': the agents that changed since the last poll.
 */
export type StatesRead = 'full-list' | 'delta';

/**
 * A delta's AgentState: plain data (no methods; structured clone and JSON see a plain object), made by
 * a class constructor rather than an object literal. V8 tracks an allocation site per literal, and
 * when most of a site's objects outlive a scavenge, as a roster's states do, it allocates them straight
 * in the old generation ("pretenuring"; --trace-pretenuring-statistics showed the site tenured). Each
 * such state then points from old to young memory, at the strings JSON.parse has just made, and every
 * one of those pointers costs the write barrier and the next scavenge a remembered-set entry. A
 * constructor call has no allocation site. Bench (a), fields projection (issue 15): at 100k agents, 6
 * runs each, from 2.71–3.08× JSON.parse to 2.21–3.64× (medians ~2.95 → ~2.55); at 10k, 6 seeds, from
 * 2.14–2.51× to 2.03–2.25×.
 */
class ReadAgentState implements AgentState {
  agentId = 0;
  stateId = 0;
  stateName = '';
  category: AgentState['category'] = 'other';
  outStateId: number | null = null;
  outStateDescription: string | null = null;
  isACW = false;
  contactId: number | null = null;
  skillName: string | null = null;
  mediaTypeName: string | null = null;
  startDate: string | null = null;
  lastUpdateTime: string | null = null;
  firstName = '';
  lastName = '';
  userName: string | null = null;
  teamId: number | null = null;
  teamName: string | null = null;
  businessUnitId: number | null = null;
  isActive = true;
}

/**
 * A full list's AgentState: an object literal, which V8 does pretenure — rightly here: every one of a
 * full list's 100,000 states is kept, and young they cost the scavenger a copy or two each, in pauses
 * of 28–34 ms (--trace-gc) that were the longest block while the list was read. Bench (b) at 100k,
 * main-thread CPU of the longest block, 6 runs each, interleaved: 26.8–38.1 ms with the literal
 * everywhere, 21.4–35.8 with this split (the class everywhere: up to 41.1).
 */
const listState = (): AgentState => ({
  agentId: 0, stateId: 0, stateName: '', category: 'other', outStateId: null, outStateDescription: null, isACW: false, contactId: null, skillName: null,
  mediaTypeName: null, startDate: null, lastUpdateTime: null, firstName: '', lastName: '', userName: null, teamId: null, teamName: null, businessUnitId: null, isActive: true,
});
const deltaState = (): AgentState => new ReadAgentState();

/** A new AgentState for an item, to be filled in by readItem: made where V8 will place it best (see above). */
const newState = (read: StatesRead) => (read === 'full-list' ? listState : deltaState);

/** One item → AgentState, or the reason it cannot be read. `o` has camelCase keys. */
function readItem(o: Record<string, unknown>, list: string, i: number, texts: PageTexts, make: () => AgentState): AgentState | string {
  const agentId = looseInt(o.agentId);
  if (agentId === null || agentId === undefined) return badId(itemPath(list, i), 'agentId', o.agentId);
  const outStateId = looseInt(o.outStateId);
  const contactId = looseInt(o.contactId);
  const teamId = looseInt(o.teamId);
  const businessUnitId = looseInt(o.businessUnitId);
  // Unreadable (undefined): absent, unless it is an id JSON.parse already rounded.
  if (outStateId === undefined || contactId === undefined || teamId === undefined || businessUnitId === undefined) {
    for (const k of OPTIONAL_IDS) if (isBeyondSafeInteger(o[k])) return badId(itemPath(list, i), k, o[k]);
  }
  const rawStateId = looseInt(o.agentStateId);
  const rawName = looseStr(o.agentStateName) || null;
  if (rawStateId == null && rawName === null) {
    return `${itemPath(list, i)}: neither agentStateId nor agentStateName is readable (check the fields parameter)`;
  }
  const stateName = texts.share(rawName ?? STATE_NAMES[rawStateId!] ?? `State ${rawStateId}`);
  const stateId = rawStateId ?? STATE_IDS_BY_NAME.get(stateName.toLowerCase()) ?? -1;
  const isACW = looseBool(o.isACW) ?? looseBool(o.isAcw) ?? false;
  const s = make();
  s.agentId = agentId;
  s.stateId = stateId;
  s.stateName = stateName;
  s.category = categorize(stateId, stateName, isACW);
  // CXone sends 0 / "" for "no code", "no contact": one spelling of "none" keeps diffs honest.
  s.outStateId = outStateId || null;
  s.outStateDescription = texts.share(looseStr(o.outStateDescription) || null);
  s.isACW = isACW;
  s.contactId = contactId || null;
  s.skillName = texts.share(looseStr(o.skillName) || null);
  s.mediaTypeName = texts.share(looseStr(o.mediaTypeName) || looseStr(o.mediaName) || null);
  s.startDate = texts.normalize(o.startDate);
  s.lastUpdateTime = texts.normalize(o.lastUpdateTime);
  s.firstName = looseStr(o.firstName) ?? '';
  s.lastName = looseStr(o.lastName) ?? '';
  s.userName = looseStr(o.userName) || null;
  s.teamId = opt(teamId);
  s.teamName = texts.share(looseStr(o.teamName) || null);
  s.businessUnitId = opt(businessUnitId);
  s.isActive = looseBool(o.isActive) ?? true;
  return s;
}


/** A time the server sent, kept as spelled (it goes back as updatedSince), if it is a time at all. */
function serverTimeText(v: unknown): string | null {
  return typeof v === 'string' && parseServerTime(v) !== undefined ? v : null;
}

function readItems(list: unknown, base: string, topLastPoll: string | null, totalRecords: number | null, nextLink: string | null, make: () => AgentState, texts: PageTexts): AgentStatesPage {
  if (!Array.isArray(list)) throw malformedError(base, list, `${base} is not a list`);
  const states: AgentState[] = [];
  let leftOut = 0;
  let leftOutReason: string | null = null;
  let perItemPoll: string | null = null;
  let perItemPollMs = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    let r: AgentState | string;
    let o: Record<string, unknown> | null = null;
    if (!isObj(raw)) r = `${base}[${i}] is not an object`;
    else {
      // Old versions spell keys in PascalCase (AgentId, AgentStateId, LastPollTime, StartDate…).
      o = camelItem(raw, 'agentId', 'AgentId');
      r = readItem(o, base, i, texts, make);
    }
    if (typeof r === 'string') {
      leftOut++;
      leftOutReason ??= r;
      continue;
    }
    states.push(r);
    // Older versions put lastPollTime on each item: the latest one is the page's.
    if (topLastPoll === null && o!.lastPollTime != null) {
      const t = parseServerTime(o!.lastPollTime);
      if (t !== undefined && t > perItemPollMs) {
        perItemPollMs = t;
        perItemPoll = o!.lastPollTime as string;
      }
    }
  }
  return { states, lastPollTime: topLastPoll ?? perItemPoll, totalRecords, nextLink, leftOut, leftOutReason };
}

/** Where an agents/states body keeps its list, poll time and count (see agentStatesEnvelope). */
export interface AgentStatesEnvelope {
  /** The list as sent (not checked to be a list); `[]` for an envelope without one. */
  list: unknown;
  /** Its path in the body, for reasons: "agentStates", "AgentStates" or "resultSet.<key>". */
  where: string;
  /** lastPollTime as sent (any spelling of the key), unread. */
  lastPollTime: unknown;
  /** totalRecords read leniently (a number or a numeric string); null when absent or unreadable. */
  totalRecords: number | null;
}

/**
 * The list, poll time and count of an agents/states body in any spelling CXone uses: v34's camelCase,
 * older versions' PascalCase, and the `{resultSet: {…}}` wrapper; an envelope without a list (v34's
 * schema requires no key) is an empty list. Null when the body is none of these (an error page, a
 * proxy's own JSON). The one reading of the envelope: the client's pages and the doctor's look at the
 * user's own query both go through it.
 */
export function agentStatesEnvelope(body: Record<string, unknown>): AgentStatesEnvelope | null {
  const total = (v: unknown) => opt(looseInt(v));
  if (body.agentStates !== undefined || body.AgentStates !== undefined) {
    const key = body.agentStates !== undefined ? 'agentStates' : 'AgentStates';
    return { list: body[key], where: key, lastPollTime: envelopeValue(body, 'lastPollTime'), totalRecords: total(envelopeValue(body, 'totalRecords')) };
  }
  const rs = resultSetOf(body);
  if (!rs) {
    if (!isEnvelopeOnly(body)) return null;
    return { list: [], where: 'agentStates', lastPollTime: envelopeValue(body, 'lastPollTime'), totalRecords: total(envelopeValue(body, 'totalRecords')) };
  }
  const key = ['agentState', 'agentStates', 'AgentState', 'AgentStates'].find((k) => rs[k] != null);
  return {
    list: key ? rs[key] : [],
    where: `resultSet.${key ?? 'agentState'}`,
    lastPollTime: envelopeValue(body, 'lastPollTime'),
    totalRecords: total(envelopeValue(body, 'totalRecords')),
  };
}

/**
 * Reads one parsed agents/states body. Throws a 'malformed' CxoneError only when the body or its list
 * is unreadable; unreadable items are left out and counted (see AgentStatesPage.leftOut). `read` says
 * what the page is read for (StatesRead), and `list` is the ListTexts of the full list it belongs to
 * (a 'full-list' page without one shares texts within itself). Neither changes what the states hold,
 * only how V8 places them and how many copies of their texts there are.
 */
export function parseAgentStatesPage(body: unknown, read: StatesRead = 'delta', list?: ListTexts): AgentStatesPage {
  const make = newState(read);
  const texts = read === 'full-list' ? (list ?? new ListTexts()) : new PageTexts();
  if (!isObj(body)) throw malformedError('(body)', body, 'the body is not a JSON object');
  const envelope = agentStatesEnvelope(body);
  if (!envelope) throw malformedError('agentStates', body, 'the body has neither agentStates nor resultSet');
  return readItems(envelope.list, envelope.where, serverTimeText(envelope.lastPollTime), envelope.totalRecords, nextLinkOf(body), make, texts);
}

/** JSON text → page: what the client does with a 200 body (the benchmark measures exactly this). */
export function parseAgentStatesJson(text: string, read: StatesRead = 'delta', list?: ListTexts): AgentStatesPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformedError('(body)', text, 'the body is not valid JSON');
  }
  return parseAgentStatesPage(json, read, list);
}
