// Picks where the refresh token lives: the OS keychain when it answers, otherwise memory only — with
// one warning sentence (the caller shows it once) that tells the user how to fix it on their platform.
import type { Logger, SecretStore } from '../ports';
import { createKeychainSecretStore, KEYCHAIN_SERVICE, type KeytarLike } from './keychain-store';
import { createMemorySecretStore } from './memory-store';

export { createKeychainSecretStore, createMemorySecretStore, KEYCHAIN_SERVICE, type KeytarLike };

const PROBE_ACCOUNT = '__availability-probe__';
/** A Secret Service that D-Bus has to start can take seconds; one that never answers must not hang start-up. */
const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

/** What to do about the keychain, per platform: when none answers (fix), and when it refuses writes (unlock). */
const KEYCHAIN_HELP: Record<'linux' | 'darwin' | 'win32' | 'other', { fix: string; unlock: string }> = {
  linux: {
    fix: 'Install and unlock a Secret Service keyring (for example gnome-keyring or KWallet) and restart the app.',
    unlock: 'Unlock your keyring (open "Passwords and Keys" and unlock the Login keyring, or log out and back in), then sign in again to keep the sign-in.',
  },
  darwin: {
    fix: 'Unlock your login keychain in Keychain Access and restart the app.',
    unlock: 'Unlock your login keychain in Keychain Access, then sign in again to keep the sign-in.',
  },
  win32: {
    fix: 'Make sure Windows Credential Manager is available for your account and restart the app.',
    unlock: 'Make sure Windows Credential Manager accepts new entries for your account, then sign in again to keep the sign-in.',
  },
  other: {
    fix: 'Make sure an OS keychain is available and restart the app.',
    unlock: 'Unlock the OS keychain, then sign in again to keep the sign-in.',
  },
};

function keychainHelp(platform: NodeJS.Platform): { fix: string; unlock: string } {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32' ? KEYCHAIN_HELP[platform] : KEYCHAIN_HELP.other;
}

export function keychainFixSentence(platform: NodeJS.Platform): string {
  return keychainHelp(platform).fix;
}

/** How to unlock the keychain, when it answers reads but refuses writes (a locked collection). */
export function keychainUnlockSentence(platform: NodeJS.Platform): string {
  return keychainHelp(platform).unlock;
}

export function writeRefusedWarning(platform: NodeJS.Platform, reason: string): string {
  return `The system keychain refused to save your sign-in (${reason}), so it is kept in memory only and you will have to sign in again after restarting. ${keychainUnlockSentence(platform)}`;
}

export function memoryModeWarning(platform: NodeJS.Platform): string {
  return `The system keychain is not available, so your sign-in is kept in memory only and you will have to sign in again after restarting. ${keychainFixSentence(platform)}`;
}

export interface OpenedSecretStore {
  store: SecretStore;
  /** Said once at start when no keychain answers; null when one does. */
  warning: string | null;
  /** Called once, later, if the keychain refuses a write and the store falls back to memory. */
  onWarning?(listener: (warning: string) => void): void;
}

export async function openSecretStore(deps: {
  logger: Logger;
  keytar?: KeytarLike;
  platform?: NodeJS.Platform;
  probeTimeoutMs?: number;
}): Promise<OpenedSecretStore> {
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
  // The probe only reads: a locked Secret Service collection answers reads (with nothing) and refuses
  // writes ("Cannot create an item in a locked collection"). A refused write falls back to memory.
  let listener: ((warning: string) => void) | null = null;
  const store = createWriteFallbackStore(createKeychainSecretStore(keytar), {
    logger: deps.logger,
    onFallback: (reason) => listener?.(writeRefusedWarning(platform, reason)),
  });
  return {
    store,
    warning: null,
    onWarning: (l) => {
      listener = l;
    },
  };
}

/**
 * The keychain, with memory behind it for writes it refuses. A refused write is kept in memory (the
 * sign-in works until the app quits) and reported once; every later write tries the keychain again,
 * so unlocking it and signing in (or the next renewal) moves the token back where it belongs.
 */
export function createWriteFallbackStore(keychain: SecretStore, deps: { logger: Logger; onFallback(reason: string): void }): SecretStore {
  const memory = createMemorySecretStore();
  const inMemory = new Set<string>();
  let warned = false;
  return {
    get kind() {
      return inMemory.size > 0 ? 'memory' : 'keychain';
    },
    get: (account) => (inMemory.has(account) ? memory.get(account) : keychain.get(account)),
    async set(account, secret) {
      try {
        await keychain.set(account, secret);
      } catch (err) {
        await memory.set(account, secret);
        inMemory.add(account);
        deps.logger.warn('secrets: the keychain refused a write, keeping the sign-in in memory only', { reason: errorText(err) });
        if (!warned) {
          warned = true;
          deps.onFallback(errorText(err));
        }
        return;
      }
      if (inMemory.delete(account)) await memory.delete(account);
    },
    async delete(account) {
      const fromMemory = inMemory.delete(account) && (await memory.delete(account));
      let fromKeychain = false;
      try {
        fromKeychain = await keychain.delete(account);
      } catch (err) {
        if (!fromMemory) throw err;
      }
      return fromMemory || fromKeychain;
    },
  };
}

async function loadKeytar(): Promise<KeytarLike> {
  // A native module: loaded lazily so a missing or mismatched binary becomes "memory mode", not a crash.
  const mod = (await import('@github/keytar')) as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
