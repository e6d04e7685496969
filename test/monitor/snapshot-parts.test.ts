// The renderer reads the roster snapshot in parts (issue 15): no reply carries every agent, the parts fit
// together at the revision of the snapshot taken for the first one even while the roster moves on, and
// a reader whose snapshot was let go (another window began one) starts over. Real roster; the transport
// between the two sides is a plain call (no Electron here).
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { createRoster } from '../../main/monitor/roster';
import { createSnapshotParts, readSnapshotInParts } from '../../main/monitor/snapshot-parts';
import type { RosterSnapshotPart } from '../../main/monitor/status';
import { agent } from './fakes';

const AT = Date.UTC(2025, 0, 15, 14, 0, 0);
const list = (n: number, stateId = 1): AgentState[] => Array.from({ length: n }, (_, i) => agent(i + 1, { stateId }));

describe('snapshot parts', () => {
  it("takes one snapshot per reading; a held one's parts go on as it began", async () => {
    let taken = 0;
    const roster = createRoster();
    roster.applySnapshot(list(1_500), { baseline: true, at: AT });
    const parts = createSnapshotParts(() => {
      taken += 1;
      return roster.snapshot();
    }, 1_000);
    const first = await readSnapshotInParts(async (request) => parts.part(request));
    const second = await readSnapshotInParts(async (request) => parts.part(request));
    expect([first.agents.length, second.agents.length]).toEqual([1_500, 1_500]);
    // One take per reading, each in two parts: the second part did not take again.
    expect(taken).toBe(2);
  });

  it('reads the whole snapshot in parts of at most the part size, at one revision while deltas go on', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(5_500), { baseline: true, at: AT });
    const want = roster.snapshot();
    const parts = createSnapshotParts(() => roster.snapshot(), 1_000);
    const replies: RosterSnapshotPart[] = [];
    const got = await readSnapshotInParts(async (request) => {
      const part = parts.part(request);
      replies.push(part);
      // The roster moves on between two replies: the parts still come from the one snapshot.
      roster.applyDelta([agent(1, { stateId: 0 })], { at: AT + replies.length });
      return part;
    });
    expect(got).toEqual(want);
    expect(replies).toHaveLength(6);
    expect(Math.max(...replies.map((r) => r.agents.length))).toBe(1_000);
    expect(new Set(replies.map((r) => r.token)).size).toBe(1);
  });

  it('starts over when the snapshot it was reading was let go, and gives the newer one whole', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(2_500), { baseline: true, at: AT });
    const parts = createSnapshotParts(() => roster.snapshot(), 1_000);
    let asked = 0;
    const got = await readSnapshotInParts(async (request) => {
      asked += 1;
      if (asked === 2) {
        // Other windows ask for snapshots of their own, after a change: ours is no longer held.
        roster.applyDelta([agent(7, { stateId: 0 })], { at: AT + 1 });
        for (let k = 0; k < 4; k++) parts.part({ token: null, from: 0 });
      }
      return parts.part(request);
    });
    expect(got).toEqual(roster.snapshot());
    expect(got.agents.find((a) => a.agentId === 7)!.stateId).toBe(0);
  });

  it('two readers at the same time both finish', async () => {
    const roster = createRoster();
    roster.applySnapshot(list(3_000), { baseline: true, at: AT });
    const parts = createSnapshotParts(() => roster.snapshot(), 500);
    const tick = () => new Promise<void>((r) => setImmediate(r));
    const read = () => readSnapshotInParts(async (request) => (await tick(), parts.part(request)));
    const [a, b] = await Promise.all([read(), read()]);
    expect(a).toEqual(roster.snapshot());
    expect(b).toEqual(roster.snapshot());
  });

  it('gives an empty roster in one part', async () => {
    const parts = createSnapshotParts(() => createRoster().snapshot());
    const got = await readSnapshotInParts(async (request) => parts.part(request));
    expect(got.agents).toEqual([]);
  });
});
