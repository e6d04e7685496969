// The distinct "shapes" of agent state a roster has seen — a state with its code, skill and media
// (everything a history point shares with other agents and other changes) — each with a small index
// that history points keep instead of the strings (issue 15). Every change in a delta looks one up.
//
// Found through one open-addressing table in a typed array, keyed by a hash of all the shape's fields:
// a lookup reads one table slot and the one shape it names, and hashes the incoming strings, which
// JSON.parse has just written (in cache). The nested maps this replaces (ids → skill name → candidate
// list → shape) cost four reads of memory the roster had not touched since the last poll — the shape
// lookup was 35–40 % of a 10k delta's merge (timed step by step).
//
// Bounded: past `limit` shapes the table is compacted to the shapes history points still use (the
// caller renumbers its points through `remap`), and the limit doubles only if that is most of them.
import type { AgentState } from '../cxone/model';

/** State fields that repeat across agents and changes (category follows from stateId, stateName and isACW). */
export type Shape = Pick<AgentState, 'stateId' | 'stateName' | 'category' | 'outStateId' | 'outStateDescription' | 'isACW' | 'skillName' | 'mediaTypeName'>;

/** Renumbers every shape index in use: calls `fn(old)` for each and stores what it returns. */
export type RemapShapes = (fn: (old: number) => number) => void;

const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's length and UTF-16 units; null hashes apart from every string, '' included. */
function mixText(h: number, v: string | null): number {
  if (v === null) return Math.imul(h ^ 0x5bd1e995, FNV_PRIME);
  h = Math.imul(h ^ v.length, FNV_PRIME);
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), FNV_PRIME);
  return h;
}

/** A 32-bit hash of every field a shape is compared by, its low bits mixed (the table masks them). */
export function shapeHash(s: Shape): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ s.stateId, FNV_PRIME);
  h = Math.imul(h ^ (s.outStateId === null ? -1 : s.outStateId), FNV_PRIME);
  h = Math.imul(h ^ (s.isACW ? 1 : 2), FNV_PRIME);
  h = mixText(h, s.stateName);
  h = mixText(h, s.outStateDescription);
  h = mixText(h, s.skillName);
  h = mixText(h, s.mediaTypeName);
  // Murmur3's finalizer: every input bit reaches the low bits the table uses.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Whether two shapes are the same (a hash match is confirmed by this). */
export function sameShape(c: Shape, s: Shape): boolean {
  return (
    c.stateId === s.stateId &&
    c.outStateId === s.outStateId &&
    c.isACW === s.isACW &&
    c.skillName === s.skillName &&
    c.stateName === s.stateName &&
    c.outStateDescription === s.outStateDescription &&
    c.mediaTypeName === s.mediaTypeName
  );
}

export class ShapeTable {
  private readonly list: Shape[] = [];
  /** Pairs [hash, index + 1] (0: empty), at most half full. */
  private slots: Int32Array;
  private limit: number;

  /**
   * `intern`: shares a new shape's strings with the caller's other copies. `remap`: renumbers the
   * caller's points when the table is compacted. `limit`: shapes kept before the first compaction, a
   * power of two (the slots are found by masking the hash); throws RangeError otherwise.
   */
  constructor(
    private readonly intern: <T extends string | null>(v: T) => T,
    private readonly remap: RemapShapes,
    limit = 4096,
  ) {
    // Another limit would leave slots the mask never reaches, and a table with no free slot it can reach probes for ever.
    if (!Number.isInteger(limit) || limit < 1 || (limit & (limit - 1)) !== 0) throw new RangeError(`ShapeTable limit must be a power of two, not ${limit}`);
    this.limit = limit;
    this.slots = new Int32Array(4 * limit);
  }

  get size(): number {
    return this.list.length;
  }

  /** How many times the table has been compacted: an index from before a compaction may name another shape now. */
  get compactions(): number {
    return this.compacted;
  }
  private compacted = 0;

  /** The shape at an index indexOf gave (valid until the next compaction renumbers it). */
  get(index: number): Shape {
    return this.list[index]!;
  }

  /** The index of the shape with `s`'s fields, added (strings interned) when new. May compact first. */
  indexOf(s: Shape): number {
    const h = shapeHash(s);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let p = h & mask;
    for (let at = slots[2 * p + 1]!; at !== 0; at = slots[2 * p + 1]!) {
      if (slots[2 * p] === h && sameShape(this.list[at - 1]!, s)) return at - 1;
      p = (p + 1) & mask;
    }
    if (this.list.length >= this.limit) {
      this.compact();
      return this.indexOf(s);
    }
    const index = this.list.length;
    this.list.push({
      stateId: s.stateId,
      stateName: this.intern(s.stateName),
      category: s.category,
      outStateId: s.outStateId,
      outStateDescription: this.intern(s.outStateDescription),
      isACW: s.isACW,
      skillName: this.intern(s.skillName),
      mediaTypeName: this.intern(s.mediaTypeName),
    });
    slots[2 * p] = h;
    slots[2 * p + 1] = index + 1;
    return index;
  }

  /** Forgets every shape (the caller forgets its points too). */
  clear(): void {
    this.list.length = 0;
    this.slots.fill(0);
  }

  /** Keeps only the shapes the caller's points still use, renumbered; doubles the limit if that is still most of it. */
  private compact(): void {
    this.compacted += 1;
    const renumbered = new Map<number, number>();
    const kept: Shape[] = [];
    this.remap((old) => {
      let i = renumbered.get(old);
      if (i === undefined) {
        i = kept.length;
        kept.push(this.list[old]!);
        renumbered.set(old, i);
      }
      return i;
    });
    if (kept.length * 2 > this.limit) {
      this.limit *= 2;
      this.slots = new Int32Array(4 * this.limit);
    } else this.slots.fill(0);
    this.list.length = 0;
    for (const shape of kept) this.place(shape);
  }

  /** Adds a shape known to be absent (compaction). */
  private place(shape: Shape): void {
    const h = shapeHash(shape);
    const mask = (this.slots.length >> 1) - 1;
    let p = h & mask;
    while (this.slots[2 * p + 1] !== 0) p = (p + 1) & mask;
    this.list.push(shape);
    this.slots[2 * p] = h;
    this.slots[2 * p + 1] = this.list.length;
  }
}
