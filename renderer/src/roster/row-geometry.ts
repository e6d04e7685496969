// Where each row of a virtualized list sits, without a pass over every row: header and agent rows
// have known heights, so the offset of row i is a count of the headers before it times one height
// plus the rest times the other — plus the extra height of the few rows that were measured taller
// (a wrapped long name), each found by its key in O(log n).
import type { RowList } from './rows';

export interface RowHeights {
  header: number;
  agent: number;
}

export class RowGeometry {
  /** Positions of the taller rows that are still shown, ascending, and the sum of extras before each. */
  private readonly tallAt: number[] = [];
  private readonly extraBefore: number[] = [0];
  readonly total: number;

  constructor(
    private readonly rows: RowList,
    private readonly heights: RowHeights,
    extra: ReadonlyMap<string, number>,
  ) {
    const tall: [number, number][] = [];
    for (const [key, px] of extra) {
      const i = rows.indexOfKey(key);
      if (i >= 0) tall.push([i, px]);
    }
    tall.sort((x, y) => x[0] - y[0]);
    for (const [i, px] of tall) {
      this.tallAt.push(i);
      this.extraBefore.push(this.extraBefore.at(-1)! + px);
    }
    this.total = this.offset(rows.length);
  }

  /** Top of row `index` (index = length gives the list's height). */
  offset(index: number): number {
    const headers = this.rows.headersBefore(index);
    const base = headers * this.heights.header + (index - headers) * this.heights.agent;
    return base + this.extraBefore[this.tallBefore(index)]!;
  }

  size(index: number): number {
    const row = this.rows.at(index);
    if (!row) return 0;
    const k = this.tallBefore(index);
    const own = this.tallAt[k] === index ? this.extraBefore[k + 1]! - this.extraBefore[k]! : 0;
    return (row.kind === 'header' ? this.heights.header : this.heights.agent) + own;
  }

  /** The row at pixel `y` (clamped to the list). */
  indexAt(y: number): number {
    let lo = 0;
    let hi = Math.max(0, this.rows.length - 1);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offset(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** How many tall rows lie before `index`. */
  private tallBefore(index: number): number {
    let lo = 0;
    let hi = this.tallAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tallAt[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
