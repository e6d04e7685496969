// The headless core built in plain Node with test ports — no Electron anywhere. First run starts the
// demo tenant (a real simulator on 127.0.0.1), the real client, poller and roster, and commands go
// through the real IPC router with the contract's validation.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import type { Core } from '../../main/core/types';
import { createIpcRouter } from '../../main/ipc/router';
import type { RosterDelta } from '../../main/monitor/status';
import { systemClock } from '../../main/ports';
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

describe('core (plain Node, test ports)', () => {
  it('first run: starts the demo tenant, polls it and serves snapshot, state and commands', async () => {
    ports = createTestPorts({ settings: { demo: { agents: 60, seed: 7 } } });
    core = createCore(ports);
    const router = createIpcRouter(core.handlers, ports.logger);
    const deltas: RosterDelta[] = [];
    core.onEvent('rosterDelta', (d) => deltas.push(d));
    await core.start();

    const state = core.appState();
    expect(state.mode).toBe('unconfigured');
    expect(state.tenantLabel).toBe('Demo tenant');

    await until('the first snapshot', () => core!.appState().monitor.kind === 'live');
    // Windows read the roster in parts through the router; no channel answers with every agent at once.
    const part = await router.handle('roster:get-snapshot-part', { token: null, from: 0 }, true);
    expect(part.ok).toBe(true);
    if (part.ok) expect(part.value).toMatchObject({ total: 60, from: 0, agents: expect.any(Array) });
    if (part.ok) expect((part.value as { agents: unknown[] }).agents).toHaveLength(60);
    expect(await router.handle('roster:get-snapshot', undefined, true)).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });

    const tray = core.trayModel();
    expect(tray.icon).toBe('demo');
    expect(tray.availableCount).toBeGreaterThanOrEqual(0);
    expect(tray.tooltip).toMatch(/available/);

    // Commands: validated payloads reach the core; invalid ones do not.
    expect(await router.handle('agents:set-pinned', { agentId: 5, pinned: true }, true)).toEqual({ ok: true, value: { ok: true } });
    expect(core.appState().settings.pinnedAgentIds).toEqual([5]);
    expect((await router.handle('agents:set-pinned', { agentId: 'five' }, true)).ok).toBe(false);
    expect(await router.handle('window:open', { window: 'settings' }, true)).toEqual({ ok: true, value: { ok: true } });
    expect(ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'settings' });
    expect((await router.handle('shell:open-external', { url: 'http://example.com/' }, true)).ok).toBe(false);
    expect(ports.uiCalls.some((c) => c.method === 'openExternal')).toBe(false);
  });

  it('saving settings validates, persists and reaches the running feed', async () => {
    ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 30, seed: 3 } } });
    core = createCore(ports);
    await core.start();
    await until('live', () => core!.appState().monitor.kind === 'live');
    const bad = await core.handlers.saveSettings({ ...core.appState().settings, pollIntervalSeconds: 2 });
    expect(bad.ok).toBe(false);
    const all = await core.rosterSnapshot();
    expect(all.agents).toHaveLength(30);
    const chosen = all.agents.slice(0, 2).map((a) => a.agentId);
    const deltas: RosterDelta[] = [];
    core.onEvent('rosterDelta', (d) => deltas.push(d));
    const good = await core.handlers.saveSettings({ ...core.appState().settings, watch: { scope: 'agents', agentIds: chosen, teamIds: [] } });
    expect(good.ok).toBe(true);
    expect(ports.settings.get().watch.agentIds).toEqual(chosen);
    const snap = await core.rosterSnapshot();
    expect(snap.agents.map((a) => a.agentId).sort()).toEqual([...chosen].sort());
    // The renderer is told to fetch a fresh snapshot: a delta whose base matches no revision it holds.
    expect(deltas.some((d) => d.base !== snap.revision && d.revision === snap.revision)).toBe(true);
    expect(core.trayModel().availableCount).toBeLessThanOrEqual(2);
  });

  it('a window or tray listener that throws is logged, and every other listener still hears each update', async () => {
    ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 20, seed: 5 } } });
    core = createCore(ports);
    // Before, one throwing listener ended the core's publish: the tray after it never got the model,
    // and the throw escaped a microtask as an uncaught exception.
    core.onEvent('appState', () => {
      throw new Error('a window that went away');
    });
    core.onTrayModel(() => {
      throw new Error('a tray that went away');
    });
    const states: string[] = [];
    const trays: string[] = [];
    const deltas: RosterDelta[] = [];
    core.onEvent('appState', (s) => states.push(s.monitor.kind));
    core.onTrayModel((m) => trays.push(m.icon));
    core.onEvent('rosterDelta', (d) => deltas.push(d));
    await core.start();
    await until('live, with the roster sent', () => states.includes('live') && deltas.length > 0);
    await until('the tray updated too', () => trays.length >= states.length && trays.length > 0);
    const log = readFileSync(ports.logFile, 'utf8');
    expect(log).toContain("a listener of the core's appState event failed");
    expect(log).toContain('a tray model listener failed');
  });

  it('pauses notifications with an end time and resumes', async () => {
    ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 } } });
    core = createCore(ports);
    await core.start();
    await core.handlers.pauseNotifications({ minutes: 60 });
    const paused = core.appState();
    expect(paused.notificationsPausedUntil).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(core.trayModel().notificationsPausedUntil).toBe(paused.notificationsPausedUntil);
    await core.handlers.pauseNotifications({ minutes: null });
    expect(core.appState().notificationsPausedIndefinitely).toBe(true);
    await core.handlers.pauseNotifications({ minutes: 0 });
    expect(core.appState().notificationsPausedUntil).toBeNull();
    expect(core.appState().notificationsPausedIndefinitely).toBe(false);
  });

  it("sleep, a locked screen and going offline pause both feeds, each for its own reason; the user's pause outlasts them", async () => {
    // The longest interval (600 s): within the 10 s waits below, only a poll made on resume can arrive.
    ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 30, seed: 5 }, pollIntervalSeconds: 600 } });
    core = createCore(ports);
    core.power('suspend'); // before any feed runs: nothing to pause, nothing breaks
    await core.start();
    await until('live', () => core!.appState().monitor.kind === 'live');
    await until('queues live', async () => (await core!.handlers.getQueues(undefined)).status === 'live');
    const monitor = () => core!.appState().monitor;
    const pairs = [
      ['suspend', 'resume', 'suspend'],
      ['lock-screen', 'unlock-screen', 'lock'],
      ['offline', 'online', 'offline'],
    ] as const;
    for (const [pause, resume, reason] of pairs) {
      core.power(pause);
      expect(monitor()).toMatchObject({ kind: 'paused', reason });
      expect(core.trayModel().icon).toBe('paused');
      expect((await core.handlers.getQueues(undefined)).status).toBe('stale');
      const before = monitor();
      core.power(resume);
      // Polling resumes at once with a full list (a baseline), not after the interval.
      await until(`live again after ${resume}`, () => monitor().kind === 'live' && monitor() !== before, 10_000);
      await until(`queues live after ${resume}`, async () => (await core!.handlers.getQueues(undefined)).status === 'live', 10_000);
    }
    // A network change while online only wakes the feeds: nothing pauses.
    core.power('network-change');
    expect(monitor().kind).toBe('live');
    // Paused by the user (tray menu): waking from sleep does not resume polling.
    await core.handlers.setPollingPaused({ paused: true });
    core.power('suspend');
    core.power('resume');
    expect(monitor()).toMatchObject({ kind: 'paused', reason: 'user' });
    expect(core.appState().pollingPaused).toBe(true);
  });

  it('reports an unreadable settings file as a notice instead of crashing', async () => {
    ports = createTestPorts({ rawSettingsFile: '{ "mode": "cxone", broken' });
    core = createCore(ports);
    await core.start();
    const notice = core.appState().notices.find((n) => n.id === 'settings-reset');
    expect(notice?.message).toMatch(/could not be read/);
    expect(core.appState().mode).toBe('unconfigured');
  });
});

describe('diagnostics from the app', () => {
  it('runs the doctor on the demo tenant and names the watch scope when it hides an agent', async () => {
    ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 20, seed: 5 } } });
    core = createCore(ports);
    await core.start();
    await until('live', () => core!.appState().monitor.kind === 'live');
    const [first, second] = (await core.rosterSnapshot()).agents;
    await core.handlers.saveSettings({ ...core.appState().settings, watch: { scope: 'agents', agentIds: [first!.agentId], teamIds: [] } });

    const visible = await core.handlers.runDiagnostics({ agentId: String(first!.agentId) });
    const codes = visible.findings.map((f) => f.code);
    expect(codes).toContain('DEMO_TENANT');
    expect(codes).toContain('AGENT_VISIBLE');
    expect(codes).not.toContain('TOKEN_NOT_JWT');

    const hidden = await core.handlers.runDiagnostics({ agentId: String(second!.agentId) });
    const finding = hidden.findings.find((f) => f.code === 'HIDDEN_BY_APP_FILTER');
    expect(finding?.detail).toMatch(/chosen agents/);
  });

  it("the tenant's unavailable codes reach the alert policy: a code's own limit fires 'on <code> for N+ minutes' with no setting made", async () => {
    // The system clock, shiftable: moving it on and rescheduling the alert timer stands for minutes passing.
    const clock = { offsetMs: 0, now() { return Date.now() + this.offsetMs; }, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
    ports = createTestPorts({ clock, settings: { mode: 'demo', demo: { agents: 200, seed: 4 }, notifications: { toAvailable: false, toUnavailable: false, toLoggedOut: false } } });
    core = createCore(ports);
    await core.start();
    await until('live', () => core!.appState().monitor.kind === 'live');
    await until('the codes', async () => (await core!.rosterSnapshot()).unavailableCodes?.length === 8);
    const onBreak = (await core.rosterSnapshot()).agents.filter((a) => a.outStateId === 12 && a.category === 'unavailable');
    expect(onBreak.length).toBeGreaterThan(0);
    expect(core.appState().settings.notifications.unavailableLongerThanMinutes).toBe(0);
    clock.offsetMs = 16 * 60_000;
    // Saving (the same) settings re-plans the alert timer against the moved clock.
    await core.handlers.saveSettings({ ...core.appState().settings, theme: 'dark' });
    await until('the long-Break notification', () => ports!.notifications.find((n) => /on Break (for|over) 15\+? ?min/.test(`${n.title} ${n.body}`)));
  });
});
