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
import { createDiscoveryCache, type DiscoveryCache } from '../cxone/discovery';
import { createSnapshotParts } from '../monitor/snapshot-parts';
import type { RosterSnapshot } from '../monitor/status';
import type { Core, CorePorts, PowerEvent, TrayModel } from './types';
import type { Settings } from '../settings/schema';
import { testConnection } from './connection-test';
import { NoticeBoard } from './notice-board';
import { createFeedService, type FeedService } from './feed-service';
import { createSessionHolder, type SessionHolder } from './session-holder';
import { createCommandHandlers } from './commands';
import { createNotifications, type Notifications } from './notifications';
import { createModeSwitch, type ModeSwitch } from './mode-switch';
import { createUiState, type UiState } from './ui-state';
import { createDiagnosticsRunner } from './diagnostics-runner';
import type { EventName, EventPayload } from '../../preload/contract';
import type { CommandHandlers } from '../ipc/router';
import { createListeners, type Listeners } from '../listeners';
import type { Logger } from '../ports';

export { trayTooltip, type TooltipInput } from './tray-tooltip';
export { TOKEN_REFUSED_NOTICE } from './feed-service';

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

/** Bursts of state changes coalesced into one publication per tick; none once stopped. */
interface Publisher {
  readonly publish: () => void;
  readonly stop: () => void;
}

function coalescedPublisher(send: () => void): Publisher {
  let queued = false;
  let stopped = false;
  return {
    publish: () => {
      if (queued || stopped) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        send();
      });
    },
    stop: () => {
      stopped = true;
    },
  };
}

/** The core's parts, shared by the wiring below (settings changes, commands, start and stop). */
interface CoreParts {
  readonly ports: CorePorts;
  readonly notices: NoticeBoard;
  readonly notifications: Notifications;
  readonly feeds: FeedService;
  readonly session: SessionHolder;
  readonly modes: ModeSwitch;
  readonly discoveryCache: DiscoveryCache;
  readonly ui: UiState;
  /** Tells the windows (appState) and the tray what they show changed. */
  readonly publisher: Publisher;
}

export function createCore(ports: CorePorts): Core {
  const { clock, logger, settings } = ports;
  const events = emitterOf<EventName, { [K in EventName]: EventPayload<K> }>(logger);
  const trayListeners = createListeners<TrayModel>(logger, 'a tray model listener failed');
  const discoveryCache = createDiscoveryCache();
  const publisher = coalescedPublisher(() => {
    events.emit('appState', ui.appState());
    trayListeners.emit(ui.trayModel());
  });
  const { publish } = publisher;
  const notices = new NoticeBoard(publish);
  const notifications = createNotifications({ settings: settings.get(), clock, logger, notifier: ports.notifier });
  const feeds = createFeedService({
    settings: () => settings.get(),
    clock,
    logger,
    notifier: ports.notifier,
    notifications,
    notices,
    onRosterDelta: (delta) => events.emit('rosterDelta', delta),
    onQueues: (state) => events.emit('queues', state),
    onPickerChoicesChanged: () => events.emit('pickerChoicesChanged', {}),
    changed: publish,
  });
  const session = createSessionHolder({ ports, notices, adopt: (service) => service.onStatus((status) => modes.onSessionStatus(service, status)) });
  const modes = createModeSwitch({ ports, feeds, session, notices, discoveryCache, onServerDate: notifications.onServerDate, changed: publish });
  const ui = createUiState({ ports, session, feeds, notices, notifications });
  const c: CoreParts = { ports, notices, notifications, feeds, session, modes, discoveryCache, ui, publisher };
  followSettings(c);
  const rosterSnapshot = () => feeds.live()?.snapshot() ?? EMPTY_SNAPSHOT;

  return {
    handlers: coreCommands(c, rosterSnapshot),
    onEvent: (name, listener) => events.on(name, listener),
    appState: ui.appState,
    rosterSnapshot,
    trayModel: ui.trayModel,
    onTrayModel: (listener) => trayListeners.add(listener),
    ...coreLifecycle(c),
  };
}

/** React to saved settings: reconnect when the tenant changed, otherwise retune the running feed. */
function followSettings(c: CoreParts): void {
  const { ports, modes, feeds, notifications } = c;
  let lastSettings: Settings = ports.settings.get();
  ports.settings.onChange((next) => {
    const prev = lastSettings;
    lastSettings = next;
    const tenantChanged = JSON.stringify(prev.tenant) !== JSON.stringify(next.tenant);
    const demoChanged = JSON.stringify(prev.demo) !== JSON.stringify(next.demo);
    if (prev.mode !== next.mode || (next.mode === 'cxone' && tenantChanged)) void modes.applyMode();
    else if (next.mode !== 'cxone' && demoChanged) void modes.inTransition(modes.stopDemo).then(modes.applyMode);
    else feeds.applySettings(next);
    notifications.applySettings(next);
    c.publisher.publish();
  });
}

/** The renderer's commands, over the core's parts. */
function coreCommands(c: CoreParts, rosterSnapshot: () => RosterSnapshot): CommandHandlers {
  const { ports, feeds, notices, session, modes, notifications } = c;
  const runDiagnostics = createDiagnosticsRunner({ ports, feeds, modes, session });
  const snapshotParts = createSnapshotParts(rosterSnapshot);
  return createCommandHandlers({
    feeds,
    settings: ports.settings,
    notices,
    ui: ports.ui,
    getAppState: () => c.ui.appState(),
    getRosterSnapshotPart: (request) => snapshotParts.part(request),
    testConnection: (tenant) => {
      const auth = session.current();
      return testConnection({ tenant, fetch: ports.fetch, clock: ports.clock, logger: ports.logger, session: auth && auth.identity() ? auth : null, cache: c.discoveryCache });
    },
    signIn: () => signIn(c),
    cancelSignIn: () => session.current()?.cancelSignIn(),
    async signOut() {
      await modes.inTransition(async () => {
        feeds.stop();
        await session.current()?.signOut();
      });
      c.publisher.publish();
    },
    async startDemo() {
      if (ports.settings.get().mode === 'demo') await modes.applyMode();
      else ports.settings.update((s) => ({ ...s, mode: 'demo' }));
      await modes.settled();
    },
    pauseNotifications(minutes) {
      notifications.pause(minutes);
      c.publisher.publish();
    },
    runDiagnostics: ({ agentId }) => runDiagnostics(agentId),
  });
}

/** Signs in through the system browser, then leaves the demo and connects the CXone feed. */
async function signIn(c: CoreParts): Promise<void> {
  const { ports, feeds, session, modes } = c;
  try {
    const service = await session.ensure();
    await service.signIn();
    await modes.inTransition(async () => {
      if (ports.settings.get().mode !== 'cxone') ports.settings.update((s) => ({ ...s, mode: 'cxone' }));
      await modes.stopDemo();
      // A feed reconnected by the session's own signed-in event needs no second start.
      if (feeds.needsSession()) await modes.connectCxone(service);
    });
  } finally {
    c.publisher.publish();
  }
}

/** Start, the power events, and stop. */
function coreLifecycle(c: CoreParts): Pick<Core, 'start' | 'power' | 'stop'> {
  const { ports, notices, feeds, modes } = c;
  return {
    async start() {
      if (ports.settings.loadNotice) notices.add('warning', ports.settings.loadNotice, 'settings-reset');
      await modes.applyMode();
    },
    power: (event: PowerEvent) => feeds.power(event),
    async stop() {
      c.publisher.stop();
      await modes.settled();
      feeds.stop();
      c.notifications.alerts.stop();
      c.session.stop();
      await modes.stopDemo();
    },
  };
}
