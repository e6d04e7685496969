// Reads a tray badge's text back out of a bitmap, so tests check what a person would see rather than
// which function was called.
import { badgeLayout, GLYPH_HEIGHT, GLYPH_WIDTH, GLYPHS, type BadgeColours } from '../../main/shell/tray-badge';

/** Reads the badge's text back from the pixels; null when any glyph cell is not cleanly ink or pill. */
export function readBadge(bitmap: Uint8Array, size: number, length: number, colours: BadgeColours): string | null {
  const { scale, textX, textY } = badgeLayout(size, '0'.repeat(length));
  let read = '';
  for (let i = 0; i < length; i++) {
    const gx = textX + i * (GLYPH_WIDTH + 1) * scale;
    const rows: string[] = [];
    for (let ry = 0; ry < GLYPH_HEIGHT; ry++) {
      let row = '';
      for (let rx = 0; rx < GLYPH_WIDTH; rx++) {
        const cell = new Set<string>();
        for (let s = 0; s < scale * scale; s++) {
          const o = ((textY + ry * scale + Math.floor(s / scale)) * size + gx + rx * scale + (s % scale)) * 4;
          const opaqueGrey = bitmap[o + 3] === 255 && bitmap[o] === bitmap[o + 1] && bitmap[o] === bitmap[o + 2];
          cell.add(opaqueGrey && bitmap[o] === colours.ink ? '#' : opaqueGrey && bitmap[o] === colours.pill ? '.' : '?');
        }
        if (cell.size !== 1 || cell.has('?')) return null;
        row += [...cell][0];
      }
      rows.push(row);
    }
    const match = Object.entries(GLYPHS).find(([, g]) => g.every((r, k) => r === rows[k]));
    if (!match) return null;
    read += match[0];
  }
  return read;
}
