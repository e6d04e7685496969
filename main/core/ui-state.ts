// What the windows and the tray are drawn from, read fresh from the core's parts each time: the
// renderer's AppState and the tray's TrayModel. Pure reads — nothing here changes state.
import type { SessionStatus } from '../auth/status';
import { formatClockTime, usableClockLocale } from '../clock-time';
import type { CorePorts, TrayModel } from './types';
import type { MonitorStatus } from '../monitor/status';
import type { AppState } from '../../preload/contract';
import type { FeedService } from './feed-service';
import { feedStartFailure } from './feed-start';
import type { NoticeBoard } from './notice-board';
import type { Notifications } from './notifications';
import type { SessionHolder } from './session-holder';
import { buildTrayModel } from './tray-model';

const DEMO_TENANT_LABEL = 'Demo tenant';

export interface UiState {
  appState(): AppState;
  trayModel(): TrayModel;
}

export function createUiState(deps: {
  ports: Pick<CorePorts, 'settings' | 'paths' | 'formatTime' | 'clockLocale'>;
  session: SessionHolder;
  feeds: FeedService;
  notices: NoticeBoard;
  notifications: Pick<Notifications, 'pauseState'>;
}): UiState {
  const { ports, session, feeds, notices, notifications } = deps;
  const settings = () => ports.settings.get();
  const clockLocale = usableClockLocale(ports.clockLocale) ?? null;
  const formatTime = ports.formatTime ?? ((ms: number) => formatClockTime(ms, clockLocale));
  const mode = () => settings().mode;
  const sessionStatus = (): SessionStatus => session.current()?.status() ?? { kind: 'signed-out' };
  const monitorStatus = (): MonitorStatus => feeds.live()?.status() ?? (mode() === 'cxone' ? { kind: 'signed-out' } : { kind: 'idle' });

  /** The demo's label, or the signed-in tenant's name (its id until the name is known). */
  const tenantLabel = (): string | null => {
    if (mode() !== 'cxone') return DEMO_TENANT_LABEL;
    const s = sessionStatus();
    const identity = 'identity' in s ? s.identity : null;
    return identity?.tenant ?? identity?.tenantId ?? null;
  };

  return {
    appState() {
      const pause = notifications.pauseState();
      return {
        mode: mode(),
        tenantLabel: tenantLabel(),
        session: sessionStatus(),
        monitor: monitorStatus(),
        settings: settings(),
        notices: notices.all(),
        notificationsPausedUntil: pause.until,
        notificationsPausedIndefinitely: pause.indefinitely,
        pollingPaused: feeds.userPaused(),
        paths: ports.paths,
        clockLocale,
      };
    },
    trayModel: () =>
      buildTrayModel({
        mode: mode(),
        session: sessionStatus(),
        monitor: monitorStatus(),
        counts: feeds.live()?.counts() ?? null,
        queues: feeds.queues(),
        badge: settings().trayBadge,
        notifications: notifications.pauseState(),
        tokenRefused: feeds.tokenRefused(),
        pollingPaused: feeds.userPaused(),
        feedStartError: feedStartFailure(notices.all(), monitorStatus()),
        formatTime,
        platform: process.platform,
      }),
  };
}
