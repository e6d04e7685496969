// The running feeds of one tenant — the agents' live feed and the skill queues', sharing one request
// budget — and what they drive: roster deltas and queue states to the windows, changes and queue
// states to the notification rules, a refused token to a banner and one notification. At most one
// tenant's feeds run at a time; start() stops the previous ones.
import type { CxoneClient } from '../cxone/client';
import { createLiveFeed, isTokenRefused, type LiveFeed } from '../monitor/live-feed';
import { createRequestBudget, type RequestBudget } from '../monitor/request-budget';
import { RESET_BASE, type PauseReason, type PollerStatus, type RosterDelta } from '../monitor/status';
import type { PowerEvent } from './types';
import type { Clock, Logger, Notifier } from '../ports';
import { createQueueFeed, type QueueFeed } from '../queues/queue-feed';
import { QUEUES_OFF, type QueueState } from '../queues/model';
import type { Settings } from '../settings/schema';
import type { NoticeBoard } from './notice-board';
import type { Notifications } from './notifications';

/** The banner shown while CXone refuses the token (see onFeedStatus). */
export const TOKEN_REFUSED_NOTICE = 'token-refused';

export type FeedTenant = 'demo' | 'cxone';

export interface FeedServiceDeps {
  settings: () => Settings;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  /** The notification rules the feeds' changes and queue states go to, and the server's clock. */
  notifications: Pick<Notifications, 'alerts' | 'policy' | 'timeline'>;
  notices: NoticeBoard;
  /** To the windows. */
  onRosterDelta: (delta: RosterDelta) => void;
  onQueues: (state: QueueState) => void;
  /** What Settings' pickers offer may have changed (LiveFeed.onPickerChoicesChanged). */
  onPickerChoicesChanged: () => void;
  /** Something the tray or app state shows may have changed. */
  changed: () => void;
}

export interface FeedService {
  /** Starts `tenant`'s feeds over `client` (stopping any running); `meAgentId`: the signed-in agent, for the "me" scope. */
  start(tenant: FeedTenant, client: CxoneClient, meAgentId: number | null): void;
  stop(): void;
  /** The running agents' feed, or null. */
  live(): LiveFeed | null;
  /** The queue feed's last published state (QUEUES_OFF when none runs). */
  queues(): QueueState;
  /** True while CXone refuses the (renewed) token. */
  tokenRefused(): boolean;
  /** True when no CXone feed runs (none, or the demo's). */
  needsSession(): boolean;
  /** A renewal brought a new token: a CXone feed waiting on a refused one tries it. */
  authRenewed(): void;
  applySettings(settings: Settings): void;
  refreshNow(): void;
  /** The user's pause (tray menu); kept across feed restarts. */
  setUserPaused(paused: boolean): void;
  userPaused(): boolean;
  /** Sleep, lock, network: pause or wake the feeds, and re-base the queue rules. */
  power(event: PowerEvent): void;
}

/**
 * A refused token must not go unnoticed: the tray icon turns to error (the status does that), a
 * banner offers Sign in, and ONE notification says so — not one per refused retry. Only a CXone
 * tenant's refusal counts (the demo has no sign-in to renew). Polling resumes by itself on a renewal.
 */
class TokenRefusal {
  private refused = false;

  constructor(
    private readonly notices: NoticeBoard,
    private readonly notifier: Notifier,
  ) {}

  get active(): boolean {
    return this.refused;
  }

  /** A status of `tenant`'s agents' feed: raises the banner once; drops it once polling is live again (a pause proves nothing). */
  onStatus(status: PollerStatus, tenant: FeedTenant | null): void {
    const refused = tenant === 'cxone' && status.kind === 'error' && isTokenRefused(status);
    if (refused && !this.refused) {
      this.refused = true;
      this.notices.add('error', status.error.message, TOKEN_REFUSED_NOTICE, 'sign-in');
      this.notifier.show({ title: 'CXone refused the sign-in', body: 'Agent states are no longer updated. Open CXone Agent Tray and sign in again.' });
    } else if (!refused && this.refused && status.kind === 'live') this.clear();
  }

  /** The feed stopped (sign-out, another tenant, quit): its refusal is no one's news. */
  clear(): void {
    if (!this.refused) return;
    this.refused = false;
    this.notices.drop(TOKEN_REFUSED_NOTICE);
  }
}

/** The pause a power event sets or lifts (a network change pauses nothing; it only wakes). */
function powerPause(event: Exclude<PowerEvent, 'network-change'>): { reason: PauseReason; paused: boolean } {
  const reason: PauseReason = event === 'suspend' || event === 'resume' ? 'suspend' : event === 'lock-screen' || event === 'unlock-screen' ? 'lock' : 'offline';
  return { reason, paused: event === 'suspend' || event === 'lock-screen' || event === 'offline' };
}

/** The feeds running now, and what the service keeps across them. */
interface Feeds {
  readonly deps: FeedServiceDeps;
  readonly refusal: TokenRefusal;
  agents: LiveFeed | null;
  queues: QueueFeed | null;
  budget: RequestBudget | null;
  tenant: FeedTenant | null;
  /** The feeds' client: closed with them, so nothing they started reads on. */
  client: CxoneClient | null;
  unsubscribers: (() => void)[];
  /** The user's pause (tray menu); kept across feed restarts. */
  userPaused: boolean;
}

export function createFeedService(deps: FeedServiceDeps): FeedService {
  const f: Feeds = { deps, refusal: new TokenRefusal(deps.notices, deps.notifier), agents: null, queues: null, budget: null, tenant: null, client: null, unsubscribers: [], userPaused: false };
  return {
    start: (tenant, client, meAgentId) => startFeeds(f, tenant, client, meAgentId),
    stop: () => stopFeeds(f),
    live: () => f.agents,
    queues: () => queueState(f),
    tokenRefused: () => f.refusal.active,
    needsSession: () => !f.agents || f.tenant !== 'cxone',
    authRenewed() {
      if (f.tenant !== 'cxone') return;
      f.agents?.authRenewed();
      f.queues?.authRenewed();
    },
    applySettings(s) {
      f.agents?.applySettings(s);
      f.queues?.applySettings(s);
    },
    refreshNow() {
      f.agents?.refreshNow();
      f.queues?.refreshNow();
    },
    setUserPaused(paused) {
      f.userPaused = paused;
      f.agents?.setPaused('user', paused);
      f.queues?.setPaused('user', paused);
      deps.changed();
    },
    userPaused: () => f.userPaused,
    power: (event) => onPower(f, event),
  };
}

const queueState = (f: Feeds): QueueState => f.queues?.state() ?? QUEUES_OFF;

/** Starts `tenant`'s feeds on one new request budget, after stopping any running ones. */
function startFeeds(f: Feeds, tenant: FeedTenant, client: CxoneClient, meAgentId: number | null): void {
  stopFeeds(f);
  const s = f.deps.settings();
  const { clock, logger } = f.deps;
  const { timeline } = f.deps.notifications;
  const budget = (f.budget = createRequestBudget(clock));
  const agents = createLiveFeed({ client, clock, logger, settings: s, meAgentId, timeline, budget });
  const queues = createQueueFeed({ client, clock, logger, settings: s, budget, serverNow: timeline, watchedAgentIds: () => agents.watchedAgentIds() });
  f.agents = agents;
  f.queues = queues;
  f.tenant = tenant;
  f.client = client;
  f.unsubscribers = subscribeToFeeds(f, agents, queues);
  if (f.userPaused) {
    agents.setPaused('user', true);
    queues.setPaused('user', true);
  }
  agents.start();
  queues.start();
  f.deps.changed();
}

/**
 * Where the feeds' news goes: queue states to the windows, the queue rules and the tray; roster deltas
 * to the windows; changes and unavailable codes to the notification rules; status to the refusal banner.
 */
function subscribeToFeeds(f: Feeds, agents: LiveFeed, queues: QueueFeed): (() => void)[] {
  const { deps } = f;
  const { alerts, policy } = deps.notifications;
  return [
    queues.onState((state) => {
      deps.onQueues(state);
      alerts.handleQueues(state);
      deps.changed();
    }),
    agents.onDelta(() => queues.watchedAgentsChanged()),
    agents.onDelta(deps.onRosterDelta),
    agents.onPickerChoicesChanged(deps.onPickerChoicesChanged),
    agents.onChanges((changes) => alerts.handleChanges(changes)),
    agents.onUnavailableCodes((codes) => {
      policy.setCodeLimits(codes);
      alerts.reschedule();
    }),
    agents.onStatus((status) => {
      f.refusal.onStatus(status, f.tenant);
      deps.changed();
    }),
  ];
}

function stopFeeds(f: Feeds): void {
  f.refusal.clear();
  // Stopped while still subscribed: the window hears that the queues are off.
  f.queues?.stop();
  f.queues = null;
  f.budget = null;
  f.unsubscribers.forEach((u) => u());
  f.unsubscribers = [];
  const stopped = f.agents;
  stopped?.stop();
  f.agents = null;
  f.tenant = null;
  // A list still being paged (a full roster, the directory, skill assignments) stops at its next page,
  // and no request goes out after a sign-out or a quit with the token it started with.
  f.client?.close();
  f.client = null;
  // Another tenant's codes (and their limits) are not this one's.
  f.deps.notifications.policy.setCodeLimits([]);
  // The windows hold the agents the deltas brought, and would list them, times counting on, after a
  // sign-out or an expired session: a reset makes them fetch the snapshot again, now the next
  // feed's or, with none, an empty one.
  if (stopped) f.deps.onRosterDelta({ base: RESET_BASE, revision: 0, upserts: [], removed: [] });
}

function wakeFeeds(f: Feeds): void {
  f.budget?.wake();
  f.agents?.wake();
  f.queues?.wake();
}

/** Sleep, lock, network: pause or wake the feeds, and re-base the queue rules. */
function onPower(f: Feeds, event: PowerEvent): void {
  const { agents } = f;
  if (!agents) return;
  // The network came back or changed, or the machine woke: a fault that cleared is noticed now,
  // not at the end of a backoff of up to five minutes. A hold that was only our own backoff ends;
  // a server's Retry-After stands.
  if (event === 'network-change') return wakeFeeds(f);
  const { reason, paused } = powerPause(event);
  // Before the resume's poll asks the budget: our own backoff ends on waking, a Retry-After stands.
  if (!paused) f.budget?.wake();
  // Nobody reads the list behind a locked screen: pausing saves API calls, and the poller takes a
  // baseline snapshot on resume, so what changed while asleep does not notify.
  agents.setPaused(reason, paused);
  f.queues?.setPaused(reason, paused);
  // Queue rules: what passed a limit while asleep or locked is old news; the state on waking is a baseline.
  const { alerts, policy } = f.deps.notifications;
  policy.queueBaseline();
  if (!paused && f.queues) alerts.handleQueues(queueState(f));
  else alerts.reschedule();
  if (!paused) wakeFeeds(f);
}
