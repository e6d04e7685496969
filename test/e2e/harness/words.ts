// What the tray shows for an agent's state, computed independently of the renderer's code so the
// tests check the words a person reads rather than re-running the UI's own function.
import type { Page } from '@playwright/test';
import type { AgentState } from '../../../main/cxone/model';
import type { Core } from '../../../main/core/types';

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

/**
 * A clock time (ms since the epoch) as this page's browser writes one with seconds, in its own time zone
 * and locale ("14:05:09", "2:05:09 PM", "14 h 05 min 09 s"): a test of a shown time then holds in any
 * zone and language, and fails if the window shows another zone's clock.
 */
export const clockIn = (page: Page, ms: number): Promise<string> =>
  page.evaluate((t) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }), ms);

/** When the core last had an answer (its monitor's lastSuccessAt): the time a stale or failed window shows. */
export function lastSuccessAt(app: { core: Pick<Core, 'appState'> }): number {
  const m = app.core.appState().monitor;
  if (!('lastSuccessAt' in m) || m.lastSuccessAt === null) throw new Error(`the monitor (${m.kind}) has no last success`);
  return m.lastSuccessAt;
}
