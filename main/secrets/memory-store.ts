// The fallback when no OS keychain answers: secrets live in this process only and vanish on quit,
// so the user signs in again after a restart. Never written anywhere.
import type { SecretStore } from '../ports';

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}
