// The running feeds of one tenant — the agents' live feed and the skill queues', sharing one request
// budget — and what they drive: roster deltas and queue states to the windows, changes and queue
// states to the notification rules, a refused token to a banner and one notification. At most one
// tenant's feeds run at a time; start() stops the previous ones.
import type { CxoneClient } from '../cxone/client';
import { createLiveFeed, isTokenRefused, type LiveFeed } from '../live-feed';
import { createRequestBudget, type RequestBudget } from '../monitor/request-budget';
import type { MonitorStatus, PauseReason, RosterDelta } from '../monitor/status';
import type { PowerEvent } from '../core-types';
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
  /** True when no CXone feed runs (none, or the demo's), or the one that runs stopped for want of a session. */
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
  onStatus(status: MonitorStatus, tenant: FeedTenant | null): void {
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

export function createFeedService(deps: FeedServiceDeps): FeedService {
  const { notices } = deps;
  const { alerts, policy: alertPolicy, timeline } = deps.notifications;
  let feed: LiveFeed | null = null;
  let queueFeed: QueueFeed | null = null;
  let budget: RequestBudget | null = null;
  let feedTenant: FeedTenant | null = null;
  let unsubscribers: (() => void)[] = [];
  let pollingPaused = false;
  const refusal = new TokenRefusal(notices, deps.notifier);
  const onFeedStatus = (status: MonitorStatus) => {
    refusal.onStatus(status, feedTenant);
    deps.changed();
  };

  /** A new queue state: to the windows, to the queue notification rules, and to the tray icon. */
  const onQueueState = (state: QueueState) => {
    deps.onQueues(state);
    alerts.handleQueues(state);
    deps.changed();
  };

  const stop = () => {
    refusal.clear();
    // Stopped while still subscribed: the window hears that the queues are off.
    queueFeed?.stop();
    queueFeed = null;
    budget = null;
    unsubscribers.forEach((u) => u());
    unsubscribers = [];
    feed?.stop();
    feed = null;
    feedTenant = null;
    // Another tenant's codes (and their limits) are not this one's.
    alertPolicy.setCodeLimits([]);
  };

  const start = (tenant: FeedTenant, client: CxoneClient, meAgentId: number | null) => {
    stop();
    const s = deps.settings();
    const { clock, logger } = deps;
    budget = createRequestBudget(clock);
    const agents = createLiveFeed({ client, clock, logger, settings: s, meAgentId, timeline, budget });
    const queues = createQueueFeed({ client, clock, logger, settings: s, budget, serverNow: timeline, watchedAgentIds: () => agents.watchedAgentIds() });
    feed = agents;
    queueFeed = queues;
    feedTenant = tenant;
    unsubscribers = [
      queues.onState(onQueueState),
      agents.onDelta(() => queues.watchedAgentsChanged()),
      agents.onDelta(deps.onRosterDelta),
      agents.onChanges((changes) => alerts.handleChanges(changes)),
      agents.onUnavailableCodes((codes) => {
        alertPolicy.setCodeLimits(codes);
        alerts.reschedule();
      }),
      agents.onStatus(onFeedStatus),
    ];
    if (pollingPaused) {
      agents.setPaused('user', true);
      queues.setPaused('user', true);
    }
    agents.start();
    queues.start();
    deps.changed();
  };

  const wake = () => {
    budget?.wake();
    feed?.wake();
    queueFeed?.wake();
  };

  const queues = () => queueFeed?.state() ?? QUEUES_OFF;

  return {
    start,
    stop,
    live: () => feed,
    queues,
    tokenRefused: () => refusal.active,
    needsSession: () => !feed || feedTenant !== 'cxone' || feed.status().kind === 'signed-out',
    authRenewed() {
      if (feedTenant !== 'cxone') return;
      feed?.authRenewed();
      queueFeed?.authRenewed();
    },
    applySettings(s) {
      feed?.applySettings(s);
      queueFeed?.applySettings(s);
    },
    refreshNow() {
      feed?.refreshNow();
      queueFeed?.refreshNow();
    },
    setUserPaused(paused) {
      pollingPaused = paused;
      feed?.setPaused('user', paused);
      queueFeed?.setPaused('user', paused);
      deps.changed();
    },
    userPaused: () => pollingPaused,
    power(event) {
      if (!feed) return;
      // The network came back or changed, or the machine woke: a fault that cleared is noticed now,
      // not at the end of a backoff of up to five minutes. A hold that was only our own backoff ends;
      // a server's Retry-After stands.
      if (event === 'network-change') return wake();
      const { reason, paused } = powerPause(event);
      // Nobody reads the list behind a locked screen: pausing saves API calls, and the poller takes a
      // baseline snapshot on resume, so what changed while asleep does not notify.
      feed.setPaused(reason, paused);
      queueFeed?.setPaused(reason, paused);
      // Queue rules: what passed a limit while asleep or locked is old news; the state on waking is a baseline.
      alertPolicy.queueBaseline();
      if (!paused && queueFeed) alerts.handleQueues(queues());
      else alerts.reschedule();
      if (!paused) wake();
    },
  };
}
