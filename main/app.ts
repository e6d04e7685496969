// The headless core: everything the app does, built from ports, with no Electron in sight. The shell
// (main/index.ts) passes Electron adapters; tests and the renderer harness pass plain-Node ones.
//
//   settings ─▶ mode (demo | cxone) ─▶ session (auth) ─▶ live feed (client → poller → roster)
//                                                         │ changes            │ deltas
//                                                  notification policy     renderer events
import { createAuthService, type AuthService } from './auth/auth-service';
import type { SessionStatus } from './auth/status';
import { errorText } from './auth/errors';
import { createCxoneClient, type CxoneClient } from './cxone/client';
import { createDiscoveryCache } from './cxone/discovery';
import { startDemoTenant, type DemoTenant } from './demo/demo-tenant';
import { runDoctor } from './diagnostics/doctor';
import { createLiveFeed, isTokenRefused, type LiveFeed } from './live-feed';
import { createAlertPolicy } from './monitor/alerts';
import { createAlertRunner } from './monitor/alert-runner';
import { createServerClock, parseDateHeader } from './monitor/server-clock';
import { createSnapshotParts } from './monitor/snapshot-parts';
import type { MonitorStatus, RosterSnapshot, Trend } from './monitor/status';
import type { CommandHandlers } from './ipc/router';
import type { Core, CorePorts, PowerEvent, TrayModel } from './core-types';
import { QUEUES_OFF, type QueueState } from './queues/model';
import { queueTooltipLead, totalWaiting } from './queues/queue-summary';
import { createQueueFeed, type QueueFeed } from './queues/queue-feed';
import { createRequestBudget, type RequestBudget } from './monitor/request-budget';
import type { SecretStore } from './ports';
import type { Settings } from './settings/schema';
import { testConnection } from './connection-test';
import { openTenantApi } from './tenant-api';
import { fitTooltip, tooltipLimit, trayTooltip } from './tray-tooltip';
import { checkExternalLink } from './external-links';

export { trayTooltip, type TooltipInput } from './tray-tooltip';
import type { AppState, EventName, EventPayload, Notice } from '../preload/contract';

export const DEMO_TENANT_LABEL = 'Demo tenant';
/** The banner shown while CXone refuses the token (see onFeedStatus). */
export const TOKEN_REFUSED_NOTICE = 'token-refused';
/** The demo simulator accepts any bearer token; this one is not a secret. */
const DEMO_TOKEN = 'demo-tenant-token';

const EMPTY_SNAPSHOT: RosterSnapshot = { revision: 0, agents: [], teams: [] };
const EMPTY_TREND: Trend = { bucketMs: 60_000, buckets: [] };

type Listener<T> = (value: T) => void;

function emitterOf<K extends string, P extends Record<K, unknown>>() {
  const listeners = new Map<K, Set<Listener<never>>>();
  return {
    on<E extends K>(name: E, l: Listener<P[E]>): () => void {
      const set = listeners.get(name) ?? new Set();
      set.add(l as Listener<never>);
      listeners.set(name, set);
      return () => set.delete(l as Listener<never>);
    },
    emit<E extends K>(name: E, payload: P[E]): void {
      for (const l of listeners.get(name) ?? []) (l as Listener<P[E]>)(payload);
    },
  };
}

export function createCore(ports: CorePorts): Core {
  const { clock, logger, settings } = ports;
  const events = emitterOf<EventName, { [K in EventName]: EventPayload<K> }>();
  const trayListeners = new Set<Listener<TrayModel>>();
  const discoveryCache = createDiscoveryCache();

  const notices: Notice[] = [];
  let secretStore: SecretStore | null = null;
  let auth: AuthService | null = null;
  let authConfigKey = '';
  let demo: DemoTenant | null = null;
  let feed: LiveFeed | null = null;
  /** The skill queues of the same tenant, and the request budget both feeds share. */
  let queueFeed: QueueFeed | null = null;
  /** The queue feed's last published state (the tray icon and tooltip read it). */
  let queueState: QueueState = QUEUES_OFF;
  let budget: RequestBudget | null = null;
  let feedTenant: 'demo' | 'cxone' | null = null;
  let feedUnsubscribers: (() => void)[] = [];
  let pollingPaused = false;
  let stopped = false;
  /** Serializes mode switches (demo ⇄ cxone, sign-in, sign-out) so two never interleave. */
  let transition: Promise<void> = Promise.resolve();

  // Alert timing runs on the server's clock as measured from its answers (monotonic underneath): change
  // times are server timestamps, and a jump of this computer's wall clock must move no alert.
  const serverClock = createServerClock(clock);
  const timeline = () => serverClock.now();
  const onServerDate = (header: string) => {
    const t = parseDateHeader(header);
    if (t !== null) serverClock.observe(t);
  };
  const alertPolicy = createAlertPolicy({ settings: settings.get().notifications, pinnedAgentIds: settings.get().pinnedAgentIds });
  const alerts = createAlertRunner({ policy: alertPolicy, clock, notifier: ports.notifier, logger, timeline });
  // The estimate moved (first answer, sleep, another tenant): what was planned on the old one is re-planned.
  serverClock.onShift((deltaMs) => {
    logger.info('server clock offset changed; re-planning alerts', { deltaMs: Math.round(deltaMs) });
    alerts.reschedule();
  });
  /** The end of a timed pause on this computer's wall clock, for display (the policy counts on the timeline). */
  let pauseShownUntil: number | null = null;
  const pauseState = () => {
    const p = alertPolicy.pauseState(timeline());
    return { ...p, until: p.until === null ? null : pauseShownUntil };
  };

  // ── state the UI sees ─────────────────────────────────────────────────────────────────────────
  const sessionStatus = (): SessionStatus => auth?.status() ?? { kind: 'signed-out' };
  const monitorStatus = (): MonitorStatus => feed?.status() ?? (mode() === 'cxone' ? { kind: 'signed-out' } : { kind: 'idle' });
  const mode = () => settings.get().mode;

  const tenantLabel = (): string | null => {
    if (mode() !== 'cxone') return DEMO_TENANT_LABEL;
    const s = sessionStatus();
    const identity = 'identity' in s ? s.identity : null;
    return identity?.tenant ?? identity?.tenantId ?? null;
  };

  const appState = (): AppState => {
    const pause = pauseState();
    return {
      mode: mode(),
      tenantLabel: tenantLabel(),
      session: sessionStatus(),
      monitor: monitorStatus(),
      settings: settings.get(),
      notices: [...notices],
      notificationsPausedUntil: pause.until,
      notificationsPausedIndefinitely: pause.indefinitely,
      pollingPaused,
      paths: ports.paths,
    };
  };

  const trayModel = (): TrayModel => {
    const status = monitorStatus();
    const counts = feed?.counts() ?? null;
    const inDemo = mode() !== 'cxone';
    const session = sessionStatus();
    const signedIn = inDemo || session.kind === 'signed-in' || session.kind === 'refreshing' || session.kind === 'reconnecting';
    // Restarted while the sign-in server is down: the sign-in is kept, but there is no data yet.
    const waitingForSignIn = !inDemo && session.kind === 'reconnecting' && status.kind === 'signed-out';
    const icon = trayIcon({ signedIn, waitingForSignIn, status, demo: inDemo });
    const pause = pauseState();
    const formatTime = ports.formatTime ?? formatClockTime;
    return {
      icon,
      availableCount: counts ? counts.available : null,
      waitingCount: totalWaiting(queueState),
      badge: settings.get().trayBadge,
      tooltip:
        waitingForSignIn && session.kind === 'reconnecting'
          ? fitTooltip({ title: 'CXone Agent Tray', facts: ['reconnecting to the sign-in server'], detail: session.message }, tooltipLimit(process.platform))
          : trayTooltip({
              counts,
              status,
              demo: inDemo,
              signedIn,
              notifications: pause,
              queueLead: queueTooltipLead(queueState, formatTime),
              formatTime,
              maxLength: tooltipLimit(process.platform),
            }),
      signedIn,
      signInNeeded: !inDemo && signedIn && tokenRefused,
      demo: inDemo,
      pollingPaused,
      notificationsPausedUntil: pause.until,
      notificationsPausedIndefinitely: pause.indefinitely,
    };
  };

  let publishQueued = false;
  /** Coalesces bursts of state changes into one appState event and one tray update per tick. */
  const publish = () => {
    if (publishQueued || stopped) return;
    publishQueued = true;
    queueMicrotask(() => {
      publishQueued = false;
      events.emit('appState', appState());
      const model = trayModel();
      for (const l of trayListeners) l(model);
    });
  };

  const addNotice = (level: Notice['level'], message: string, id = `${level}:${message}`, action?: Notice['action']) => {
    if (notices.some((n) => n.id === id)) return;
    notices.push({ id, level, message, ...(action ? { action } : {}) });
    publish();
  };

  const dropNotices = (...ids: string[]) => {
    const kept = notices.filter((n) => !ids.includes(n.id));
    if (kept.length !== notices.length) notices.splice(0, notices.length, ...kept);
    publish();
  };

  // ── the live feed (demo or CXone) ─────────────────────────────────────────────────────────────
  /** True while CXone refuses the (renewed) token: shown once as a notification, kept as a banner. */
  let tokenRefused = false;
  /**
   * A refused token must not go unnoticed: the tray icon turns to error (the status does that), a
   * banner offers Sign in, and ONE notification says so. Polling resumes by itself on a renewal.
   */
  const onFeedStatus = (status: MonitorStatus) => {
    const refused = feedTenant === 'cxone' && status.kind === 'error' && isTokenRefused(status);
    if (refused && !tokenRefused) {
      tokenRefused = true;
      addNotice('error', status.error.message, TOKEN_REFUSED_NOTICE, 'sign-in');
      ports.notifier.show({ title: 'CXone refused the sign-in', body: 'Agent states are no longer updated. Open CXone Agent Tray and sign in again.' });
    } else if (!refused && tokenRefused && status.kind === 'live') {
      tokenRefused = false;
      dropNotices(TOKEN_REFUSED_NOTICE);
    }
    publish();
  };

  const stopFeed = () => {
    if (tokenRefused) {
      tokenRefused = false;
      dropNotices(TOKEN_REFUSED_NOTICE);
    }
    // Stopped while still subscribed: the window hears that the queues are off.
    queueFeed?.stop();
    queueFeed = null;
    queueState = QUEUES_OFF;
    budget = null;
    feedUnsubscribers.forEach((u) => u());
    feedUnsubscribers = [];
    feed?.stop();
    feed = null;
    feedTenant = null;
    // Another tenant's codes (and their limits) are not this one's.
    alertPolicy.setCodeLimits([]);
  };

  /** A new queue state: to the windows, to the queue notification rules, and to the tray icon. */
  const onQueueState = (state: QueueState) => {
    queueState = state;
    events.emit('queues', state);
    alerts.handleQueues(state);
    publish();
  };

  const startFeed = (tenant: 'demo' | 'cxone', client: CxoneClient, meAgentId: number | null) => {
    stopFeed();
    const s = settings.get();
    budget = createRequestBudget(clock);
    feed = createLiveFeed({ client, clock, logger, settings: s, meAgentId, timeline, budget });
    const agentFeed = feed;
    queueFeed = createQueueFeed({ client, clock, logger, settings: s, budget, serverNow: timeline, watchedAgentIds: () => agentFeed.watchedAgentIds() });
    const queues = queueFeed;
    feedTenant = tenant;
    feedUnsubscribers = [
      queues.onState(onQueueState),
      feed.onDelta(() => queues.watchedAgentsChanged()),
      feed.onDelta((delta) => events.emit('rosterDelta', delta)),
      feed.onChanges((changes) => alerts.handleChanges(changes)),
      feed.onUnavailableCodes((codes) => {
        alertPolicy.setCodeLimits(codes);
        alerts.reschedule();
      }),
      feed.onStatus(onFeedStatus),
    ];
    if (pollingPaused) {
      feed.setPaused('user', true);
      queues.setPaused('user', true);
    }
    feed.start();
    queues.start();
    publish();
  };

  const stopDemo = async () => {
    const d = demo;
    demo = null;
    await d?.stop();
  };

  const runDemo = async () => {
    stopFeed();
    await stopAuth();
    if (!demo) {
      const s = settings.get();
      demo = await startDemoTenant({ agents: s.demo.agents, seed: s.demo.seed, clock });
      logger.info('demo: tenant started', { url: demo.url, agents: s.demo.agents });
    }
    const client = createCxoneClient({
      baseUrl: demo.apiBase,
      getAccessToken: async () => DEMO_TOKEN,
      onUnauthorized: () => {},
      fetch: ports.fetch,
      clock,
      logger,
      onServerDate,
    });
    startFeed('demo', client, null);
  };

  // ── the CXone session ─────────────────────────────────────────────────────────────────────────
  const ensureSecretStore = async (): Promise<SecretStore> => {
    if (secretStore) return secretStore;
    const { store, warning, onWarning } = await ports.openSecretStore();
    secretStore = store;
    if (warning) addNotice('warning', warning, 'keychain-unavailable');
    onWarning?.((later) => addNotice('warning', later, 'keychain-unavailable'));
    return store;
  };

  const stopAuth = async () => {
    auth?.dispose();
    auth = null;
    authConfigKey = '';
  };

  let authBuilding: { key: string; service: Promise<AuthService> } | null = null;

  /**
   * The auth service for the current tenant settings; rebuilt when they change. Single flight: a sign-in
   * click and a settings change arriving together must share one service, or one would dispose the
   * service the other is signing in with.
   */
  const ensureAuth = (): Promise<AuthService> => {
    const t = settings.get().tenant;
    const key = JSON.stringify([t.issuer, t.clientId, t.scopes, t.redirect, t.tenantIdHint]);
    if (auth && authConfigKey === key) return Promise.resolve(auth);
    if (authBuilding?.key === key) return authBuilding.service;
    const service = buildAuth(key).finally(() => {
      if (authBuilding?.service === service) authBuilding = null;
    });
    authBuilding = { key, service };
    return service;
  };

  const buildAuth = async (key: string): Promise<AuthService> => {
    const t = settings.get().tenant;
    await stopAuth();
    if (!t.clientId) throw new Error('Enter the client id of your CXone app registration in Settings first.');
    const store = await ensureSecretStore();
    const service = createAuthService({
      config: { issuer: t.issuer, clientId: t.clientId, scopes: t.scopes, redirect: t.redirect, tenantIdHint: t.tenantIdHint || undefined },
      secrets: store,
      opener: ports.opener,
      notifier: ports.notifier,
      clock,
      logger,
      fetch: ports.fetch,
    });
    service.onStatus((status) => {
      if (status.kind === 'expired') stopFeed();
      // A renewal (scheduled, or a new sign-in) brings a new token: a feed waiting on a refused one tries it.
      if (status.kind === 'signed-in' && feedTenant === 'cxone') {
        feed?.authRenewed();
        queueFeed?.authRenewed();
      }
      // The session came back (a restart while the sign-in server was down, or a renewal after the
      // poller stopped on a refused token): connect the feed it could not connect before.
      if (status.kind === 'signed-in' && mode() === 'cxone' && feedNeedsSession()) {
        void inTransition(async () => {
          if (auth !== service || !feedNeedsSession()) return;
          await connectCxone(service).catch((err: unknown) => addNotice('error', errorText(err), 'feed-start'));
        });
      }
      publish();
    });
    auth = service;
    authConfigKey = key;
    return service;
  };

  /** True when no CXone feed runs (none, or the demo's), or the one that runs stopped for want of a session. */
  const feedNeedsSession = () => !feed || feedTenant !== 'cxone' || feed.status().kind === 'signed-out';

  const connectCxone = async (service: AuthService) => {
    const identity = service.identity();
    if (!identity) throw new Error('Signed in, but the sign-in server sent no identity.');
    if (!identity.tenantId && !settings.get().tenant.apiEndpointOverride) {
      throw new Error('The sign-in carried no tenantId, so the API host cannot be discovered. Set an API endpoint override in Settings.');
    }
    const { api, client } = await openTenantApi({
      identity,
      tenant: settings.get().tenant,
      session: service,
      fetch: ports.fetch,
      clock,
      logger,
      cache: discoveryCache,
      onServerDate,
    });
    logger.info('cxone: API resolved', { apiEndpoint: api.apiEndpoint, source: api.source });
    const me = identity.icAgentId && /^\d+$/.test(identity.icAgentId) ? Number(identity.icAgentId) : null;
    startFeed('cxone', client, me);
    dropNotices('tenant-incomplete', 'feed-start');
  };

  const runCxone = async () => {
    await stopDemo();
    stopFeed();
    let service: AuthService;
    try {
      service = await ensureAuth();
    } catch (err) {
      addNotice('info', errorText(err), 'tenant-incomplete');
      publish();
      return;
    }
    if (service.status().kind !== 'signed-in') await service.restore();
    // Not signed in yet: nothing stored (the user signs in), or a renewal retrying in the background —
    // the session's signed-in event connects the feed then.
    if (service.status().kind === 'signed-in') await connectCxone(service);
    publish();
  };

  const inTransition = <T>(work: () => Promise<T>): Promise<T> => {
    const next = transition.then(work, work);
    transition = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  const applyMode = () =>
    inTransition(async () => {
      try {
        if (mode() === 'cxone') await runCxone();
        else await runDemo();
      } catch (err) {
        logger.error('core: could not start the feed', { error: errorText(err) });
        addNotice('error', errorText(err), 'feed-start');
      }
      publish();
    });

  // React to saved settings: reconnect when the tenant changed, otherwise retune the running feed.
  let lastSettings: Settings = settings.get();
  settings.onChange((next) => {
    const prev = lastSettings;
    lastSettings = next;
    const tenantChanged = JSON.stringify(prev.tenant) !== JSON.stringify(next.tenant);
    const demoChanged = JSON.stringify(prev.demo) !== JSON.stringify(next.demo);
    if (prev.mode !== next.mode || (next.mode === 'cxone' && tenantChanged)) void applyMode();
    else if (next.mode !== 'cxone' && demoChanged) void inTransition(stopDemo).then(applyMode);
    else {
      feed?.applySettings(next);
      queueFeed?.applySettings(next);
    }
    alertPolicy.setSettings(next.notifications);
    alertPolicy.setPinned(next.pinnedAgentIds);
    alerts.reschedule();
    publish();
  });

  // ── commands from the renderer ────────────────────────────────────────────────────────────────
  const done = { ok: true as const };
  const rosterSnapshot = () => feed?.snapshot() ?? EMPTY_SNAPSHOT;
  const snapshotParts = createSnapshotParts(rosterSnapshot);
  const handlers: CommandHandlers = {
    getAppState: () => appState(),
    getRosterSnapshotPart: (request) => snapshotParts.part(request),
    getAgentHistory: ({ agentId }) => feed?.history(agentId) ?? [],
    getTrend: () => feed?.trend() ?? EMPTY_TREND,
    getQueues: () => queueFeed?.state() ?? QUEUES_OFF,
    saveSettings: (input) => settings.save(input),
    testConnection: (tenant) =>
      testConnection({ tenant, fetch: ports.fetch, clock, logger, session: auth && auth.identity() ? auth : null, cache: discoveryCache }),
    signIn: async () => {
      try {
        const service = await ensureAuth();
        await service.signIn();
        await inTransition(async () => {
          if (mode() !== 'cxone') settings.update((s) => ({ ...s, mode: 'cxone' }));
          await stopDemo();
          // A feed reconnected by the session's own signed-in event needs no second start.
          if (feedNeedsSession()) await connectCxone(service);
        });
        publish();
        return { ok: true as const };
      } catch (err) {
        publish();
        return { ok: false as const, message: errorText(err) };
      }
    },
    cancelSignIn: () => {
      auth?.cancelSignIn();
      return done;
    },
    signOut: async () => {
      await inTransition(async () => {
        stopFeed();
        await auth?.signOut();
      });
      publish();
      return done;
    },
    startDemo: async () => {
      if (mode() === 'demo') await applyMode();
      else settings.update((s) => ({ ...s, mode: 'demo' }));
      await transition;
      return done;
    },
    refreshNow: () => {
      feed?.refreshNow();
      queueFeed?.refreshNow();
      return done;
    },
    setPollingPaused: ({ paused }) => {
      pollingPaused = paused;
      feed?.setPaused('user', paused);
      queueFeed?.setPaused('user', paused);
      publish();
      return done;
    },
    pauseNotifications: ({ minutes }) => {
      if (minutes === 0) alertPolicy.resume();
      else alertPolicy.pauseUntil(minutes === null ? null : timeline() + minutes * 60_000);
      pauseShownUntil = minutes ? clock.now() + minutes * 60_000 : null;
      alerts.reschedule();
      publish();
      return done;
    },
    setAgentPinned: ({ agentId, pinned }) => {
      const r = settings.update((s) => {
        const ids = new Set(s.pinnedAgentIds);
        if (pinned) ids.add(agentId);
        else ids.delete(agentId);
        return { ...s, pinnedAgentIds: [...ids] };
      });
      if (!r.ok) throw new Error(r.issues[0]?.message ?? 'Could not save the pinned agents.');
      return done;
    },
    runDiagnostics: async ({ agentId }) => runDiagnostics(agentId),
    dismissNotice: ({ id }) => {
      dropNotices(id);
      return done;
    },
    copyText: ({ text }) => {
      ports.ui.copyText(text);
      return done;
    },
    openExternal: async ({ url }) => {
      const check = checkExternalLink(url, settings.get().tenant.issuer);
      if (!check.ok) throw new Error(check.reason);
      await ports.ui.openExternal(check.url.href);
      return done;
    },
    openWindow: ({ window }) => {
      ports.ui.openWindow(window);
      return done;
    },
    hideWindow: () => {
      ports.ui.hideWindow();
      return done;
    },
  };

  const runDiagnostics = async (agentId: string | undefined) => {
    const s = settings.get();
    const common = { agentId, appFilter: feed?.scopeFilter(), fetch: ports.fetch, clock, context: 'app' as const };
    if (mode() !== 'cxone') {
      if (!demo) throw new Error('The demo tenant is not running.');
      const d = demo;
      return runDoctor({ ...common, demo: true, getAccessToken: async () => DEMO_TOKEN, identity: { issuer: d.url, tenantId: d.tenantId, icAgentId: null }, apiEndpoint: d.url });
    }
    const session = auth;
    const identity = session?.identity() ?? null;
    return runDoctor({
      ...common,
      getAccessToken: session && identity ? () => session.getAccessToken() : undefined,
      onUnauthorized: session ? (refused) => session.invalidateAccessToken(refused) : undefined,
      identity: identity ? { issuer: identity.issuer, tenantId: identity.tenantId, icAgentId: identity.icAgentId, userId: identity.userId } : undefined,
      apiEndpoint: s.tenant.apiEndpointOverride || undefined,
      apiVersion: s.tenant.apiVersion,
    });
  };

  return {
    handlers,
    onEvent: (name, listener) => events.on(name, listener),
    appState,
    rosterSnapshot,
    trayModel,
    onTrayModel(listener) {
      trayListeners.add(listener);
      return () => trayListeners.delete(listener);
    },
    async start() {
      if (settings.loadNotice) addNotice('warning', settings.loadNotice, 'settings-reset');
      await applyMode();
    },
    power(event: PowerEvent) {
      if (!feed) return;
      // The network came back or changed, or the machine woke: a fault that cleared is noticed now,
      // not at the end of a backoff of up to five minutes.
      if (event === 'network-change') {
        // A hold that was only our own backoff ends; a server's Retry-After stands.
        budget?.wake();
        feed.wake();
        queueFeed?.wake();
        return;
      }
      const reason = event === 'suspend' || event === 'resume' ? 'suspend' : event === 'lock-screen' || event === 'unlock-screen' ? 'lock' : 'offline';
      const paused = event === 'suspend' || event === 'lock-screen' || event === 'offline';
      // Nobody reads the list behind a locked screen: pausing saves API calls, and the poller takes a baseline snapshot on resume, so what changed while asleep does not notify.
      feed.setPaused(reason, paused);
      queueFeed?.setPaused(reason, paused);
      // Queue rules: what passed a limit while asleep or locked is old news; the state on waking is a baseline.
      alertPolicy.queueBaseline();
      if (!paused && queueFeed) alerts.handleQueues(queueState);
      else alerts.reschedule();
      if (!paused) {
        budget?.wake();
        feed.wake();
        queueFeed?.wake();
      }
    },
    async stop() {
      stopped = true;
      await transition;
      stopFeed();
      alerts.stop();
      auth?.dispose();
      auth = null;
      await stopDemo();
    },
  };
}

/** Worst news first: signed out, then no data for want of a session, then the poller's own state. */
function trayIcon(t: { signedIn: boolean; waitingForSignIn: boolean; status: MonitorStatus; demo: boolean }): TrayModel['icon'] {
  if (!t.signedIn) return 'signed-out';
  if (t.waitingForSignIn) return 'error';
  switch (t.status.kind) {
    case 'paused':
      return 'paused';
    case 'error':
    case 'backing-off':
      return 'error';
    case 'stale':
      return 'stale';
    default:
      return t.demo ? 'demo' : 'live';
  }
}

export const formatClockTime = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

