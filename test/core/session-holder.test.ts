// The session holder (main/core/session-holder.ts): one auth service per sign-in configuration, built
// once even when a sign-in click and a settings change ask together, rebuilt (the old one disposed)
// when a setting the sign-in depends on changes, and the keychain's warnings shown as a banner. Real
// auth services and a real settings store; the secret store is the in-memory one, wrapped to count
// openings and to fail or warn on command (no keychain prompt can be counted on a real one).
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthService } from '../../main/auth/auth-service';
import { NoticeBoard } from '../../main/core/notice-board';
import { createSessionHolder, type SessionHolder } from '../../main/core/session-holder';
import type { CorePorts } from '../../main/core/types';
import { createMemorySecretStore } from '../../main/secrets';
import type { Settings } from '../../main/settings/schema';
import { createTestPorts, type TestPorts } from '../harness/core-ports';
import { startTestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';

const ISSUER = 'http://127.0.0.1:9/'; // never contacted: building a service asks the sign-in server nothing

let ports: TestPorts | null = null;
afterEach(() => {
  ports?.cleanup();
  ports = null;
});

interface Holder {
  holder: SessionHolder;
  notices: NoticeBoard;
  adopted: AuthService[];
  opens: () => number;
  /** The next opening of the secret store fails. */
  failNextOpen(): void;
  /** The keychain's later warning (e.g. it was locked after the start). */
  warnLater(text: string): void;
  /** Openings from now on wait until let go, in the order they were asked for. */
  holdOpens(): { letGo(): void };
  setTenant(over: Partial<Settings['tenant']>): void;
}

function holderWith(opts: { warning?: string; tenant?: Partial<Settings['tenant']> } = {}): Holder {
  ports = createTestPorts({ settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: ISSUER, clientId: 'app-1', ...opts.tenant } } });
  const p = ports;
  const store = createMemorySecretStore();
  let opens = 0;
  let failNext = false;
  let later: ((w: string) => void) | null = null;
  let held: (() => void)[] | null = null;
  const openSecretStore: CorePorts['openSecretStore'] = async () => {
    opens += 1;
    if (held) await new Promise<void>((resolve) => held!.push(resolve));
    if (failNext) {
      failNext = false;
      throw new Error('The keychain did not answer.');
    }
    return { store, warning: opts.warning ?? null, onWarning: (l) => void (later = l) };
  };
  const notices = new NoticeBoard(() => {});
  const adopted: AuthService[] = [];
  const holder = createSessionHolder({ ports: { ...p, openSecretStore }, notices, adopt: (s) => void adopted.push(s) });
  return {
    holder,
    notices,
    adopted,
    opens: () => opens,
    failNextOpen: () => void (failNext = true),
    warnLater: (text) => later?.(text),
    holdOpens() {
      const queue: (() => void)[] = [];
      held = queue;
      return { letGo: () => queue.shift()?.() };
    },
    setTenant: (over) => p.settings.update((s) => ({ ...s, tenant: { ...s.tenant, ...over } })),
  };
}

const disposed = (s: AuthService) => s.signIn().then(
  () => false,
  (err: unknown) => err instanceof Error && /shutting down/.test(err.message),
);

describe('session holder', () => {
  it('builds one service for calls that arrive together, and keeps it while the sign-in settings stay the same', async () => {
    const h = holderWith();
    const [a, b] = await Promise.all([h.holder.ensure(), h.holder.ensure()]);
    expect(a).toBe(b);
    expect(h.adopted).toEqual([a]);
    // A setting the sign-in does not depend on (the API host) keeps the service, and its session.
    h.setTenant({ apiEndpointOverride: 'http://127.0.0.1:4000' });
    expect(await h.holder.ensure()).toBe(a);
    expect(h.holder.current()).toBe(a);
    expect(h.opens()).toBe(1);
    // A keychain that opened without a warning raises no banner.
    expect(h.notices.all()).toEqual([]);
  });

  it('rebuilds the service, disposing the old one, when a setting the sign-in depends on changes; the secret store is opened once', async () => {
    const h = holderWith();
    const changes: Partial<Settings['tenant']>[] = [
      { issuer: 'http://127.0.0.1:10/' },
      { clientId: 'app-2' },
      { scopes: ['openid', 'offline_access'] },
      { redirect: { mode: 'exact', uri: 'http://localhost:3000/auth-callback' } },
      { tenantIdHint: '11ea5f3c-0000-4000-8000-00000000a001' },
    ];
    let previous = await h.holder.ensure();
    for (const change of changes) {
      h.setTenant(change);
      const next = await h.holder.ensure();
      expect(next, JSON.stringify(change)).not.toBe(previous);
      expect(await disposed(previous), JSON.stringify(change)).toBe(true);
      previous = next;
    }
    expect(h.adopted).toHaveLength(changes.length + 1);
    expect(h.opens()).toBe(1);
    h.holder.stop();
    expect(h.holder.current()).toBeNull();
    expect(await disposed(previous)).toBe(true);
  });

  it('rejects with words for the user without a client id, and tries again after a failure with the same settings', async () => {
    const h = holderWith();
    h.setTenant({ clientId: '' });
    await expect(h.holder.ensure()).rejects.toThrow(/client id of your CXone app registration/);
    h.setTenant({ clientId: 'app-1' });
    h.failNextOpen();
    await expect(h.holder.ensure()).rejects.toThrow(/keychain did not answer/);
    // Same settings, a second try: not the first one's failure again.
    const s = await h.holder.ensure();
    expect(h.holder.current()).toBe(s);
    expect(h.opens()).toBe(2);
  });

  it('disposes the service it has when the client id is cleared, and rejects', async () => {
    const h = holderWith();
    const a = await h.holder.ensure();
    h.setTenant({ clientId: '' });
    await expect(h.holder.ensure()).rejects.toThrow(/client id of your CXone app registration/);
    expect(h.holder.current()).toBeNull();
    expect(await disposed(a)).toBe(true);
  });

  it('settings changed while the keychain opens: one opening, one service — the one for the settings now, for both callers', async () => {
    const h = holderWith();
    const gate = h.holdOpens();
    const first = h.holder.ensure();
    h.setTenant({ clientId: 'app-2' });
    const second = h.holder.ensure();
    gate.letGo();
    // Before: the keychain was opened twice, and the first build's service (for app-1) was adopted,
    // then replaced by the second's without being disposed — left running.
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(h.adopted).toEqual([b]);
    expect(h.holder.current()).toBe(b);
    expect(h.opens()).toBe(1);
    // A third call for the settings now has that service too.
    expect(await h.holder.ensure()).toBe(b);
  });

  it('a keychain that failed to open is opened again by the next build, and a build waiting on it gets the failure', async () => {
    const h = holderWith();
    const gate = h.holdOpens();
    h.failNextOpen();
    const first = h.holder.ensure();
    h.setTenant({ clientId: 'app-2' });
    const second = h.holder.ensure();
    gate.letGo();
    await expect(first).rejects.toThrow(/keychain did not answer/);
    await expect(second).rejects.toThrow(/keychain did not answer/);
    expect(h.opens()).toBe(1);
    const ensured = h.holder.ensure();
    gate.letGo();
    expect(await ensured).toBe(h.holder.current());
    expect(h.opens()).toBe(2);
  });

  it("shows the keychain's warning when it opens and any it sends later, as one banner", async () => {
    const h = holderWith({ warning: 'The keychain is not available; the sign-in is kept only until the app quits.' });
    await h.holder.ensure();
    expect(h.notices.all()).toEqual([{ id: 'keychain-unavailable', level: 'warning', message: expect.stringMatching(/only until the app quits/) }]);
    h.notices.drop('keychain-unavailable');
    h.warnLater('The keychain was locked.');
    expect(h.notices.all()).toEqual([{ id: 'keychain-unavailable', level: 'warning', message: 'The keychain was locked.' }]);
  });

  it("builds the service with the tenant id hint from Settings: the sign-in page is asked for that tenant, and without a hint for none", async () => {
    const op = await startTestProvider();
    try {
      const HINT = '11ea5f3c-0000-4000-8000-00000000a001';
      const h = holderWith({ tenant: { issuer: op.issuer, clientId: op.clientId, tenantIdHint: HINT } });
      const authorizeUrl = async (): Promise<URL> => {
        const service = await h.holder.ensure();
        const seen = ports!.opened.length;
        const signing = service.signIn().catch(() => undefined);
        const url = new URL(await until('the authorization URL', () => ports!.opened[seen]));
        service.cancelSignIn();
        await signing;
        return url;
      };
      expect((await authorizeUrl()).searchParams.get('tenantId')).toBe(HINT);
      h.setTenant({ tenantIdHint: '' });
      expect((await authorizeUrl()).searchParams.has('tenantId')).toBe(false);
      h.holder.stop();
    } finally {
      await op.stop();
    }
  });
});
