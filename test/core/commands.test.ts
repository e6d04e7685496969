// The renderer's commands (main/core/commands.ts) through the real IPC router, on the real core with
// the demo tenant on 127.0.0.1: the ones whose effect no other test looked at — unpinning, a pin the
// settings file cannot take, dismissing a banner, and an agent's recent changes.
import { mkdirSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/types';
import { createIpcRouter, type IpcRouter } from '../../main/ipc/router';
import { commands } from '../../preload/contract';
import type { AgentState } from '../../main/cxone/model';
import type { AgentChange } from '../../main/monitor/status';
import type { Clock } from '../../main/ports';
import { FakeClock, settle } from '../monitor/fakes';
import type { TestPorts } from '../harness/core-ports';
import { corePerTest } from '../harness/core-per-test';
import { until } from '../harness/until';

const makeCore = corePerTest();

async function demoCore(opts: { rawSettingsFile?: string; clock?: Clock } = {}): Promise<{ core: Core; ports: TestPorts; router: IpcRouter }> {
  const { core, ports } = makeCore({ settings: { demo: { agents: 30, seed: 4 } }, ...opts });
  await core.start();
  await until('live', () => core.appState().monitor.kind === 'live');
  return { core, ports, router: createIpcRouter(core.handlers, ports.logger) };
}

describe('commands', () => {
  it('pins and unpins an agent, once each, and says so in the settings the windows read', async () => {
    const { core: c, ports: p, router } = await demoCore();
    const [a, b] = (await c.rosterSnapshot()).agents.map((x) => x.agentId);
    for (const [agentId, pinned] of [[a, true], [b, true], [a, true], [b, false]] as const) {
      expect(await router.handle(commands.setAgentPinned.channel, { agentId, pinned }, true)).toMatchObject({ ok: true });
    }
    expect(p.settings.get().pinnedAgentIds).toEqual([a]);
    expect(c.appState().settings.pinnedAgentIds).toEqual([a]);
  });

  it('answers with the reason when the settings file cannot take a pin, and keeps the pins as they were', async () => {
    const { core: c, ports: p, router } = await demoCore();
    const [a] = (await c.rosterSnapshot()).agents.map((x) => x.agentId);
    // A directory where the file should be: every write fails, as on a full disk or a read-only folder.
    rmSync(p.paths.settings, { force: true });
    mkdirSync(p.paths.settings);
    const r = await router.handle(commands.setAgentPinned.channel, { agentId: a, pinned: true }, true);
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/could not be written/) } });
    expect(p.settings.get().pinnedAgentIds).toEqual([]);
  });

  it('dismisses a banner by its id', async () => {
    const { core: c, router } = await demoCore({ rawSettingsFile: '{"pollIntervalSeconds": "often"}' });
    expect(c.appState().notices.map((n) => n.id)).toContain('settings-reset');
    expect(await router.handle(commands.dismissNotice.channel, { id: 'settings-reset' }, true)).toMatchObject({ ok: true });
    expect(c.appState().notices.map((n) => n.id)).not.toContain('settings-reset');
  });

  it("answers an agent's recent changes from the running feed's roster", async () => {
    // The demo tenant runs on this clock: ten minutes on, agents have changed state.
    const clock = new FakeClock(Date.now());
    const { core: c, router } = await demoCore({ clock });
    const upserts: AgentState[] = [];
    c.onEvent('rosterDelta', (d) => void upserts.push(...d.upserts));
    for (let k = 0; k < 60 && upserts.length === 0; k++) {
      await clock.advance(10_000);
      await settle();
    }
    await until('a change', () => upserts.length > 0);
    const agent = upserts.at(-1)!;
    const r = await router.handle(commands.getAgentHistory.channel, { agentId: agent.agentId }, true);
    expect(r.ok).toBe(true);
    const history = r.ok ? (r.value as AgentChange[]) : [];
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((h) => h.agentId === agent.agentId)).toBe(true);
    expect(history.at(-1)!.to.stateId).toBe(agent.stateId);
    // An agent id the roster does not hold has no changes.
    expect(await router.handle(commands.getAgentHistory.channel, { agentId: 1 }, true)).toEqual({ ok: true, value: [] });
  });
});
