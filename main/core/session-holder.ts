// The CXone session for the tenant as set up in Settings: one auth service at a time, built when the
// tenant's sign-in settings change, with the OS keychain opened on first need (a fallback to memory
// raises a banner).
import { createAuthService, type AuthService } from '../auth/auth-service';
import type { CorePorts } from './types';
import type { SecretStore } from '../ports';
import type { NoticeBoard } from './notice-board';

export interface SessionHolder {
  /** The auth service now, or null (none built yet, or stopped). */
  current(): AuthService | null;
  /**
   * The auth service for the tenant settings now; rebuilt when they change. Single flight: a sign-in
   * click and a settings change arriving together share one service, or one would dispose the service
   * the other is signing in with. Rejects (with words for the user) when no client id is set.
   */
  ensure(): Promise<AuthService>;
  /** Disposes the service (the refresh token stays in the keychain). */
  stop(): void;
}

export function createSessionHolder(deps: {
  ports: Pick<CorePorts, 'settings' | 'openSecretStore' | 'opener' | 'notifier' | 'clock' | 'logger' | 'fetch'>;
  notices: NoticeBoard;
  /** Called with each new service before it is used: the core listens to its status. */
  adopt: (service: AuthService) => void;
}): SessionHolder {
  const { ports, notices } = deps;
  let secretStore: SecretStore | null = null;
  let auth: AuthService | null = null;
  let authKey = '';
  let building: { key: string; service: Promise<AuthService> } | null = null;

  const openSecretStore = async (): Promise<SecretStore> => {
    if (secretStore) return secretStore;
    const { store, warning, onWarning } = await ports.openSecretStore();
    secretStore = store;
    if (warning) notices.add('warning', warning, 'keychain-unavailable');
    onWarning?.((later) => notices.add('warning', later, 'keychain-unavailable'));
    return store;
  };

  const stop = () => {
    auth?.dispose();
    auth = null;
    authKey = '';
  };

  const build = async (key: string): Promise<AuthService> => {
    const t = ports.settings.get().tenant;
    stop();
    if (!t.clientId) throw new Error('Enter the client id of your CXone app registration in Settings first.');
    const service = createAuthService({
      config: { issuer: t.issuer, clientId: t.clientId, scopes: t.scopes, redirect: t.redirect, tenantIdHint: t.tenantIdHint || undefined },
      secrets: await openSecretStore(),
      opener: ports.opener,
      notifier: ports.notifier,
      clock: ports.clock,
      logger: ports.logger,
      fetch: ports.fetch,
    });
    deps.adopt(service);
    auth = service;
    authKey = key;
    return service;
  };

  return {
    current: () => auth,
    ensure() {
      const t = ports.settings.get().tenant;
      const key = JSON.stringify([t.issuer, t.clientId, t.scopes, t.redirect, t.tenantIdHint]);
      if (auth && authKey === key) return Promise.resolve(auth);
      if (building?.key === key) return building.service;
      const service = build(key).finally(() => {
        if (building?.service === service) building = null;
      });
      building = { key, service };
      return service;
    },
    stop,
  };
}
