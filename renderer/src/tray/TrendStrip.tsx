// Counts per category over the last hour as a small stacked area chart, drawn as inline SVG.
import { useEffect, useState } from 'react';
import type { StateCategory } from '../../../main/cxone/model';
import type { Trend } from '../../../main/monitor/status';
import { agentTray } from '../api';
import { CATEGORY_ORDER, SHORT_LABELS } from './category-words';
import { StateGlyph } from './StateGlyph';

const ORDER: StateCategory[] = ['available', 'on-contact', 'acw', 'unavailable', 'other', 'logged-out'];
const WIDTH = 300;
const HEIGHT = 36;
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

function describe(trend: Trend): string {
  const last = trend.buckets.at(-1);
  const first = trend.buckets[0];
  if (!last || !first) return 'No history yet.';
  const a0 = first.counts.available ?? 0;
  const a1 = last.counts.available ?? 0;
  const u1 = last.counts.unavailable ?? 0;
  const mins = Math.round((last.t - first.t) / 60_000);
  return `Over the last ${mins} minutes available agents went from ${a0} to ${a1}; ${u1} unavailable now.`;
}

export function TrendStrip({ trend }: { trend: Trend | null }) {
  const buckets = trend?.buckets ?? [];
  if (!trend || buckets.length < 2) {
    return (
      <div className="trend trend-empty">
        <span className="trend-title">Last 60 min</span>
        <span className="trend-note">Collecting history…</span>
      </div>
    );
  }
  const totals = buckets.map((b) => ORDER.reduce((s, c) => s + (b.counts[c] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const x = (i: number) => (i / (buckets.length - 1)) * WIDTH;
  const base = new Array<number>(buckets.length).fill(0);
  const areas = ORDER.map((cat) => {
    const lower = [...base];
    buckets.forEach((b, i) => {
      base[i]! += b.counts[cat] ?? 0;
    });
    const top = base.map((v, i) => `${x(i).toFixed(1)},${(HEIGHT - (v / max) * HEIGHT).toFixed(1)}`);
    const bottom = lower.map((v, i) => `${x(i).toFixed(1)},${(HEIGHT - (v / max) * HEIGHT).toFixed(1)}`).reverse();
    return { cat, points: [...top, ...bottom].join(' ') };
  });
  // The legend names what the chart can show: "Other" only when some agent was in such a state.
  const legend = CATEGORY_ORDER.filter((c) => c !== 'other' || buckets.some((b) => (b.counts.other ?? 0) > 0));
  return (
    <div className="trend">
      <span className="trend-title">Last 60 min</span>
      <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={describe(trend)}>
        {areas.map((a) => (
          <polygon key={a.cat} className={`area cat-${a.cat}`} points={a.points} />
        ))}
      </svg>
      {/* The chart's colours in words and shapes, the same as on the chips. */}
      <ul className="trend-legend" aria-label="Chart legend">
        {legend.map((c) => (
          <li key={c} className={`cat-${c}`}>
            <StateGlyph category={c} />
            {SHORT_LABELS[c]}
          </li>
        ))}
      </ul>
    </div>
  );
}
