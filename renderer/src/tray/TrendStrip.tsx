// Counts per category over the last hour as a small stacked area chart, drawn as inline SVG, with a
// time axis and a legend in the chips' glyphs and words that reads out the counts at the pointer (or
// at the minute chosen with the arrow keys). It collapses to one line.
import { useCallback, useEffect, useState } from 'react';
import type { StateCategory } from '../../../main/cxone/model';
import type { Trend } from '../../../main/monitor/status';
import { agentTray } from '../api';
import { CATEGORY_ORDER, SHORT_LABELS } from './category-words';
import { StateGlyph } from './StateGlyph';
import { trendSummary } from './trend-words';

const ORDER: StateCategory[] = ['available', 'on-contact', 'acw', 'unavailable', 'other', 'logged-out'];
const WIDTH = 300;
const HEIGHT = 36;
const COLLAPSED_KEY = 'cxone-agent-tray.trend-collapsed';
const REFRESH_MS = 30_000;

/** Refetches every 30 s and whenever the roster changes revision (at most every 5 s). */
export function useTrend(version: number): Trend | null {
  const [trend, setTrend] = useState<Trend | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  const bucket = Math.floor(version / 5);
  useEffect(() => {
    let live = true;
    agentTray()
      .getTrend()
      .then((t) => live && setTrend(t))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tick, bucket]);
  return trend;
}

const hhmm = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function useCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const toggle = useCallback(() => {
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  }, []);
  return [collapsed, toggle];
}

/** `now` is the time the data is true at (frozen while the data is not live). */
export function TrendStrip({ trend, now }: { trend: Trend | null; now?: number }) {
  const [collapsed, toggle] = useCollapsed();
  // The bucket under the pointer or chosen by keyboard; null follows the latest.
  const [picked, setPicked] = useState<number | null>(null);
  const buckets = trend?.buckets ?? [];
  const title = (
    <button type="button" className="trend-toggle" aria-expanded={!collapsed} onClick={toggle}>
      <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> Last 60 min
    </button>
  );
  if (!trend || buckets.length < 2) {
    return (
      <div className="trend trend-empty">
        <div className="trend-head">
          {title}
          <span className="trend-note">Collecting history…</span>
        </div>
      </div>
    );
  }
  if (collapsed) {
    return (
      <div className="trend">
        <div className="trend-head">
          {title}
          <span className="trend-note">{trendSummary(trend)}</span>
        </div>
      </div>
    );
  }
  const n = buckets.length;
  const index = picked !== null && picked < n ? picked : n - 1;
  const totals = buckets.map((b) => ORDER.reduce((s, c) => s + (b.counts[c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const x = (i: number) => (i / (n - 1)) * WIDTH;
  const base = new Array<number>(n).fill(0);
  const areas = ORDER.map((cat) => {
    const lower = [...base];
    buckets.forEach((b, i) => {
      base[i]! += b.counts[cat] ?? 0;
    });
    const top = base.map((v, i) => `${x(i).toFixed(1)},${(HEIGHT - (v / max) * HEIGHT).toFixed(1)}`);
    const bottom = lower.map((v, i) => `${x(i).toFixed(1)},${(HEIGHT - (v / max) * HEIGHT).toFixed(1)}`).reverse();
    return { cat, points: [...top, ...bottom].join(' ') };
  });
  // The readout names what the chart can show: "Other" only when some agent was in such a state.
  const legend = CATEGORY_ORDER.filter((c) => c !== 'other' || buckets.some((b) => (b.counts.other ?? 0) > 0));
  const bucket = buckets[index]!;
  // Counts show for a minute someone picked, under its time: beside the chips (which count now) they
  // must never read as a second, different "now".
  const shown = picked !== null && picked < n;
  const when = `At ${hhmm(bucket.t)}`;
  const valueText = `${when}: ${legend.map((c) => `${bucket.counts[c] ?? 0} ${SHORT_LABELS[c]}`).join(', ')}`;
  const first = buckets[0]!;
  const mid = buckets[Math.floor((n - 1) / 2)]!;
  const last = buckets[n - 1]!;
  const onPointer = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setPicked(Math.round(((e.clientX - r.left) / Math.max(1, r.width)) * (n - 1)));
  };
  const onKey = (e: React.KeyboardEvent) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, PageDown: -10, PageUp: 10 }[e.key];
    if (step !== undefined) setPicked(Math.min(n - 1, Math.max(0, index + step)));
    else if (e.key === 'Home') setPicked(0);
    else if (e.key === 'End') setPicked(n - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="trend trend-open">
      {title}
      <div className="trend-plot">
        <svg
          className="trend-chart"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="slider"
          tabIndex={0}
          aria-label={`Agents by state over the last hour. ${trendSummary(trend)} Arrow keys move through time.`}
          aria-valuemin={0}
          aria-valuemax={n - 1}
          aria-valuenow={index}
          aria-valuetext={valueText}
          onPointerMove={onPointer}
          onPointerLeave={() => setPicked(null)}
          onFocus={() => setPicked(index)}
          onBlur={() => setPicked(null)}
          onKeyDown={onKey}
        >
          {areas.map((a) => (
            <polygon key={a.cat} className={`area cat-${a.cat}`} points={a.points} />
          ))}
          <line className="trend-cursor" x1={x(index)} x2={x(index)} y1={0} y2={HEIGHT} vectorEffect="non-scaling-stroke" />
        </svg>
        <div className="trend-axis" aria-hidden="true">
          <span>{hhmm(first.t)}</span>
          <span>{hhmm(mid.t)}</span>
          <span>{now !== undefined && now - last.t > 90_000 ? hhmm(last.t) : 'now'}</span>
        </div>
      </div>
      {/* The counts at the chosen time in the chips' glyphs and words: the chart's legend, with values. */}
      <div className="trend-readout">
      {shown && <span className="trend-when">{when}:</span>}
      <ul className="trend-legend" aria-label="Chart legend">
        {legend.map((c) => (
          <li key={c} className={`cat-${c}`}>
            <StateGlyph category={c} />
            {SHORT_LABELS[c]}
            {shown && <span className="trend-count">{bucket.counts[c] ?? 0}</span>}
          </li>
        ))}
      </ul>
      </div>
    </div>
  );
}
