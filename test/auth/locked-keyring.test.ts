// A keyring that answers reads but refuses writes — a locked Secret Service collection, produced for
// real: gnome-keyring in a private D-Bus session, locked over D-Bus — must not make sign-in impossible.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../harness/oidc-provider';

const run = promisify(execFile);
const haveKeyring = existsSync('/usr/bin/gnome-keyring-daemon') && existsSync('/usr/bin/dbus-run-session');
// Unlocking again needs python3-dbus (see fixtures/unlock-keyring.py); .ci/run installs it.
const canUnlock = haveKeyring && existsSync('/usr/lib/python3/dist-packages/dbus/__init__.py');
const withKeyring = fileURLToPath(new URL('../harness/with-keyring.sh', import.meta.url));
const script = fileURLToPath(new URL('./fixtures/locked-keyring-sign-in.ts', import.meta.url));

let op: TestProvider;
beforeAll(async () => {
  op = await startTestProvider();
});
afterAll(async () => op?.stop());

describe('a locked keyring', () => {
  it.skipIf(!haveKeyring)('signs in anyway, in memory, with one warning that says how to unlock the keyring (real gnome-keyring, locked)', async () => {
    const { stdout } = await run(withKeyring, [process.execPath, '--import', 'tsx', script, op.issuer, op.clientId], { timeout: 60_000 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      kindAtStart: string;
      signIn: string;
      status: { kind: string; storage?: string };
      renewed: boolean;
      later: string[];
      warnings: string[];
      inKeychain: number;
      kindAfter: string;
      readWhileLocked: boolean;
      readAfterSignOut: string | null;
      signOutWarnings: string[];
    };
    // The start-up probe reads, and a locked collection answers reads: it looks like a working keychain.
    expect(r.kindAtStart).toBe('keychain');
    expect(r.signIn).toBe('signed-in');
    expect(r.status).toMatchObject({ kind: 'signed-in', storage: 'memory' });
    expect(r.renewed).toBe(true);
    expect(r.later).toHaveLength(1);
    expect(r.later[0]).toMatch(/refused to save your sign-in \(Cannot create an item in a locked collection\)/);
    expect(r.later[0]).toMatch(/kept in memory only/);
    expect(r.later[0]).toMatch(/unlock the Login keyring/i);
    expect(r.inKeychain).toBe(0);
    expect(r.kindAfter).toBe('memory');
    expect(r.readWhileLocked).toBe(true);
    // Signed out while locked: the memory copy is gone, and the locked keychain's refusal is no fault.
    expect(r.readAfterSignOut).toBeNull();
    expect(r.signOutWarnings).toEqual([]);
  });

  it.skipIf(!canUnlock)('once the keyring is unlocked, the next renewal moves the sign-in back into it, where another copy of the app finds it', async () => {
    const { stdout } = await run(withKeyring, [process.execPath, '--import', 'tsx', script, op.issuer, op.clientId, '--unlock-after'], { timeout: 60_000 });
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(r).toMatchObject({ signIn: 'signed-in', kindAfter: 'memory', inKeychain: 0 });
    expect(r.renewedUnlocked).toBe(true);
    expect(r.kindUnlocked).toBe('keychain');
    expect(r.statusUnlocked).toMatchObject({ kind: 'signed-in', storage: 'keychain' });
    expect(r.inKeychainUnlocked).toBe(1);
    expect(r.restoredElsewhere).toBe(true);
  });
});
