// A big full list merged in slices (issue 15): the same outcome as the one-go merge, published slice by
// slice (no listener gets the whole list at once), the event loop runs between slices (shown by
// ordering, not timing), retirements only after the whole list, a delta that lands meanwhile is kept,
// and a clear() meanwhile ends it.
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { createRoster, SNAPSHOT_SLICE } from '../../main/monitor/roster';
import type { AgentChange, RosterDelta } from '../../main/monitor/status';
import { agent } from './fakes';

const AT = Date.UTC(2025, 0, 15, 14, 0, 0);
const list = (n: number, flip: (i: number) => boolean): AgentState[] =>
  Array.from({ length: n }, (_, i) => (flip(i) ? agent(i + 1, { stateId: 2, stateName: 'Unavailable', category: 'unavailable', outStateId: 12, outStateDescription: 'Break' }) : agent(i + 1)));

describe('roster.applySnapshotInSlices', () => {
  it('gives the same changes, upserts and snapshot as applySnapshot, in slices of at most sliceSize, in order', async () => {
    const one = createRoster();
    const sliced = createRoster();
    const deltas: [RosterDelta[], RosterDelta[]] = [[], []];
    const changes: AgentChange[][] = [];
    one.onDelta((d) => deltas[0].push(d));
    sliced.onDelta((d) => deltas[1].push(d));
    sliced.onChanges((c) => changes.push(c));
    const first = list(23_000, (i) => i % 7 === 0);
    // The second list leaves 500 agents out (they are retired) and changes every third one.
    const second = list(22_500, (i) => i % 3 === 0);
    for (const [states, baseline] of [[first, true], [second, false]] as const) {
      changes.length = 0;
      const want = one.applySnapshot(states, { baseline, at: AT });
      const got = await sliced.applySnapshotInSlices(states, { baseline, at: AT, sliceSize: 1000 });
      expect(got).toBe(want.length);
      expect(changes.flat()).toEqual(want);
      expect(Math.max(...changes.map((c) => c.length))).toBeLessThanOrEqual(1000);
    }
    // The same upserts in the same order, cut into deltas that each follow the one before.
    expect(deltas[1].flatMap((d) => d.upserts)).toEqual(deltas[0].flatMap((d) => d.upserts));
    expect(Math.max(...deltas[1].map((d) => d.upserts.length))).toBeLessThanOrEqual(1000);
    deltas[1].forEach((d, k) => expect(d.base).toBe(k === 0 ? 0 : deltas[1][k - 1]!.revision));
    expect(sliced.snapshot().agents).toEqual(one.snapshot().agents);
    expect(sliced.history(1)).toEqual(one.history(1));
  });

  it('retires the agents a whole list left out only after every listed agent is merged; a partial list retires nobody', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(5000, () => false), { baseline: true, at: AT });
    const order: string[] = [];
    roster.onDelta((d) => {
      for (const a of d.upserts) order.push(a.stateId === 0 ? `out:${a.agentId}` : `in:${a.agentId}`);
    });
    // Agents 1–500 are left out; every listed agent changes, so each one shows in a delta.
    const second = list(5000, () => true).slice(500);
    await roster.applySnapshotInSlices(second, { baseline: false, at: AT, sliceSize: 700, complete: false });
    expect(order.filter((x) => x.startsWith('out:'))).toEqual([]);
    expect(roster.get(1)!.stateId).toBe(1);
    order.length = 0;
    const retired: number[] = [];
    roster.onDelta((d) => {
      const out = d.upserts.filter((a) => a.stateId === 0).length;
      if (out > 0) retired.push(out);
    });
    await roster.applySnapshotInSlices(list(5000, () => false).slice(500), { baseline: false, at: AT, sliceSize: 700 });
    const firstOut = order.findIndex((x) => x.startsWith('out:'));
    expect(firstOut).toBe(4500);
    expect(order.slice(firstOut)).toEqual(Array.from({ length: 500 }, (_, i) => `out:${i + 1}`));
    // Retiring is sliced too, the count going on from the listed agents: 4,500 listed and 400 retired fill seven slices of 700.
    expect(retired).toEqual([400, 100]);
  });

  it('keeps what a delta set meanwhile (newer than the list) and does not retire an agent it added', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(5000, () => false), { baseline: true, at: AT });
    const changes: AgentChange[] = [];
    roster.onChanges((c) => changes.push(...c));
    // The list (read before) says agent 4500 is available; between two slices an event says it went on break.
    const onBreak = agent(4500, { stateId: 2, stateName: 'Unavailable', category: 'unavailable', outStateId: 12, outStateDescription: 'Break' });
    let slices = 0;
    const yieldNow = async () => {
      if (++slices === 1) {
        roster.applyDelta([onBreak, agent(9001)], { at: AT + 1000 });
      }
      await new Promise<void>((r) => setImmediate(r));
    };
    const listed = list(5000, (i) => i < 10);
    await roster.applySnapshotInSlices(listed, { baseline: false, at: AT, sliceSize: 1000, yieldNow });
    expect(roster.get(4500)).toMatchObject({ stateId: 2, outStateId: 12 });
    // Agent 9001 came with the event after the list was read: not retired by it.
    expect(roster.get(9001)!.stateId).toBe(1);
    // Listeners saw the event's change last for 4500: nothing older came after it.
    expect(changes.filter((c) => c.agentId === 4500).map((c) => c.to.stateId)).toEqual([2]);
    // The list's own changes still arrived (agents 1–10 went on break).
    expect(changes.filter((c) => c.agentId <= 10)).toHaveLength(10);
  });

  it('lets a timer run before the list is done', async () => {
    const roster = createRoster();
    const order: string[] = [];
    roster.onDelta(() => order.push('published'));
    setTimeout(() => order.push('timer'), 0);
    await roster.applySnapshotInSlices(list(20_000, () => false), { baseline: true, at: AT, sliceSize: 5000 });
    expect(order.indexOf('timer')).toBeGreaterThan(-1);
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1);
    // One go: the timer set before cannot run until it is done.
    const once = createRoster();
    const order2: string[] = [];
    once.onDelta(() => order2.push('published'));
    setTimeout(() => order2.push('timer'), 0);
    once.applySnapshot(list(20_000, () => false), { baseline: true, at: AT });
    await new Promise((r) => setTimeout(r, 0));
    expect(order2).toEqual(['published', 'timer']);
  });

  it('without a slice size, publishes at most SNAPSHOT_SLICE agents at a time', async () => {
    const roster = createRoster();
    const sizes: number[] = [];
    roster.onDelta((d) => sizes.push(d.upserts.length));
    const n = 2 * SNAPSHOT_SLICE + 500;
    expect(await roster.applySnapshotInSlices(list(n, () => false), { baseline: true, at: AT })).toBe(n);
    expect(sizes).toEqual([SNAPSHOT_SLICE, SNAPSHOT_SLICE, 500]);
  });

  it('ends early when a newer list is merged meanwhile: nothing older overwrites it', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(3000, () => false), { baseline: true, at: AT });
    let slices = 0;
    const yieldNow = async () => {
      // After the older list's first slice, a newer list says everyone is available again.
      if (++slices === 1) roster.applySnapshot(list(3000, () => false), { baseline: false, at: AT + 2000 });
      await new Promise<void>((r) => setImmediate(r));
    };
    const published = await roster.applySnapshotInSlices(list(3000, () => true), { baseline: false, at: AT + 1000, sliceSize: 1000, yieldNow });
    expect(published).toBe(1000);
    expect(slices).toBe(1);
    expect(roster.snapshot().agents.filter((a) => a.stateId !== 1)).toEqual([]);
  });

  it('ends early while retiring when a newer list is merged meanwhile: it retires nobody the newer list named', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(3000, () => false), { baseline: true, at: AT });
    let slices = 0;
    const yieldNow = async () => {
      // The older list named agents 1–10 (two slices); at the first pause while it retires the rest,
      // a newer, whole list names everyone.
      if (++slices === 3) roster.applySnapshot(list(3000, () => false), { baseline: false, at: AT + 2000 });
      await new Promise<void>((r) => setImmediate(r));
    };
    const published = await roster.applySnapshotInSlices(list(10, () => false), { baseline: false, at: AT + 1000, sliceSize: 5, yieldNow });
    expect(published).toBe(5);
    expect(slices).toBe(3);
    // The five it retired before the newer list came (11–15) are back as the newer list says; nobody else went.
    expect(roster.snapshot().agents.filter((a) => a.stateId !== 1)).toEqual([]);
  });

  it('ends when cleared meanwhile, also when a new list (another tenant\'s) is merged before its next slice', async () => {
    const roster = createRoster();
    let slices = 0;
    const yieldNow = async () => {
      if (++slices === 1) {
        // Sign-out and sign-in to another tenant while the old tenant's list is still being merged.
        roster.clear();
        roster.applySnapshot([agent(70_001), agent(70_002)], { baseline: true, at: AT + 1000 });
      }
      await new Promise<void>((r) => setImmediate(r));
    };
    await roster.applySnapshotInSlices(list(3000, () => false), { baseline: true, at: AT, sliceSize: 1000, yieldNow });
    expect(slices).toBe(1);
    expect(roster.snapshot().agents.map((a) => a.agentId)).toEqual([70_001, 70_002]);
  });

  it('publishes nothing more once cleared meanwhile', async () => {
    const roster = createRoster();
    const deltas: RosterDelta[] = [];
    roster.onDelta((d) => deltas.push(d));
    const running = roster.applySnapshotInSlices(list(20_000, () => false), { baseline: true, at: AT, sliceSize: 1000 });
    roster.clear();
    await running;
    // The first slice went out before the clear; the clear's delta removes it; nothing follows.
    expect(deltas.at(-1)!.removed).toHaveLength(1000);
    expect(deltas.at(-1)!.upserts).toEqual([]);
    expect(roster.size).toBe(0);
  });
});
