// Tray icon, title, tooltip and context menu per state, against the fake electron module (no Electron
// binary runs here). Icons are the committed files in build/tray.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayModel } from '../../main/core/types';
import { silentLogger, type Logger } from '../../main/ports';
import { TrayService, type TrayInstance } from '../../main/shell/tray';
import { TRAY_ICON_STATES, trayIconFile, trayMenuItems, type TrayActions } from '../../main/shell/tray-menu';
import { badgeColours, badgeText } from '../../main/shell/tray-badge';
import { readBadge } from './badge-reader';
import { fake, nativeTheme, Tray, type FakeMenu, type FakeNativeImage } from './fake-electron';
import { readPng, swapRedBlue } from './png';

vi.mock('electron', () => import('./fake-electron'));

const ICON_DIR = join(import.meta.dirname, '../../build/tray');
const { encodePng } = (await import(join(import.meta.dirname, '../../build/make-icons.mjs'))) as { encodePng(w: number, h: number, rgba: Buffer): Buffer };
const tinyPng = encodePng(8, 8, Buffer.alloc(8 * 8 * 4, 255));

const base: TrayModel = {
  icon: 'live',
  availableCount: 12,
  tooltip: '12 available · 30 on contact · 5 unavailable — updated 4 s ago',
  signedIn: true,
  signInNeeded: false,
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

function service(platform: NodeJS.Platform = 'linux', opts: { iconDir?: string; logger?: Logger; clockLocale?: string } = {}) {
  const { calls, actions } = recordingActions();
  let clicks = 0;
  const tray = new TrayService({
    iconDir: opts.iconDir ?? ICON_DIR,
    platform,
    actions,
    onClick: () => clicks++,
    logger: opts.logger ?? silentLogger,
    // The menu's times in the OS's regional format when one is given, else in a format no locale writes.
    ...(opts.clockLocale !== undefined ? { clockLocale: opts.clockLocale } : { formatTime: (ms: number) => `T${ms}` }),
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

  it('token refused: "Sign in again…" leads, Sign out stays; neither while all is well', () => {
    const { actions, calls } = recordingActions();
    const refused = trayMenuItems({ ...base, icon: 'error', signInNeeded: true }, actions, String) as Item[];
    const names = labels(refused);
    expect(names.indexOf('Sign in again…')).toBeGreaterThan(-1);
    expect(names.indexOf('Sign in again…')).toBeLessThan(names.indexOf('Sign out'));
    find(refused, 'Sign in again…').click?.();
    expect(calls).toContain('signIn');
    expect(labels(trayMenuItems(base, actions, String) as Item[])).not.toContain('Sign in again…');
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
    expect(find(items, 'Resume polling').enabled).toBe(true);
    // Signed out with the pause kept: nothing polls either way, so neither item can be chosen.
    const signedOut = trayMenuItems({ ...base, icon: 'signed-out', signedIn: false, pollingPaused: true }, actions, String) as Item[];
    expect(find(signedOut, 'Resume polling').enabled).toBe(false);
    const signedOutRunning = trayMenuItems({ ...base, icon: 'signed-out', signedIn: false }, actions, String) as Item[];
    expect(find(signedOutRunning, 'Pause polling').enabled).toBe(false);
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
    tray.render({ ...base, availableCount: null });
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

  it('sets the menu again only when what it shows changed: a poll that changes only the tooltip leaves an open menu alone', () => {
    const { tray, fakeTray } = service('linux');
    tray.render(base);
    tray.render({ ...base, tooltip: 'CXone Agent Tray — 12 available — updated at 14:06' });
    expect(fake.count('tray.setContextMenu')).toBe(1);
    expect(fakeTray().tooltip).toBe('CXone Agent Tray — 12 available — updated at 14:06');
    tray.render({ ...base, availableCount: 13 });
    expect(fake.count('tray.setContextMenu')).toBe(2);
    expect(find((fakeTray().menu as FakeMenu).items as Item[], '13 available').enabled).toBe(false);
    // A new tray icon (the old one destroyed) gets its menu, though it shows the same.
    tray.destroy();
    tray.render({ ...base, availableCount: 13 });
    expect(fake.count('tray.setContextMenu')).toBe(3);
  });

  it("writes the menu's 'paused until' time in the OS's regional format (clockLocale), not the default locale", () => {
    const until = new Date(2026, 0, 1, 15, 5, 9).getTime();
    const resume = (clockLocale: string) => {
      fake.reset();
      const { tray, fakeTray } = service('linux', { clockLocale });
      tray.render({ ...base, notificationsPausedUntil: until });
      return labels((fakeTray().menu as FakeMenu).items as Item[]).find((l) => l?.startsWith('Resume notifications'));
    };
    expect(resume('en-GB')).toBe('Resume notifications (paused until 15:05)');
    expect(resume('en-US')).toMatch(/^Resume notifications \(paused until 03:05\sPM\)$/);
  });

  it('Linux and Windows: the count is drawn on the icon and never set as a title too', () => {
    for (const platform of ['linux', 'win32'] as const) {
      fake.reset();
      const { tray, fakeTray } = service(platform);
      tray.render(base);
      expect(fakeTray().title).toBe('');
    }
  });

  it("hands Electron's menu the items' enabled state: counts and Refresh now while paused cannot be chosen", () => {
    const { tray, fakeTray } = service('linux');
    tray.render({ ...base, pollingPaused: true, icon: 'paused' });
    const items = (fakeTray().menu as FakeMenu).items as Item[];
    expect(find(items, '12 available').enabled).toBe(false);
    expect(find(items, 'Refresh now').enabled).toBe(false);
    expect(find(items, 'Open').enabled).toBe(true);
  });

  it('says so in the log when an icon file is missing, or too small to carry the count', () => {
    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const logger = { ...silentLogger, warn: (m: string, d?: Record<string, unknown>) => void warnings.push([m, d]) };
    const dir = mkdtempSync(join(tmpdir(), 'tray-icons-'));
    try {
      service('linux', { iconDir: dir, logger }).tray.render(base);
      expect(warnings).toEqual([['tray: icon missing', { file: join(dir, 'tray-live-light.png') }]]);

      // An 8 px icon (a broken build): shown as it is, without a count, and logged.
      warnings.length = 0;
      writeFileSync(join(dir, 'tray-live-light.png'), tinyPng);
      service('linux', { iconDir: dir, logger }).tray.render(base);
      expect(warnings).toEqual([['tray: could not draw the count on the icon', undefined]]);

      // A file that is there but is no image (a truncated download): Electron's image is empty, as for a missing one.
      warnings.length = 0;
      writeFileSync(join(dir, 'tray-live-light.png'), 'not a png');
      const broken = service('linux', { iconDir: dir, logger });
      broken.tray.render(base);
      expect(warnings).toEqual([['tray: icon missing', { file: join(dir, 'tray-live-light.png') }]]);
      expect(broken.fakeTray().menu).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps at most 256 badged icons, then starts the cache over', () => {
    const { tray } = service('linux');
    const loads = () => fake.calls.filter((c) => c.api === 'nativeImage.createFromBitmap').length;
    const render = (count: number, icon: 'live' | 'demo', dark: boolean) => {
      nativeTheme.shouldUseDarkColors = dark;
      tray.render({ ...base, icon, availableCount: count });
    };
    render(1, 'live', false);
    render(1, 'live', false);
    expect(loads()).toBe(1);
    // 3 icon files × 100 counts: 300 distinct badges, past the limit, so the first is drawn again.
    for (const [icon, dark] of [['live', false], ['live', true], ['demo', false]] as const) for (let n = 0; n < 100; n++) render(n, icon, dark);
    const before = loads();
    render(1, 'live', false);
    expect(loads()).toBe(before + 1);
  });

  it('macOS: a click opens the tray window alone, and a right click the menu (a context menu would open on the same click)', () => {
    fake.options.platform = 'darwin';
    const { tray, calls, clicks, fakeTray } = service('darwin');
    tray.render(base);
    expect(fakeTray().simulateClick()).toBe(true);
    expect(clicks()).toBe(1);
    expect(fake.count('tray.menuShown')).toBe(0);
    fakeTray().simulateRightClick();
    expect(fake.count('tray.menuShown')).toBe(1);
    const items = fakeTray().shownMenu!.items as Item[];
    find(items, 'Open').click!();
    expect(calls).toEqual(['open']);
    // The menu popped up is the current one, not the one of the first render.
    tray.render({ ...base, availableCount: 3 });
    fakeTray().simulateRightClick();
    expect(labels(fakeTray().shownMenu!.items as Item[])[0]).toBe('3 available');
  });

  it('Windows and Linux keep the context menu, which opens on a right click (Linux: on any click the panel keeps)', () => {
    for (const platform of ['win32', 'linux'] as const) {
      fake.reset();
      fake.options.platform = platform;
      const { tray, clicks, fakeTray } = service(platform);
      tray.render(base);
      expect(fakeTray().simulateClick()).toBe(true);
      expect(clicks()).toBe(1);
      expect(fake.count('tray.menuShown')).toBe(0);
      fakeTray().simulateRightClick();
      expect(labels(fakeTray().shownMenu!.items as Item[])).toContain('Open');
    }
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
    tray.render({ ...base, availableCount: null });
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
    expect(fakeTray().simulateClick()).toBe(true);
    expect(clicks()).toBe(1);
    expect(tray.bounds()).toBeNull();
    fakeTray().bounds = { x: 10, y: 0, width: 22, height: 22 };
    expect(tray.bounds()).toEqual({ x: 10, y: 0, width: 22, height: 22 });
  });

  it('a Linux panel that never delivers a click (GNOME AppIndicator): in every state the menu opens the window, Settings and Quit', () => {
    fake.options.trayClicks = false;
    const models: TrayModel[] = [
      base,
      { ...base, icon: 'signed-out', signedIn: false, availableCount: null },
      { ...base, icon: 'demo', signedIn: false, demo: true },
      { ...base, icon: 'error', signInNeeded: true, availableCount: null },
      { ...base, icon: 'paused', pollingPaused: true },
      { ...base, icon: 'stale', notificationsPausedIndefinitely: true },
    ];
    for (const model of models) {
      fake.reset();
      fake.options.trayClicks = false;
      const { tray, calls, clicks, fakeTray } = service('linux');
      tray.render(model);
      expect(fakeTray().simulateClick()).toBe(false);
      expect(clicks()).toBe(0);
      const items = (fakeTray().menu as FakeMenu).items as Item[];
      for (const label of ['Open', 'Settings…', 'Quit CXone Agent Tray']) {
        expect(find(items, label).enabled, `${model.icon}: ${label}`).not.toBe(false);
        find(items, label).click!();
      }
      expect(calls).toEqual(['open', 'openSettings', 'quit']);
    }
  });

  it('a destroyed tray is never touched again: a render after destroy makes a new icon', () => {
    const { tray } = service();
    tray.render(base);
    const first = fake.trays[0]!;
    tray.destroy();
    // Electron throws "Tray is destroyed" from every method of a destroyed tray.
    expect(() => first.setToolTip('x')).toThrow('Tray is destroyed');
    expect(tray.bounds()).toBeNull();
    tray.render({ ...base, tooltip: 'after' });
    expect(fake.trays).toHaveLength(2);
    expect(fake.trays[1]!.tooltip).toBe('after');
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

/** What the badge on a fake tray image says at 1× and 2× (null when a resolution has no legible badge). */
function badgeOn(image: FakeNativeImage, darkPanel: boolean, length: number): [string | null, string | null] {
  const read = (scale: number, size: number) => {
    const rep = image.reps.get(scale);
    return rep && rep.width === size ? readBadge(rep.buffer, size, length, badgeColours(darkPanel)) : null;
  };
  return [read(1, 16), read(2, 32)];
}

describe('Available count on the icon (Linux, Windows)', () => {
  for (const platform of ['linux', 'win32'] as const) {
    it(`${platform}: live and demo icons carry the count at 16 and 32 px; other states have none`, () => {
      const { tray, fakeTray } = service(platform);
      // Windows follows the taskbar's (system) theme: the fake's default is a dark taskbar.
      const dark = platform === 'win32';
      tray.render(base);
      expect(fakeTray().image.path).toBe('');
      expect(badgeOn(fakeTray().image, dark, 2)).toEqual(['12', '12']);
      // The rest of the icon is the committed live glyph (BGRA, as Electron's bitmaps are).
      const glyph = swapRedBlue(readPng(join(ICON_DIR, `tray-live-${dark ? 'dark' : 'light'}.png`)).data);
      expect(fakeTray().image.reps.get(1)!.buffer.subarray(0, 16 * 8 * 4).equals(glyph.subarray(0, 16 * 8 * 4))).toBe(true);

      tray.render({ ...base, icon: 'demo', availableCount: 250 });
      expect(badgeOn(fakeTray().image, dark, 3)).toEqual(['99+', '99+']);
      tray.render({ ...base, availableCount: 0 });
      expect(badgeOn(fakeTray().image, dark, 1)).toEqual(['0', '0']);

      for (const icon of ['stale', 'paused', 'error', 'signed-out'] as const) {
        tray.render({ ...base, icon });
        expect(fakeTray().image.path, icon).toBe(join(ICON_DIR, `tray-${icon}-${dark ? 'dark' : 'light'}.png`));
        expect(fakeTray().image.reps.size, icon).toBe(0);
      }
      expect(fakeTray().title).toBe('');
    });
  }

  it('one badged image per icon and count: a repeated count draws nothing new', () => {
    const { tray, fakeTray } = service('linux');
    tray.render(base);
    const first = fakeTray().image;
    tray.render({ ...base, tooltip: 'updated 1 s ago' });
    tray.render({ ...base, tooltip: 'updated 2 s ago' });
    expect(fakeTray().image).toBe(first);
    expect(fake.count('nativeImage.createFromBitmap')).toBe(1);
    tray.render({ ...base, availableCount: 13 });
    expect(fakeTray().image).not.toBe(first);
    expect(badgeOn(fakeTray().image, false, 2)).toEqual(['13', '13']);
    // 100 and 5000 both say "99+": the same picture.
    tray.render({ ...base, availableCount: 100 });
    const many = fakeTray().image;
    tray.render({ ...base, availableCount: 5000 });
    expect(fakeTray().image).toBe(many);
    expect(fake.count('nativeImage.createFromBitmap')).toBe(3);
    tray.render(base);
    expect(fakeTray().image).toBe(first);
  });

  it('with the "waiting" choice the badge counts contacts waiting, and shows nothing without queue data', () => {
    const { tray, fakeTray } = service('linux');
    tray.render({ ...base, badge: 'waiting', waitingCount: 7 });
    expect(badgeOn(fakeTray().image, false, 1)).toEqual(['7', '7']);
    tray.render({ ...base, badge: 'waiting', waitingCount: 140 });
    expect(badgeOn(fakeTray().image, false, 3)).toEqual(['99+', '99+']);
    // Queues off or not loaded: no number at all rather than the available count passing for "waiting".
    tray.render({ ...base, badge: 'waiting', waitingCount: null });
    expect(fakeTray().image.reps.size).toBe(0);
    tray.render({ ...base, badge: 'available', waitingCount: 7 });
    expect(badgeOn(fakeTray().image, false, 2)).toEqual(['12', '12']);
    const mac = service('darwin');
    mac.tray.render({ ...base, badge: 'waiting', waitingCount: 7 });
    expect(mac.fakeTray().title).toBe('7');
  });

  it('the menu says how many wait when there is queue data', () => {
    const labelsOf = (m: TrayModel) => labels(trayMenuItems(m, recordingActions().actions, (ms) => String(ms)) as Item[]);
    expect(labelsOf({ ...base, waitingCount: 4 }).slice(0, 2)).toEqual(['12 available', '4 waiting in queues']);
    expect(labelsOf(base)).not.toContain('0 waiting in queues');
  });

  it('a theme change redraws the badge in the other shade', () => {
    const { tray, fakeTray } = service('linux');
    tray.render(base);
    expect(badgeOn(fakeTray().image, false, 2)).toEqual(['12', '12']);
    expect(badgeOn(fakeTray().image, true, 2)).toEqual([null, null]);
    nativeTheme.shouldUseDarkColors = true;
    nativeTheme.emit('updated');
    expect(badgeOn(fakeTray().image, true, 2)).toEqual(['12', '12']);
  });

  it('macOS keeps the template image and the title: no badge drawn', () => {
    const { tray, fakeTray } = service('darwin');
    tray.render(base);
    expect(fakeTray().image.reps.size).toBe(0);
    expect(fake.count('nativeImage.createFromBitmap')).toBe(0);
    expect(fakeTray().title).toBe(badgeText(12));
  });
});
