// What the windows and the tray are drawn from (main/core/ui-state.ts), read from the real core on test
// ports: before any feed runs (no network), and on the demo tenant (a real simulator on 127.0.0.1). What
// it adds to the parts it reads: the monitor's state before a feed exists, the tooltip's times in the
// ports' format, and the user's pauses and badge choice reaching both the window and the tray.
import { describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../main/ports';
import { corePerTest } from '../harness/core-per-test';
import { until } from '../harness/until';

const makeCore = corePerTest();
/** A format no system locale produces, so the tooltip shows whose format it used. */
const utc = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

describe('the window and the tray before a feed runs', () => {
  it('a CXone tenant nobody signed in to: signed out in the window and on the tray', () => {
    const { core } = makeCore({ settings: { mode: 'cxone' } });
    expect(core.appState()).toMatchObject({ mode: 'cxone', tenantLabel: null, session: { kind: 'signed-out' }, monitor: { kind: 'signed-out' } });
    expect(core.trayModel()).toMatchObject({ icon: 'signed-out', tooltip: 'CXone Agent Tray — signed out', signedIn: false, demo: false, availableCount: null });
  });

  it('the demo tenant before it starts: idle, no error, no count yet', () => {
    const { core } = makeCore({ settings: { mode: 'demo' } });
    expect(core.appState()).toMatchObject({ mode: 'demo', tenantLabel: 'Demo tenant', monitor: { kind: 'idle' } });
    expect(core.trayModel()).toMatchObject({ icon: 'demo', tooltip: 'CXone Agent Tray (demo) — waiting for the first update', availableCount: null });
  });
});

describe("clock times in the OS's regional format (CorePorts.clockLocale)", () => {
  // 13:35 here: a pause of 30 minutes ends at 14:05, which the UK writes 14:05 and the US 02:05 PM.
  const at1335: Clock = { ...systemClock, now: () => new Date(2026, 0, 1, 13, 35, 9).getTime() };

  it("the tooltip's times are written in it, and the windows are told it", async () => {
    const tooltip = async (clockLocale?: string) => {
      const { core } = makeCore({ settings: { mode: 'demo' }, clock: at1335, ...(clockLocale === undefined ? {} : { clockLocale }) });
      expect(await core.handlers.pauseNotifications({ minutes: 30 })).toEqual({ ok: true });
      return { tooltip: core.trayModel().tooltip, clockLocale: core.appState().clockLocale };
    };
    expect(await tooltip('en-GB')).toEqual({ tooltip: 'CXone Agent Tray (demo) — waiting for the first update · notifications paused until 14:05', clockLocale: 'en-GB' });
    expect((await tooltip('en-US')).tooltip).toMatch(/ · notifications paused until 02:05\sPM$/);
    // As the OS may spell it: the windows get the tag Intl writes; one it cannot use is the default locale's.
    expect((await tooltip('en_GB.UTF-8')).clockLocale).toBe('en-GB');
    expect(await tooltip('')).toMatchObject({ clockLocale: null, tooltip: expect.stringMatching(/paused until \S+/) });
    expect((await tooltip()).clockLocale).toBeNull();
  });
});

describe('the window and the tray on the demo tenant', () => {
  it("give the tooltip's times in the ports' format and show the pauses and the badge choice the user made", async () => {
    const { core } = makeCore({ settings: { mode: 'demo', demo: { agents: 20, seed: 4 }, trayBadge: 'waiting' }, formatTime: utc });
    await core.start();
    await until('live', () => core.appState().monitor.kind === 'live');
    expect(core.trayModel()).toMatchObject({ icon: 'demo', badge: 'waiting', pollingPaused: false, notificationsPausedUntil: null, notificationsPausedIndefinitely: false });
    // The demo tenant's queues may lead the tooltip by now; the agents' time ends it.
    expect(core.trayModel().tooltip).toMatch(/^CXone Agent Tray \(demo\) — .*\d+ available.* — updated at \d\d:\d\d UTC$/);

    expect(await core.handlers.pauseNotifications({ minutes: 30 })).toEqual({ ok: true });
    const until30 = core.appState().notificationsPausedUntil;
    expect(until30).not.toBeNull();
    expect(core.appState().notificationsPausedIndefinitely).toBe(false);
    expect(core.trayModel()).toMatchObject({ notificationsPausedUntil: until30, notificationsPausedIndefinitely: false });
    expect(core.trayModel().tooltip).toMatch(new RegExp(` · notifications paused until ${utc(until30!)}$`));

    await core.handlers.pauseNotifications({ minutes: null });
    expect(core.appState()).toMatchObject({ notificationsPausedUntil: null, notificationsPausedIndefinitely: true });
    expect(core.trayModel().tooltip).toMatch(/ · notifications paused$/);

    await core.handlers.setPollingPaused({ paused: true });
    expect(core.appState().pollingPaused).toBe(true);
    expect(core.trayModel().pollingPaused).toBe(true);
  });
});
