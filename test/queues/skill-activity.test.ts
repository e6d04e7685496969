// skills/activity read the way real tenants send it, and the simulator held to NICE's v34 contract: every
// body it serves validates against the published schema (test/harness/contract.ts), bodies generated from
// that schema parse without loss, and the §6 spellings (numeric strings, "True", nulls, PascalCase,
// zone-less times) read back the same as the contract's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CxoneError } from '../../main/cxone/errors';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { messySkillItem } from '../../main/demo/skills-routes';
import { parseSkillActivityJson, parseSkillActivityPage, serviceLevelStatus } from '../../main/queues/skill-activity';
import { agentsBySkill, parseSkillAssignmentsPage } from '../../main/queues/skill-assignments';
import { contractKey, servedBody, validateAgainstContract } from '../harness/contract';
import { arbitraryOf, contractSchema } from '../harness/contract-arbitrary';

const API = '/inContactAPI/services/v34.0';
const KEY = `GET ${API}/skills/activity`;

describe('serviceLevelStatus', () => {
  it('meeting at or above the goal, at risk within 5 points below, breached further below, unknown without level or goal', () => {
    expect(serviceLevelStatus(80, 80)).toBe('meeting');
    expect(serviceLevelStatus(95, 80)).toBe('meeting');
    expect(serviceLevelStatus(79, 80)).toBe('at-risk');
    expect(serviceLevelStatus(75, 80)).toBe('at-risk');
    expect(serviceLevelStatus(74.9, 80)).toBe('breached');
    expect(serviceLevelStatus(null, 80)).toBe('unknown');
    expect(serviceLevelStatus(50, null)).toBe('unknown');
  });
});

describe('parseSkillActivityPage', () => {
  const item = {
    skillId: 5001, skillName: 'Support Phone', mediaTypeName: 'PhoneCall', isOutbound: false, queueCount: 4,
    earliestQueueTime: '2025-01-15T13:58:30.000Z', agentsAvailable: 2, agentsUnavailable: 3, agentsACW: 1, agentsWorking: 9,
    agentsLoggedIn: 15, inSLA: 18, outSLA: 2, serviceLevel: 90, serviceLevelGoal: 80, serviceLevelThreshold: 30,
  };

  it('reads a v34 item into the published SkillQueue fields, with the status derived', () => {
    const page = parseSkillActivityPage({ totalRecords: 1, _links: { self: 'x' }, lastPollTime: '2025-01-15T14:00:00.000Z', skillActivity: [item] });
    expect(page.lastPollTime).toBe('2025-01-15T14:00:00.000Z');
    // The client checks a full list's pages against it (mutation review: not checked before).
    expect(page.totalRecords).toBe(1);
    expect(page.skills).toEqual([
      {
        skillId: 5001, skillName: 'Support Phone', mediaTypeName: 'PhoneCall', isOutbound: false, queueCount: 4,
        earliestQueueTime: '2025-01-15T13:58:30.000Z', agentsAvailable: 2, agentsUnavailable: 3, agentsACW: 1, agentsWorking: 9,
        agentsLoggedIn: 15, serviceLevel: 90, serviceLevelGoal: 80, serviceLevelThreshold: 30, serviceLevelStatus: 'meeting',
      },
    ]);
  });

  it('reads the messy spellings of real tenants as the same skill (§6)', () => {
    const clean = parseSkillActivityPage({ skillActivity: [item] }).skills[0];
    for (let v = 0; v < 6; v++) {
      const page = parseSkillActivityPage({ LastPollTime: '2025-01-15T14:00:00', SkillActivity: [messySkillItem(item, v)] });
      expect(page.skills[0], `variant ${v}`).toEqual(clean);
      expect(page.lastPollTime).toBe('2025-01-15T14:00:00');
    }
  });

  it('leaves out an item without a usable skill id, keeps the rest, and says why', () => {
    const page = parseSkillActivityPage({ skillActivity: [{ ...item, skillId: 'x' }, item, null, { ...item, skillId: undefined }] });
    expect(page.skills.map((s) => s.skillId)).toEqual([5001]);
    expect(page.leftOut).toBe(3);
    expect(page.leftOutReason).toMatch(/skillActivity\[0\]\.skillId: "x" is not an integer id/);
  });

  it('no one answered yet: no level (not a 0 % breach); no goal (0): unknown; nobody waiting: no wait time', () => {
    const [s] = parseSkillActivityPage({ skillActivity: [{ ...item, inSLA: 0, outSLA: 0, serviceLevel: 0, queueCount: 0 }] }).skills;
    expect(s).toMatchObject({ serviceLevel: null, serviceLevelStatus: 'unknown', earliestQueueTime: null, queueCount: 0 });
    const [t] = parseSkillActivityPage({ skillActivity: [{ ...item, serviceLevelGoal: 0 }] }).skills;
    expect(t).toMatchObject({ serviceLevelGoal: null, serviceLevelStatus: 'unknown' });
    const [u] = parseSkillActivityPage({ skillActivity: [{ ...item, serviceLevel: 60 }] }).skills;
    expect(u!.serviceLevelStatus).toBe('breached');
  });

  it('an envelope without a list, or a null list, is an empty list; an error page is malformed', () => {
    expect(parseSkillActivityPage({ totalRecords: 0, lastPollTime: '2025-01-15T14:00:00Z' }).skills).toEqual([]);
    expect(parseSkillActivityPage({ skillActivity: null }).skills).toEqual([]);
    expect(() => parseSkillActivityPage({ error: 'nope' })).toThrow(/no skillActivity list/);
    expect(() => parseSkillActivityJson('{"skillActivity":[')).toThrow(/not valid JSON/);
  });

  it('without a top-level lastPollTime (older answers), the latest item serverTime stands in', () => {
    const page = parseSkillActivityPage({ skillActivity: [{ ...item, serverTime: '2025-01-15T14:00:01Z' }, { ...item, skillId: 2, serverTime: '2025-01-15T14:00:03' }] });
    expect(page.lastPollTime).toBe('2025-01-15T14:00:03');
  });

  // Found by a mutation review of main/queues/skill-activity.ts: the service level, the poll time and the
  // reasons a user reads when an item or a body cannot be read.
  it('a level of 0 % with answers all out of SLA is a breach; answers all in SLA are the level, not "none"', () => {
    const [allOut] = parseSkillActivityPage({ skillActivity: [{ ...item, inSLA: 0, outSLA: 4, serviceLevel: 0 }] }).skills;
    expect(allOut).toMatchObject({ serviceLevel: 0, serviceLevelStatus: 'breached' });
    const [allIn] = parseSkillActivityPage({ skillActivity: [{ ...item, inSLA: 6, outSLA: 0, serviceLevel: 100 }] }).skills;
    expect(allIn).toMatchObject({ serviceLevel: 100, serviceLevelStatus: 'meeting' });
  });

  it('nothing answered yet, with the counts as strings (§6): no level, not a 0 % breach', () => {
    for (const v of [1, 3, 5]) {
      const [s] = parseSkillActivityPage({ skillActivity: [messySkillItem({ ...item, inSLA: 0, outSLA: 0, serviceLevel: 0 }, v)] }).skills;
      expect(s, `variant ${v}`).toMatchObject({ serviceLevel: null, serviceLevelStatus: 'unknown' });
    }
  });

  it('a service level sent as null, "" or blanks is no level (unknown), never 0 %', () => {
    for (const serviceLevel of [null, '', '  ', true]) {
      const [s] = parseSkillActivityPage({ skillActivity: [{ ...item, serviceLevel }] }).skills;
      expect(s, JSON.stringify(serviceLevel)).toMatchObject({ serviceLevel: null, serviceLevelStatus: 'unknown' });
    }
    // A whole percent as a string is the level.
    expect(parseSkillActivityPage({ skillActivity: [{ ...item, serviceLevel: ' 77 ' }] }).skills[0]).toMatchObject({ serviceLevel: 77, serviceLevelStatus: 'at-risk' });
  });

  it('the answer threshold: 0 s and more are kept; negative or unreadable is none (null)', () => {
    const threshold = (serviceLevelThreshold: unknown) => parseSkillActivityPage({ skillActivity: [{ ...item, serviceLevelThreshold }] }).skills[0]!.serviceLevelThreshold;
    expect(threshold(0)).toBe(0);
    expect(threshold('20')).toBe(20);
    expect(threshold(-1)).toBeNull();
    expect(threshold('soon')).toBeNull();
    expect(threshold(null)).toBeNull();
  });

  it('an item projected with fields= (no name, no media) reads as "Skill <id>" with no media type', () => {
    const page = parseSkillActivityPage({ skillActivity: [{ skillId: 5002, queueCount: 1, earliestQueueTime: '2025-01-15T13:59:00Z' }] });
    expect(page.skills[0]).toMatchObject({ skillId: 5002, skillName: 'Skill 5002', mediaTypeName: '', queueCount: 1 });
    // The older item name of the media type (mediaName) is read when mediaTypeName is absent.
    expect(parseSkillActivityPage({ skillActivity: [{ skillId: 5003, mediaName: 'EMail' }] }).skills[0]!.mediaTypeName).toBe('EMail');
  });

  it('says why each kind of unreadable item was left out, in the words the status line shows', () => {
    const reason = (bad: unknown) => parseSkillActivityPage({ skillActivity: [item, bad] }).leftOutReason;
    expect(reason({ ...item, skillId: undefined })).toBe('skillActivity[1].skillId is missing');
    expect(reason({ ...item, skillId: null })).toBe('skillActivity[1].skillId is missing');
    expect(reason({ ...item, skillId: '' })).toBe('skillActivity[1].skillId is missing');
    expect(reason({ ...item, skillId: '9007199254740993' })).toBe('skillActivity[1].skillId 9007199254740993 is beyond 2^53 and cannot be kept exactly');
    expect(reason({ ...item, skillId: 12.5 })).toBe('skillActivity[1].skillId: 12.5 is not an integer id');
    expect(reason(null)).toBe('skillActivity[1] is not an object');
    expect(parseSkillActivityPage({ SkillActivity: [item, 'x'] }).leftOutReason).toBe('SkillActivity[1] is not an object');
  });

  it('a body that is not this answer is malformed, and the message says what and where', () => {
    const message = (body: unknown) => {
      try {
        parseSkillActivityPage(body);
      } catch (err) {
        expect(err).toBeInstanceOf(CxoneError);
        return (err as CxoneError).message;
      }
      return 'parsed';
    };
    expect(message([item])).toBe('CXone answered with data the app does not understand: the body is not a JSON object at (body).');
    expect(message({ skillActivity: { skillId: 5001 } })).toBe('CXone answered with data the app does not understand: skillActivity is not a list at skillActivity.');
    expect(message({ error: 'nope' })).toBe('CXone answered with data the app does not understand: the body has no skillActivity list at skillActivity.');
    expect(() => parseSkillActivityJson('<html>')).toThrow(/the body is not valid JSON at \(body\)\.$/);
  });

  it('a lastPollTime that is not a time is not kept (it would go back as updatedSince): the items\' serverTime stands in', () => {
    const page = parseSkillActivityPage({ lastPollTime: 'yesterday', skillActivity: [{ ...item, serverTime: '2025-01-15T14:00:01Z' }] });
    expect(page.lastPollTime).toBe('2025-01-15T14:00:01Z');
    expect(parseSkillActivityPage({ lastPollTime: 'yesterday', skillActivity: [item] }).lastPollTime).toBeNull();
  });

  it('the latest readable serverTime stands in, whatever the items\' order; unreadable times and left-out items do not count', () => {
    const page = parseSkillActivityPage({
      skillActivity: [
        { ...item, skillId: 1, serverTime: '2025-01-15T14:00:03Z' },
        { ...item, skillId: 2, serverTime: '2025-01-15T14:00:01Z' },
        { ...item, skillId: 3, serverTime: 'now' },
        { ...item, skillId: null, serverTime: '2025-01-15T14:09:00Z' },
      ],
    });
    expect(page.skills.map((s) => s.skillId)).toEqual([1, 2, 3]);
    expect(page.lastPollTime).toBe('2025-01-15T14:00:03Z');
    expect(parseSkillActivityPage({ skillActivity: [{ ...item, serverTime: 'now' }] }).lastPollTime).toBeNull();
  });
});

describe('robustness', () => {
  it('any JSON value: a page, or a malformed CxoneError — never another exception', () => {
    const item = fc.dictionary(fc.constantFrom('skillId', 'SkillId', 'queueCount', 'serviceLevel', 'serviceLevelGoal', 'inSLA', 'outSLA', 'earliestQueueTime', 'isOutbound', 'skillName', 'x'), fc.anything());
    const body = fc.oneof(fc.anything(), fc.record({ skillActivity: fc.oneof(fc.anything(), fc.array(fc.oneof(item, fc.anything()))) }), fc.record({ resultSet: fc.record({ skillActivity: fc.array(item) }) }));
    fc.assert(
      fc.property(body, (b) => {
        try {
          const page = parseSkillActivityPage(b);
          for (const s of page.skills) {
            expect(Number.isSafeInteger(s.skillId)).toBe(true);
            expect(s.queueCount).toBeGreaterThanOrEqual(0);
          }
        } catch (err) {
          expect(err).toBeInstanceOf(CxoneError);
          expect((err as CxoneError).kind).toBe('malformed');
        }
      }),
      { numRuns: 500, seed: 1416 },
    );
  });
});

describe('parseSkillAssignmentsPage (Admin API, outside the contract subset)', () => {
  it('reads agent–skill pairs tolerantly, drops inactive ones and counts unreadable ones', () => {
    const page = parseSkillAssignmentsPage({
      agentSkillAssignments: [
        { agentId: 1, skillId: 10, isActive: true },
        { AgentId: '2', SkillId: '10', IsActive: 'True' },
        { agentId: 3, skillId: 11, isActive: 'False' },
        { agentId: 'x', skillId: 11 },
      ],
    });
    expect(page.assignments).toEqual([
      { agentId: 1, skillId: 10 },
      { agentId: 2, skillId: 10 },
    ]);
    expect(page.leftOut).toBe(1);
  });

  // Found by a mutation review of main/queues/skill-assignments.ts: these had no test.
  it('reads the other spellings of the list, drops an inactive skill, leaves out an item without a skill id, and keeps totalRecords', () => {
    const pairs = [{ agentId: 1, skillId: 10 }];
    expect(parseSkillAssignmentsPage({ AgentSkillAssignments: [{ AgentId: 1, SkillId: 10 }] }).assignments).toEqual(pairs);
    expect(parseSkillAssignmentsPage({ skillAssignments: [{ agentId: 1, skillId: 10 }] }).assignments).toEqual(pairs);
    expect(parseSkillAssignmentsPage({ resultSet: { totalRecords: 3, agentSkillAssignments: [{ agentId: 1, skillId: 10 }] } })).toMatchObject({ assignments: pairs, totalRecords: 3 });
    const page = parseSkillAssignmentsPage({
      totalRecords: 4,
      agentSkillAssignments: [{ agentId: 1, skillId: 10, isActive: true, isSkillActive: true }, { agentId: 2, skillId: 11, isSkillActive: 'False' }, { agentId: 3 }],
    });
    expect(page).toMatchObject({ assignments: pairs, totalRecords: 4, leftOut: 1 });
    expect(page.leftOutReason).toMatch(/agentSkillAssignments\[2\]/);
    expect(parseSkillAssignmentsPage({}).assignments).toEqual([]);
    expect(() => parseSkillAssignmentsPage([pairs])).toThrow(CxoneError);
  });

  it('groups agents by skill, each once and ascending', () => {
    const by = agentsBySkill([{ agentId: 9, skillId: 10 }, { agentId: 2, skillId: 10 }, { agentId: 9, skillId: 10 }, { agentId: 5, skillId: 11 }]);
    expect([...by]).toEqual([[10, [2, 9]], [11, [5]]]);
    expect(agentsBySkill([]).size).toBe(0);
  });
});

// ---- the simulator against the contract ------------------------------------------------------------

let sim: ContactCenterSimulator;
let server: SimulatorServer;
beforeAll(async () => {
  sim = new ContactCenterSimulator({ agents: 80, seed: 14, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
  server = await startSimulatorServer({ simulator: sim });
});
afterAll(async () => {
  await server.stop();
});

const served = (path: string) => servedBody(server.url, path);

describe('every skills body the simulator serves validates against the v34 contract', () => {
  it('skills/activity: full, paged, delta, projected, filtered, and the one-skill form', async () => {
    const since = new Date(sim.now()).toISOString();
    sim.advance(60_000);
    const paths = [
      `${API}/skills/activity`,
      `${API}/skills/activity?top=4`,
      `${API}/skills/activity?top=4&skip=4`,
      `${API}/skills/activity?updatedSince=${since}`,
      `${API}/skills/activity?fields=skillId,queueCount,earliestQueueTime`,
      `${API}/skills/activity?mediaTypeId=4&IsOutbound=false`,
      `${API}/skills/5001/activity`,
    ];
    for (const path of paths) {
      const { status, body } = await served(path);
      const key = contractKey('GET', path.split('?')[0]!)!;
      expect(status, path).toBe(200);
      expect({ path, errors: validateAgainstContract(key, status, body) }).toEqual({ path, errors: [] });
    }
    // Every field of the contract's item is there, as CXone fills them.
    const { body } = await served(`${API}/skills/activity`);
    const items = (body as { skillActivity: Record<string, unknown>[] }).skillActivity;
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(items[0]!)).toEqual(expect.arrayContaining(['skillId', 'queueCount', 'inSLA', 'outSLA', 'serviceLevel', 'serviceLevelGoal', 'agentsAvailable', 'serverTime']));
    expect(new Set(items.map((i) => i.mediaTypeName)).size).toBeGreaterThanOrEqual(3);
    expect(items.some((i) => i.isOutbound === true)).toBe(true);
    // The same body, read: nothing left out.
    const page = parseSkillActivityPage(body);
    expect(page.leftOut).toBe(0);
    expect(page.skills).toHaveLength(items.length);
  });

  it('error answers are the contract statuses: a bad updatedSince is 400, an unknown skill 404', async () => {
    expect((await served(`${API}/skills/activity?updatedSince=yesterday`)).status).toBe(400);
    expect((await served(`${API}/skills/999/activity`)).status).toBe(404);
  });

  // Found by a mutation review of main/demo/skills-routes.ts: the filters and the one-skill "no change".
  it('filters: IsOutbound, and skills/agents?skills= lists only those skills', async () => {
    const out = (await served(`${API}/skills/activity?IsOutbound=true`)).body as { skillActivity: Array<{ skillId: number; isOutbound: boolean }> };
    expect(out.skillActivity.length).toBeGreaterThan(0);
    expect(out.skillActivity.every((s) => s.isOutbound)).toBe(true);
    const one = (await served(`${API}/skills/agents?skills=5001`)).body as { agentSkillAssignments: Array<{ skillId: number }> };
    expect(one.agentSkillAssignments.length).toBeGreaterThan(0);
    expect(new Set(one.agentSkillAssignments.map((a) => a.skillId))).toEqual(new Set([5001]));
  });

  it("a known skill that did not change since updatedSince is 'no change', not 404", async () => {
    const future = new Date(sim.now() + 3600_000).toISOString();
    const r = await served(`${API}/skills/5001/activity?updatedSince=${future}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ skillActivity: [] });
  });

  it('messy mode reads back as the same skills', async () => {
    const clean = parseSkillActivityPage((await served(`${API}/skills/activity`)).body).skills;
    server.settings.messy = true;
    try {
      const messy = parseSkillActivityPage((await served(`${API}/skills/activity`)).body).skills;
      expect(messy).toEqual(clean);
    } finally {
      server.settings.messy = false;
    }
  });
});

// ---- bodies generated from the contract, read by the parser ------------------------------------------

const contractBodies = () => arbitraryOf(contractSchema(KEY)) as fc.Arbitrary<{ skillActivity?: Record<string, unknown>[] }>;

describe('bodies generated from the contract parse without loss', () => {
  function check(body: { skillActivity?: Record<string, unknown>[] }, read: typeof parseSkillActivityPage, shown: typeof body = body) {
    const items = body.skillActivity ?? [];
    const page = read(shown);
    const kept = items.filter((i) => i.skillId !== undefined);
    expect(page.leftOut).toBe(items.length - kept.length);
    expect(page.skills).toHaveLength(kept.length);
    page.skills.forEach((s, i) => {
      const it = kept[i]!;
      expect(s.skillId).toBe(it.skillId);
      expect(s.queueCount).toBe(Math.max(0, (it.queueCount as number | undefined) ?? 0));
      expect(s.agentsAvailable).toBe(Math.max(0, (it.agentsAvailable as number | undefined) ?? 0));
      expect(s.isOutbound).toBe(it.isOutbound ?? false);
      expect(s.skillName).toBe((it.skillName as string | undefined) || `Skill ${String(it.skillId)}`);
      if (s.serviceLevel !== null) expect(s.serviceLevel).toBeGreaterThanOrEqual(0);
      expect(s.serviceLevelStatus).toBe(serviceLevelStatus(s.serviceLevel, s.serviceLevelGoal));
    });
  }

  it('as the contract spells them', () => {
    const arb = contractBodies();
    fc.assert(fc.property(arb, (body) => check(body, parseSkillActivityPage)), { numRuns: 200, seed: 1414 });
  });

  it('in each §6 variant (numeric strings, "True"/"False", nulls, zone-less times, PascalCase keys)', () => {
    const arb = contractBodies();
    fc.assert(
      fc.property(arb, fc.nat({ max: 5 }), (body, v) =>
        check(body, parseSkillActivityPage, body.skillActivity ? { ...body, skillActivity: body.skillActivity.map((it, i) => messySkillItem(it, v + i)) } : body),
      ),
      { numRuns: 200, seed: 1415 },
    );
  });
});
