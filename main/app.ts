// The headless core: everything the app does, built from ports, with no Electron in sight. The shell
// (main/index.ts) passes Electron adapters; tests and the renderer harness pass plain-Node ones.
//
//   settings ─▶ mode (demo | cxone) ─▶ session (auth) ─▶ live feed (client → poller → roster)
//                                                         │ changes            │ deltas
//                                                  notification policy     renderer events
//
// Its parts: core/notice-board.ts (banners), core/feed-service.ts (the running feeds and what they
// drive), core/session-holder.ts (the auth service for the tenant), core/tray-model.ts (icon and
// tooltip), core/commands.ts (the renderer's commands). What stays here is the wiring and the mode
// switches (demo ⇄ CXone, sign-in, sign-out), which span those parts.
import type { AuthService } from './auth/auth-service';
import type { SessionStatus } from './auth/status';
import { errorText } from './auth/errors';
import { createCxoneClient } from './cxone/client';
import { createDiscoveryCache } from './cxone/discovery';
import { startDemoTenant, type DemoTenant } from './demo/demo-tenant';
import { runDoctor } from './diagnostics/doctor';
import { createSnapshotParts } from './monitor/snapshot-parts';
import type { MonitorStatus, RosterSnapshot } from './monitor/status';
import type { Core, CorePorts, PowerEvent, TrayModel } from './core-types';
import type { Settings } from './settings/schema';
import { testConnection } from './connection-test';
import { openTenantApi } from './tenant-api';
import { NoticeBoard } from './core/notice-board';
import { createFeedService } from './core/feed-service';
import { createSessionHolder } from './core/session-holder';
import { buildTrayModel, formatClockTime } from './core/tray-model';
import { createCommandHandlers } from './core/commands';
import { createNotifications } from './core/notifications';
import type { AppState, EventName, EventPayload } from '../preload/contract';

export { trayTooltip, type TooltipInput } from './tray-tooltip';
export { TOKEN_REFUSED_NOTICE } from './core/feed-service';

export const DEMO_TENANT_LABEL = 'Demo tenant';
/** The demo simulator accepts any bearer token; this one is not a secret. */
const DEMO_TOKEN = 'demo-tenant-token';

const EMPTY_SNAPSHOT: RosterSnapshot = { revision: 0, agents: [], teams: [] };

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
  let demo: DemoTenant | null = null;
  let stopped = false;
  /** Serializes mode switches (demo ⇄ cxone, sign-in, sign-out) so two never interleave. */
  let transition: Promise<void> = Promise.resolve();

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
  const notices = new NoticeBoard(publish);

  const notifications = createNotifications({ settings: settings.get(), clock, logger, notifier: ports.notifier });
  const { onServerDate } = notifications;

  const feeds = createFeedService({
    settings: () => settings.get(),
    clock,
    logger,
    notifier: ports.notifier,
    notifications,
    notices,
    onRosterDelta: (delta) => events.emit('rosterDelta', delta),
    onQueues: (state) => events.emit('queues', state),
    changed: publish,
  });
  const session = createSessionHolder({ ports, notices, adopt: (service) => service.onStatus((status) => onSessionStatus(service, status)) });

  // ── state the UI sees ─────────────────────────────────────────────────────────────────────────
  const mode = () => settings.get().mode;
  const sessionStatus = (): SessionStatus => session.current()?.status() ?? { kind: 'signed-out' };
  const monitorStatus = (): MonitorStatus => feeds.live()?.status() ?? (mode() === 'cxone' ? { kind: 'signed-out' } : { kind: 'idle' });

  const tenantLabel = (): string | null => {
    if (mode() !== 'cxone') return DEMO_TENANT_LABEL;
    const s = sessionStatus();
    const identity = 'identity' in s ? s.identity : null;
    return identity?.tenant ?? identity?.tenantId ?? null;
  };

  const appState = (): AppState => {
    const pause = notifications.pauseState();
    return {
      mode: mode(),
      tenantLabel: tenantLabel(),
      session: sessionStatus(),
      monitor: monitorStatus(),
      settings: settings.get(),
      notices: notices.all(),
      notificationsPausedUntil: pause.until,
      notificationsPausedIndefinitely: pause.indefinitely,
      pollingPaused: feeds.userPaused(),
      paths: ports.paths,
    };
  };

  const trayModel = (): TrayModel =>
    buildTrayModel({
      mode: mode(),
      session: sessionStatus(),
      monitor: monitorStatus(),
      counts: feeds.live()?.counts() ?? null,
      queues: feeds.queues(),
      badge: settings.get().trayBadge,
      notifications: notifications.pauseState(),
      tokenRefused: feeds.tokenRefused(),
      pollingPaused: feeds.userPaused(),
      formatTime: ports.formatTime ?? formatClockTime,
      platform: process.platform,
    });

  // ── the demo tenant ───────────────────────────────────────────────────────────────────────────
  const stopDemo = async () => {
    const d = demo;
    demo = null;
    await d?.stop();
  };

  const runDemo = async () => {
    feeds.stop();
    session.stop();
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
    feeds.start('demo', client, null);
  };

  // ── the CXone session ─────────────────────────────────────────────────────────────────────────
  const onSessionStatus = (service: AuthService, status: SessionStatus) => {
    if (status.kind === 'expired') feeds.stop();
    // A renewal (scheduled, or a new sign-in) brings a new token: a feed waiting on a refused one tries it.
    if (status.kind === 'signed-in') feeds.authRenewed();
    // The session came back (a restart while the sign-in server was down, or a renewal after the
    // poller stopped on a refused token): connect the feed it could not connect before.
    if (status.kind === 'signed-in' && mode() === 'cxone' && feeds.needsSession()) {
      void inTransition(async () => {
        if (session.current() !== service || !feeds.needsSession()) return;
        await connectCxone(service).catch((err: unknown) => notices.add('error', errorText(err), 'feed-start'));
      });
    }
    publish();
  };

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
    feeds.start('cxone', client, me);
    notices.drop('tenant-incomplete', 'feed-start');
  };

  const runCxone = async () => {
    await stopDemo();
    feeds.stop();
    let service: AuthService;
    try {
      service = await session.ensure();
    } catch (err) {
      notices.add('info', errorText(err), 'tenant-incomplete');
      publish();
      return;
    }
    if (service.status().kind !== 'signed-in') await service.restore();
    // Not signed in yet: nothing stored (the user signs in), or a renewal retrying in the background —
    // the session's signed-in event connects the feed then.
    if (service.status().kind === 'signed-in') await connectCxone(service);
    publish();
  };

  // ── mode switches ─────────────────────────────────────────────────────────────────────────────
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
        notices.add('error', errorText(err), 'feed-start');
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
    else feeds.applySettings(next);
    notifications.applySettings(next);
    publish();
  });

  // ── commands from the renderer ────────────────────────────────────────────────────────────────
  const rosterSnapshot = () => feeds.live()?.snapshot() ?? EMPTY_SNAPSHOT;
  const snapshotParts = createSnapshotParts(rosterSnapshot);
  const handlers = createCommandHandlers({
    feeds,
    settings,
    notices,
    ui: ports.ui,
    getAppState: () => appState(),
    getRosterSnapshotPart: (request) => snapshotParts.part(request),
    testConnection: (tenant) => {
      const auth = session.current();
      return testConnection({ tenant, fetch: ports.fetch, clock, logger, session: auth && auth.identity() ? auth : null, cache: discoveryCache });
    },
    async signIn() {
      try {
        const service = await session.ensure();
        await service.signIn();
        await inTransition(async () => {
          if (mode() !== 'cxone') settings.update((s) => ({ ...s, mode: 'cxone' }));
          await stopDemo();
          // A feed reconnected by the session's own signed-in event needs no second start.
          if (feeds.needsSession()) await connectCxone(service);
        });
      } finally {
        publish();
      }
    },
    cancelSignIn: () => session.current()?.cancelSignIn(),
    async signOut() {
      await inTransition(async () => {
        feeds.stop();
        await session.current()?.signOut();
      });
      publish();
    },
    async startDemo() {
      if (mode() === 'demo') await applyMode();
      else settings.update((s) => ({ ...s, mode: 'demo' }));
      await transition;
    },
    pauseNotifications(minutes) {
      notifications.pause(minutes);
      publish();
    },
    runDiagnostics: ({ agentId }) => runDiagnostics(agentId),
  });

  /** The doctor's checks from inside the app: against the demo tenant, or with the session's token. */
  const runDiagnostics = async (agentId: string | undefined) => {
    const s = settings.get();
    const common = { agentId, appFilter: feeds.live()?.scopeFilter(), fetch: ports.fetch, clock, context: 'app' as const };
    if (mode() !== 'cxone') {
      if (!demo) throw new Error('The demo tenant is not running.');
      const d = demo;
      return runDoctor({ ...common, demo: true, getAccessToken: async () => DEMO_TOKEN, identity: { issuer: d.url, tenantId: d.tenantId, icAgentId: null }, apiEndpoint: d.url });
    }
    const auth = session.current();
    const identity = auth?.identity() ?? null;
    return runDoctor({
      ...common,
      getAccessToken: auth && identity ? () => auth.getAccessToken() : undefined,
      onUnauthorized: auth ? (refused) => auth.invalidateAccessToken(refused) : undefined,
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
      if (settings.loadNotice) notices.add('warning', settings.loadNotice, 'settings-reset');
      await applyMode();
    },
    power: (event: PowerEvent) => feeds.power(event),
    async stop() {
      stopped = true;
      await transition;
      feeds.stop();
      notifications.alerts.stop();
      session.stop();
      await stopDemo();
    },
  };
}
