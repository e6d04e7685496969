// Every other endpoint of NICE's v34 contract the app reads, held to what contract.test.ts holds
// agents/states to: bodies generated from the published schema (test/harness/contract-arbitrary.ts) read
// without loss of anything the app uses; the same in every field's §6 spelling ("12", "true"/"True"/1,
// null or no non-required field, unknown extra fields, every spelling of a time); an empty list is an
// empty list; and one unreadable item costs that item, counted, never the others.
//   skills/activity, unavailable-codes, teams/{teamId}/unavailable-codes — the list readers;
//   agent-sessions/join and …/get-next-event — through the client (a fetch that answers in memory);
//   /.well-known/cxone-configuration — through discovery (the same).
// Not here: skills/{skillId}/activity, agents/{agentId}/queues and contacts/active (the app calls none
// of them); agents/states and agents/{agentId}/states (contract.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { discoverCxoneConfiguration } from '../../main/cxone/discovery';
import { parseServerTime } from '../../main/cxone/server-time';
import { parseUnavailableCodesPage } from '../../main/cxone/unavailable-codes';
import { AGENT_STATE_NAMES } from '../../main/cxone/model';
import { readAgentStateEvent } from '../../main/monitor/own-state-event';
import { parseSkillActivityPage, serviceLevelStatus } from '../../main/queues/skill-activity';
import { arbitraryOf, contractSchema, patchProperties, spelledAsTenantsDo, spelledBodiesOf, withOneAmong, type Schema, type Spelled } from '../harness/contract-arbitrary';

const API = '/inContactAPI/services/v34.0';
type Item = Record<string, unknown>;
type Body = Record<string, unknown>;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const iso = (v: unknown): string | null => {
  const t = parseServerTime(v);
  return t === undefined ? null : new Date(t).toISOString();
};
const linkNext = (body: Body): string | null => {
  const next = (body._links as { next?: unknown } | undefined)?.next;
  return typeof next === 'string' ? next.trim() || null : null;
};
const listOf = (body: Body, key: string): Item[] => (Array.isArray(body[key]) ? (body[key] as Item[]) : []);

/** Items CXone may send that cannot be read: not an object, or no usable id under `id`. */
const unreadable = (id: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(null, 42, 'item', true, [], [{ [id]: 1 }]),
    fc.constantFrom<unknown>({}, { [id]: null }, { [id]: '' }, { [id]: 'n/a' }, { [id]: 1.5 }, { [id]: {} }, { [id]: 2 ** 60 }, { name: 'Break', skillName: 'Billing' }),
  );

// ---- the list readers --------------------------------------------------------------------------------

interface ListCase {
  key: string;
  /** Where the body keeps its list. */
  list: string;
  /** The id an item cannot be read without. */
  id: string;
  /** Where the contract says less than CXone documents. */
  patch?: Record<string, Schema>;
  /** Body → what the app keeps of it: the items, how many were left out, and the envelope it reads. */
  read: (body: unknown) => { items: unknown[]; leftOut: number; envelope: Record<string, unknown> };
  /** A contract-valid body → what read() must give. */
  expected: (body: Body) => { items: unknown[]; leftOut: number; envelope: Record<string, unknown> };
  seed: number;
}

/** skills/activity's item as the app must keep it (main/queues/skill-activity.ts, CXONE-API.md §3b). */
function expectedSkill(it: Item) {
  const count = (k: string) => Math.max(0, num(it[k]) ?? 0);
  const pct = (k: string) => (num(it[k]) === undefined ? null : Math.min(100, Math.max(0, num(it[k])!)));
  const queueCount = count('queueCount');
  // Nothing answered yet in the period: no level (a 0 % would read as a breach).
  const serviceLevel = num(it.inSLA) === 0 && num(it.outSLA) === 0 ? null : pct('serviceLevel');
  const goal = pct('serviceLevelGoal');
  const serviceLevelGoal = goal !== null && goal > 0 ? goal : null;
  const threshold = num(it.serviceLevelThreshold);
  return {
    skillId: it.skillId,
    skillName: (it.skillName as string | undefined) || `Skill ${String(it.skillId)}`,
    mediaTypeName: (it.mediaTypeName as string | undefined) || '',
    isOutbound: it.isOutbound ?? false,
    queueCount,
    earliestQueueTime: queueCount > 0 ? iso(it.earliestQueueTime) : null,
    agentsAvailable: count('agentsAvailable'),
    agentsUnavailable: count('agentsUnavailable'),
    agentsACW: count('agentsACW'),
    agentsWorking: count('agentsWorking'),
    agentsLoggedIn: count('agentsLoggedIn'),
    serviceLevel,
    serviceLevelGoal,
    serviceLevelThreshold: threshold !== undefined && threshold >= 0 ? threshold : null,
    serviceLevelStatus: serviceLevelStatus(serviceLevel, serviceLevelGoal),
  };
}

/** A code as the app keeps it, from its id, name, flags and time limit in minutes (main/cxone/unavailable-codes.ts). */
const code = (id: unknown, name: unknown, isActive: unknown, isAcw: unknown, limit: number | null) => ({
  outStateId: id,
  outStateDescription: (name as string | undefined) ?? '',
  isActive: isActive ?? true,
  isAcw: isAcw ?? false,
  timeLimitMinutes: limit !== null && limit > 0 ? limit : null,
});

const LIST_CASES: ListCase[] = [
  {
    key: `GET ${API}/skills/activity`,
    list: 'skillActivity',
    id: 'skillId',
    // The longest-waiting contact's time: a plain string in the contract, a time in CXONE-API.md §3b.
    patch: { earliestQueueTime: { format: 'date-time' } },
    read: (body) => {
      const p = parseSkillActivityPage(body);
      return { items: p.skills, leftOut: p.leftOut, envelope: { lastPollTime: parseServerTime(p.lastPollTime) ?? null, totalRecords: p.totalRecords, nextLink: p.nextLink } };
    },
    expected: (body) => {
      const items = listOf(body, 'skillActivity').filter((it) => it.skillId !== undefined);
      // An answer without a lastPollTime (older versions) goes on from its latest serverTime.
      const itemTimes = items.map((it) => parseServerTime(it.serverTime)).filter((t) => t !== undefined);
      const poll = body.lastPollTime !== undefined ? parseServerTime(body.lastPollTime)! : itemTimes.length ? Math.max(...itemTimes) : null;
      return {
        items: items.map(expectedSkill),
        leftOut: listOf(body, 'skillActivity').length - items.length,
        envelope: { lastPollTime: poll, totalRecords: body.totalRecords ?? null, nextLink: linkNext(body) },
      };
    },
    seed: 3401,
  },
  {
    key: `GET ${API}/unavailable-codes`,
    list: 'unavailableCodes',
    id: 'id',
    read: (body) => {
      const p = parseUnavailableCodesPage(body);
      return { items: p.codes, leftOut: p.skipped, envelope: { totalRecords: p.totalRecords, nextLink: p.nextLink } };
    },
    expected: (body) => {
      const items = listOf(body, 'unavailableCodes').filter((it) => it.id !== undefined);
      return {
        items: items.map((it) => code(it.id, it.name, it.isActive, it.isACW, num(it.agentTimeout) ?? null)),
        leftOut: listOf(body, 'unavailableCodes').length - items.length,
        // No list at all: an empty page, and paging stops at an empty page, so its count and link are never used.
        envelope: body.unavailableCodes === undefined ? { totalRecords: null, nextLink: null } : { totalRecords: body.totalRecords ?? null, nextLink: linkNext(body) },
      };
    },
    seed: 3402,
  },
  {
    key: `GET ${API}/teams/{teamId}/unavailable-codes`,
    list: 'unavailableCodes',
    id: 'outstateId',
    // Minutes as text: a number, padded or not, or nothing ("", "0", a word) — not just any string.
    patch: { agentTimeoutMins: { enum: ['', '0', '5', '15', ' 30 ', '120', 'none'] } },
    read: (body) => {
      const p = parseUnavailableCodesPage(body);
      return { items: p.codes, leftOut: p.skipped, envelope: { totalRecords: p.totalRecords, nextLink: p.nextLink } };
    },
    expected: (body) => {
      const items = listOf(body, 'unavailableCodes');
      const minutes = (v: unknown) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : null);
      return {
        items: items.map((it) => code(it.outstateId, it.outstateName, it.isActive, it.isAcw, minutes(it.agentTimeoutMins))),
        leftOut: 0,
        envelope: { totalRecords: null, nextLink: null },
      };
    },
    seed: 3403,
  },
];

describe('list bodies generated from the contract read without loss', () => {
  for (const c of LIST_CASES) {
    const schema = c.patch ? patchProperties(contractSchema(c.key), c.patch) : contractSchema(c.key);

    it(`${c.key}: as the contract spells them`, () => {
      fc.assert(
        fc.property(arbitraryOf(schema), (body) => {
          expect(c.read(body)).toEqual(c.expected(body as Body));
        }),
        { numRuns: 200, seed: c.seed },
      );
    });

    it(`${c.key}: in every field's §6 spelling ("12", "true"/"True"/1, nulls, missing and unknown fields, every time spelling)`, () => {
      fc.assert(
        fc.property(spelledBodiesOf(schema, { listKey: c.list }), ({ sent, means }) => {
          expect(c.read(sent)).toEqual(c.expected(means as Body));
        }),
        { numRuns: 300, seed: c.seed + 100 },
      );
    });

    // These two readers take a null list for "none", as §6 says of any absent value (agents/states'
    // reader refuses one as a schema drift: test/cxone/schemas.test.ts).
    it(`${c.key}: an empty or null list is an empty list, whatever else the envelope says`, () => {
      fc.assert(
        fc.property(spelledBodiesOf(schema, { listKey: c.list }), fc.constantFrom([], null), ({ sent, means }, none) => {
          const { [c.list]: _list, ...meansRest } = means as Body;
          const read = c.read({ ...(sent as Body), [c.list]: none });
          expect(read).toEqual(c.expected(none === null ? meansRest : { ...meansRest, [c.list]: [] }));
          expect(read.items).toEqual([]);
        }),
        { numRuns: 100, seed: c.seed + 200 },
      );
    });

    it(`${c.key}: one unreadable item among readable ones is left out and counted, the others read as ever`, () => {
      const bodies = (arbitraryOf(schema) as fc.Arbitrary<Body>).chain((body) => withOneAmong(listOf(body, c.list), unreadable(c.id)).map((w) => ({ body, ...w })));
      fc.assert(
        fc.property(bodies, ({ body, list }) => {
          const clean = c.expected(body);
          const read = c.read({ ...body, [c.list]: list });
          expect(read.items).toEqual(clean.items);
          expect(read.leftOut).toBe(clean.leftOut + 1);
        }),
        { numRuns: 200, seed: c.seed + 300 },
      );
    });
  }
});

// ---- the agent session (POST agent-sessions/join, GET …/get-next-event) -------------------------------

/** A client whose every request is answered `status` with `body` as JSON, in memory. */
const answering = (status: number, body: unknown) =>
  createCxoneClient({
    baseUrl: `https://api-na1.niceincontact.com${API}`,
    getAccessToken: async () => 'token',
    onUnauthorized: () => {},
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  });

const JOIN = `POST ${API}/agent-sessions/join`;
const NEXT = `GET ${API}/agent-sessions/{sessionId}/get-next-event`;
// The schema allows an empty session id. A join that answers one has given no session to poll (refused,
// as a join without a body is); an events answer's "" is "none" (§6), as null is: the id asked with stays.
const joinPatch: Record<string, Schema> = { sessionId: { minLength: 1 } };

/**
 * The AgentState event of CXONE-API.md §3a on the contract's event item: the contract lists only Type,
 * IISHost and VCHost. Its values are text on the wire ("True"/"False"), which is how the spellings send
 * a boolean too; the schema says boolean so every spelling of one is tried.
 */
function agentStateEventSchema(): Schema {
  const event = contractSchema(NEXT).properties!.events!.items!;
  return {
    ...event,
    type: 'object',
    required: [...(event.required ?? []), 'CurrentState'],
    properties: {
      ...event.properties,
      Type: { enum: ['AgentState'] },
      CurrentState: { enum: Object.values(AGENT_STATE_NAMES) },
      CurrentOutReason: { type: 'string' },
      StartTimeUTC: { type: 'string', format: 'date-time' },
      IsAcw: { type: 'boolean' },
      AcwTimeout: { type: 'integer' },
    },
  };
}

/** What the app reads of an AgentState event that means `e` (main/monitor/own-state-event.ts). */
const expectedOwnState = (e: Item) => ({
  stateName: e.CurrentState,
  outReason: ((e.CurrentOutReason as string | undefined) ?? '').trim() || null,
  isAcw: e.IsAcw ?? false,
  startTime: e.StartTimeUTC === undefined ? null : iso(e.StartTimeUTC),
});

describe('agent-session bodies generated from the contract read without loss', () => {
  const joinSchema = patchProperties(contractSchema(JOIN, '202'), joinPatch);

  it(`${JOIN}: the session id, as the contract spells the answer and with unknown fields`, async () => {
    await fc.assert(
      fc.asyncProperty(spelledBodiesOf(joinSchema), async ({ sent, means }) => {
        expect(await answering(202, sent).joinAgentSession()).toEqual({ sessionId: (means as { sessionId: string }).sessionId });
      }),
      { numRuns: 100, seed: 3404 },
    );
  });

  // The contract's events and AgentState events (§3a) mixed, in every §6 spelling.
  const nextSchema = contractSchema(NEXT);
  const contractEvent = nextSchema.properties!.events!.items!;
  const stateEvent = agentStateEventSchema();
  const eventOf = (e: Item) => (e.Type === 'AgentState' ? stateEvent : contractEvent);
  const mixed: fc.Arbitrary<Spelled> = fc
    .record({
      envelope: arbitraryOf({ ...nextSchema, properties: { sessionId: nextSchema.properties!.sessionId! } }) as fc.Arbitrary<Body>,
      events: fc.array(fc.oneof(arbitraryOf(contractEvent), arbitraryOf(stateEvent)) as fc.Arbitrary<Item>, { maxLength: 6 }),
    })
    .chain(({ envelope, events }) =>
      fc.record({ envelope: spelledAsTenantsDo(nextSchema, envelope), events: fc.tuple(...events.map((e) => spelledAsTenantsDo(eventOf(e), e))) }).map((p) => ({
        sent: { ...(p.envelope.sent as Body), events: p.events.map((e) => e.sent) },
        means: { ...(p.envelope.means as Body), events: p.events.map((e) => e.means) },
      })),
    );

  async function checkEvents(sent: unknown, means: Body) {
    const asked = 'session-asked-with';
    const r = await answering(200, sent).getNextAgentEvent(asked, 0);
    const events = listOf(means, 'events');
    const next = (means.sessionId as string | undefined) || asked;
    if (events.length === 0) {
      expect(r).toEqual({ kind: 'no-event', sessionId: next, status: 200 });
      return;
    }
    if (r.kind !== 'events') throw new Error(`events read as ${r.kind}`);
    expect(r.sessionId).toBe(next);
    expect(r.events.map((e) => e.type)).toEqual(events.map((e) => e.Type));
    r.events.forEach((e, i) => {
      if (e.type === 'AgentState') expect(readAgentStateEvent(e.raw)).toEqual(expectedOwnState(events[i]!));
    });
  }

  it(`${NEXT}: every event in order, the next session id, and each AgentState event's state, code, ACW flag and start`, async () => {
    await fc.assert(
      fc.asyncProperty(mixed, async ({ means }) => checkEvents(means, means as Body)),
      { numRuns: 150, seed: 3405 },
    );
  });

  it(`${NEXT}: the same in every field's §6 spelling ("True"/"true"/1, every time spelling, unknown fields)`, async () => {
    await fc.assert(
      fc.asyncProperty(mixed, async ({ sent, means }) => checkEvents(sent, means as Body)),
      { numRuns: 300, seed: 3406 },
    );
  });

  it(`${NEXT}: an entry that is not an event (not an object) is passed over, every event around it kept`, async () => {
    const bodies = fc.tuple(mixed, fc.constantFrom<unknown>(null, 42, 'AgentState', [], true)).chain(([{ means }, bad]) => withOneAmong(listOf(means as Body, 'events'), fc.constant(bad)).map((w) => ({ means: means as Body, ...w })));
    await fc.assert(
      fc.asyncProperty(bodies, async ({ means, list }) => checkEvents({ ...means, events: list }, means)),
      { numRuns: 150, seed: 3407 },
    );
  });
});

// ---- API discovery (GET /.well-known/cxone-configuration) ------------------------------------------------

describe('cxone-configuration bodies generated from the contract read without loss', () => {
  const KEY = 'GET /.well-known/cxone-configuration';
  const discover = (body: unknown) =>
    discoverCxoneConfiguration({
      issuer: 'https://cxone.niceincontact.com',
      tenantId: '11111111-2222-4333-8444-555555555555',
      fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
  const expected = (b: Body) => ({
    apiEndpoint: (b.api_endpoint as string).replace(/\/+$/, ''),
    area: b.area ?? null,
    cluster: b.cluster ?? null,
    domain: b.domain ?? null,
    acdDomain: b.acdDomain ?? null,
    uhDomain: b.uhDomain ?? null,
    uiEndpoint: b.ui_endpoint ?? null,
    authEndpoint: b.auth_endpoint ?? null,
    tenantId: b.tenantId ?? null,
    private: b.private ?? null,
  });

  it(`${KEY}: the API host and every documented field, as the contract spells them`, async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryOf(contractSchema(KEY)), async (body) => {
        expect(await discover(body)).toEqual(expected(body as Body));
      }),
      { numRuns: 100, seed: 3408 },
    );
  });

  it(`${KEY}: the same in every field's §6 spelling ("True"/"true"/1 for private, nulls, missing and unknown fields)`, async () => {
    await fc.assert(
      fc.asyncProperty(spelledBodiesOf(contractSchema(KEY)), async ({ sent, means }) => {
        expect(await discover(sent)).toEqual(expected(means as Body));
      }),
      { numRuns: 200, seed: 3409 },
    );
  });
});
