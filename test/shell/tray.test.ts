// Tray icon, title, tooltip and context menu per state, against the fake electron module (no Electron
// binary runs here). Icons are the committed files in build/tray.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayModel } from '../../main/core-types';
import { silentLogger } from '../../main/ports';
import { TrayService, type TrayInstance } from '../../main/shell/tray';
import { TRAY_ICON_STATES, trayIconFile, trayMenuItems, type TrayActions } from '../../main/shell/tray-menu';
import { fake, nativeTheme, Tray, type FakeMenu, type FakeNativeImage } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const ICON_DIR = join(import.meta.dirname, '../../build/tray');

const base: TrayModel = {
  icon: 'live',
  availableCount: 12,
  tooltip: '12 available · 30 on contact · 5 unavailable — updated 4 s ago',
  signedIn: true,
  demo: false,
  pollingPaused: false,
  notificationsPausedUntil: null,
  notificationsPausedIndefinitely: false,
};

function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    open: () => calls.push('open'),
    refreshNow: () => calls.push('refreshNow'),
    pauseNotifications: (m) => calls.push(`pauseNotifications:${m}`),
    resumeNotifications: () => calls.push('resumeNotifications'),
    setPollingPaused: (p) => calls.push(`setPollingPaused:${p}`),
    openSettings: () => calls.push('openSettings'),
    openDiagnostics: () => calls.push('openDiagnostics'),
    signIn: () => calls.push('signIn'),
    signOut: () => calls.push('signOut'),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}

type Item = { label?: string; enabled?: boolean; click?: () => void; submenu?: Item[]; type?: string };
const labels = (items: readonly Item[]) => items.map((i) => (i.type === 'separator' ? '—' : i.label));
const find = (items: readonly Item[], label: string) => {
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no menu item "${label}" in ${labels(items).join(' | ')}`);
  return item;
};

function service(platform: NodeJS.Platform = 'linux') {
  const { calls, actions } = recordingActions();
  let clicks = 0;
  const tray = new TrayService({
    iconDir: ICON_DIR,
    platform,
    actions,
    onClick: () => clicks++,
    logger: silentLogger,
    formatTime: (ms) => `T${ms}`,
    createTrayInstance: (image) => new Tray(image as unknown as FakeNativeImage) as unknown as TrayInstance,
  });
  return { tray, calls, clicks: () => clicks, fakeTray: () => fake.trays.at(-1)! };
}

beforeEach(() => fake.reset());

describe('tray menu per state', () => {
  it('signed in and live: the full menu, Sign out, the Available count on top', () => {
    const { calls, actions } = recordingActions();
    const items = trayMenuItems(base, actions, String) as Item[];
    expect(labels(items)).toEqual([
      '12 available', 'Open', 'Refresh now', '—', 'Pause notifications', 'Pause polling', '—', 'Settings…', 'Diagnostics…', 'Sign out', '—', 'Quit CXone Agent Tray',
    ]);
    expect(find(items, '12 available').enabled).toBe(false);
    for (const label of ['Open', 'Refresh now', 'Pause polling', 'Settings…', 'Diagnostics…', 'Sign out', 'Quit CXone Agent Tray']) find(items, label).click!();
    const pause = find(items, 'Pause notifications').submenu!;
    expect(labels(pause)).toEqual(['For 1 hour', 'Until resumed']);
    pause.forEach((i) => i.click!());
    expect(calls).toEqual([
      'open', 'refreshNow', 'setPollingPaused:true', 'openSettings', 'openDiagnostics', 'signOut', 'quit', 'pauseNotifications:60', 'pauseNotifications:null',
    ]);
  });

  it('signed out: Sign in, nothing to refresh or pause, no count', () => {
    const { actions } = recordingActions();
    const model: TrayModel = { ...base, icon: 'signed-out', signedIn: false, availableCount: null };
    const items = trayMenuItems(model, actions, String) as Item[];
    expect(labels(items)).not.toContain('Sign out');
    expect(find(items, 'Sign in…').click).toBeTypeOf('function');
    expect(find(items, 'Refresh now').enabled).toBe(false);
    expect(find(items, 'Pause polling').enabled).toBe(false);
    expect(items[0]).toMatchObject({ label: 'Open' });
  });

  it('demo: offers to sign in to CXone and still refreshes', () => {
    const { actions } = recordingActions();
    for (const signedIn of [false, true]) {
      const demo = trayMenuItems({ ...base, icon: 'demo', signedIn, demo: true }, actions, String) as Item[];
      expect(find(demo, 'Sign in to CXone…')).toBeDefined();
      expect(labels(demo)).not.toContain('Sign out');
    }
    const items = trayMenuItems({ ...base, icon: 'demo', signedIn: false, demo: true }, actions, String) as Item[];
    expect(find(items, 'Refresh now').enabled).toBe(true);
  });

  it('paused notifications show the end time, or "until resumed", and resume', () => {
    const { calls, actions } = recordingActions();
    const until = trayMenuItems({ ...base, notificationsPausedUntil: 1234 }, actions, (ms) => `at ${ms}`) as Item[];
    find(until, 'Resume notifications (paused until at 1234)').click!();
    const forever = trayMenuItems({ ...base, notificationsPausedIndefinitely: true }, actions, String) as Item[];
    find(forever, 'Resume notifications (paused until resumed)').click!();
    expect(labels(until)).not.toContain('Pause notifications');
    expect(calls).toEqual(['resumeNotifications', 'resumeNotifications']);
  });

  it('paused polling offers Resume polling and disables Refresh now', () => {
    const { calls, actions } = recordingActions();
    const items = trayMenuItems({ ...base, icon: 'paused', pollingPaused: true }, actions, String) as Item[];
    find(items, 'Resume polling').click!();
    expect(find(items, 'Refresh now').enabled).toBe(false);
    expect(calls).toEqual(['setPollingPaused:false']);
  });
});

describe('icon choice', () => {
  it('a distinct, existing file for every state on every platform and panel shade', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const dark of [false, true]) {
        const files = TRAY_ICON_STATES.map((s) => trayIconFile(s, platform, dark));
        expect(new Set(files).size).toBe(TRAY_ICON_STATES.length);
        for (const f of files) {
          expect(existsSync(join(ICON_DIR, f)), f).toBe(true);
          expect(existsSync(join(ICON_DIR, f.replace('.png', '@2x.png'))), f).toBe(true);
        }
      }
    }
    expect(trayIconFile('live', 'darwin', true)).toBe('tray-liveTemplate.png');
    expect(trayIconFile('error', 'linux', true)).toBe('tray-error-dark.png');
  });
});

describe('TrayService', () => {
  it('creates one tray with icon, tooltip and a context menu, then updates it in place', () => {
    const { tray, fakeTray } = service('linux');
    tray.render(base);
    expect(fake.trays).toHaveLength(1);
    expect(fakeTray().image.path).toBe(join(ICON_DIR, 'tray-live-light.png'));
    expect(fakeTray().image.isEmpty()).toBe(false);
    expect(fakeTray().tooltip).toBe(base.tooltip);
    expect((fakeTray().menu as FakeMenu).items.length).toBeGreaterThan(5);
    expect(fakeTray().title).toBe(''); // setTitle is macOS only

    tray.render({ ...base, icon: 'error', availableCount: null, tooltip: 'Error: signed out by the server' });
    expect(fake.trays).toHaveLength(1);
    expect(fakeTray().image.path).toBe(join(ICON_DIR, 'tray-error-light.png'));
    expect(fakeTray().tooltip).toBe('Error: signed out by the server');
  });

  it('macOS: template image and the Available count as the title', () => {
    const { tray, fakeTray } = service('darwin');
    tray.render(base);
    expect(fakeTray().image.template).toBe(true);
    expect(fakeTray().image.path).toBe(join(ICON_DIR, 'tray-liveTemplate.png'));
    expect(fakeTray().title).toBe('12');
    tray.render({ ...base, icon: 'stale' });
    expect(fakeTray().title).toBe('');
  });

  it('re-renders when the theme changes', () => {
    const { tray, fakeTray } = service('linux');
    tray.render(base);
    nativeTheme.shouldUseDarkColors = true;
    nativeTheme.emit('updated');
    expect(fakeTray().image.path).toBe(join(ICON_DIR, 'tray-live-dark.png'));
    tray.destroy();
    expect(nativeTheme.listenerCount('updated')).toBe(0);
    expect(fakeTray().isDestroyed()).toBe(true);
  });

  it('a click goes to onClick; bounds are null when the platform reports none', () => {
    const { tray, fakeTray, clicks } = service();
    tray.render(base);
    fakeTray().emit('click');
    expect(clicks()).toBe(1);
    expect(tray.bounds()).toBeNull();
    fakeTray().bounds = { x: 10, y: 0, width: 22, height: 22 };
    expect(tray.bounds()).toEqual({ x: 10, y: 0, width: 22, height: 22 });
  });

  it('menu clicks reach the actions through the Electron menu template', () => {
    const { tray, calls, fakeTray } = service();
    tray.render(base);
    const items = (fakeTray().menu as FakeMenu).items as Item[];
    find(items, 'Refresh now').click!();
    find(find(items, 'Pause notifications').submenu!, 'For 1 hour').click!();
    expect(calls).toEqual(['refreshNow', 'pauseNotifications:60']);
  });
});
