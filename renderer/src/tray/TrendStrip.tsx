// Counts per category over the last hour as a small stacked area chart, drawn as inline SVG, with a
// time axis and a legend in the chips' glyphs and words that reads out the counts at the pointer (or
// at the minute chosen with the arrow keys). It collapses to one line.
import { useCallback, useEffect, useState } from 'react';
import { formatClockTime } from '../../../main/clock-time';
import type { StateCategory } from '../../../main/cxone/model';
import type { Trend } from '../../../main/monitor/status';
import { agentTray } from '../api';
import { SHORT_LABELS } from './category-words';
import { StateGlyph } from './StateGlyph';
import { CHART_HEIGHT, CHART_WIDTH, minuteForKey, minuteX, stackedAreas, trendLegend } from './trend-chart';
import { trendSummary } from './trend-words';

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

/** Opens and closes the strip, and names it. */
function TrendToggle({ collapsed, onToggle }: { collapsed: boolean; onToggle(): void }) {
  return (
    <button type="button" className="trend-toggle" aria-expanded={!collapsed} onClick={onToggle}>
      <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> Last 60 min
    </button>
  );
}

interface TrendChartProps {
  trend: Trend;
  /** The minute the cursor is on. */
  index: number;
  valueText: string;
  /** A minute picked by the pointer or the keys; null follows the latest again. */
  onPick(index: number | null): void;
}

/** The stacked areas as a slider over the minutes: the pointer or the arrow keys pick one. */
function TrendChart({ trend, index, valueText, onPick }: TrendChartProps) {
  const n = trend.buckets.length;
  const onPointer = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onPick(Math.round(((e.clientX - r.left) / Math.max(1, r.width)) * (n - 1)));
  };
  const onKey = (e: React.KeyboardEvent) => {
    const to = minuteForKey(e.key, index, n);
    if (to === undefined) return;
    onPick(to);
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <svg
      className="trend-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
      preserveAspectRatio="none"
      role="slider"
      tabIndex={0}
      aria-label={`Agents by state over the last hour. ${trendSummary(trend)} Arrow keys move through time.`}
      aria-valuemin={0}
      aria-valuemax={n - 1}
      aria-valuenow={index}
      aria-valuetext={valueText}
      onPointerMove={onPointer}
      onPointerLeave={() => onPick(null)}
      onFocus={() => onPick(index)}
      onBlur={() => onPick(null)}
      onKeyDown={onKey}
    >
      {stackedAreas(trend.buckets).map((a) => (
        <polygon key={a.cat} className={`area cat-${a.cat}`} points={a.points} />
      ))}
      <line className="trend-cursor" x1={minuteX(index, n)} x2={minuteX(index, n)} y1={0} y2={CHART_HEIGHT} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** The times of the first, middle and last minute; the last reads "now" unless the data is older. */
function TrendAxis({ buckets, now, clockLocale }: { buckets: Trend['buckets']; now?: number; clockLocale: string | null }) {
  const n = buckets.length;
  const hhmm = (t: number) => formatClockTime(t, clockLocale);
  const last = buckets[n - 1]!;
  return (
    <div className="trend-axis" aria-hidden="true">
      <span>{hhmm(buckets[0]!.t)}</span>
      <span>{hhmm(buckets[Math.floor((n - 1) / 2)]!.t)}</span>
      <span>{now !== undefined && now - last.t > 90_000 ? hhmm(last.t) : 'now'}</span>
    </div>
  );
}

/** The chart's legend in the chips' glyphs and words, with the counts of a picked minute under its time. */
function TrendReadout({ legend, counts, when }: { legend: StateCategory[]; counts: Trend['buckets'][number]['counts']; when: string | null }) {
  return (
    <div className="trend-readout">
      {when !== null && <span className="trend-when">{when}:</span>}
      <ul className="trend-legend" aria-label="Chart legend">
        {legend.map((c) => (
          <li key={c} className={`cat-${c}`}>
            <StateGlyph category={c} />
            {SHORT_LABELS[c]}
            {when !== null && <span className="trend-count">{counts[c] ?? 0}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `now` is the time the data is true at (frozen while the data is not live); times are written in `clockLocale` (AppState's). */
export function TrendStrip({ trend, now, clockLocale }: { trend: Trend | null; now?: number; clockLocale: string | null }) {
  const [collapsed, toggle] = useCollapsed();
  // The bucket under the pointer or chosen by keyboard; null follows the latest.
  const [picked, setPicked] = useState<number | null>(null);
  const buckets = trend?.buckets ?? [];
  // Every form is one div with the toggle first, so the toggle stays the same element (and keeps the
  // focus) as the strip opens and closes. On one line the strip is its head alone.
  const toggleButton = <TrendToggle collapsed={collapsed} onToggle={toggle} />;
  const empty = !trend || buckets.length < 2;
  if (empty || collapsed) {
    return (
      <div className={`trend trend-head${empty ? ' trend-empty' : ''}`}>
        {toggleButton}
        <span className="trend-note">{empty ? 'Collecting history…' : trendSummary(trend)}</span>
      </div>
    );
  }

  const n = buckets.length;
  // Counts show for a minute someone picked, under its time: beside the chips (which count now) they
  // must never read as a second, different "now".
  const shown = picked !== null && picked < n;
  const index = shown ? picked : n - 1;
  const legend = trendLegend(buckets);
  const bucket = buckets[index]!;
  const when = `At ${formatClockTime(bucket.t, clockLocale)}`;
  const valueText = `${when}: ${legend.map((c) => `${bucket.counts[c] ?? 0} ${SHORT_LABELS[c]}`).join(', ')}`;
  return (
    <div className="trend trend-open">
      {toggleButton}
      <div className="trend-plot">
        <TrendChart trend={trend} index={index} valueText={valueText} onPick={setPicked} />
        <TrendAxis buckets={buckets} now={now} clockLocale={clockLocale} />
      </div>
      {/* The counts at the chosen time in the chips' glyphs and words: the chart's legend, with values. */}
      <TrendReadout legend={legend} counts={bucket.counts} when={shown ? when : null} />
    </div>
  );
}
