// Every agent's recent state changes, kept in typed arrays instead of one object per change (issue 15):
// at 100,000 agents with a full 20-change history, objects cost ~2 KB per agent (an object, two heap
// numbers and an array slot per entry); here a point costs 24 bytes (three float64 slots). A ring holds the last `depth`
// points of one agent — each a state it was in — and consecutive points are its changes, so a ring
// of historySize + 1 points holds historySize changes (the oldest point is the "from" of the first).
//
// Storage is in blocks of BLOCK rings, allocated as rings are first needed and never copied on growth.
// A point keeps: when it began (ms), an index into the caller's shape table, the contact id (NaN for
// none), and flags (baseline; how startDate is spelled). A startDate that is exactly
// `new Date(at).toISOString()` (what the parser produces) costs nothing; null costs nothing; anything
// else is kept as text on the side.

import { canonicalMs } from '../cxone/server-time';

const BLOCK = 1024;
/** The largest |ms| a Date can hold. */
const MAX_DATE_MS = 8.64e15;
const START_FROM_AT = 0;
const START_NULL = 1;
const START_TEXT = 2;
const BASELINE = 4;
/** Float64 slots per point: when it began, the contact id, and shape * 8 + flags. */
const STRIDE = 3;

export interface HistoryPoint {
  at: number;
  shape: number;
  contactId: number | null;
  startDate: string | null;
  baseline: boolean;
}

/** How a startDate is spelled relative to `at`: no text kept when it is `at` as ISO text, or null. */
function startKind(startDate: string | null, at: number): number {
  if (startDate === null) return START_NULL;
  if (startDate.length !== 24) return START_TEXT;
  // CXone's canonical spelling is read without a Date; anything else must survive the exact round trip.
  if (canonicalMs(startDate) === at) return START_FROM_AT;
  return Math.abs(at) <= MAX_DATE_MS && new Date(at).toISOString() === startDate ? START_FROM_AT : START_TEXT;
}

interface Block {
  /** Ring r's points: slots [r * depth * STRIDE, (r + 1) * depth * STRIDE), STRIDE per point. */
  points: Float64Array;
  /** Per ring: index of its oldest point and how many it holds. */
  head: Uint8Array;
  count: Uint8Array;
}

export class HistoryRings {
  // A point's three values sit side by side (one cache line, mostly): four arrays side by side cost a
  // miss each at 100,000 agents. The per-ring heads and counts are small and stay in cache.
  private readonly blocks: Block[] = [];
  private rings = 0;
  /** startDate texts that are not `at` as ISO, by point index. */
  private readonly texts = new Map<number, string>();

  /** `depth`: points per ring (historySize + 1); at most 255. */
  constructor(private readonly depth: number) {
    if (depth < 2 || depth > 255) throw new RangeError('history depth must be 2..255');
  }

  /** A new, empty ring. */
  alloc(): number {
    const ring = this.rings++;
    if (ring / BLOCK >= this.blocks.length) {
      // One buffer per block, one allocation (six cost as much as a delta's parse on first changes).
      const n = BLOCK * this.depth * STRIDE;
      const buf = new ArrayBuffer(8 * n + 2 * BLOCK);
      this.blocks.push({ points: new Float64Array(buf, 0, n), head: new Uint8Array(buf, 8 * n, BLOCK), count: new Uint8Array(buf, 8 * n + BLOCK, BLOCK) });
    }
    return ring;
  }

  /**
   * Appends a point (fields as in HistoryPoint); when the ring is full, the oldest point is dropped.
   * `startIsAt`: the caller read `at` from startDate itself, spelled exactly as new Date(at).toISOString()
   * (the roster remembers that per text), so startDate is not read again here — on the delta path that
   * second read of each change's time was ~0.1 of JSON.parse (issue 15).
   */
  push(ring: number, at: number, shape: number, contactId: number | null, startDate: string | null, baseline: boolean, startIsAt = false): void {
    const b = this.blocks[Math.floor(ring / BLOCK)]!;
    const r = ring % BLOCK;
    const count = b.count[r]!;
    let pos: number;
    if (count < this.depth) {
      pos = (b.head[r]! + count) % this.depth;
      b.count[r] = count + 1;
    } else {
      pos = b.head[r]!;
      b.head[r] = (pos + 1) % this.depth;
    }
    const key = ring * this.depth + pos;
    if (this.texts.size > 0) this.texts.delete(key);
    const kind = startIsAt ? START_FROM_AT : startKind(startDate, at);
    if (kind === START_TEXT) this.texts.set(key, startDate!);
    const i = (r * this.depth + pos) * STRIDE;
    b.points[i] = at;
    b.points[i + 1] = contactId ?? NaN;
    b.points[i + 2] = shape * 8 + (kind | (baseline ? BASELINE : 0));
  }

  /** The first value of the slot the next push() to this ring writes (read ahead to warm the cache). */
  peekNext(ring: number): number {
    const b = this.blocks[Math.floor(ring / BLOCK)]!;
    const r = ring % BLOCK;
    const count = b.count[r]!;
    const pos = count < this.depth ? (b.head[r]! + count) % this.depth : b.head[r]!;
    return b.points[(r * this.depth + pos) * STRIDE]!;
  }

  /** Points oldest first. */
  points(ring: number): HistoryPoint[] {
    const b = this.blocks[Math.floor(ring / BLOCK)]!;
    const r = ring % BLOCK;
    const out: HistoryPoint[] = [];
    for (let k = 0; k < b.count[r]!; k++) {
      const pos = (b.head[r]! + k) % this.depth;
      const i = (r * this.depth + pos) * STRIDE;
      const at = b.points[i]!;
      const contact = b.points[i + 1]!;
      const packed = b.points[i + 2]!;
      const flags = packed % 8;
      const kind = flags & 3;
      out.push({
        at,
        shape: (packed - flags) / 8,
        contactId: Number.isNaN(contact) ? null : contact,
        startDate: kind === START_NULL ? null : kind === START_FROM_AT ? new Date(at).toISOString() : this.texts.get(ring * this.depth + pos)!,
        baseline: (flags & BASELINE) !== 0,
      });
    }
    return out;
  }

  /** Calls fn with every shape index in use, and replaces it with what fn returns (shape table compaction). */
  remapShapes(fn: (shape: number) => number): void {
    for (let ring = 0; ring < this.rings; ring++) {
      const b = this.blocks[Math.floor(ring / BLOCK)]!;
      const r = ring % BLOCK;
      for (let k = 0; k < b.count[r]!; k++) {
        const i = (r * this.depth + ((b.head[r]! + k) % this.depth)) * STRIDE + 2;
        const flags = b.points[i]! % 8;
        b.points[i] = fn((b.points[i]! - flags) / 8) * 8 + flags;
      }
    }
  }

  /** Forgets every ring. */
  clear(): void {
    this.blocks.length = 0;
    this.rings = 0;
    this.texts.clear();
  }
}
