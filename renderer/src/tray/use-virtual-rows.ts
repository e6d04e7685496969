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

export function useVirtualRows(rows: RowList, heights: { header: number; agent: number }): VirtualRows {
  const { header: headerHeight, agent: rowHeight } = heights;
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
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

  // The row scrollToIndex brought into view, kept there until the measured heights settle (rows
  // above it may turn out taller than their estimate once rendered).
  const target = useRef<string | null>(null);

  const reveal = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el || i < 0) return;
      const top = geometry.offset(i);
      const bottom = top + geometry.size(i);
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
      setScrollTop(el.scrollTop);
    },
    [geometry],
  );
  const scrollToIndex = useCallback(
    (i: number) => {
      target.current = rows.at(i)?.key ?? null;
      reveal(i);
    },
    [rows, reveal],
  );

  // The viewport's height, now and whenever the window is resized.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // New heights known: bring the target row into view again.
  useLayoutEffect(() => {
    if (target.current !== null) reveal(rows.indexOfKey(target.current));
  }, [rows, reveal]);

  // Measure the rows just rendered (before paint).
  useLayoutEffect(() => {
    const win = windowRef.current;
    const el = scrollRef.current;
    if (!win || !el) return;
    const winTop = geometry.offset(first);
    let moved = false;
    let above = 0;
    for (const child of win.children) {
      const row = child as HTMLElement;
      const key = row.dataset.key!;
      const over = Math.max(0, row.offsetHeight - (row.dataset.kind === 'header' ? headerHeight : rowHeight));
      const before = extra.get(key) ?? 0;
      if (over === before) continue;
      if (over > 0) extra.set(key, over);
      else extra.delete(key);
      moved = true;
      if (winTop + row.offsetTop < el.scrollTop) above += over - before;
    }
    if (!moved) {
      target.current = null;
      return;
    }
    if (above !== 0 && target.current === null) {
      el.scrollTop += above;
      setScrollTop(el.scrollTop);
    }
    setMeasured((n) => n + 1);
  }, [geometry, first, last, headerHeight, rowHeight, extra]);

  const onScroll = useCallback((e: React.UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop), []);

  return { scrollRef, windowRef, geometry, first, last, scrollToIndex, onScroll };
}
