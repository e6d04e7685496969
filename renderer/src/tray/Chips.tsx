// Summary counts that double as filters: press one or more to show only those agents. The reason
// chips under Unavailable always add up to its count: the most common reasons, then one "+N more"
// chip that carries the rest of the count and opens the remaining reasons.
import { useState } from 'react';
import type { ChipId, Counts } from '../roster/view';
import { CATEGORY_ORDER, SHORT_LABELS } from './category-words';
import { StateGlyph } from './StateGlyph';

const MAIN_CHIPS = CATEGORY_ORDER.map((id) => ({ id, label: SHORT_LABELS[id] }));

/** Reasons shown before "+N more"; a reason the user filters by is always shown too. */
export const TOP_REASONS = 2;

interface Props {
  counts: Counts;
  selected: ReadonlySet<ChipId>;
  onToggle(id: ChipId): void;
  onClear(): void;
}

/** Which reasons show and what the "+N more" chip carries (pure, so the sum is easy to see). */
export function splitReasons(reasons: readonly [string, number][], selected: ReadonlySet<ChipId>, expanded: boolean) {
  if (expanded) return { shown: reasons, hidden: [] as [string, number][] };
  const shown = reasons.filter(([r], i) => i < TOP_REASONS || selected.has(`unavailable:${r}`));
  const hidden = reasons.filter((entry) => !shown.includes(entry));
  // One hidden reason takes no more room than the "+1 more" chip would: show it.
  return hidden.length === 1 ? { shown: reasons, hidden: [] as [string, number][] } : { shown, hidden };
}

export function Chips({ counts, selected, onToggle, onClear }: Props) {
  const [expanded, setExpanded] = useState(false);
  const { shown, hidden } = splitReasons(counts.reasons, selected, expanded);
  const hiddenCount = hidden.reduce((n, [, c]) => n + c, 0);
  return (
    <div className="chips" role="group" aria-label="Filter by state">
      {MAIN_CHIPS.filter((c) => c.id !== 'other' || counts.byCategory.other > 0).map((c) => (
        <button
          key={c.id}
          type="button"
          className={`chip cat-${c.id}`}
          aria-pressed={selected.has(c.id)}
          onClick={() => onToggle(c.id)}
        >
          <StateGlyph category={c.id} />
          <span className="chip-label">{c.label}</span>
          <span className="chip-count">{counts.byCategory[c.id]}</span>
        </button>
      ))}
      {shown.map(([reason, n]) => {
        const id: ChipId = `unavailable:${reason}`;
        return (
          <button key={id} type="button" className="chip chip-reason cat-unavailable" aria-pressed={selected.has(id)} onClick={() => onToggle(id)}>
            <span className="chip-label">
              <span className="sr-only">Unavailable: </span>
              {reason}
            </span>
            <span className="chip-count">{n}</span>
          </button>
        );
      })}
      {hidden.length > 0 && (
        <button
          type="button"
          className="chip chip-reason chip-more cat-unavailable"
          aria-expanded={false}
          title={hidden.map(([r, n]) => `${r} ${n}`).join(', ')}
          onClick={() => setExpanded(true)}
        >
          <span className="chip-label">
            <span className="sr-only">Unavailable, </span>+{hidden.length} more
          </span>
          <span className="chip-count">{hiddenCount}</span>
        </button>
      )}
      {expanded && counts.reasons.length > TOP_REASONS + 1 && (
        <button type="button" className="chip chip-reason chip-more cat-unavailable" aria-expanded={true} onClick={() => setExpanded(false)}>
          <span className="chip-label">Fewer reasons</span>
        </button>
      )}
      {selected.size > 0 && (
        <button type="button" className="chip chip-clear" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
