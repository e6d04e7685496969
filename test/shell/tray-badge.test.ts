// The Available count drawn on the tray icon (Linux/Windows): pure pixels, tested on the committed
// icons at 16 and 32 px. The digits are read back out of the pixels, so a badge that is clipped,
// smeared or drawn over by the pill fails here. A contact sheet of rendered badges is written to
// test-results/tray-badges.png for a person to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeColours, badgeLayout, badgeText, drawCountBadge } from '../../main/shell/tray-badge';
import { readBadge } from './badge-reader';
import { readPng } from './png';

const ROOT = join(import.meta.dirname, '../..');
const icon = (state: string, shade: 'light' | 'dark', size: 16 | 32) => readPng(join(ROOT, 'build/tray', `tray-${state}-${shade}${size === 32 ? '@2x' : ''}.png`)).data;

/** Indexes of the pixels that differ between two bitmaps of the same size. */
function changedPixels(a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) out.push(i / 4);
  }
  return out;
}

describe('badgeText', () => {
  it('0–99 as digits, "99+" beyond, never negative', () => {
    expect([0, 7, 12, 99, 100, 5000, -3, 4.7].map(badgeText)).toEqual(['0', '7', '12', '99', '99+', '99+', '0', '4']);
  });
});

describe('drawCountBadge', () => {
  for (const size of [16, 32] as const) {
    for (const shade of ['light', 'dark'] as const) {
      it(`${size} px, ${shade} panel: the count reads back from the pixels for 0–120`, () => {
        const base = icon('live', shade, size);
        const colours = badgeColours(shade === 'dark');
        for (let n = 0; n <= 120; n++) {
          const text = badgeText(n);
          const out = drawCountBadge(base, size, n, colours);
          expect(readBadge(out, size, text.length, colours), `${n} at ${size} px`).toBe(text);
        }
      });
    }

    it(`${size} px: every count from 0 to 100 gives different pixels`, () => {
      const base = icon('live', 'light', size);
      const seen = new Set<string>();
      for (let n = 0; n <= 100; n++) seen.add(drawCountBadge(base, size, n, badgeColours(false)).toString('base64'));
      expect(seen.size).toBe(101);
    });

    it(`${size} px: only the pill and its gap change; the glyph's top-left stays as drawn; the input is not touched`, () => {
      for (const state of ['live', 'demo'] as const) {
        const base = icon(state, 'light', size);
        const before = Buffer.from(base);
        for (const n of [0, 7, 42, 100]) {
          const out = drawCountBadge(base, size, n, badgeColours(false));
          expect(out.length).toBe(size * size * 4);
          const { pill, scale } = badgeLayout(size, badgeText(n));
          expect(pill.x - scale).toBeGreaterThanOrEqual(0);
          expect(pill.y - scale).toBeGreaterThanOrEqual(0);
          expect(pill.x + pill.width).toBeLessThanOrEqual(size);
          expect(pill.y + pill.height).toBeLessThanOrEqual(size);
          const changed = changedPixels(base, out);
          expect(changed.length).toBeGreaterThan(0);
          for (const p of changed) {
            const x = p % size;
            const y = Math.floor(p / size);
            expect(x >= pill.x - scale && y >= pill.y - scale, `pixel ${x},${y} outside the badge`).toBe(true);
          }
          // At least the upper half of the icon is untouched: the state's shape stays recognisable.
          expect(out.subarray(0, (size * size * 4) / 2).equals(base.subarray(0, (size * size * 4) / 2))).toBe(true);
        }
        expect(base.equals(before)).toBe(true);
      }
    });
  }

  it('writes only greys and only opaque or clear pixels (right in RGBA or BGRA, premultiplied or not)', () => {
    const base = icon('error', 'dark', 32);
    const out = drawCountBadge(base, 32, 88, badgeColours(true));
    for (const p of changedPixels(base, out)) {
      const o = p * 4;
      expect([0, 255]).toContain(out[o + 3]);
      expect(out[o]).toBe(out[o + 2]);
      expect(out[o]).toBe(out[o + 1]);
    }
  });

  it('refuses a bitmap that is not size × size × 4 bytes', () => {
    expect(() => drawCountBadge(Buffer.alloc(100), 16, 1, badgeColours(false))).toThrow(RangeError);
  });

  it('writes a contact sheet of badges (test-results/tray-badges.png) to look at', async () => {
    const { encodePng } = (await import(join(ROOT, 'build/make-icons.mjs'))) as { encodePng(w: number, h: number, rgba: Buffer): Buffer };
    const counts = [0, 3, 12, 47, 99, 100];
    const zoom = 6;
    const cell = 32 * zoom + 16;
    const rows = [
      { shade: 'light' as const, size: 16 as const, panel: [0xe8, 0xe8, 0xe8] },
      { shade: 'light' as const, size: 32 as const, panel: [0xe8, 0xe8, 0xe8] },
      { shade: 'dark' as const, size: 16 as const, panel: [0x24, 0x29, 0x2f] },
      { shade: 'dark' as const, size: 32 as const, panel: [0x24, 0x29, 0x2f] },
    ];
    const width = cell * counts.length;
    const height = cell * rows.length;
    const sheet = Buffer.alloc(width * height * 4, 0xff);
    rows.forEach(({ shade, size, panel }, r) => {
      counts.forEach((n, c) => {
        const img = drawCountBadge(icon('live', shade, size), size, n, badgeColours(shade === 'dark'));
        const px = (32 * zoom) / size; // both sizes shown at the same physical size
        for (let y = 0; y < size * px; y++) {
          for (let x = 0; x < size * px; x++) {
            const s = (Math.floor(y / px) * size + Math.floor(x / px)) * 4;
            const a = img[s + 3]! / 255;
            const d = ((r * cell + 8 + y) * width + c * cell + 8 + x) * 4;
            for (let k = 0; k < 3; k++) sheet[d + k] = Math.round(img[s + k]! * a + panel[k]! * (1 - a));
            sheet[d + 3] = 255;
          }
        }
      });
    });
    const dir = join(ROOT, 'test-results');
    mkdirSync(dir, { recursive: true });
    const png = encodePng(width, height, sheet);
    writeFileSync(join(dir, 'tray-badges.png'), png);
    expect(readPng(join(dir, 'tray-badges.png')).width).toBe(width);
  });
});
