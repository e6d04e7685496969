// The mode switch (main/core/mode-switch.ts): which tenant the feeds run against and the switches
// between them, built from the same real parts the core builds it from (feed service, session holder,
// banner board, notification rules) — oidc-provider as the CXone sign-in server and a demo tenant as
// the CXone API, on 127.0.0.1. It exposes the running demo tenant, which the core does not.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthService } from '../../main/auth/auth-service';
import { createFeedService, type FeedService } from '../../main/core/feed-service';
import { createModeSwitch, type ModeSwitch } from '../../main/core/mode-switch';
import { NoticeBoard } from '../../main/core/notice-board';
import { createNotifications } from '../../main/core/notifications';
import { createSessionHolder, type SessionHolder } from '../../main/core/session-holder';
import { createDiscoveryCache } from '../../main/cxone/discovery';
import { startDemoTenant, type DemoTenant } from '../../main/demo/demo-tenant';
import type { SecretStore } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { createTestPorts, type TestPorts } from '../harness/core-ports';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';

const NO_TENANT = 'user:no-tenant-id';
const ODD_AGENT_ID = 'user:odd-agent-id';

let op: TestProvider;
let api: DemoTenant;
beforeAll(async () => {
  op = await startTestProvider({ accounts: { [NO_TENANT]: { tenantId: '' }, [ODD_AGENT_ID]: { icAgentId: 'agent-17' } } });
  api = await startDemoTenant({ agents: 20, seed: 5 });
});
afterAll(async () => {
  await op?.stop();
  await api?.stop();
});

interface Switch {
  modes: ModeSwitch;
  feeds: FeedService;
  session: SessionHolder;
  notices: NoticeBoard;
  ports: TestPorts;
  /** The pages opened in the system browser (a sign-in opens one). */
  visits: string[];
  /** How many times the mode switch said something the UI shows changed. */
  ui: { changed: number };
  /** The Date headers of the tenant's answers, as given to the notifications' server clock. */
  serverDates: string[];
  /** Signs in through the browser port as `login`; resolves once the session's own events have run. */
  signIn(login?: string): Promise<AuthService>;
}

const running: Switch[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.modes.settled();
    s.feeds.stop();
    s.session.stop();
    await s.modes.stopDemo();
    s.ports.cleanup();
  }
});

function tenant(over: Record<string, unknown> = {}) {
  return { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url, ...over };
}

/** Wired as createCore wires it (main/core/app.ts); `secrets`: a keychain kept from an earlier run. */
function switchOn(settings: Record<string, unknown>, secrets?: SecretStore): Switch {
  const visits: string[] = [];
  const ports = createTestPorts({ settings, opener: { openExternal: async (u) => void visits.push(u) }, ...(secrets ? { secrets } : {}) });
  const { clock, logger, notifier } = ports;
  const notices = new NoticeBoard(() => {});
  const notifications = createNotifications({ settings: ports.settings.get(), clock, logger, notifier });
  const feeds = createFeedService({ settings: () => ports.settings.get(), clock, logger, notifier, notifications, notices, onRosterDelta: () => {}, onQueues: () => {}, onPickerChoicesChanged: () => {}, changed: () => {} });
  const session: SessionHolder = createSessionHolder({ ports, notices, adopt: (service) => service.onStatus((status) => modes.onSessionStatus(service, status)) });
  const ui = { changed: 0 };
  const serverDates: string[] = [];
  const modes: ModeSwitch = createModeSwitch({
    ports,
    feeds,
    session,
    notices,
    discoveryCache: createDiscoveryCache(),
    onServerDate: (date) => void serverDates.push(date),
    changed: () => void (ui.changed += 1),
  });
  const s: Switch = {
    modes,
    feeds,
    session,
    notices,
    ports,
    visits,
    ui,
    serverDates,
    async signIn(login) {
      const service = await session.ensure();
      const seen = visits.length;
      const signing = service.signIn();
      await headlessLogin(await until('the authorization URL', () => visits[seen]), login);
      await signing;
      await modes.settled();
      return service;
    },
  };
  running.push(s);
  return s;
}

const banner = (s: Switch, id: string) => s.notices.all().find((n) => n.id === id);

describe('mode switch: one switch at a time', () => {
  it('runs switches in the order queued, and a failed one neither blocks the next nor hides its own error', async () => {
    const s = switchOn({ mode: 'demo', tenant: tenant() });
    const order: string[] = [];
    let release!: () => void;
    const first = s.modes.inTransition(() => new Promise<void>((r) => (release = r)).then(() => void order.push('first')));
    const failing = s.modes.inTransition(async () => {
      order.push('failing');
      throw new Error('the discovery failed');
    });
    const third = s.modes.inTransition(async () => (order.push('third'), 'ran'));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    release();
    await first;
    await expect(failing).rejects.toThrow('the discovery failed');
    expect(await third).toBe('ran');
    expect(order).toEqual(['first', 'failing', 'third']);
  });
});

describe('mode switch: the demo tenant', () => {
  it('starts it on first need, keeps it when its feed restarts, and stops it (and its port) when CXone is chosen', async () => {
    const s = switchOn({ mode: 'demo', tenant: tenant() });
    await s.modes.applyMode();
    const demo = s.modes.demo();
    expect(demo).not.toBeNull();
    await until('the demo live', () => s.feeds.live()?.status().kind === 'live');
    await s.modes.applyMode();
    expect(s.modes.demo()).toBe(demo);

    s.ports.settings.update((x) => ({ ...x, mode: 'cxone' }));
    await s.modes.applyMode();
    expect(s.modes.demo()).toBeNull();
    await expect(fetch(`${demo!.url}/.well-known/cxone-configuration`)).rejects.toThrow();
    // Nothing stored: signed out, and the feed waits for a sign-in.
    expect(s.feeds.live()).toBeNull();
    expect(s.feeds.needsSession()).toBe(true);
  });

  it("runs the demo tenant the Settings describe, and gives its answers' Date to the server clock", async () => {
    const s = switchOn({ mode: 'demo', tenant: tenant(), demo: { agents: 7, seed: 3 } });
    await s.modes.applyMode();
    await until('the demo live', () => s.feeds.live()?.status().kind === 'live');
    expect(s.feeds.live()!.snapshot().agents).toHaveLength(7);
    expect(s.serverDates.length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(s.serverDates.at(-1)!))).toBe(false);
  });

  it("ends the CXone session when the demo is chosen: a session no feed uses renews no tokens", async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant() });
    await s.modes.applyMode();
    expect(s.session.current()).not.toBeNull();
    s.ports.settings.update((x) => ({ ...x, mode: 'demo' }));
    await s.modes.applyMode();
    expect(s.session.current()).toBeNull();
    expect(s.modes.demo()).not.toBeNull();
  });
});

describe('mode switch: connecting a CXone tenant', () => {
  it('says what is missing while the tenant is incomplete, and drops that banner once a sign-in connects the feed', async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant({ clientId: '' }) });
    await s.modes.applyMode();
    expect(banner(s, 'tenant-incomplete')).toMatchObject({ level: 'info', message: expect.stringMatching(/client id/i) });
    expect(banner(s, 'feed-start')).toBeUndefined();
    expect(s.feeds.live()).toBeNull();

    s.ports.settings.update((x) => ({ ...x, tenant: { ...x.tenant, clientId: op.clientId } }));
    await s.modes.applyMode();
    // Configured, not signed in yet: the banner stays until a feed runs.
    expect(banner(s, 'tenant-incomplete')).toBeDefined();
    await s.signIn();
    await until('the CXone feed live', () => s.feeds.live()?.status().kind === 'live');
    expect(banner(s, 'tenant-incomplete')).toBeUndefined();
    // The tenant's answers set the notifications' server clock too.
    const dates = s.serverDates.length;
    s.feeds.refreshNow();
    await until("the next answer's Date", () => s.serverDates.length > dates);
  });

  it('a sign-in that carries no tenantId, with no API override, says so in a banner — on the sign-in and again on a restart', async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant({ apiEndpointOverride: '' }) });
    await s.modes.applyMode();
    await s.signIn(NO_TENANT);
    expect(banner(s, 'feed-start')).toMatchObject({ level: 'error', message: expect.stringMatching(/no tenantId.*API endpoint override/) });
    expect(s.feeds.live()).toBeNull();
    // It stays while the cause does: a Dismiss would leave nothing saying why no agents show.
    s.notices.dismiss('feed-start');
    expect(banner(s, 'feed-start')).toBeDefined();

    // The same words when the mode is applied again (a restart restores the session and tries again).
    s.notices.drop('feed-start');
    await s.modes.applyMode();
    expect(banner(s, 'feed-start')).toMatchObject({ level: 'error', message: expect.stringMatching(/no tenantId/) });
    s.notices.dismiss('feed-start');
    expect(banner(s, 'feed-start')).toBeDefined();

    // A new try whose feed starts (the demo tenant here) takes the old reason down: it no longer applies.
    s.ports.settings.update((x) => ({ ...x, mode: 'demo', demo: { agents: 5, seed: 3 } }));
    await s.modes.applyMode();
    await until('the demo feed live', () => s.feeds.live()?.status().kind === 'live');
    expect(banner(s, 'feed-start')).toBeUndefined();
  });

  it("does not take an agent id that is not a number for the signed-in agent: 'only me' asks for no /agents/NaN", async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant(), watch: { scope: 'me' } });
    await s.modes.applyMode();
    const before = api.server.requests.length;
    await s.signIn(ODD_AGENT_ID);
    await until('the feed answered', () => api.server.requests.slice(before).some((r) => r.path.includes('/agents')) && s.feeds.live()?.status().kind !== 'starting');
    const paths = api.server.requests.slice(before).map((r) => r.path);
    expect(paths.filter((p) => /NaN|undefined/.test(p))).toEqual([]);
    expect(s.feeds.live()?.status().kind).toBe('live');
  });
});

describe("mode switch: the session's events", () => {
  it('stops the feed when the session expires, and connects it once when the session comes back signed in', async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant() });
    await s.modes.applyMode();
    const service = await s.signIn();
    await until('live', () => s.feeds.live()?.status().kind === 'live');
    const identity = service.identity()!;

    const told = s.ui.changed;
    s.modes.onSessionStatus(service, { kind: 'expired', message: 'Your CXone sign-in expired. Sign in again.' });
    expect(s.feeds.live()).toBeNull();
    // Nothing queued connects it again: an expired session has no token to give.
    await s.modes.settled();
    expect(s.feeds.live()).toBeNull();
    // The window and the tray hear of it (they show the session's state).
    expect(s.ui.changed).toBeGreaterThan(told);

    // Two signed-in events in a row (a renewal and a new sign-in landing together): one feed, not two.
    const start = vi.spyOn(s.feeds, 'start');
    s.modes.onSessionStatus(service, { kind: 'signed-in', identity, storage: 'keychain' });
    s.modes.onSessionStatus(service, { kind: 'signed-in', identity, storage: 'keychain' });
    await s.modes.settled();
    expect(start).toHaveBeenCalledTimes(1);
    await until('live again', () => s.feeds.live()?.status().kind === 'live');
  });
});

describe('mode switch: the signed-in agent and a stored session', () => {
  it("polls the signed-in agent's own states for 'only me' when the sign-in carries a numeric icAgentId", async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant(), watch: { scope: 'me' } });
    await s.modes.applyMode();
    const before = api.server.requests.length;
    const service = await s.signIn();
    const me = service.identity()!.icAgentId;
    expect(me).toMatch(/^\d{2,}$/);
    await until('the own states asked for', () => api.server.requests.slice(before).some((r) => r.path.endsWith(`/agents/${me}/states`)));
    expect(api.server.requests.slice(before).filter((r) => r.path.endsWith('/agents/states'))).toEqual([]);
  });

  it('connects the feed on a restart from the session stored by the last run, with no new sign-in', async () => {
    const secrets = createMemorySecretStore();
    const first = switchOn({ mode: 'cxone', tenant: tenant() }, secrets);
    await first.modes.applyMode();
    await first.signIn();
    await until('live', () => first.feeds.live()?.status().kind === 'live');
    first.feeds.stop();
    first.session.stop();

    const next = switchOn({ mode: 'cxone', tenant: tenant() }, secrets);
    await next.modes.applyMode();
    expect(next.session.current()?.status().kind).toBe('signed-in');
    await until('live again', () => next.feeds.live()?.status().kind === 'live');
    expect(next.visits).toEqual([]);
  });
});

describe('mode switch: a renewed session', () => {
  it('lets the running CXone feed, waiting on a token CXone refused, try the new one: the same feed goes live again', async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant() });
    await s.modes.applyMode();
    const service = await s.signIn();
    await until('live', () => s.feeds.live()?.status().kind === 'live');
    const feed = s.feeds.live();
    try {
      api.server.settings.acceptToken = () => false;
      s.feeds.refreshNow();
      await until('the refusal', () => s.feeds.tokenRefused());
    } finally {
      api.server.settings.acceptToken = (t) => t.length > 0;
    }
    s.modes.onSessionStatus(service, { kind: 'signed-in', identity: service.identity()!, storage: 'keychain' });
    await until('live again', () => s.feeds.live()?.status().kind === 'live');
    expect(s.feeds.live()).toBe(feed);
    expect(s.feeds.tokenRefused()).toBe(false);
  });

  it('connects, once an API endpoint override is set, the sign-in that carried no tenantId, and takes its banner down', async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant({ apiEndpointOverride: '' }) });
    await s.modes.applyMode();
    const service = await s.signIn(NO_TENANT);
    expect(banner(s, 'feed-start')).toBeDefined();
    s.ports.settings.update((x) => ({ ...x, tenant: { ...x.tenant, apiEndpointOverride: api.url } }));
    // The session renews (no new try of the mode): its signed-in event connects the feed.
    s.modes.onSessionStatus(service, { kind: 'signed-in', identity: service.identity()!, storage: 'keychain' });
    await s.modes.settled();
    await until('the CXone feed live', () => s.feeds.live()?.status().kind === 'live');
    expect(banner(s, 'feed-start')).toBeUndefined();
  });
});

describe("mode switch: a session that is no longer the app's", () => {
  it('connects no feed on a signed-in event of a session that was stopped meanwhile', async () => {
    const s = switchOn({ mode: 'cxone', tenant: tenant() });
    await s.modes.applyMode();
    const service = await s.signIn();
    await until('live', () => s.feeds.live()?.status().kind === 'live');
    const identity = service.identity()!;
    s.modes.onSessionStatus(service, { kind: 'expired', message: 'Your CXone sign-in expired. Sign in again.' });
    expect(s.feeds.live()).toBeNull();
    // The session is ended (a sign-out, a tenant change); a renewal of it that was on its way lands.
    s.session.stop();
    s.modes.onSessionStatus(service, { kind: 'signed-in', identity, storage: 'keychain' });
    await s.modes.settled();
    expect(s.feeds.live()).toBeNull();
  });
});
