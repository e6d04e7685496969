// The tray icon, rendered from the core's TrayModel (in the manner of Signal's SystemTrayService): icon
// per state, tooltip, the Available count (macOS: the title; elsewhere: a badge drawn on the icon), and
// ALWAYS a menu — on Linux a click on the icon may never reach the app, so the menu is the reliable way
// in. On macOS the menu opens on a right click (popUpContextMenu): a menu set with setContextMenu opens
// on the same left click that toggles the window, over it.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, nativeTheme, type MenuItemConstructorOptions, type NativeImage, type Rectangle } from 'electron';
import { formatClockTime } from '../clock-time';
import type { TrayModel } from '../core/types';
import type { Logger } from '../ports';
import { badgeColours, badgeText, drawCountBadge } from './tray-badge';
import { trayCount, trayIconFile, trayMenuItems, trayTitle, type MenuItemSpec, type TrayActions } from './tray-menu';

/** The part of Electron's Tray this service uses; tests hand in a fake through createTrayInstance. */
export interface TrayInstance {
  setImage(image: NativeImage): void;
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: Menu | null): void;
  popUpContextMenu(menu?: Menu): void;
  getBounds(): Rectangle;
  on(event: 'click' | 'right-click', listener: () => void): unknown;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface TrayServiceDeps {
  /** build/tray in development, <resources>/tray in a packaged app. */
  iconDir: string;
  platform: NodeJS.Platform;
  actions: TrayActions;
  /** A click on the icon (where the platform delivers one) toggles the tray window. */
  onClick(): void;
  logger: Logger;
  /** The OS's regional format for the menu's times (app.getSystemLocale()); unset: the default locale. */
  clockLocale?: string;
  /** Replaces formatClockTime in `clockLocale` (tests). */
  formatTime?: (ms: number) => string;
  createTrayInstance?: (image: NativeImage) => TrayInstance;
}

function toElectronMenu(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((item) => {
    if ('type' in item) return { type: 'separator' };
    const out: MenuItemConstructorOptions = { label: item.label, enabled: item.enabled ?? true };
    if (item.click) {
      const click = item.click;
      out.click = () => click();
    }
    if (item.submenu) out.submenu = toElectronMenu(item.submenu);
    return out;
  });
}

/** Badged icons kept per icon file and badge text; a few hundred at most (12 files × "0"…"99+"). */
const BADGE_CACHE_LIMIT = 256;

export class TrayService {
  private tray: TrayInstance | null = null;
  private model: TrayModel | null = null;
  /** macOS: the menu a right click pops up (elsewhere it is the tray's context menu). */
  private menu: Menu | null = null;
  /** What the menu shows (its items without their clicks), to build it again only when that changed. */
  private menuShown: string | null = null;
  private readonly badged = new Map<string, NativeImage>();
  private readonly onThemeUpdated = () => {
    if (this.model) this.render(this.model);
  };

  constructor(private readonly deps: TrayServiceDeps) {}

  /** Creates the icon on first call, then updates it in place. */
  render(model: TrayModel): void {
    this.model = model;
    const image = this.iconFor(model);
    if (!this.tray || this.tray.isDestroyed()) {
      const create = this.deps.createTrayInstance ?? ((img: NativeImage) => new Tray(img));
      const tray = create(image);
      this.tray = tray;
      this.menuShown = null;
      tray.on('click', () => this.deps.onClick());
      if (this.deps.platform === 'darwin') {
        tray.on('right-click', () => {
          if (this.menu && !tray.isDestroyed()) tray.popUpContextMenu(this.menu);
        });
      }
      nativeTheme.on('updated', this.onThemeUpdated);
    } else {
      this.tray.setImage(image);
    }
    this.tray.setToolTip(model.tooltip);
    if (this.deps.platform === 'darwin') this.tray.setTitle(trayTitle(model));
    const items = trayMenuItems(model, this.deps.actions, this.deps.formatTime ?? ((ms) => formatClockTime(ms, this.deps.clockLocale)));
    // Renders come with every poll; a menu replaced while it is open may close under the user's pointer
    // on some Linux panels, so the same menu is not set again (its clicks depend only on what it shows).
    const shown = JSON.stringify(items);
    if (shown === this.menuShown) return;
    this.menuShown = shown;
    const menu = Menu.buildFromTemplate(toElectronMenu(items));
    if (this.deps.platform === 'darwin') this.menu = menu;
    else this.tray.setContextMenu(menu);
  }

  /** The icon's bounds for positioning the tray window; null when the platform reports none. */
  bounds(): Rectangle | null {
    if (!this.tray || this.tray.isDestroyed()) return null;
    const b = this.tray.getBounds();
    return b.width > 0 && b.height > 0 ? b : null;
  }

  destroy(): void {
    nativeTheme.removeListener('updated', this.onThemeUpdated);
    if (this.tray && !this.tray.isDestroyed()) this.tray.destroy();
    this.tray = null;
  }

  private iconFor(model: TrayModel): NativeImage {
    // Windows' taskbar follows the system (not the app) theme; Linux panels give no signal beyond the
    // GTK theme, which shouldUseDarkColors reflects.
    const darkPanel =
      this.deps.platform === 'win32' ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI : nativeTheme.shouldUseDarkColors;
    const file = join(this.deps.iconDir, trayIconFile(model.icon, this.deps.platform, darkPanel));
    const count = this.deps.platform === 'darwin' ? null : trayCount(model);
    const key = count === null ? null : `${file}|${badgeText(count)}`;
    const cached = key === null ? undefined : this.badged.get(key);
    if (cached) return cached;
    const image = nativeImage.createFromPath(file);
    if (image.isEmpty()) this.deps.logger.warn('tray: icon missing', { file });
    if (this.deps.platform === 'darwin') image.setTemplateImage(true);
    if (key === null || count === null || image.isEmpty()) return image;
    const withBadge = this.drawBadge(image, count, darkPanel);
    if (this.badged.size >= BADGE_CACHE_LIMIT) this.badged.clear();
    this.badged.set(key, withBadge);
    return withBadge;
  }

  /** Every resolution the icon has (16 px and its @2x), each with the count drawn on. */
  private drawBadge(icon: NativeImage, count: number, darkPanel: boolean): NativeImage {
    const colours = badgeColours(darkPanel);
    let out: NativeImage | null = null;
    for (const scaleFactor of icon.getScaleFactors()) {
      const bitmap = icon.toBitmap({ scaleFactor });
      // Tray icons are square; the pixel size follows from the bitmap (getSize answers in DIPs).
      const side = Math.round(Math.sqrt(bitmap.length / 4));
      if (side < 16 || side * side * 4 !== bitmap.length) continue;
      const buffer = drawCountBadge(bitmap, side, count, colours);
      if (!out) out = nativeImage.createFromBitmap(buffer, { width: side, height: side, scaleFactor });
      else out.addRepresentation({ scaleFactor, width: side, height: side, buffer });
    }
    if (!out) this.deps.logger.warn('tray: could not draw the count on the icon');
    return out ?? icon;
  }
}
