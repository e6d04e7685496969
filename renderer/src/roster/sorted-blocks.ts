// A sorted sequence kept as a list of small sorted blocks, so inserting or removing one item moves at
// most one block's worth of entries (not the whole array), and the item at a position is found through
// a prefix of block sizes. The comparator must be a total order (ties broken by an id): items are
// located by comparison, never by identity.

const BLOCK = 512;

export class SortedBlocks<T> {
  private blocks: T[][] = [];
  /** starts[b] = index of blocks[b][0]; recomputed lazily after a change. */
  private starts: number[] = [];
  private startsValid = false;
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  /** Replaces the contents with `sorted` (already in comparator order). */
  reset(sorted: readonly T[]): void {
    this.blocks = [];
    for (let i = 0; i < sorted.length; i += BLOCK) this.blocks.push(sorted.slice(i, i + BLOCK));
    this.count = sorted.length;
    this.startsValid = false;
  }

  get length(): number {
    return this.count;
  }

  insert(item: T): void {
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
    } else {
      const b = Math.min(this.blockFor(item), this.blocks.length - 1);
      const block = this.blocks[b]!;
      block.splice(this.lowerBound(block, item), 0, item);
      if (block.length > 2 * BLOCK) this.blocks.splice(b + 1, 0, block.splice(BLOCK));
    }
    this.count++;
    this.startsValid = false;
  }

  /** Removes the item that compares equal to `item`; false when there is none. */
  remove(item: T): boolean {
    const b = this.blockFor(item);
    const block = this.blocks[b];
    if (!block) return false;
    const i = this.lowerBound(block, item);
    if (i >= block.length || this.cmp(block[i]!, item) !== 0) return false;
    block.splice(i, 1);
    if (block.length === 0) this.blocks.splice(b, 1);
    this.count--;
    this.startsValid = false;
    return true;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const starts = this.prefix();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.blocks[lo]![index - starts[lo]!];
  }

  /** Position of the item that compares equal to `item`, or -1. */
  indexOf(item: T): number {
    const b = this.blockFor(item);
    const block = this.blocks[b];
    if (!block) return -1;
    const i = this.lowerBound(block, item);
    if (i >= block.length || this.cmp(block[i]!, item) !== 0) return -1;
    return this.prefix()[b]! + i;
  }

  toArray(): T[] {
    return this.blocks.flat();
  }

  /** The first block whose last item is not before `item` (blocks.length when there is none). */
  private blockFor(item: T): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid]!;
      if (this.cmp(block[block.length - 1]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(block: readonly T[], item: T): number {
    let lo = 0;
    let hi = block.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cmp(block[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private prefix(): number[] {
    if (!this.startsValid) {
      this.starts = new Array<number>(this.blocks.length);
      let n = 0;
      for (let b = 0; b < this.blocks.length; b++) {
        this.starts[b] = n;
        n += this.blocks[b]!.length;
      }
      this.startsValid = true;
    }
    return this.starts;
  }
}
