// The roster as the watch scope sees it (main/monitor/scope-view.ts), on a real roster: deltas and
// changes narrowed to the scope, counts kept change by change, a scope change recounting and sending
// the renderer a reset; and listeners isolated, so a failing renderer channel cannot silence the
// notification policy (before, one throwing delta listener ended the roster's publish, and the change
// listeners after it never ran).
import { describe, expect, it } from 'vitest';
import { createRoster } from '../../main/monitor/roster';
import { createScopeView } from '../../main/monitor/scope-view';
import type { AgentChange, RosterDelta } from '../../main/monitor/status';
import { systemClock, type Logger } from '../../main/ports';
import { watchSettingsSchema } from '../../main/settings/schema';
import { agent } from './fakes';

const TEAM_A = 77001;
const TEAM_B = 77002;

function setUp(watch = watchSettingsSchema.parse({ scope: 'teams', teamIds: [TEAM_A] })) {
  const errors: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (m) => errors.push(m) };
  const roster = createRoster();
  const view = createScopeView({ roster, clock: systemClock, logger, watch, meAgentId: null });
  roster.applySnapshot([agent(1, { teamId: TEAM_A }), agent(2, { teamId: TEAM_A }), agent(3, { teamId: TEAM_B, teamName: 'Billing' })], { baseline: true, at: Date.now() });
  return { roster, view, errors };
}

describe('scope view', () => {
  it('narrows deltas and changes to the scope and keeps the counts change by change', () => {
    const { roster, view } = setUp();
    const deltas: RosterDelta[] = [];
    const changes: AgentChange[][] = [];
    view.onDelta((d) => deltas.push(d));
    view.onChanges((c) => changes.push(c));
    expect(view.snapshot().agents.map((a) => a.agentId).sort()).toEqual([1, 2]);
    expect(view.counts().available).toBe(2);

    roster.applyDelta([agent(2, { teamId: TEAM_A, stateId: 2 }), agent(3, { teamId: TEAM_B, stateId: 2 })], { at: Date.now() });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.map((c) => c.agentId)).toEqual([2]);
    // The out-of-scope agent goes to the renderer as removed, never as a row.
    expect(deltas[0]!.upserts.map((a) => a.agentId)).toEqual([2]);
    expect(deltas[0]!.removed).toEqual([3]);
    expect(view.counts()).toMatchObject({ available: 1, unavailable: 1 });
    expect([...(view.watchedAgentIds() ?? [])].sort()).toEqual([1, 2]);
  });

  it('a new scope recounts, rebuilds the watched ids and sends the renderer a reset', () => {
    const { view } = setUp();
    expect(view.watchedAgentIds()?.size).toBe(2);
    const deltas: RosterDelta[] = [];
    view.onDelta((d) => deltas.push(d));
    view.setWatch(watchSettingsSchema.parse({ scope: 'teams', teamIds: [TEAM_B] }));
    expect(deltas).toEqual([{ base: -1, revision: expect.any(Number), upserts: [], removed: [] }]);
    expect(view.counts().available).toBe(1);
    expect([...(view.watchedAgentIds() ?? [])]).toEqual([3]);
    const filter = view.scopeFilter();
    expect(filter.hiddenReason?.(agent(1, { teamId: TEAM_A }))).toEqual(expect.any(String));
    expect(filter.hiddenReason?.(agent(3, { teamId: TEAM_B }))).toBeNull();
  });

  it('a throwing listener is logged and the others still hear every delta and change', () => {
    const { roster, view, errors } = setUp(watchSettingsSchema.parse({}));
    const heard: number[] = [];
    view.onDelta(() => {
      throw new Error('renderer gone');
    });
    view.onChanges(() => {
      throw new Error('policy broke');
    });
    view.onChanges((c) => heard.push(...c.map((x) => x.agentId)));
    roster.applyDelta([agent(1, { teamId: TEAM_A, stateId: 2 })], { at: Date.now() });
    roster.applyDelta([agent(3, { teamId: TEAM_B, stateId: 2 })], { at: Date.now() });
    expect(heard).toEqual([1, 3]);
    expect(errors).toEqual(['a roster delta listener failed', 'an agent change listener failed', 'a roster delta listener failed', 'an agent change listener failed']);
  });

  it('stop() stops listening to the roster', () => {
    const { roster, view } = setUp(watchSettingsSchema.parse({}));
    let heard = 0;
    view.onChanges(() => (heard += 1));
    view.stop();
    roster.applyDelta([agent(1, { stateId: 2 })], { at: Date.now() });
    expect(heard).toBe(0);
  });
});
