// The commands a window sends main from a click or a key (refresh, open a window, pin, copy, sign in…).
// Each one's failure is said on screen, never lost as an unhandled rejection in the page: a rejected
// command, or an answer { ok: false, message } (sign-in), becomes the window's action error, shown by
// <ActionError /> (role=alert) until the next command or until dismissed. One per window: each window
// is a page of its own.
import { useSyncExternalStore } from 'react';
import { errorMessage } from './format';
import type { AppState } from '../../preload/contract';

let current: string | null = null;
const listeners = new Set<() => void>();

function setError(next: string | null): void {
  if (next === current) return;
  current = next;
  for (const l of listeners) l();
}

const refusedMessage = (answer: unknown): string | null =>
  typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === false && typeof (answer as { message?: unknown }).message === 'string'
    ? (answer as { message: string }).message
    : null;

/**
 * Runs a command of main, clearing the last action error first. Resolves to true when it succeeded,
 * false when it failed (and its words are the window's action error now); never rejects.
 */
export async function runAction(command: Promise<unknown>): Promise<boolean> {
  setError(null);
  try {
    const refused = refusedMessage(await command);
    if (refused !== null) setError(refused);
    return refused === null;
  } catch (err) {
    setError(errorMessage(err));
    return false;
  }
}

function useActionError(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** The words a window already shows in its banners and session line (wordsShown): an action failing for the same reason adds no second banner. */
export function wordsShown(state: Pick<AppState, 'notices' | 'session'>): string[] {
  const words = state.notices.map((n) => n.message);
  if (state.session.kind === 'error') words.push(state.session.message);
  return words;
}

/**
 * The window's action error, if any, with a way to dismiss it; `saidElsewhere`: words the window already
 * shows (wordsShown): a sign-in whose feed could not start answers with the feed-start banner's words.
 */
export function ActionError({ saidElsewhere = [] }: { saidElsewhere?: readonly string[] }) {
  const error = useActionError();
  if (error === null || saidElsewhere.includes(error)) return null;
  return (
    <div className="banner banner-error action-error" role="alert">
      <p className="notice-text">{error}</p>
      <button type="button" className="link-button" onClick={() => setError(null)} aria-label={`Dismiss: ${error}`}>
        Dismiss
      </button>
    </div>
  );
}
