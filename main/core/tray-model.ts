// The tray icon, badge, tooltip and menu flags (TrayModel) from the core's state: a pure function, so
// the worst-news-first rules are read and tested in one place.
import type { SessionStatus } from '../auth/status';
import type { MonitorStatus } from '../monitor/status';
import type { StateCategory } from '../cxone/model';
import type { TrayModel } from './types';
import { queueTooltipLead, totalWaiting } from '../queues/queue-summary';
import type { QueueState } from '../queues/model';
import { fitTooltip, tooltipLimit, trayTooltip } from './tray-tooltip';

export interface TrayModelInput {
  /** Settings' mode: anything but 'cxone' shows the demo tenant. */
  mode: 'unconfigured' | 'demo' | 'cxone';
  session: SessionStatus;
  monitor: MonitorStatus;
  /** Agents per category in the watch scope; null before the first list. */
  counts: Record<StateCategory, number> | null;
  queues: QueueState;
  badge: TrayModel['badge'];
  /** Notification pause: `until` in ms since the epoch on this computer's clock, or null. */
  notifications: { until: number | null; indefinitely: boolean };
  /** CXone refuses the (renewed) token: the menu leads with "Sign in again…". */
  tokenRefused: boolean;
  pollingPaused: boolean;
  /** Why the feed could not start while none runs (feed-start.ts feedStartFailure), or null. */
  feedStartError: string | null;
  /** Local clock time for the tooltip ("14:05"). */
  formatTime: (ms: number) => string;
  platform: NodeJS.Platform;
}

export function buildTrayModel(t: TrayModelInput): TrayModel {
  const inDemo = t.mode !== 'cxone';
  const session = t.session;
  // A renewal that failed for now (its retries used up, or a renewed token the keychain would not keep)
  // while the feed still runs on the token it has: not signed out — the stored sign-in is tried again
  // at the next need — but the user should know, and may sign in again.
  const renewalFailed = !inDemo && session.kind === 'error' && t.monitor.kind !== 'signed-out';
  const signedIn = inDemo || session.kind === 'signed-in' || session.kind === 'refreshing' || session.kind === 'reconnecting' || renewalFailed;
  // Restarted while the sign-in server is down: the sign-in is kept, but there is no data yet.
  const waitingForSignIn = !inDemo && session.kind === 'reconnecting' && t.monitor.kind === 'signed-out';
  // The feed could not start (no tenantId to find the API host by, the demo's port taken): the window
  // says why in a banner, and the tray must not say "live, waiting for the first update" beside it.
  const notStarted = signedIn && t.feedStartError !== null;
  return {
    icon: notStarted || renewalFailed ? 'error' : trayIcon({ signedIn, waitingForSignIn, status: t.monitor, demo: inDemo }),
    availableCount: t.counts ? t.counts.available : null,
    waitingCount: totalWaiting(t.queues),
    badge: t.badge,
    tooltip: tooltipOf(t, { signedIn, notStarted, waitingForSignIn, renewalFailed }),
    signedIn,
    signInNeeded: !inDemo && signedIn && (t.tokenRefused || renewalFailed),
    demo: inDemo,
    pollingPaused: t.pollingPaused,
    notificationsPausedUntil: t.notifications.until,
    notificationsPausedIndefinitely: t.notifications.indefinitely,
  };
}

/** Why there is no data (the feed could not start, the sign-in server is out of reach) or the session's trouble, else the feed's own tooltip. */
function tooltipOf(t: TrayModelInput, why: { signedIn: boolean; notStarted: boolean; waitingForSignIn: boolean; renewalFailed: boolean }): string {
  const title = 'CXone Agent Tray';
  const maxLength = tooltipLimit(t.platform);
  const { session } = t;
  if (why.notStarted) return fitTooltip({ title, facts: ['could not start'], detail: t.feedStartError }, maxLength);
  if (why.waitingForSignIn && session.kind === 'reconnecting') return fitTooltip({ title, facts: ['reconnecting to the sign-in server'], detail: session.message }, maxLength);
  if (why.renewalFailed && session.kind === 'error') return fitTooltip({ title, facts: ['renewing the sign-in failed'], detail: session.message }, maxLength);
  return trayTooltip({
    counts: t.counts,
    status: t.monitor,
    demo: t.mode !== 'cxone',
    signedIn: why.signedIn,
    notifications: t.notifications,
    queueLead: queueTooltipLead(t.queues, t.formatTime),
    formatTime: t.formatTime,
    maxLength,
  });
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
