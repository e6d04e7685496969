// The Connection section's session line (renderer/src/settings/session-words.ts).
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/contract';
import { sessionWords } from '../../renderer/src/settings/session-words';

const withSession = (session: AppState['session'], mode: AppState['mode'] = 'cxone') => ({ session, mode }) as AppState;

describe('session words', () => {
  it('says a failed sign-in once, whether or not its reason already begins so', () => {
    expect(sessionWords(withSession({ kind: 'error', message: 'Cannot reach the sign-in server 127.0.0.1:9 (ECONNREFUSED).' }))).toBe(
      'Sign-in failed: Cannot reach the sign-in server 127.0.0.1:9 (ECONNREFUSED).',
    );
    expect(sessionWords(withSession({ kind: 'error', message: 'Sign-in failed: fetch failed' }))).toBe('Sign-in failed: fetch failed');
  });

  it('names the demo when signed out on it', () => {
    expect(sessionWords(withSession({ kind: 'signed-out' }, 'demo'))).toMatch(/demo tenant/);
    expect(sessionWords(withSession({ kind: 'signed-out' }))).toBe('Not signed in.');
  });
});
