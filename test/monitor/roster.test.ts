import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { anyFieldChanged, createRoster } from '../../main/monitor/roster';
import type { AgentChange, RosterDelta } from '../../main/monitor/status';
import { rosterDeltaSchema, rosterSnapshotSchema } from '../../main/monitor/status';
import { agent } from './fakes';

const T = Date.UTC(2025, 0, 15, 13, 0, 0);

function tracked() {
  const roster = createRoster({ historySize: 3 });
  const changes: AgentChange[][] = [];
  const deltas: RosterDelta[] = [];
  roster.onChanges((c) => changes.push(c));
  roster.onDelta((d) => deltas.push(d));
  return { roster, changes, deltas };
}

describe('roster', () => {
  it('sees a change in every single field of an AgentState (anyFieldChanged compares field by field)', () => {
    const a = agent(1, { outStateId: 12, outStateDescription: 'Break', contactId: 5, skillName: 'Sales', mediaTypeName: 'Chat' });
    const keys = Object.keys(a) as (keyof AgentState)[];
    expect(keys.length).toBeGreaterThanOrEqual(19);
    expect(anyFieldChanged(a, { ...a })).toBe(false);
    for (const k of keys) {
      const v = a[k];
      const other = typeof v === 'string' ? `${v}x` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : 'x';
      expect(anyFieldChanged(a, { ...a, [k]: other } as AgentState), k).toBe(true);
    }
  });

  it('a first snapshot yields one baseline change per agent, from null', () => {
    const { roster, changes, deltas } = tracked();
    const out = roster.applySnapshot([agent(1), agent(2, { stateId: 2, outStateId: 12, outStateDescription: 'Break' })], { baseline: true, at: T });
    expect(out.map((c) => [c.agentId, c.from, c.baseline])).toEqual([
      [1, null, true],
      [2, null, true],
    ]);
    expect(changes).toHaveLength(1);
    expect(deltas).toEqual([{ base: 0, revision: 1, upserts: [agent(1), agent(2, { stateId: 2, outStateId: 12, outStateDescription: 'Break' })], removed: [] }]);
    expect(rosterSnapshotSchema.parse(roster.snapshot())).toMatchObject({ revision: 1, teams: [{ id: 77001, name: 'Support Tier 1' }] });
    expect(roster.history(1)).toEqual([]); // "first seen" is not a change of state
  });

  it('emits exactly one change per agent whose state changed, with from/to and the server startDate', () => {
    const { roster, deltas } = tracked();
    roster.applySnapshot([agent(1), agent(2), agent(3), agent(4), agent(5)], { baseline: true, at: T });
    const start = '2025-01-15T13:05:00.000Z';
    const out = roster.applyDelta(
      [
        agent(1, { stateId: 2, outStateId: 12, outStateDescription: 'Break', startDate: start }), // state
        agent(2), // no change at all
        agent(3, { lastUpdateTime: '2025-01-15T13:06:00.000Z' }), // detail only: upsert, no change event
        agent(4, { isACW: true, startDate: null }), // ACW flag, no startDate → poll time
        agent(5, { stateId: 3, contactId: 777 }),
      ],
      { at: T + 60_000 },
    );
    expect(out.map((c) => c.agentId)).toEqual([1, 4, 5]);
    expect(out[0]).toMatchObject({ from: { stateName: 'Available' }, to: { stateName: 'Unavailable', outStateDescription: 'Break' }, at: Date.parse(start), baseline: false });
    expect(out[1]!.at).toBe(T + 60_000);
    expect(out[1]!.to.category).toBe('acw');
    const d = deltas.at(-1)!;
    expect(rosterDeltaSchema.parse(d)).toEqual(d);
    expect(d.base).toBe(1);
    expect(d.revision).toBe(2);
    expect(d.upserts.map((a) => a.agentId)).toEqual([1, 3, 4, 5]);
  });

  it('detects unavailable-code and contact changes within the same state', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1, { stateId: 2, outStateId: 12 }), agent(2, { stateId: 3, contactId: 1 })], { baseline: true, at: T });
    const out = roster.applyDelta([agent(1, { stateId: 2, outStateId: 13 }), agent(2, { stateId: 3, contactId: 2 })], { at: T });
    expect(out.map((c) => c.agentId)).toEqual([1, 2]);
  });

  it('an empty delta ("no change") changes nothing and publishes nothing', () => {
    const { roster, changes, deltas } = tracked();
    roster.applySnapshot([agent(1)], { baseline: true, at: T });
    expect(roster.applyDelta([], { at: T })).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(deltas).toHaveLength(1);
    expect(roster.get(1)!.stateName).toBe('Available');
  });

  it('keeps agents missing from a full snapshot and marks them logged out (once)', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1), agent(2)], { baseline: true, at: T });
    const out = roster.applySnapshot([agent(1)], { baseline: false, at: T + 1000 });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ agentId: 2, to: { stateId: 0, stateName: 'LoggedOut', category: 'logged-out', firstName: 'First2' }, at: T + 1000 });
    expect(roster.size).toBe(2);
    expect(roster.applySnapshot([agent(1)], { baseline: false, at: T + 2000 })).toEqual([]);
  });

  it('an agent missing from a baseline snapshot (resume, resync) is marked logged out as a baseline change', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1), agent(2)], { baseline: true, at: T });
    const out = roster.applySnapshot([agent(1)], { baseline: true, at: T + 1000 });
    expect(out.map((c) => [c.agentId, c.to.stateId, c.baseline])).toEqual([[2, 0, true]]);
  });

  it('a periodic snapshot reports only real differences, flagged by its baseline option', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1), agent(2)], { baseline: true, at: T });
    const out = roster.applySnapshot([agent(1), agent(2, { stateId: 0 })], { baseline: false, at: T });
    expect(out.map((c) => [c.agentId, c.baseline])).toEqual([[2, false]]);
  });

  it('joins names, teams and unavailable-code names the state lacks, and re-joins when they arrive later', () => {
    const { roster, deltas } = tracked();
    const bare = agent(1, { firstName: '', lastName: '', teamName: null, teamId: null, stateId: 2, outStateId: 12 });
    roster.applySnapshot([bare], { baseline: true, at: T });
    expect(roster.get(1)!.outStateDescription).toBeNull();
    roster.setDirectory([{ agentId: 1, firstName: 'Ana', lastName: 'Example', userName: 'ana@example.com', teamId: 5, teamName: null }], [{ teamId: 5, teamName: 'Billing' }]);
    roster.setUnavailableCodes([{ outStateId: 12, outStateDescription: 'Break' }]);
    expect(roster.get(1)).toMatchObject({ firstName: 'Ana', lastName: 'Example', userName: 'ana@example.com', teamId: 5, teamName: 'Billing', outStateDescription: 'Break' });
    expect(deltas.at(-1)!.upserts.map((a) => a.agentId)).toEqual([1]);
    // Later bare deltas are joined on arrival, and a name-only difference is no state change.
    const out = roster.applyDelta([{ ...bare, outStateId: 12 }], { at: T });
    expect(out).toEqual([]);
    expect(roster.get(1)!.teamName).toBe('Billing');
  });

  it('keeps a bounded per-agent history, oldest first', () => {
    const { roster } = tracked(); // historySize 3
    roster.applySnapshot([agent(1)], { baseline: true, at: T });
    const seq = [2, 1, 3, 1, 0];
    seq.forEach((stateId, k) => roster.applyDelta([agent(1, { stateId, startDate: new Date(T + k * 1000).toISOString() })], { at: T }));
    const h = roster.history(1);
    expect(h.map((c) => c.to.stateId)).toEqual([3, 1, 0]);
    expect(h.map((c) => c.from!.stateId)).toEqual([1, 3, 1]);
    expect(h.map((c) => c.at)).toEqual([T + 2000, T + 3000, T + 4000]);
    expect(h[0]!.to.firstName).toBe('First1');
    expect(h.map((c) => c.to.startDate)).toEqual([2, 3, 4].map((k) => new Date(T + k * 1000).toISOString()));
    expect(h[0]!.from!.startDate).toBe(new Date(T + 1000).toISOString());
    expect(roster.history(999)).toEqual([]);
  });

  it('revisions chain from delta to delta, and clear() removes everyone', () => {
    const { roster, changes, deltas } = tracked();
    roster.applySnapshot([agent(1), agent(2)], { baseline: true, at: T });
    roster.applyDelta([agent(1, { stateId: 2 })], { at: T });
    const changesBefore = changes.length;
    roster.clear();
    // Forgetting is no change of anyone's state: no changes event, only the delta that removes them.
    expect(changes).toHaveLength(changesBefore);
    expect(deltas.map((d) => [d.base, d.revision])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(deltas.at(-1)!.removed).toEqual([1, 2]);
    expect(roster.size).toBe(0);
  });

  it('a delta that lists an agent new to the roster twice adds it once and applies both (the merge looks everyone up before it merges)', () => {
    const { roster, deltas } = tracked();
    roster.applySnapshot([agent(1)], { baseline: true, at: T });
    const out = roster.applyDelta([agent(9), agent(1, { stateId: 2 }), agent(9, { stateId: 2, outStateId: 12, outStateDescription: 'Break' })], { at: T });
    expect(roster.size).toBe(2);
    expect(roster.get(9)).toMatchObject({ stateId: 2, outStateDescription: 'Break' });
    expect(out.map((c) => [c.agentId, c.from?.stateId ?? null, c.to.stateId])).toEqual([
      [9, null, 1],
      [1, 1, 2],
      [9, 1, 2],
    ]);
    expect(roster.history(9).map((c) => c.to.stateId)).toEqual([2]);
    expect(deltas.at(-1)!.upserts.map((a) => a.agentId)).toEqual([9, 1, 9]);
  });

  it('keeps a skill name of "" apart from none (its shape is found by the name, not compared again)', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1, { skillName: null }), agent(2, { skillName: '' })], { baseline: true, at: T });
    expect(roster.get(1)!.skillName).toBeNull();
    expect(roster.get(2)!.skillName).toBe('');
    roster.applyDelta([agent(1, { stateId: 2, skillName: '' }), agent(2, { stateId: 2, skillName: null })], { at: T });
    expect(roster.get(1)!.skillName).toBe('');
    expect(roster.get(2)!.skillName).toBeNull();
    expect(roster.history(1).map((c) => [c.from!.skillName, c.to.skillName])).toEqual([[null, '']]);
    expect(roster.history(2).map((c) => [c.from!.skillName, c.to.skillName])).toEqual([['', null]]);
  });

  it('leaves an agent already logged out whom a whole list leaves out as it is: no change, no delta, its time in state kept', () => {
    const { roster, changes, deltas } = tracked();
    const gone = agent(2, { stateId: 0, startDate: '2025-01-15T11:00:00.000Z' });
    roster.applySnapshot([agent(1), gone], { baseline: true, at: T });
    expect(roster.applySnapshot([agent(1)], { baseline: false, at: T + 60_000 })).toEqual([]);
    expect([changes.length, deltas.length]).toEqual([1, 1]);
    expect(roster.get(2)).toEqual(gone);
  });

  it('a whole list that names an agent twice still retires the one it left out', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1), agent(2)], { baseline: true, at: T });
    const out = roster.applySnapshot([agent(1), agent(1)], { baseline: false, at: T + 1000 });
    expect(out.map((c) => [c.agentId, c.to.stateId])).toEqual([[2, 0]]);
    expect(roster.get(2)!.stateName).toBe('LoggedOut');
  });

  it('a list not known to be whole updates whom it names and retires nobody, also as a poll result; a poll result that does not say is whole', () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1), agent(2), agent(3)], { baseline: true, at: T });
    const partial = roster.applySnapshot([agent(1, { stateId: 2 })], { baseline: false, at: T + 1000, complete: false });
    expect(partial.map((c) => [c.agentId, c.to.stateId])).toEqual([[1, 2]]);
    expect(roster.applyPollResult({ kind: 'snapshot', states: [agent(1, { stateId: 2 })], at: T + 2000, reason: 'periodic', baseline: false, complete: false })).toEqual([]);
    expect([2, 3].map((id) => roster.get(id)!.stateId)).toEqual([1, 1]);
    const whole = roster.applyPollResult({ kind: 'snapshot', states: [agent(1, { stateId: 2 }), agent(2)], at: T + 3000, reason: 'periodic', baseline: false });
    expect(whole.map((c) => [c.agentId, c.to.stateId])).toEqual([[3, 0]]);
  });

  it('an update that changes no state (a detail, the directory, code names) publishes a delta but no changes event', () => {
    const { roster, changes, deltas } = tracked();
    roster.applySnapshot([agent(1, { stateId: 2, outStateId: 12, teamName: null })], { baseline: true, at: T });
    roster.applyDelta([agent(1, { stateId: 2, outStateId: 12, teamName: null, lastUpdateTime: '2025-01-15T13:01:00.000Z' })], { at: T + 1000 });
    roster.setDirectory([], [{ teamId: 77001, teamName: 'Billing' }]);
    roster.setUnavailableCodes([{ outStateId: 12, outStateDescription: 'Break' }]);
    expect(deltas.map((d) => d.upserts.length)).toEqual([1, 1, 1, 1]);
    expect(changes).toHaveLength(1);
    expect(roster.get(1)).toMatchObject({ teamName: 'Billing', outStateDescription: 'Break', lastUpdateTime: '2025-01-15T13:01:00.000Z' });
    expect(roster.revision).toBe(4);
  });

  it('a listener that unsubscribed hears nothing more', () => {
    const roster = createRoster();
    const heard: string[] = [];
    const offChanges = roster.onChanges(() => heard.push('changes'));
    const offDelta = roster.onDelta(() => heard.push('delta'));
    roster.applySnapshot([agent(1)], { baseline: true, at: T });
    offChanges();
    offDelta();
    roster.applyDelta([agent(1, { stateId: 2 })], { at: T });
    roster.clear();
    expect(heard).toEqual(['delta', 'changes']);
  });

  it("the snapshot lists the directory's teams, then those only a state names (the directory's name wins), and the code list once known", () => {
    const { roster } = tracked();
    roster.applySnapshot(
      [
        agent(1, { teamId: 5, teamName: 'Billing (old name)' }),
        agent(2, { teamId: 6, teamName: 'Sales' }),
        agent(3, { teamId: 6, teamName: 'Sales' }),
        agent(4, { teamId: 7, teamName: '' }),
        agent(5, { teamId: null, teamName: 'No id' }),
      ],
      { baseline: true, at: T },
    );
    expect(roster.snapshot().unavailableCodes).toBeUndefined();
    roster.setDirectory([], [{ teamId: 5, teamName: 'Billing' }]);
    roster.setUnavailableCodes([{ outStateId: 12, outStateDescription: 'Break', timeLimitMinutes: 15 }]);
    const snap = roster.snapshot();
    expect(snap.teams).toEqual([
      { id: 5, name: 'Billing' },
      { id: 6, name: 'Sales' },
    ]);
    expect(snap.unavailableCodes).toEqual([{ id: 12, name: 'Break', timeLimitMinutes: 15 }]);
    expect(snap.revision).toBe(roster.revision);
  });

  it("lists the directory's agents, also those no state list has named", () => {
    const { roster } = tracked();
    roster.applySnapshot([agent(1)], { baseline: true, at: T });
    const dir = [
      { agentId: 1, firstName: 'Ana', lastName: 'Example', userName: null, teamId: null, teamName: null },
      { agentId: 2, firstName: 'Bo', lastName: 'Example', userName: 'bo@example.com', teamId: 5, teamName: 'Billing' },
    ];
    roster.setDirectory(dir, []);
    expect([...roster.directory()]).toEqual(dir);
    expect(roster.size).toBe(1);
  });

  it('a whole first list retires an agent that only a delta before it named', () => {
    const { roster } = tracked();
    roster.applyDelta([agent(5, { stateId: 2 })], { at: T });
    const out = roster.applySnapshot([agent(1)], { baseline: true, at: T + 1000 });
    expect(out.map((c) => [c.agentId, c.from?.stateId ?? null, c.to.stateId])).toEqual([
      [1, null, 1],
      [5, 2, 0],
    ]);
    expect(roster.get(999)).toBeUndefined();
  });

  it('keeps 20 changes per agent unless told otherwise', () => {
    const roster = createRoster();
    roster.applySnapshot([agent(1)], { baseline: true, at: T });
    for (let k = 1; k <= 25; k++) roster.applyDelta([agent(1, { stateId: k % 2 ? 2 : 1, startDate: new Date(T + k * 1000).toISOString() })], { at: T + k * 1000 });
    const h = roster.history(1);
    expect(h).toHaveLength(20);
    expect([h[0]!.at, h.at(-1)!.at]).toEqual([T + 6000, T + 25_000]);
  });

  it('a directory or code list that adds nothing to anyone publishes nothing', () => {
    const { roster, changes, deltas } = tracked();
    // Agent 1 lacks nothing; agent 2 has no names, and the directory has none for it either.
    roster.applySnapshot([agent(1, { userName: 'a1@example.com' }), agent(2, { firstName: '', lastName: '' })], { baseline: true, at: T });
    roster.setDirectory([{ agentId: 2, firstName: '', lastName: '', userName: null, teamId: 77001, teamName: 'Support Tier 1' }], [{ teamId: 77001, teamName: 'Support Tier 1' }]);
    roster.setUnavailableCodes([{ outStateId: 12, outStateDescription: 'Break' }]);
    expect([changes.length, deltas.length, roster.revision]).toEqual([1, 1, 1]);
  });

  it('applies poll results by kind', () => {
    const { roster } = tracked();
    roster.applyPollResult({ kind: 'snapshot', states: [agent(1)], at: T, reason: 'start', baseline: true });
    // No startDate: the change is dated at the poll's time.
    const out = roster.applyPollResult({ kind: 'delta', states: [agent(1, { stateId: 0, startDate: null })], at: T + 5000 });
    expect(out).toHaveLength(1);
    expect(out[0]!.baseline).toBe(false);
    expect(out[0]!.at).toBe(T + 5000);
  });
});
