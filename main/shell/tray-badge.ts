// The Available count drawn onto the tray icon where the platform has no text beside it (Linux,
// Windows; macOS uses Tray.setTitle). Pure pixels, no electron import: the tray adapter hands in the
// icon's bitmap (NativeImage.toBitmap) and turns the result back into an image (createFromBitmap).
//
// Electron's bitmaps are in the platform's pixel order (BGRA on Windows and Linux) with premultiplied
// alpha. The badge writes only greys (R = G = B) and only fully opaque or fully clear pixels, so the same
// bytes are right in any channel order and whether or not alpha is premultiplied; the icon's own pixels
// are copied untouched.

/** 3×5 pixel glyphs, one string per row ('#' = ink). Digits and the '+' of "99+". */
export const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};
export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** What the badge says: the count for 0–99, "99+" beyond. */
export function badgeText(count: number): string {
  const n = Math.max(0, Math.floor(count));
  return n > 99 ? '99+' : String(n);
}

export interface BadgeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BadgeLayout {
  /** 1 at 16 px, 2 at 32 px: the font and spacing grow in whole pixels so digits stay crisp. */
  scale: number;
  pill: BadgeBox;
  /** Where the text's first glyph starts; glyphs follow every (3 + 1) × scale pixels. */
  textX: number;
  textY: number;
}

/** Where a badge with `text` goes on a size × size icon: a pill in the bottom-right corner. */
export function badgeLayout(size: number, text: string): BadgeLayout {
  const scale = Math.max(1, Math.floor(size / 16));
  const pad = scale;
  const textWidth = (text.length * (GLYPH_WIDTH + 1) - 1) * scale;
  const height = GLYPH_HEIGHT * scale + 2 * pad;
  // One digit gets a round badge, not a thin capsule.
  const width = Math.max(height, textWidth + 2 * pad);
  const pill = { x: size - width, y: size - height, width, height };
  return { scale, pill, textX: pill.x + Math.floor((width - textWidth) / 2), textY: pill.y + pad };
}

/**
 * Distance from the pixel centre (px, py) to the pill (≤ 0 inside): a disc for one digit, otherwise a
 * rectangle whose corners are rounded only as far as the text's padding allows (a full capsule would
 * cut into the outer digits and let them bleed into a light panel).
 */
function pillDistance(b: BadgeBox, scale: number, px: number, py: number): number {
  const r = b.width === b.height ? b.width / 2 : 2 * scale;
  const cx = px + 0.5;
  const cy = py + 0.5;
  const dx = Math.max(b.x + r - cx, 0, cx - (b.x + b.width - r));
  const dy = Math.max(b.y + r - cy, 0, cy - (b.y + b.height - r));
  return Math.hypot(dx, dy) - r;
}

export interface BadgeColours {
  /** Grey level of the pill (0–255). */
  pill: number;
  /** Grey level of the digits. */
  ink: number;
}

/** Black pill with white digits on a light panel; the reverse on a dark one. Both read at a glance. */
export function badgeColours(darkPanel: boolean): BadgeColours {
  return darkPanel ? { pill: 0xf2, ink: 0x14 } : { pill: 0x14, ink: 0xff };
}

/**
 * A copy of a size × size, 4-bytes-per-pixel icon bitmap with `count` in a pill at the bottom right.
 * A one-pixel (× scale) transparent gap around the pill keeps it apart from the glyph underneath.
 */
export function drawCountBadge(bitmap: Uint8Array, size: number, count: number, colours: BadgeColours): Buffer {
  if (!Number.isInteger(size) || size < 16 || bitmap.length !== size * size * 4) {
    throw new RangeError(`drawCountBadge: expected a square bitmap of at least 16 px, got ${bitmap.length} bytes for ${size} px`);
  }
  const out = Buffer.from(bitmap);
  const text = badgeText(count);
  const { scale, pill, textX, textY } = badgeLayout(size, text);
  const put = (x: number, y: number, grey: number, alpha: number) => {
    const o = (y * size + x) * 4;
    out[o] = out[o + 1] = out[o + 2] = alpha === 0 ? 0 : grey;
    out[o + 3] = alpha;
  };
  for (let y = Math.max(0, pill.y - scale); y < size; y++) {
    for (let x = Math.max(0, pill.x - scale); x < size; x++) {
      const d = pillDistance(pill, scale, x, y);
      if (d <= 0) put(x, y, colours.pill, 255);
      else if (d <= scale) put(x, y, 0, 0);
    }
  }
  [...text].forEach((ch, i) => {
    const rows = GLYPHS[ch];
    if (!rows) return;
    const gx = textX + i * (GLYPH_WIDTH + 1) * scale;
    rows.forEach((row, ry) => {
      [...row].forEach((cell, rx) => {
        if (cell !== '#') return;
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) put(gx + rx * scale + sx, textY + ry * scale + sy, colours.ink, 255);
        }
      });
    });
  });
  return out;
}
