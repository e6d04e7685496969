// Picks where the refresh token lives: the OS keychain when it answers, otherwise memory only — with
// one warning sentence (the caller shows it once) that tells the user how to fix it on their platform.
import type { Logger, SecretStore } from '../ports';
import { createKeychainSecretStore, KEYCHAIN_SERVICE, type KeytarLike } from './keychain-store';
import { createMemorySecretStore } from './memory-store';

export { createKeychainSecretStore, createMemorySecretStore, KEYCHAIN_SERVICE, type KeytarLike };

const PROBE_ACCOUNT = '__availability-probe__';
/** A Secret Service that D-Bus has to start can take seconds; one that never answers must not hang start-up. */
const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export function keychainFixSentence(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'Install and unlock a Secret Service keyring (for example gnome-keyring or KWallet) and restart the app.';
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access and restart the app.';
    case 'win32':
      return 'Make sure Windows Credential Manager is available for your account and restart the app.';
    default:
      return 'Make sure an OS keychain is available and restart the app.';
  }
}

export function memoryModeWarning(platform: NodeJS.Platform): string {
  return `The system keychain is not available, so your sign-in is kept in memory only and you will have to sign in again after restarting. ${keychainFixSentence(platform)}`;
}

export async function openSecretStore(deps: {
  logger: Logger;
  keytar?: KeytarLike;
  platform?: NodeJS.Platform;
  probeTimeoutMs?: number;
}): Promise<{ store: SecretStore; warning: string | null }> {
  const platform = deps.platform ?? process.platform;
  const fallback = (reason: string) => {
    deps.logger.warn('secrets: keychain unavailable, keeping the sign-in in memory only', { reason });
    return { store: createMemorySecretStore(), warning: memoryModeWarning(platform) };
  };

  let keytar: KeytarLike;
  try {
    keytar = deps.keytar ?? (await loadKeytar());
  } catch (err) {
    return fallback(`keytar could not be loaded: ${errorText(err)}`);
  }

  // A read of an entry that never exists: succeeds (null) only when the keychain really answers.
  const timeoutMs = deps.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      keytar.getPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    return fallback(errorText(err));
  } finally {
    clearTimeout(timer);
  }
  deps.logger.info('secrets: using the OS keychain');
  return { store: createKeychainSecretStore(keytar), warning: null };
}

async function loadKeytar(): Promise<KeytarLike> {
  // A native module: loaded lazily so a missing or mismatched binary becomes "memory mode", not a crash.
  const mod = (await import('@github/keytar')) as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
