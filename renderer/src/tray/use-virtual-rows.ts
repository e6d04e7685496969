// The agent list's virtual window: which rows are in view (plus OVERSCAN each side), where each lies
// (RowGeometry: known heights per kind, plus what measured rows add), and the scroll that keeps a
// target row in view while heights settle. Rows are measured before paint; a row that turns out taller
// than its kind's height above the viewport moves the scroll by as much, so what is seen stays put.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RowList } from '../roster/rows';
import { RowGeometry } from '../roster/row-geometry';

/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 6;

export interface VirtualRows {
  scrollRef: React.RefObject<HTMLDivElement | null>;
  /** The element holding the rendered rows (each with data-key and data-kind), measured after render. */
  windowRef: React.RefObject<HTMLDivElement | null>;
  geometry: RowGeometry;
  /** First and last row index rendered. */
  first: number;
  last: number;
  /** Scrolls row i into view and keeps it there until the heights around it settle. */
  scrollToIndex(i: number): void;
  onScroll(e: React.UIEvent<HTMLDivElement>): void;
}

/** The element's height (`initial` until it is laid out), now and whenever it is resized. */
function useClientHeight(ref: React.RefObject<HTMLElement | null>, initial: number): number {
  const [height, setHeight] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return height;
}

/** Scrolls `el` as little as it takes to show the span from `top` to `bottom` (px in its content). */
function scrollSpanIntoView(el: HTMLElement, top: number, bottom: number): void {
  if (top < el.scrollTop) el.scrollTop = top;
  else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
}

/**
 * Reads the heights of the rows rendered in `win` (which lies `winTop` px down the list in `el`) into
 * `extra`: what each adds over its kind's height. Says whether any changed, and by how much the rows
 * above the viewport grew.
 */
function measureRows(win: HTMLElement, winTop: number, el: HTMLElement, heights: { header: number; agent: number }, extra: Map<string, number>): { moved: boolean; above: number } {
  let moved = false;
  let above = 0;
  for (const child of win.children) {
    const row = child as HTMLElement;
    const key = row.dataset.key!;
    const over = Math.max(0, row.offsetHeight - (row.dataset.kind === 'header' ? heights.header : heights.agent));
    const before = extra.get(key) ?? 0;
    if (over === before) continue;
    if (over > 0) extra.set(key, over);
    else extra.delete(key);
    moved = true;
    if (winTop + row.offsetTop < el.scrollTop) above += over - before;
  }
  return { moved, above };
}

/**
 * scrollToIndex: brings a row into view and keeps it there (`targetRef`, its key) while the rows or their
 * geometry change, until the measured heights settle (rows above it may turn out taller than their
 * estimate once rendered); the measuring clears `targetRef` when nothing moved.
 */
function useScrollToIndex(scrollRef: React.RefObject<HTMLElement | null>, targetRef: React.RefObject<string | null>, rows: RowList, geometry: RowGeometry, setScrollTop: (top: number) => void): (i: number) => void {
  const reveal = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el || i < 0) return;
      const top = geometry.offset(i);
      scrollSpanIntoView(el, top, top + geometry.size(i));
      setScrollTop(el.scrollTop);
    },
    [scrollRef, geometry, setScrollTop],
  );
  const scrollToIndex = useCallback(
    (i: number) => {
      targetRef.current = rows.at(i)?.key ?? null;
      reveal(i);
    },
    [targetRef, rows, reveal],
  );
  // New heights known: bring the target row into view again.
  useLayoutEffect(() => {
    if (targetRef.current !== null) reveal(rows.indexOfKey(targetRef.current));
  }, [targetRef, rows, reveal]);
  return scrollToIndex;
}

export function useVirtualRows(rows: RowList, heights: { header: number; agent: number }): VirtualRows {
  const { header: headerHeight, agent: rowHeight } = heights;
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useClientHeight(scrollRef, 600);
  // Extra height (px) of measured rows taller than their kind's height, by row key.
  const [extra] = useState(() => new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const geometry = useMemo(
    () => new RowGeometry(rows, { header: headerHeight, agent: rowHeight }, extra),
    // `measured` changes when `extra` did.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, headerHeight, rowHeight, extra, measured],
  );

  const first = Math.max(0, geometry.indexAt(scrollTop) - OVERSCAN);
  const last = Math.min(rows.length - 1, geometry.indexAt(scrollTop + viewport) + OVERSCAN);

  // The row scrollToIndex brought into view, by key, while the heights around it settle.
  const targetRef = useRef<string | null>(null);
  const scrollToIndex = useScrollToIndex(scrollRef, targetRef, rows, geometry, setScrollTop);

  // Measure the rows just rendered (before paint); rows above the viewport that grew move the scroll by as much.
  useLayoutEffect(() => {
    const win = windowRef.current;
    const el = scrollRef.current;
    if (!win || !el) return;
    const { moved, above } = measureRows(win, geometry.offset(first), el, { header: headerHeight, agent: rowHeight }, extra);
    if (!moved) {
      targetRef.current = null;
      return;
    }
    if (above !== 0 && targetRef.current === null) {
      el.scrollTop += above;
      setScrollTop(el.scrollTop);
    }
    setMeasured((n) => n + 1);
  }, [geometry, first, last, headerHeight, rowHeight, extra]);

  const onScroll = useCallback((e: React.UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop), []);

  return { scrollRef, windowRef, geometry, first, last, scrollToIndex, onScroll };
}
