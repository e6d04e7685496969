// The Connection section's one line about the session, in words (pure, so a test reads the same rule).
import type { AppState } from '../../../preload/contract';
import { formatClock } from '../format';

export function sessionWords(state: AppState): string {
  const s = state.session;
  switch (s.kind) {
    case 'signed-in':
      return `Signed in as ${s.identity.name ?? s.identity.subject}${s.identity.tenant ? ` (${s.identity.tenant})` : ''}${s.storage === 'memory' ? ' — the keychain is unavailable, so you will need to sign in again after a restart' : ''}.`;
    case 'refreshing':
      return 'Signed in; renewing the session…';
    case 'reconnecting': {
      const who = s.identity ? `Signed in as ${s.identity.name ?? s.identity.subject}` : 'Your sign-in is kept';
      return `${who}; reconnecting to the sign-in server: ${s.message} Next try at ${formatClock(s.retryAt, state.clockLocale)}.`;
    }
    case 'signing-in':
      return 'Finish signing in in your browser.';
    case 'expired':
      return `Your session ended: ${s.message}`;
    case 'error':
      // Some reasons already begin so ("Sign-in failed: fetch failed"): said once.
      return /^sign-in failed/i.test(s.message) ? s.message : `Sign-in failed: ${s.message}`;
    case 'signed-out':
      return state.mode === 'demo' ? 'Using the demo tenant. Sign in to see your own agents.' : 'Not signed in.';
  }
}
