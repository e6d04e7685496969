// One-time messages from main (keychain missing, settings reset, …), each dismissable.
import type { Notice } from '../../preload/contract';
import { runAction } from './actions';
import { agentTray } from './api';

const LEVEL_WORD = { info: 'Note', warning: 'Warning', error: 'Problem' } as const;
const LEVEL_GLYPH = { info: 'ℹ', warning: '⚠', error: '✖' } as const;

export function Notices({ notices }: { notices: readonly Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <section aria-label="Messages">
      <ul className="notices">
      {notices.map((n) => (
        <li key={n.id} className={`banner banner-${n.level}`}>
          <span className="notice-glyph" aria-hidden="true">
            {LEVEL_GLYPH[n.level]}
          </span>
          <p className="notice-text">
            <strong>{LEVEL_WORD[n.level]}:</strong> {n.message}
          </p>
          {n.action === 'sign-in' && (
            <button type="button" className="button primary" onClick={() => void runAction(agentTray().signIn())}>
              Sign in
            </button>
          )}
          {!n.lasting && (
            <button type="button" className="link-button" onClick={() => void runAction(agentTray().dismissNotice({ id: n.id }))} aria-label={`Dismiss: ${n.message}`}>
              Dismiss
            </button>
          )}
        </li>
      ))}
      </ul>
    </section>
  );
}
