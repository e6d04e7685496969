// Realistic agents/states answers for the monitor bench, made independently of the demo simulator:
// every one of the 29 documented v34 item fields, contact ids of real magnitude, times without
// milliseconds ("2025-01-15T14:03:27Z"), many distinct states (60 unavailable codes, 300 skills over five
// media types, each skill with its own media type and direction as in CXone), names from large pools —
// and churn drawn afresh at random for every delta.
import { AGENT_STATE_FIELDS } from '../main/cxone/agent-states';
import { makeRng as prng } from '../main/demo/rng';


const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kwame', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoë'];
const LAST = ['Abara', 'Bergström', 'Castillo', 'Dubois', 'Eriksen', 'Fernández', 'García', 'Hoffmann', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Tanaka', 'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhang'];
const MEDIA = [
  [4, 'Phone Call'],
  [3, 'Chat'],
  [1, 'Email'],
  [6, 'Work Item'],
  [8, 'SMS'],
] as const;
const CODES = Array.from({ length: 60 }, (_, i) => [100 + i, ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching', 'Project', 'Personal', 'System'][i % 8]! + (i >= 8 ? ` ${Math.floor(i / 8)}` : '')] as const);
/**
 * A CXone skill has one media type and one direction (GET skills/activity lists `mediaTypeName` and
 * `isOutbound` per skill), so an agent on a contact of a skill has that skill's media and an inbound or
 * outbound state to match. (Until December 1 the bench drew media and direction apart from the skill:
 * 4,500 combinations for contacts, most of which CXone cannot send.) Every fourth skill is outbound, on
 * the phone.
 */
const SKILLS = Array.from({ length: 300 }, (_, i) => {
  const outbound = i % 4 === 0;
  return {
    id: 5000 + i,
    name: `${['Sales', 'Support', 'Billing', 'Retention', 'Tech', 'VIP'][i % 6]} ${['EN', 'ES', 'FR', 'DE', 'PT'][i % 5]} ${Math.floor(i / 30) + 1}`,
    media: outbound ? MEDIA[0] : MEDIA[Math.floor(i / 4) % MEDIA.length]!,
    outbound,
  };
});
type Skill = (typeof SKILLS)[number];
const T0 = Date.UTC(2025, 0, 15, 8, 0, 0);

/**
 * A time as CXone often spells it: whole seconds, no fraction. Remembered per second: an item has three
 * or four times and toISOString was a third of the cost of building 100k agents (the text is the same;
 * each body is still a fresh JSON.stringify, and what the app parses is a fresh string either way).
 */
const spelled = new Map<number, string>();
let remember = true;
function time(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (!remember) return new Date(s * 1000).toISOString().replace('.000Z', 'Z');
  let out = spelled.get(s);
  if (out === undefined) {
    if (spelled.size > 200_000) spelled.clear();
    spelled.set(s, (out = new Date(s * 1000).toISOString().replace('.000Z', 'Z')));
  }
  return out;
}

/**
 * Spell every time afresh, as before the cache: the memory child's figure must not depend on how the
 * bench makes its data (with the cache it read ~1.2 MB lower at 10k — same text, same roster — for a
 * reason not yet found), so it keeps the original, slower way.
 */
export function spellTimesAfresh(): void {
  remember = false;
  spelled.clear();
}

interface Person {
  agentId: number;
  firstName: string;
  lastName: string;
  userName: string;
  teamId: number;
  teamName: string;
  stationId: number;
  sessionStart: number;
}

export interface Tenant {
  n: number;
  people: Person[];
  /** Each agent's current item (all 29 fields). */
  items: Record<string, unknown>[];
  /** The server's clock: moves 10 s per poll. */
  now: number;
  random: () => number;
}

function stateItem(p: Person, random: () => number, now: number): Record<string, unknown> {
  const r = random();
  const startMs = now - Math.floor(random() * 3_600_000);
  let stateId = 1;
  let code: readonly [number, string] | null = null;
  let skill: Skill | null = null;
  let media: readonly [number, string] | null = null;
  let isACW = false;
  let isOutbound = false;
  if (r < 0.05) stateId = 0;
  else if (r < 0.33) stateId = 1;
  else if (r < 0.58) {
    stateId = 2;
    code = CODES[Math.floor(random() * CODES.length)]!;
  } else if (r < 0.64) {
    stateId = 2;
    isACW = true;
    skill = SKILLS[Math.floor(random() * SKILLS.length)]!;
    code = CODES[0]!;
  } else {
    skill = SKILLS[Math.floor(random() * SKILLS.length)]!;
    media = skill.media;
    isOutbound = skill.outbound;
    // An outbound skill's contact is dialled by the agent (OutboundContact) or by the dialer.
    stateId = !isOutbound ? 3 : r < 0.85 ? 4 : 7;
  }
  const onContact = stateId >= 3;
  const contactId = onContact ? 700_000_000_000 + Math.floor(random() * 99_999_999_999) : 0;
  const name = ['LoggedOut', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'InboundConsult', 'OutboundConsult', 'Dialer', 'LoggedIn'][stateId]!;
  return {
    agentId: p.agentId,
    agentStateId: stateId,
    agentStateName: name,
    agentStateCategory: stateId === 0 ? 'LoggedOut' : stateId === 1 ? 'Available' : stateId === 2 ? 'Unavailable' : 'Working',
    businessUnitId: 4_600_123,
    contactId,
    ...(onContact ? { contactStartHandleTime: time(startMs) } : {}),
    ...(stateId !== 0 ? { sessionStartTime: time(p.sessionStart) } : {}),
    isActive: true,
    isACW,
    isOutbound,
    firstName: p.firstName,
    lastName: p.lastName,
    userName: p.userName,
    fromAddress: onContact ? `+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : '',
    toAddress: onContact ? `+1800${String(p.agentId % 1e7).padStart(7, '0')}` : '',
    lastUpdateTime: time(startMs),
    mediaTypeId: media ? media[0] : 0,
    mediaTypeName: media ? media[1] : '',
    openContacts: onContact ? 1 : 0,
    outStateId: code ? code[0] : 0,
    outStateDescription: code ? code[1] : '',
    skillId: skill ? skill.id : 0,
    skillName: skill ? skill.name : '',
    startDate: time(startMs),
    stationId: stateId === 0 ? 0 : p.stationId,
    stationPhoneNumber: stateId === 0 ? '' : `+1555${String(p.stationId).padStart(7, '0')}`,
    teamId: p.teamId,
    teamName: p.teamName,
  };
}

export function makeTenant(n: number, seed: number): Tenant {
  const random = prng(seed);
  const teams = Math.max(5, Math.round(n / 40));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const firstName = FIRST[Math.floor(random() * FIRST.length)]!;
    const lastName = LAST[Math.floor(random() * LAST.length)]!;
    const teamId = 77_000 + Math.floor(random() * teams);
    people.push({
      agentId: 40_100_000 + i * 7,
      firstName,
      lastName,
      userName: `${firstName}.${lastName}.${i}@contoso-care.example`.toLowerCase(),
      teamId,
      teamName: `Team ${teamId - 77_000} ${['North', 'South', 'East', 'West'][teamId % 4]}`,
      stationId: 9_000_000 + i,
      sessionStart: T0 - Math.floor(random() * 8 * 3_600_000),
    });
  }
  const items = people.map((p) => stateItem(p, random, T0));
  return { n, people, items, now: T0, random };
}

/**
 * Dates a changed agent's item: its state (and its contact, if on one) began at `ms`, as did the
 * record's last update. A poll's changes fall on whole seconds across its interval, one time per agent:
 * until Dec 1 every change of a delta had the very same time, which let the app's last-time memos
 * (PageTexts.normalize, the roster's changeTime) answer nearly every agent without reading its time.
 */
function changedAt(item: Record<string, unknown>, ms: number): void {
  item.startDate = time(ms);
  item.lastUpdateTime = time(ms);
  if (item.contactStartHandleTime !== undefined) item.contactStartHandleTime = time(ms);
}

/** The share of agents whose state changes between two polls in the bench (1 %, the churn). */
export const CHURN = 0.01;

/** Draws a fresh random share of agents (without repeats) and gives each a new random state; returns their new items. */
export function churn(t: Tenant, share: number): Record<string, unknown>[] {
  t.now += 10_000;
  const k = Math.max(1, Math.round(t.n * share));
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(t.random() * t.n));
  const out: Record<string, unknown>[] = [];
  for (const i of picked) {
    let next = stateItem(t.people[i]!, t.random, t.now);
    // A fresh draw may repeat the state: draw again so each picked agent really changes.
    for (let g = 0; g < 5 && next.agentStateId === t.items[i]!.agentStateId && next.outStateId === t.items[i]!.outStateId; g++) next = stateItem(t.people[i]!, t.random, t.now);
    changedAt(next, t.now - 1_000 * Math.floor(t.random() * 10));
    t.items[i] = next;
    out.push(next);
  }
  return out.sort((a, b) => (a.agentId as number) - (b.agentId as number));
}

/** Every agent in [from, to) moves to a new random state (different state or code): one history entry each. */
export function changeAll(t: Tenant, from: number, to: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = from; i < Math.min(to, t.n); i++) {
    const was = t.items[i]!;
    let next = stateItem(t.people[i]!, t.random, t.now);
    for (let g = 0; g < 8 && next.agentStateId === was.agentStateId && next.outStateId === was.outStateId && next.isACW === was.isACW && next.contactId === was.contactId; g++) next = stateItem(t.people[i]!, t.random, t.now);
    if (next.agentStateId === was.agentStateId && next.outStateId === was.outStateId && next.isACW === was.isACW && next.contactId === was.contactId) {
      next = { ...next, agentStateId: was.agentStateId === 1 ? 0 : 1, agentStateName: was.agentStateId === 1 ? 'LoggedOut' : 'Available', outStateId: 0, outStateDescription: '', isACW: false };
    }
    // A round of a minute: each agent's change on its own whole second of it.
    changedAt(next, t.now - 1_000 * Math.floor(t.random() * 60));
    t.items[i] = next;
    out.push(next);
  }
  return out;
}

/**
 * A 32-bit digest of the tenant's time and every agent's state, code, contact and start: equal only
 * when two tenants made from one seed were churned alike (bench/page-server.ts keeps its own copy).
 */
export function tenantChecksum(t: Tenant): number {
  let h = Math.imul(0x811c9dc5 ^ (t.now / 1000), 0x01000193);
  const mix = (v: unknown) => {
    const text = String(v);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  };
  for (const item of t.items) {
    mix(item.agentId);
    mix(item.agentStateId);
    mix(item.outStateId);
    mix(item.contactId);
    mix(item.startDate);
  }
  return h >>> 0;
}

const FIELDS = new Set<string>(AGENT_STATE_FIELDS);
/** An item as CXone sends it for `fields=` the app's projection. */
export function projected(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in item) if (FIELDS.has(k)) out[k] = item[k];
  return out;
}

const API = 'https://api-na1.niceincontact.com/inContactAPI/services/v34.0/agents/states';

/** One answer body, v34 envelope, with the self (and next) links a real answer carries. */
export function body(items: Record<string, unknown>[], o: { total: number; lastPollMs: number; query: string; next?: string }): string {
  return JSON.stringify({
    totalRecords: o.total,
    _links: { self: `${API}?${o.query}`, ...(o.next ? { next: `${API}?${o.next}` } : {}) },
    lastPollTime: new Date(o.lastPollMs).toISOString(),
    agentStates: items,
  });
}
