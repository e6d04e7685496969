// The core publishes the demo tenant's queues: the real core in plain Node (test ports), the demo tenant
// on 127.0.0.1, the queue feed beside the agent feed. getQueues and the `queues` event carry a QueueState
// that honours the contract's schema, follows Settings → Watch, and turns off with the tenant.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import type { Core } from '../../main/core/types';
import { createIpcRouter } from '../../main/ipc/router';
import { queueStateSchema, type QueueState } from '../../main/queues/model';
import { NO_CHOSEN_SKILLS_REASON } from '../../main/queues/queue-feed';
import { until } from '../harness/until';
import { createTestPorts, type TestPorts } from '../harness/core-ports';

let core: Core | null = null;
let ports: TestPorts | null = null;
afterEach(async () => {
  await core?.stop();
  ports?.cleanup();
  core = null;
  ports = null;
});

/** getQueues answers at once (no promise): the state the core holds. */
function queues(c: Core): QueueState {
  const q = c.handlers.getQueues(undefined);
  if (q instanceof Promise) throw new Error('getQueues should answer at once');
  return q;
}

async function demoCore(): Promise<{ core: Core; events: QueueState[] }> {
  ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 60, seed: 3 } } });
  core = createCore(ports);
  const events: QueueState[] = [];
  core.onEvent('queues', (s) => events.push(s));
  await core.start();
  await until('live queues', () => queues(core!).status === 'live' && queues(core!).skills.some((s) => s.agentIds !== null));
  return { core, events };
}

describe('core: queues of the demo tenant', () => {
  it('publishes a live QueueState through getQueues (over the IPC router) and the queues event', async () => {
    const { core: c, events } = await demoCore();
    const router = createIpcRouter(c.handlers, ports!.logger);
    const answer = await router.handle('queues:get', undefined, true);
    expect(answer.ok).toBe(true);
    const state = queueStateSchema.parse(answer.ok ? answer.value : null);
    expect(state.skills).toHaveLength(10);
    expect(state.updatedAt).not.toBeNull();
    expect(Number.isFinite(state.serverOffsetMs)).toBe(true);
    // Who has each skill is known (the demo serves skills/agents), and every id is a demo agent.
    const roster = new Set((await c.rosterSnapshot()).agents.map((a) => a.agentId));
    for (const s of state.skills) {
      expect(s.agentIds, s.skillName).not.toBeNull();
      for (const id of s.agentIds!) expect(roster.has(id)).toBe(true);
    }
    expect(state.skills.some((s) => s.isOutbound)).toBe(true);
    // The event said the same, after a loading state.
    expect(events[0]!.status).toBe('loading');
    expect(events.at(-1)).toEqual(queues(c));
    for (const e of events) queueStateSchema.parse(e);
  });

  it('follows Settings → Watch: none is off, chosen narrows, teams keeps the skills of the watched agents', async () => {
    const { core: c, events } = await demoCore();
    const save = async (watch: Record<string, unknown>) => {
      const r = await c.handlers.saveSettings({ ...c.appState().settings, watch: { ...c.appState().settings.watch, ...watch } });
      expect(r.ok).toBe(true);
    };

    await save({ skillScope: 'none' });
    expect(queues(c).status).toBe('off');
    expect(events.at(-1)!.status).toBe('off');

    await save({ skillScope: 'chosen', skillIds: [] });
    await until('queues back', () => queues(c).status === 'live');
    expect(queues(c)).toMatchObject({ skills: [], reason: NO_CHOSEN_SKILLS_REASON });

    await save({ skillScope: 'chosen', skillIds: [5004, 5001] });
    expect(queues(c).skills.map((s) => s.skillId).sort()).toEqual([5001, 5004]);

    // The skills of the watched team's agents: each shown skill has one of them, each hidden one has none.
    const snapshot = await c.rosterSnapshot();
    const team = snapshot.agents[0]!.teamId!;
    await save({ scope: 'teams', teamIds: [team], skillScope: 'teams' });
    const teamAgents = new Set((await c.rosterSnapshot()).agents.map((a) => a.agentId));
    await until('team skills', () => queues(c).skills.length > 0);
    const shown = queues(c).skills;
    expect(shown.length).toBeLessThan(10);
    for (const s of shown) expect(s.agentIds!.some((id) => teamAgents.has(id))).toBe(true);
  });

  it('turns the queues off when the feed stops (sign-out, another tenant, quit)', async () => {
    const { core: c, events } = await demoCore();
    await c.stop();
    core = null;
    expect(events.at(-1)!.status).toBe('off');
    expect(queues(c).status).toBe('off');
  });

  it('pausing polling pauses the queues too; resuming brings them back live', async () => {
    const { core: c } = await demoCore();
    await c.handlers.setPollingPaused({ paused: true });
    expect(queues(c)).toMatchObject({ status: 'stale', reason: 'Polling is paused.' });
    await c.handlers.setPollingPaused({ paused: false });
    await until('live again', () => queues(c).status === 'live');
  });
});
