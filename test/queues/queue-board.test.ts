// The board of skills the queue feed publishes from (main/queues/queue-board.ts), fed with the simulated
// tenant's own v34 skills/activity items as the parser reads them: a whole full list replaces it (a skill
// it no longer names is gone), a delta or a list that is not whole updates in place and drops nothing,
// CXone's order is kept (a skill first seen in a delta goes last), and `apply` says "changed" exactly
// when a published number, name or flag of some skill differs — the feed publishes only then.
import { describe, expect, it } from 'vitest';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { SkillActivitySimulator } from '../../main/demo/skills-sim';
import { createQueueBoard } from '../../main/queues/queue-board';
import { parseSkillActivityPage, type SkillActivity } from '../../main/queues/skill-activity';

const BU = 4600000;

/** The simulated tenant's skills/activity items (every field of the v34 contract) at its current time. */
function tenant() {
  const agents = new ContactCenterSimulator({ agents: 60, seed: 9, startTime: Date.UTC(2025, 0, 15, 10, 0, 0) });
  const skills = new SkillActivitySimulator({ agents });
  agents.advance(600_000);
  skills.advanceTo(agents.now());
  // One queue with people waiting, so its wait time is there to change.
  skills.force(skills.skills[0]!.skillId, { queueCount: 3, longestWaitSeconds: 90 });
  const items = () => skills.skills.map((_, k) => skills.item(k, BU));
  return { agents, skills, items };
}

/** What the poller hands the board for these items. */
const read = (items: Record<string, unknown>[]): SkillActivity[] => {
  const page = parseSkillActivityPage({ lastPollTime: '2025-01-15T10:10:00.000Z', skillActivity: items });
  expect(page.leftOut).toBe(0);
  return page.skills;
};
const full = (items: Record<string, unknown>[], complete = true) => ({ kind: 'snapshot' as const, skills: read(items), complete });
const delta = (items: Record<string, unknown>[]) => ({ kind: 'delta' as const, skills: read(items) });
const ids = (skills: readonly SkillActivity[]) => skills.map((s) => s.skillId);
/** The board still lists `all`'s skills in CXone's order, the one at `index` now as `changed` reads. */
function expectUpdatedInPlace(board: ReturnType<typeof createQueueBoard>, all: Record<string, unknown>[], index: number, changed: Record<string, unknown>): void {
  expect(ids(board.skills())).toEqual(ids(read(all)));
  expect(board.skills()[index]).toEqual(read([changed])[0]);
}

describe('queue board', () => {
  it('a whole full list replaces the board in CXone’s order; the same list again is no change', () => {
    const { items } = tenant();
    const board = createQueueBoard();
    const all = items();
    expect(board.apply(full(all))).toBe(true);
    expect(board.skills()).toEqual(read(all));
    expect(board.apply(full(all))).toBe(false);
    // CXone's order changes: the board follows it, and that is news.
    const reversed = [...all].reverse();
    expect(board.apply(full(reversed))).toBe(true);
    expect(ids(board.skills())).toEqual(ids(read(reversed)));
  });

  it('a whole full list that no longer names a skill drops it, even when every other skill is unchanged', () => {
    const { items } = tenant();
    const board = createQueueBoard();
    const all = items();
    board.apply(full(all));
    expect(board.apply(full(all.slice(0, -1)))).toBe(true);
    expect(ids(board.skills())).toEqual(ids(read(all.slice(0, -1))));
  });

  it('a full list that is not whole drops nothing: the skills it names update in place', () => {
    const { items } = tenant();
    const board = createQueueBoard();
    const all = items();
    board.apply(full(all));
    const second = { ...all[1]!, queueCount: (all[1]!.queueCount as number) + 2, earliestQueueTime: '2025-01-15T10:09:00.000Z' };
    expect(board.apply(full([second], false))).toBe(true);
    expectUpdatedInPlace(board, all, 1, second);
  });

  it('a delta updates its skills in place and keeps the rest; a skill first seen in a delta goes last', () => {
    const { items } = tenant();
    const board = createQueueBoard();
    const all = items();
    board.apply(full(all.slice(0, 6)));
    const third = { ...all[2]!, agentsAvailable: (all[2]!.agentsAvailable as number) + 1 };
    expect(board.apply(delta([third]))).toBe(true);
    expect(board.skills()).toHaveLength(6);
    expect(board.skills()[2]).toEqual(read([third])[0]);
    expect(board.skills().filter((_, i) => i !== 2)).toEqual(read(all.slice(0, 6)).filter((_, i) => i !== 2));
    expect(board.apply(delta([all[7]!]))).toBe(true);
    expect(ids(board.skills())).toEqual([...ids(read(all.slice(0, 6))), read([all[7]!])[0]!.skillId]);
  });

  it('a delta that repeats what the board already has (CXone repeats the boundary) is no change; one new value among them is', () => {
    const { items } = tenant();
    const board = createQueueBoard();
    const all = items();
    board.apply(full(all));
    expect(board.apply(delta(all.slice(0, 3)))).toBe(false);
    expect(board.apply(delta([]))).toBe(false);
    const changed = [all[0]!, all[1]!, { ...all[2]!, agentsWorking: (all[2]!.agentsWorking as number) + 1 }];
    expect(board.apply(delta(changed))).toBe(true);
    expect(board.skills()[2]!.agentsWorking).toBe(read(changed)[2]!.agentsWorking);
  });

  it('the simulated tenant moving on: each delta it serves is news exactly when a skill’s published fields moved', () => {
    const { agents, skills, items } = tenant();
    const board = createQueueBoard();
    board.apply(full(items()));
    for (let step = 0; step < 12; step++) {
      const before = board.skills().map((s) => ({ ...s }));
      const since = agents.now();
      agents.advance(30_000);
      skills.advanceTo(agents.now());
      const changedItems = skills.changedSince(since).map((k) => skills.item(k, BU));
      const moved = read(changedItems).some((s) => JSON.stringify(s) !== JSON.stringify(before.find((b) => b.skillId === s.skillId)));
      expect(board.apply(delta(changedItems)), `step ${step}`).toBe(moved);
      expect(board.skills()).toEqual(read(items()));
    }
  });

  // Each field the window, the tooltip or a notification rule reads: a change in it alone is news.
  const ONE_FIELD: Array<[string, (v: unknown) => unknown]> = [
    ['skillName', (v) => `${String(v)} (renamed)`],
    ['mediaTypeName', () => 'Chat'],
    ['isOutbound', (v) => !v],
    ['queueCount', (v) => (v as number) + 1],
    ['earliestQueueTime', () => '2025-01-15T10:07:00.000Z'],
    ['agentsAvailable', (v) => (v as number) + 1],
    ['agentsUnavailable', (v) => (v as number) + 1],
    ['agentsACW', (v) => (v as number) + 1],
    ['agentsWorking', (v) => (v as number) + 1],
    ['agentsLoggedIn', (v) => (v as number) + 1],
    ['serviceLevel', (v) => ((v as number) > 50 ? (v as number) - 1 : (v as number) + 1)],
    ['serviceLevelGoal', (v) => (v as number) - 1],
    ['serviceLevelThreshold', (v) => (v as number) + 5],
  ];

  it('a change in any one published field of one skill is news, in a delta and in a full list', () => {
    const { items } = tenant();
    const all = items();
    // The queue with people waiting and a level reported (answers in the window).
    const k = all.findIndex((i) => (i.queueCount as number) > 0 && (i.inSLA as number) + (i.outSLA as number) > 0);
    expect(k).toBeGreaterThanOrEqual(0);
    for (const [field, change] of ONE_FIELD) {
      const moved = { ...all[k]!, [field]: change(all[k]![field]) };
      const [was, now] = read([all[k]!, moved]);
      expect(now![field as keyof SkillActivity], field).not.toEqual(was![field as keyof SkillActivity]);
      const byDelta = createQueueBoard();
      byDelta.apply(full(all));
      expect(byDelta.apply(delta([moved])), `${field} in a delta`).toBe(true);
      expect(byDelta.skills()[k], field).toEqual(now);
      const byFull = createQueueBoard();
      byFull.apply(full(all));
      expect(byFull.apply(full(all.map((it, i) => (i === k ? moved : it)))), `${field} in a full list`).toBe(true);
      expect(byFull.skills()[k], field).toEqual(now);
    }
  });

  it('two skills alike in every published field (same name, all idle) swapping places is news', () => {
    const { items } = tenant();
    const idle: Record<string, unknown> = { ...items()[3]!, skillName: 'Overflow', queueCount: 0, agentsAvailable: 0, agentsUnavailable: 0, agentsACW: 0, agentsWorking: 0, agentsLoggedIn: 0 };
    delete idle.earliestQueueTime;
    const a = { ...idle, skillId: 7001 };
    const b = { ...idle, skillId: 7002 };
    const board = createQueueBoard();
    board.apply(full([a, b]));
    expect(board.apply(full([b, a]))).toBe(true);
    expect(ids(board.skills())).toEqual([7002, 7001]);
  });

  it('a full list naming a skill twice keeps its last item in its first place, and later deltas find it', () => {
    const { items } = tenant();
    const all = items().slice(0, 4);
    const again = { ...all[1]!, agentsLoggedIn: (all[1]!.agentsLoggedIn as number) + 3 };
    const board = createQueueBoard();
    expect(board.apply(full([...all, again]))).toBe(true);
    expectUpdatedInPlace(board, all, 1, again);
    // The same doubled list again is no change (the feed would otherwise publish it on every poll);
    // the board as it now reads, listed whole, is none either.
    expect(board.apply(full([...all, again]))).toBe(false);
    expect(board.apply(full([all[0]!, again, all[2]!, all[3]!]))).toBe(false);
    // Doubled with the first item last, it is the first item that counts now: a change.
    expect(board.apply(full([...all, all[1]!, all[1]!]))).toBe(true);
    expectUpdatedInPlace(board, all, 1, all[1]!);
    const later = { ...all[3]!, agentsACW: (all[3]!.agentsACW as number) + 1 };
    expect(board.apply(delta([later]))).toBe(true);
    expectUpdatedInPlace(board, all, 3, later);
  });

  // Found by a mutation review of main/queues/queue-board.ts: a new board fed a delta first had no test.
  it('a new board whose first answer is a delta holds just that delta’s skills', () => {
    const { items } = tenant();
    const board = createQueueBoard();
    expect(board.skills()).toEqual([]);
    expect(board.apply(delta([items()[2]!]))).toBe(true);
    expect(board.skills()).toEqual(read([items()[2]!]));
  });

  it('cleared (the user stopped watching skills): empty, and the next answer starts it afresh', () => {
    const { items } = tenant();
    const all = items();
    const board = createQueueBoard();
    board.apply(full(all));
    board.clear();
    expect(board.skills()).toEqual([]);
    expect(board.apply(delta([all[4]!]))).toBe(true);
    expect(board.skills()).toEqual(read([all[4]!]));
  });
});
