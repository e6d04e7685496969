// The CXone session for the tenant as set up in Settings: one auth service at a time, built when the
// tenant's sign-in settings change, with the OS keychain opened on first need (a fallback to memory
// raises a banner).
import { createAuthService, type AuthService } from '../auth/auth-service';
import type { CorePorts } from './types';
import type { SecretStore } from '../ports';
import type { NoticeBoard } from './notice-board';
import type { TenantSettings } from '../settings/schema';

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

type HolderDeps = Parameters<typeof createSessionHolder>[0];

/** What the holder's parts share, built once by createSessionHolder; the service changes while it runs. */
interface HolderParts {
  readonly deps: HolderDeps;
  /** Opened on first need (once, however many builds wait for it), then kept. */
  secretStore: Promise<SecretStore> | null;
  /** The service now, and the sign-in settings (signInKey) it was built for. */
  auth: AuthService | null;
  authKey: string;
  /** The build in flight, and the sign-in settings it is for. */
  building: { key: string; service: Promise<AuthService> } | null;
  /** Builds started so far: a build that is no longer the latest when the keychain opens makes no service. */
  builds: number;
}

export function createSessionHolder(deps: {
  ports: Pick<CorePorts, 'settings' | 'openSecretStore' | 'opener' | 'notifier' | 'clock' | 'logger' | 'fetch'>;
  notices: NoticeBoard;
  /** Called with each new service before it is used: the core listens to its status. */
  adopt: (service: AuthService) => void;
}): SessionHolder {
  const h: HolderParts = { deps, secretStore: null, auth: null, authKey: '', building: null, builds: 0 };
  return {
    current: () => h.auth,
    ensure: () => ensure(h),
    stop: () => stop(h),
  };
}

/** The tenant settings a sign-in depends on, as one string: a service is kept while it stays the same. */
function signInKey(t: TenantSettings): string {
  return JSON.stringify([t.issuer, t.clientId, t.scopes, t.redirect, t.tenantIdHint]);
}

function ensure(h: HolderParts): Promise<AuthService> {
  const key = signInKey(h.deps.ports.settings.get().tenant);
  if (h.auth && h.authKey === key) return Promise.resolve(h.auth);
  if (h.building?.key === key) return h.building.service;
  const service = build(h, key).finally(() => {
    if (h.building?.service === service) h.building = null;
  });
  h.building = { key, service };
  return service;
}

function stop(h: HolderParts): void {
  h.auth?.dispose();
  h.auth = null;
  h.authKey = '';
}

async function build(h: HolderParts, key: string): Promise<AuthService> {
  const { ports } = h.deps;
  const t = ports.settings.get().tenant;
  const turn = ++h.builds;
  stop(h);
  if (!t.clientId) throw new Error('Enter the client id of your CXone app registration in Settings first.');
  const secrets = await openSecretStore(h);
  // The settings changed while the keychain opened, and a newer build is for them: this one's service
  // would be replaced at once, and left running (its timers, its sign-in) if it were adopted first.
  // Its callers get the service for the settings now.
  if (turn !== h.builds) return ensure(h);
  const service = createAuthService({
    config: { issuer: t.issuer, clientId: t.clientId, scopes: t.scopes, redirect: t.redirect, tenantIdHint: t.tenantIdHint || undefined },
    secrets,
    opener: ports.opener,
    notifier: ports.notifier,
    clock: ports.clock,
    logger: ports.logger,
    fetch: ports.fetch,
  });
  h.deps.adopt(service);
  h.auth = service;
  h.authKey = key;
  return service;
}

/** The secret store, opened on first need and once (a failed opening is tried again next time); its warnings, now or later, become one banner. */
function openSecretStore(h: HolderParts): Promise<SecretStore> {
  if (h.secretStore) return h.secretStore;
  const { notices } = h.deps;
  const opening = h.deps.ports.openSecretStore().then(({ store, warning, onWarning }) => {
    if (warning) notices.add('warning', warning, 'keychain-unavailable');
    onWarning?.((later) => notices.add('warning', later, 'keychain-unavailable'));
    return store;
  });
  h.secretStore = opening;
  opening.catch(() => {
    if (h.secretStore === opening) h.secretStore = null;
  });
  return opening;
}
