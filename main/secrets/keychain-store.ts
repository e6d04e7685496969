// The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
// @github/keytar. Every entry lives under one service name so the user can find and remove it.
import type { SecretStore } from '../ports';

export const KEYCHAIN_SERVICE = 'cxone-agent-tray';

/** The part of @github/keytar the app uses; tests inject a failing one to simulate a broken keychain. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export function createKeychainSecretStore(keytar: KeytarLike, service = KEYCHAIN_SERVICE): SecretStore {
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
  };
}
