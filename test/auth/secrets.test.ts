// Where the refresh token lives: the real OS keychain (gnome-keyring in a private D-Bus session, via
// test/harness/with-keyring.sh) or, when none answers, memory with a one-time warning.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../main/ports';
import { createKeychainSecretStore, createWriteFallbackStore, KEYCHAIN_SERVICE, openSecretStore, type KeytarLike } from '../../main/secrets';
import { FlakySecretStore } from './helpers';

const run = promisify(execFile);
const keyring = process.env.CXONE_TEST_KEYRING === '1';
const NO_KEYRING = 'needs gnome-keyring: run under test/harness/with-keyring.sh (the full test runner does)';

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  return { logger, warnings };
}

const brokenKeytar: KeytarLike = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('unreachable')),
  deletePassword: () => Promise.reject(new Error('unreachable')),
};

describe('openSecretStore', () => {
  it.skipIf(!keyring)(`uses the real keychain when it answers (${keyring ? 'gnome-keyring' : NO_KEYRING})`, async () => {
    const { logger, warnings } = recordingLogger();
    const { store, warning } = await openSecretStore({ logger });
    expect(store.kind).toBe('keychain');
    expect(warning).toBeNull();
    expect(warnings).toHaveLength(0);

    const account = `test-${process.pid}@http://127.0.0.1`;
    await store.set(account, 'refresh-secret-1');
    await store.set(account, 'refresh-secret-2');
    expect(await store.get(account)).toBe('refresh-secret-2');
    const keytar = (await import('@github/keytar')) as unknown as { default: { findCredentials(s: string): Promise<{ account: string; password: string }[]> } };
    const entries = await keytar.default.findCredentials(KEYCHAIN_SERVICE);
    expect(entries.filter((e) => e.account === account)).toEqual([{ account, password: 'refresh-secret-2' }]);
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
  });

  it('falls back to memory with one warning and a platform-specific fix when the keychain fails', async () => {
    const { logger, warnings } = recordingLogger();
    const { store, warning } = await openSecretStore({ logger, keytar: brokenKeytar, platform: 'linux' });
    expect(store.kind).toBe('memory');
    expect(warning).toMatch(/kept in memory only/);
    expect(warning).toMatch(/gnome-keyring/);
    expect(warnings).toHaveLength(1);
    await store.set('a', 'b');
    expect(await store.get('a')).toBe('b');
    expect(await store.delete('a')).toBe(true);
    expect(await store.get('a')).toBeNull();

    const mac = await openSecretStore({ logger, keytar: brokenKeytar, platform: 'darwin' });
    expect(mac.warning).toMatch(/login keychain/);
    const win = await openSecretStore({ logger, keytar: brokenKeytar, platform: 'win32' });
    expect(win.warning).toMatch(/Credential Manager/);
  });

  it('does not hang start-up on a keychain that never answers', async () => {
    const { logger } = recordingLogger();
    const silent: KeytarLike = { ...brokenKeytar, getPassword: () => new Promise(() => {}) };
    const { store, warning } = await openSecretStore({ logger, keytar: silent, probeTimeoutMs: 50 });
    expect(store.kind).toBe('memory');
    expect(warning).not.toBeNull();
  });

  it('goes memory-only in a process whose D-Bus session bus does not exist (real keytar)', async () => {
    const script = fileURLToPath(new URL('./fixtures/open-secret-store.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/cxone-test-bus' },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { kind: string; warning: string | null; warnings: string[]; roundTrip: string; timersLeft: number };
    expect(result.kind).toBe('memory');
    expect(result.warning).toContain('keychain is not available');
    expect(result.warnings).toHaveLength(1);
    expect(result.roundTrip).toBe('value');
    expect(result.timersLeft).toBe(0);
  });

  it('goes memory-only, with the reason logged, when the native keytar module cannot be loaded', async () => {
    const script = fileURLToPath(new URL('./fixtures/open-secret-store.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, '--keytar-unloadable'], { timeout: 30_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { kind: string; warning: string | null; warnings: string[]; roundTrip: string };
    expect(result).toMatchObject({ kind: 'memory', roundTrip: 'value' });
    expect(result.warning).toContain('keychain is not available');
    expect(result.warnings).toEqual(['secrets: keychain unavailable, keeping the sign-in in memory only']);
  });

  it('the keychain store speaks to keytar under the app service name', async () => {
    const calls: string[] = [];
    const store = createKeychainSecretStore({
      getPassword: async (s, a) => (calls.push(`get ${s} ${a}`), null),
      setPassword: async (s, a) => void calls.push(`set ${s} ${a}`),
      deletePassword: async (s, a) => (calls.push(`delete ${s} ${a}`), true),
    });
    expect(store.kind).toBe('keychain');
    await store.set('acc', 'x');
    await store.get('acc');
    await store.delete('acc');
    expect(calls).toEqual(['set cxone-agent-tray acc', 'get cxone-agent-tray acc', 'delete cxone-agent-tray acc']);
  });
});

// In this process, so that the mutation run sees it (locked-keyring.test.ts drives the same store in a
// child process). The keychain is the real gnome-keyring; FlakySecretStore makes it refuse writes.
describe.skipIf(!keyring)('a keychain that refuses writes (createWriteFallbackStore)', () => {
  async function realKeychain() {
    const keytar = ((await import('@github/keytar')) as unknown as { default: KeytarLike }).default;
    return new FlakySecretStore(createKeychainSecretStore(keytar));
  }

  it('keeps a refused write in memory, says so once, and moves it back into the keychain on the next write it accepts', async () => {
    const keychain = await realKeychain();
    const { logger, warnings } = recordingLogger();
    const reasons: string[] = [];
    const store = createWriteFallbackStore(keychain, { logger, onFallback: (r) => reasons.push(r) });
    const account = `fallback-${process.pid}@http://127.0.0.1`;
    expect(store.kind).toBe('keychain');

    keychain.failSets = 2;
    await store.set(account, 'refresh-1');
    expect(store.kind).toBe('memory');
    expect(await store.get(account)).toBe('refresh-1');
    expect(await keychain.get(account)).toBeNull();
    await store.set(account, 'refresh-2');
    expect(await store.get(account)).toBe('refresh-2');
    // Reported to the user once; every refusal is logged.
    expect(reasons).toEqual(['the keychain went away']);
    expect(warnings).toHaveLength(2);

    await store.set(account, 'refresh-3');
    expect(store.kind).toBe('keychain');
    expect(await keychain.get(account)).toBe('refresh-3');
    expect(await store.get(account)).toBe('refresh-3');
    // No copy is left in memory: deleting from the keychain leaves nothing behind.
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('deletes the memory copy even when the keychain refuses the delete, and reports a refused delete of nothing it holds', async () => {
    const keychain = await realKeychain();
    const store = createWriteFallbackStore(keychain, { logger: recordingLogger().logger, onFallback: () => {} });
    const account = `fallback-delete-${process.pid}@http://127.0.0.1`;
    keychain.failSets = 1;
    await store.set(account, 'refresh-1');
    keychain.failDeletes = 1;
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(store.kind).toBe('keychain');
    keychain.failDeletes = 1;
    await expect(store.delete(account)).rejects.toThrow('the keychain went away');
  });
});
