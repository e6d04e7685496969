// A small shape per category, so a state reads without colour: disc, diamond, pause bars, triangle,
// ring, dash. Always rendered beside the state's word.
import type { StateCategory } from '../../../main/cxone/model';

const SHAPES: Record<StateCategory, React.ReactNode> = {
  available: <circle cx="6" cy="6" r="5" />,
  'on-contact': <path d="M6 0.8 11.2 6 6 11.2 0.8 6Z" />,
  unavailable: (
    <>
      <rect x="1.5" y="1" width="3.4" height="10" rx="1" />
      <rect x="7.1" y="1" width="3.4" height="10" rx="1" />
    </>
  ),
  acw: <path d="M6 1 11.5 11H0.5Z" />,
  'logged-out': <circle cx="6" cy="6" r="4.2" fill="none" strokeWidth="1.6" stroke="currentColor" />,
  other: <rect x="1" y="4.8" width="10" height="2.4" rx="1" />,
};

export function StateGlyph({ category }: { category: StateCategory }) {
  return (
    <svg className={`glyph cat-${category}`} viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      {SHAPES[category]}
    </svg>
  );
}
