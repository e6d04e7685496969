// The keychain warnings name what to do on the user's own platform, for both faults: no keychain at
// all (fix) and a keychain that refuses writes (unlock).
import { describe, expect, it } from 'vitest';
import { keychainFixSentence, keychainUnlockSentence, memoryModeWarning, writeRefusedWarning } from '../../main/secrets';

describe('keychain help', () => {
  it.each([
    ['linux', /keyring/i],
    ['darwin', /Keychain Access/],
    ['win32', /Credential Manager/],
    ['freebsd', /OS keychain/],
  ] as const)('on %s names that platform’s keychain, and the two faults get different advice', (platform, names) => {
    expect(keychainFixSentence(platform)).toMatch(names);
    expect(keychainUnlockSentence(platform)).toMatch(names);
    expect(keychainFixSentence(platform)).toMatch(/restart the app/);
    expect(keychainUnlockSentence(platform)).toMatch(/sign in again/);
    expect(memoryModeWarning(platform)).toContain(keychainFixSentence(platform));
    expect(writeRefusedWarning(platform, 'locked collection')).toContain(keychainUnlockSentence(platform));
    expect(writeRefusedWarning(platform, 'locked collection')).toContain('(locked collection)');
  });
});
