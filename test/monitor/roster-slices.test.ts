// A big full list merged in slices (issue 15): the same outcome as the one-go merge, the event loop
// runs between slices (shown by ordering, not timing), and a clear() meanwhile publishes nothing.
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { createRoster } from '../../main/monitor/roster';
import type { RosterDelta } from '../../main/monitor/status';
import { agent } from './fakes';

const AT = Date.UTC(2025, 0, 15, 14, 0, 0);
const list = (n: number, flip: (i: number) => boolean): AgentState[] =>
  Array.from({ length: n }, (_, i) => (flip(i) ? agent(i + 1, { stateId: 2, stateName: 'Unavailable', category: 'unavailable', outStateId: 12, outStateDescription: 'Break' }) : agent(i + 1)));

describe('roster.applySnapshotInSlices', () => {
  it('gives the same changes, deltas and snapshot as applySnapshot', async () => {
    const one = createRoster();
    const sliced = createRoster();
    const deltas: [RosterDelta[], RosterDelta[]] = [[], []];
    one.onDelta((d) => deltas[0].push(d));
    sliced.onDelta((d) => deltas[1].push(d));
    const first = list(23_000, (i) => i % 7 === 0);
    // The second list leaves 500 agents out (they are retired) and changes every third one.
    const second = list(22_500, (i) => i % 3 === 0);
    for (const [states, baseline] of [[first, true], [second, false]] as const) {
      const want = one.applySnapshot(states, { baseline, at: AT });
      const got = await sliced.applySnapshotInSlices(states, { baseline, at: AT, sliceSize: 1000 });
      expect(got).toEqual(want);
    }
    expect(deltas[1]).toEqual(deltas[0]);
    expect(sliced.snapshot()).toEqual(one.snapshot());
    expect(sliced.history(1)).toEqual(one.history(1));
  });

  it('lets a timer run between slices', async () => {
    const roster = createRoster();
    const order: string[] = [];
    roster.onDelta(() => order.push('published'));
    setTimeout(() => order.push('timer'), 0);
    await roster.applySnapshotInSlices(list(20_000, () => false), { baseline: true, at: AT, sliceSize: 5000 });
    expect(order).toEqual(['timer', 'published']);
    // One go: the timer set before cannot run until it is done.
    const once = createRoster();
    const order2: string[] = [];
    once.onDelta(() => order2.push('published'));
    setTimeout(() => order2.push('timer'), 0);
    once.applySnapshot(list(20_000, () => false), { baseline: true, at: AT });
    await new Promise((r) => setTimeout(r, 0));
    expect(order2).toEqual(['published', 'timer']);
  });

  it('publishes nothing when cleared meanwhile', async () => {
    const roster = createRoster();
    const deltas: RosterDelta[] = [];
    roster.onDelta((d) => deltas.push(d));
    const running = roster.applySnapshotInSlices(list(20_000, () => false), { baseline: true, at: AT, sliceSize: 1000 });
    roster.clear();
    expect(await running).toEqual([]);
    expect(deltas.every((d) => d.upserts.length === 0)).toBe(true);
  });
});
