// What the tray shows for an agent's state, computed independently of the renderer's code so the
// tests check the words a person reads rather than re-running the UI's own function.
import type { AgentState } from '../../../main/cxone/model';

const WORDS: Record<AgentState['category'], string> = {
  available: 'Available',
  'on-contact': 'On contact',
  unavailable: 'Unavailable',
  acw: 'After-contact work',
  'logged-out': 'Logged out',
  other: 'Other',
};

export function expectedStateText(a: AgentState): string {
  if (a.category === 'unavailable' && a.outStateDescription) return `Unavailable: ${a.outStateDescription}`;
  return WORDS[a.category];
}

export function fullName(a: AgentState): string {
  return `${a.firstName} ${a.lastName}`.trim();
}
