// A full list that is not whole (CXone's totalRecords says more than its pages hold) must not retire
// anyone: through the real simulator over HTTP, client, poller, roster and alert policy.
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertPolicy, type NotificationDecision } from '../../main/monitor/alerts';
import type { AgentChange } from '../../main/monitor/status';
import { notificationSettingsSchema } from '../../main/settings/schema';
import { startPipeline, type Pipeline } from './sim-harness';

let p: Pipeline | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

describe('a partial full list', () => {
  it('retires nobody, notifies nothing about the missing, shows stale with the reason; a whole list clears it', async () => {
    // Pages of 20 and a resync due at every poll, so each poll below is a periodic (non-baseline) full list.
    p = await startPipeline({ agents: 60, seed: 5 }, { defaultPageSize: 20 }, 10_000);
    const pipe = p;
    const alerts = createAlertPolicy({
      settings: notificationSettingsSchema.parse({ toAvailable: false, toUnavailable: false, toLoggedOut: true, cooldownSeconds: 0, maxPerMinute: 60 }),
      minuteOfDay: () => 600,
      burstWindowMs: 0,
    });
    const changes: AgentChange[] = [];
    pipe.roster.onChanges((cs) => {
      changes.push(...cs);
      alerts.onChanges(cs, pipe.sim.now());
    });
    expect((await pipe.pollOnce()).ok).toBe(true);
    expect(pipe.roster.size).toBe(60);
    const before = new Map(pipe.roster.snapshot().agents.map((a) => [a.agentId, a]));
    changes.length = 0;

    // Each page now lists 5 agents fewer than totalRecords promises.
    pipe.server.faults.add({ kind: 'short-list', missing: 5, path: 'agents/states' });
    pipe.sim.advance(10_000);
    const r = await pipe.pollOnce();
    expect(r.ok).toBe(true);
    if (r.result?.kind !== 'snapshot') throw new Error('expected a full list');
    expect(r.result).toMatchObject({ reason: 'periodic', baseline: false, complete: false });
    const listed = new Set(r.result.states.map((s) => s.agentId));
    const missing = [...before.keys()].filter((id) => !listed.has(id));
    expect(missing.length).toBeGreaterThanOrEqual(5);
    for (const id of missing) expect(pipe.roster.get(id)).toEqual(before.get(id));
    // Whatever changed is what the simulator really did to agents the list named.
    for (const c of changes) {
      expect(listed.has(c.agentId)).toBe(true);
      expect(c.to.stateId).toBe(pipe.sim.statusOf(c.agentId)!.stateId);
    }
    const decisions: NotificationDecision[] = alerts.tick(pipe.sim.now());
    const trulyLoggedOut = changes.filter((c) => c.to.category === 'logged-out').length;
    expect(decisions.length).toBe(trulyLoggedOut === 0 ? 0 : 1);
    expect(pipe.poller.status()).toMatchObject({ kind: 'stale', issue: { complete: false, leftOut: 0, reason: expect.stringMatching(/totalRecords 60 but sent \d+/) } });

    // The whole list again: everyone is read, the status is live without an issue.
    pipe.server.faults.clear();
    pipe.sim.advance(10_000);
    const whole = await pipe.pollOnce();
    expect(whole.result).toMatchObject({ kind: 'snapshot', reason: 'periodic' });
    expect(whole.result && 'complete' in whole.result).toBe(false);
    expect(pipe.poller.status()).toEqual({ kind: 'live', lastSuccessAt: pipe.sim.now() });
    expect(pipe.roster.snapshot().agents.map((a) => a.stateId).sort()).toEqual(pipe.sim.snapshot().map((a) => a.stateId).sort());
  });

  it('items left out reach the status (count and first reason) and retire nobody', async () => {
    p = await startPipeline({ agents: 30, seed: 6 }, {}, 10_000);
    const pipe = p;
    expect((await pipe.pollOnce()).ok).toBe(true);
    const before = pipe.roster.snapshot().agents;
    pipe.server.faults.add({ kind: 'schema-drift', drift: 'agentId-missing', path: 'agents/states', count: 1 });
    pipe.sim.advance(10_000);
    const r = await pipe.pollOnce();
    expect(r.result).toMatchObject({ kind: 'snapshot', states: [], complete: false });
    expect(pipe.roster.snapshot().agents).toEqual(before);
    expect(pipe.poller.status()).toMatchObject({ kind: 'stale', issue: { leftOut: 30, reason: 'agentStates[0].agentId is missing', complete: false } });
  });
});

describe('the poller after a partial baseline', () => {
  it('keeps the next full list a baseline (whom the first one missed is not news), then goes back to periodic', async () => {
    const { FakeClock, ScriptedSource, agent, changes, settle } = await import('./fakes');
    const { createPoller } = await import('../../main/monitor/poller');
    const clock = new FakeClock();
    const time = (i: number) => new Date(Date.UTC(2025, 0, 15, 9, i)).toISOString();
    // Answer 0 (start) is partial; every other full answer is whole.
    const source = new ScriptedSource(clock, (c, i) =>
      c.query.updatedSince === undefined && i === 0 ? { ...changes([agent(1)], time(i)), complete: false, incompleteReason: 'short' } : changes([agent(1), agent(2)], time(i)),
    );
    const poller = createPoller({ source, clock, random: () => 0.5, intervalMs: 10_000, resyncMs: 20_000, resyncMsPer10kAgents: 0 });
    const results: Array<{ kind: string; baseline?: boolean; complete?: boolean }> = [];
    poller.onResult((r) => results.push(r));
    poller.start();
    await settle();
    for (let k = 0; k < 4; k++) await clock.advance(10_000);
    const fulls = results.filter((r) => r.kind === 'snapshot');
    expect(fulls.map((r) => [r.baseline, r.complete ?? true])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
    poller.stop();
  });
});
