// The headless core: everything the app does, built from ports, with no Electron in sight. The shell
// (main/index.ts) passes Electron adapters; tests and the renderer harness pass plain-Node ones.
//
//   settings ─▶ mode (demo | cxone) ─▶ session (auth) ─▶ live feed (client → poller → roster)
//                                                         │ changes            │ deltas
//                                                  notification policy     renderer events
//
// Its parts: core/notice-board.ts (banners), core/feed-service.ts (the running feeds and what they
// drive), core/session-holder.ts (the auth service for the tenant), core/mode-switch.ts (demo ⇄
// CXone and the session's events, one at a time), core/tray-model.ts (icon and tooltip),
// core/commands.ts (the renderer's commands). What stays here is the wiring: the state the UI sees,
// settings changes, and sign-in and sign-out, which span those parts.
import { createDiscoveryCache } from './cxone/discovery';
import { createSnapshotParts } from './monitor/snapshot-parts';
import type { RosterSnapshot } from './monitor/status';
import type { Core, CorePorts, PowerEvent, TrayModel } from './core-types';
import type { Settings } from './settings/schema';
import { testConnection } from './connection-test';
import { NoticeBoard } from './core/notice-board';
import { createFeedService } from './core/feed-service';
import { createSessionHolder } from './core/session-holder';
import { createCommandHandlers } from './core/commands';
import { createNotifications } from './core/notifications';
import { createModeSwitch } from './core/mode-switch';
import { createUiState } from './core/ui-state';
import { createDiagnosticsRunner } from './core/diagnostics-runner';
import type { EventName, EventPayload } from '../preload/contract';
import { createListeners, type Listeners } from './listeners';
import type { Logger } from './ports';

export { trayTooltip, type TooltipInput } from './tray-tooltip';
export { TOKEN_REFUSED_NOTICE } from './core/feed-service';

const EMPTY_SNAPSHOT: RosterSnapshot = { revision: 0, agents: [], teams: [] };

/** One isolated listener set per event name (main/listeners.ts): a failing window cannot starve the tray. */
function emitterOf<K extends string, P extends Record<K, unknown>>(logger: Logger) {
  const sets = new Map<K, Listeners<never>>();
  const setOf = <E extends K>(name: E): Listeners<P[E]> => {
    let set = sets.get(name);
    if (!set) sets.set(name, (set = createListeners<never>(logger, `a listener of the core's ${name} event failed`)));
    // One set per name, made and read under that name: its listeners take P[E].
    return set as unknown as Listeners<P[E]>;
  };
  return {
    on: <E extends K>(name: E, l: (payload: P[E]) => void): (() => void) => setOf(name).add(l),
    emit: <E extends K>(name: E, payload: P[E]): void => setOf(name).emit(payload),
  };
}

export function createCore(ports: CorePorts): Core {
  const { clock, logger, settings } = ports;
  const events = emitterOf<EventName, { [K in EventName]: EventPayload<K> }>(logger);
  const trayListeners = createListeners<TrayModel>(logger, 'a tray model listener failed');
  const discoveryCache = createDiscoveryCache();
  let stopped = false;

  let publishQueued = false;
  /** Coalesces bursts of state changes into one appState event and one tray update per tick. */
  const publish = () => {
    if (publishQueued || stopped) return;
    publishQueued = true;
    queueMicrotask(() => {
      publishQueued = false;
      events.emit('appState', appState());
      trayListeners.emit(trayModel());
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
  const session = createSessionHolder({ ports, notices, adopt: (service) => service.onStatus((status) => modes.onSessionStatus(service, status)) });
  const modes = createModeSwitch({ ports, feeds, session, notices, discoveryCache, onServerDate, changed: publish });
  const { inTransition, applyMode } = modes;
  const runDiagnostics = createDiagnosticsRunner({ ports, feeds, modes, session });

  const { appState, trayModel } = createUiState({ ports, session, feeds, notices, notifications });
  const mode = () => settings.get().mode;

  // ── settings ──────────────────────────────────────────────────────────────────────────────────
  // React to saved settings: reconnect when the tenant changed, otherwise retune the running feed.
  let lastSettings: Settings = settings.get();
  settings.onChange((next) => {
    const prev = lastSettings;
    lastSettings = next;
    const tenantChanged = JSON.stringify(prev.tenant) !== JSON.stringify(next.tenant);
    const demoChanged = JSON.stringify(prev.demo) !== JSON.stringify(next.demo);
    if (prev.mode !== next.mode || (next.mode === 'cxone' && tenantChanged)) void applyMode();
    else if (next.mode !== 'cxone' && demoChanged) void inTransition(modes.stopDemo).then(applyMode);
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
          await modes.stopDemo();
          // A feed reconnected by the session's own signed-in event needs no second start.
          if (feeds.needsSession()) await modes.connectCxone(service);
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
      await modes.settled();
    },
    pauseNotifications(minutes) {
      notifications.pause(minutes);
      publish();
    },
    runDiagnostics: ({ agentId }) => runDiagnostics(agentId),
  });

  return {
    handlers,
    onEvent: (name, listener) => events.on(name, listener),
    appState,
    rosterSnapshot,
    trayModel,
    onTrayModel: (listener) => trayListeners.add(listener),
    async start() {
      if (settings.loadNotice) notices.add('warning', settings.loadNotice, 'settings-reset');
      await applyMode();
    },
    power: (event: PowerEvent) => feeds.power(event),
    async stop() {
      stopped = true;
      await modes.settled();
      feeds.stop();
      notifications.alerts.stop();
      session.stop();
      await modes.stopDemo();
    },
  };
}
