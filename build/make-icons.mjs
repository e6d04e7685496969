#!/usr/bin/env node
// Draws the app icon and the tray icon sets with nothing but Node: shapes are rasterized into an RGBA
// buffer (4×4 supersampling for smooth edges) and encoded as PNG with node:zlib. Output is
// deterministic, so the committed files can be checked against a fresh run (test/packaging/icons.test.ts).
//
//   node build/make-icons.mjs [outDir]     (default: build/)
//
// Every tray state has its own SHAPE, never just its own colour:
//   live ● filled disc · demo ▶ play triangle · stale ◐ half-filled ring · paused ❚❚ two bars ·
//   error ✕ cross · signed-out ○ empty ring
// Files: tray/tray-<state>-light(.png|@2x.png)  dark glyph for light panels
//        tray/tray-<state>-dark(.png|@2x.png)   light glyph for dark panels
//        tray/tray-<state>Template(.png|@2x.png) macOS template images (black + alpha; the OS tints them)
//        icon.png (512 px), icon.ico (16, 32, 48, 256 px)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

// ── PNG encoding ─────────────────────────────────────────────────────────────────────────────────
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO whose entries are PNG images (supported since Windows Vista). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size; // 0 means 256
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}

// ── shapes in a unit square (0..1 on both axes) ─────────────────────────────────────────────────
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, ro, ri) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d <= ro * ro && d >= ri * ri;
};
const box = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const bar = (ax, ay, bx, by, half) => (x, y) => {
  // Distance from (x, y) to the segment a–b is at most `half`.
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half;
};
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

export const TRAY_SHAPES = {
  live: disc(0.5, 0.5, 0.4),
  demo: triangle(0.2, 0.1, 0.2, 0.9, 0.9, 0.5),
  stale: union(ring(0.5, 0.5, 0.44, 0.3), (x, y) => x <= 0.5 && disc(0.5, 0.5, 0.44)(x, y)),
  paused: union(box(0.18, 0.12, 0.4, 0.88), box(0.6, 0.12, 0.82, 0.88)),
  error: union(bar(0.18, 0.18, 0.82, 0.82, 0.12), bar(0.82, 0.18, 0.18, 0.82, 0.12)),
  'signed-out': ring(0.5, 0.5, 0.42, 0.28),
};

/** Colours per state: [for a light panel (dark glyph), for a dark panel (light glyph)]. */
const TRAY_COLOURS = {
  live: ['#1a7f37', '#56d364'],
  demo: ['#6639ba', '#c8a6ff'],
  stale: ['#9a6700', '#f2cc60'],
  paused: ['#57606a', '#c9d1d9'],
  error: ['#cf222e', '#ff7b72'],
  'signed-out': ['#57606a', '#c9d1d9'],
};

function hex(colour) {
  return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
}

/** Rasterizes layers of [shape, rgb] (later layers on top) into an RGBA buffer of size × size. */
export function rasterize(size, layers, { padding = 0 } = {}) {
  const out = Buffer.alloc(size * size * 4);
  const SS = 4;
  const span = size - 2 * padding;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px - padding + (sx + 0.5) / SS) / span;
          const y = (py - padding + (sy + 0.5) / SS) / span;
          for (let i = layers.length - 1; i >= 0; i--) {
            const [shape, rgb] = layers[i];
            if (shape(x, y)) {
              r += rgb[0];
              g += rgb[1];
              b += rgb[2];
              a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((a / (SS * SS)) * 255);
      }
    }
  }
  return out;
}

function roundedSquare(radius) {
  return (x, y) => {
    const cx = Math.max(radius, Math.min(1 - radius, x));
    const cy = Math.max(radius, Math.min(1 - radius, y));
    return x >= 0 && x <= 1 && y >= 0 && y <= 1 && (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
  };
}

const APP_ICON_LAYERS = [
  [roundedSquare(0.22), hex('#0b5cad')],
  [ring(0.5, 0.5, 0.32, 0.22), hex('#ffffff')],
  [disc(0.5, 0.5, 0.12), hex('#56d364')],
];

export function makeIcons(outDir) {
  const trayDir = join(outDir, 'tray');
  mkdirSync(trayDir, { recursive: true });
  const written = [];
  const write = (path, data) => {
    writeFileSync(path, data);
    written.push(path);
  };
  for (const [state, shape] of Object.entries(TRAY_SHAPES)) {
    const [onLight, onDark] = TRAY_COLOURS[state];
    for (const [scale, suffix] of [
      [1, ''],
      [2, '@2x'],
    ]) {
      const size = 16 * scale;
      const padding = scale; // 1 px breathing room at 1x
      write(join(trayDir, `tray-${state}-light${suffix}.png`), encodePng(size, size, rasterize(size, [[shape, hex(onLight)]], { padding })));
      write(join(trayDir, `tray-${state}-dark${suffix}.png`), encodePng(size, size, rasterize(size, [[shape, hex(onDark)]], { padding })));
      write(join(trayDir, `tray-${state}Template${suffix}.png`), encodePng(size, size, rasterize(size, [[shape, [0, 0, 0]]], { padding })));
    }
  }
  write(join(outDir, 'icon.png'), encodePng(512, 512, rasterize(512, APP_ICON_LAYERS, { padding: 24 })));
  const icoSizes = [16, 32, 48, 256];
  write(
    join(outDir, 'icon.ico'),
    encodeIco(icoSizes.map((size) => ({ size, png: encodePng(size, size, rasterize(size, APP_ICON_LAYERS, { padding: Math.round(size / 21) })) }))),
  );
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
  const files = makeIcons(outDir);
  console.log(`wrote ${files.length} icons to ${outDir}`);
}
