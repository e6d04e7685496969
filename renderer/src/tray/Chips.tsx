// Summary counts that double as filters: press one or more to show only those agents.
import type { ChipId, Counts } from '../roster/view';
import { CATEGORY_ORDER, SHORT_LABELS } from './category-words';
import { StateGlyph } from './StateGlyph';

const MAIN_CHIPS = CATEGORY_ORDER.map((id) => ({ id, label: SHORT_LABELS[id] }));

const MAX_REASONS = 3;

interface Props {
  counts: Counts;
  selected: ReadonlySet<ChipId>;
  onToggle(id: ChipId): void;
  onClear(): void;
}

export function Chips({ counts, selected, onToggle, onClear }: Props) {
  const reasons = counts.reasons.slice(0, MAX_REASONS);
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
      {reasons.map(([reason, n]) => {
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
      {selected.size > 0 && (
        <button type="button" className="chip chip-clear" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
