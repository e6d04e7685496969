// The short words for each state category, in the order the tray shows them: the summary chips and
// the trend strip's legend say the same thing the same way.
import type { StateCategory } from '../../../main/cxone/model';

export const CATEGORY_ORDER: readonly StateCategory[] = ['available', 'on-contact', 'unavailable', 'acw', 'logged-out', 'other'];

export const SHORT_LABELS: Readonly<Record<StateCategory, string>> = {
  available: 'Available',
  'on-contact': 'On contact',
  unavailable: 'Unavailable',
  acw: 'ACW',
  'logged-out': 'Logged out',
  other: 'Other',
};
