// The committed icons are exactly what build/make-icons.mjs draws (so they can be regenerated, never
// hand-edited), have the sizes the platforms expect, and every tray state has its own shape.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRAY_ICON_STATES } from '../../main/shell/tray-menu';
import { ROOT } from './build-once';

interface IconScript {
  makeIcons(outDir: string): string[];
  rasterize(size: number, layers: [(x: number, y: number) => boolean, number[]][], opts?: { padding?: number }): Buffer;
  TRAY_SHAPES: Record<string, (x: number, y: number) => boolean>;
}
const script = (await import(join(ROOT, 'build/make-icons.mjs'))) as IconScript;
const out = mkdtempSync(join(tmpdir(), 'icons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe('build/ icons', () => {
  it('match a fresh run of build/make-icons.mjs byte for byte', () => {
    const written = script.makeIcons(out);
    expect(written.length).toBe(TRAY_ICON_STATES.length * 6 + 2);
    for (const file of written) {
      const rel = relative(out, file);
      expect(readFileSync(join(ROOT, 'build', rel)).equals(readFileSync(file)), `build/${rel} differs: run node build/make-icons.mjs`).toBe(true);
    }
  });

  it('tray icons are 16 px with 32 px @2x; the app icon is 512 px; the ICO holds 16–256 px', () => {
    for (const f of readdirSync(join(ROOT, 'build/tray'))) {
      const size = f.includes('@2x') ? 32 : 16;
      expect(pngSize(readFileSync(join(ROOT, 'build/tray', f))), f).toEqual([size, size]);
    }
    expect(pngSize(readFileSync(join(ROOT, 'build/icon.png')))).toEqual([512, 512]);
    const ico = readFileSync(join(ROOT, 'build/icon.ico'));
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual([16, 32, 48, 256]);
  });

  it('every tray state has a shape of its own (not only a colour)', () => {
    const masks = TRAY_ICON_STATES.map((state) => {
      const shape = script.TRAY_SHAPES[state];
      expect(shape, state).toBeDefined();
      const rgba = script.rasterize(16, [[shape!, [0, 0, 0]]], { padding: 1 });
      // Alpha only: what a monochrome (template) rendering shows.
      return Array.from({ length: 256 }, (_, i) => (rgba[i * 4 + 3]! > 127 ? 1 : 0)).join('');
    });
    expect(new Set(masks).size).toBe(TRAY_ICON_STATES.length);
  });
});
