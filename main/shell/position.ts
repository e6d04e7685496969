// Where the tray window goes: next to the tray icon, on the side of the screen where the panel or
// taskbar is, clamped to the work area. Pure (no electron import) so every fallback is unit-tested.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PanelEdge = 'top' | 'bottom' | 'left' | 'right';

export interface PositionInput {
  window: { width: number; height: number };
  /** The tray icon's bounds; null or empty when the platform does not say (most Linux panels). */
  tray: Rect | null;
  /** The display the tray is on (or the primary display when the tray has no bounds). */
  display: { bounds: Rect; workArea: Rect };
}

/** A small gap between the panel and the window, so the window does not touch the panel. */
const GAP = 4;

export function hasBounds(r: Rect | null): r is Rect {
  return r !== null && r.width > 0 && r.height > 0;
}

/** Which edge the panel is on: the side where the work area is smaller than the display. */
export function panelEdge(display: { bounds: Rect; workArea: Rect }, tray: Rect | null): PanelEdge {
  const { bounds: b, workArea: w } = display;
  if (w.y > b.y) return 'top';
  if (w.x > b.x) return 'left';
  if (w.y + w.height < b.y + b.height) return 'bottom';
  if (w.x + w.width < b.x + b.width) return 'right';
  // Auto-hiding or floating panel: the work area is the whole display. Guess from the icon itself.
  if (hasBounds(tray)) return tray.y + tray.height / 2 < b.y + b.height / 2 ? 'top' : 'bottom';
  return 'bottom';
}

function clamp(value: number, min: number, max: number): number {
  // A window larger than the work area sticks to the work area's start.
  return Math.max(min, Math.min(value, max));
}

export function trayWindowPosition(input: PositionInput): { x: number; y: number } {
  const { window: size, tray, display } = input;
  const w = display.workArea;
  const maxX = w.x + w.width - size.width;
  const maxY = w.y + w.height - size.height;

  if (!hasBounds(tray)) {
    return {
      x: Math.round(clamp(w.x + (w.width - size.width) / 2, w.x, maxX)),
      y: Math.round(clamp(w.y + (w.height - size.height) / 2, w.y, maxY)),
    };
  }

  const cx = tray.x + tray.width / 2;
  const cy = tray.y + tray.height / 2;
  let x: number;
  let y: number;
  switch (panelEdge(display, tray)) {
    case 'top':
      x = cx - size.width / 2;
      y = w.y + GAP;
      break;
    case 'bottom':
      x = cx - size.width / 2;
      y = w.y + w.height - size.height - GAP;
      break;
    case 'left':
      x = w.x + GAP;
      y = cy - size.height / 2;
      break;
    case 'right':
      x = w.x + w.width - size.width - GAP;
      y = cy - size.height / 2;
      break;
  }
  return { x: Math.round(clamp(x, w.x, maxX)), y: Math.round(clamp(y, w.y, maxY)) };
}
