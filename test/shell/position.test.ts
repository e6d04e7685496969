// Tray-window placement (pure): next to the icon on each panel edge, and the fallbacks.
import { describe, expect, it } from 'vitest';
import { panelEdge, trayWindowPosition, type Rect } from '../../main/shell/position';

const bounds: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const win = { width: 380, height: 560 };
const at = (workArea: Rect, tray: Rect | null, b: Rect = bounds) => trayWindowPosition({ window: win, tray, display: { bounds: b, workArea } });

describe('trayWindowPosition', () => {
  it('top panel (macOS menu bar, GNOME): below the icon, centred on it', () => {
    expect(at({ x: 0, y: 25, width: 1920, height: 1055 }, { x: 1500, y: 0, width: 22, height: 25 })).toEqual({ x: 1511 - 190, y: 29 });
  });

  it('bottom taskbar (Windows): above the icon', () => {
    expect(at({ x: 0, y: 0, width: 1920, height: 1040 }, { x: 1700, y: 1045, width: 24, height: 32 })).toEqual({ x: 1712 - 190, y: 1040 - 560 - 4 });
  });

  it('left and right taskbars: beside the icon, vertically centred on it', () => {
    expect(at({ x: 60, y: 0, width: 1860, height: 1080 }, { x: 10, y: 400, width: 40, height: 40 })).toEqual({ x: 64, y: 420 - 280 });
    expect(at({ x: 0, y: 0, width: 1860, height: 1080 }, { x: 1870, y: 500, width: 40, height: 40 })).toEqual({ x: 1860 - 380 - 4, y: 520 - 280 });
  });

  it('clamps to the work area when the icon is near a corner', () => {
    expect(at({ x: 0, y: 25, width: 1920, height: 1055 }, { x: 1905, y: 0, width: 15, height: 25 })).toEqual({ x: 1920 - 380, y: 29 });
    expect(at({ x: 0, y: 0, width: 1920, height: 1040 }, { x: 2, y: 1045, width: 24, height: 32 }).x).toBe(0);
    expect(at({ x: 0, y: 0, width: 1860, height: 1080 }, { x: 1870, y: 1050, width: 40, height: 30 }).y).toBe(1080 - 560);
  });

  it('no tray bounds (null or empty, e.g. Linux AppIndicator): centre of the work area', () => {
    const workArea = { x: 0, y: 32, width: 1920, height: 1048 };
    const centre = { x: (1920 - 380) / 2, y: 32 + (1048 - 560) / 2 };
    expect(at(workArea, null)).toEqual(centre);
    expect(at(workArea, { x: 0, y: 0, width: 0, height: 0 })).toEqual(centre);
  });

  it('works on a secondary display with negative coordinates', () => {
    const b = { x: -1280, y: 0, width: 1280, height: 1024 };
    expect(at({ x: -1280, y: 0, width: 1280, height: 984 }, { x: -700, y: 990, width: 24, height: 30 }, b)).toEqual({ x: -688 - 190, y: 984 - 560 - 4 });
  });

  it('a window larger than the work area starts at the work area origin', () => {
    const r = trayWindowPosition({ window: { width: 2000, height: 2000 }, tray: { x: 900, y: 0, width: 20, height: 20 }, display: { bounds, workArea: { x: 0, y: 20, width: 1920, height: 1060 } } });
    expect(r).toEqual({ x: 0, y: 20 });
  });
});

describe('panelEdge', () => {
  it('guesses from the icon when the panel hides itself (work area = whole display)', () => {
    expect(panelEdge({ bounds, workArea: bounds }, { x: 10, y: 5, width: 20, height: 20 })).toBe('top');
    expect(panelEdge({ bounds, workArea: bounds }, { x: 10, y: 1060, width: 20, height: 20 })).toBe('bottom');
    expect(panelEdge({ bounds, workArea: bounds }, null)).toBe('bottom');
  });
});
