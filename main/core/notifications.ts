// The notification rules and their timing, on the server's clock as measured from its answers
// (monotonic underneath): change times are server timestamps, and a jump of this computer's wall
// clock must move no alert. Also the user's pause of notifications (tray menu), which the policy
// counts on that timeline and the windows show on this computer's clock.
import { createAlertPolicy, type AlertPolicy, type PauseState } from '../monitor/alerts';
import { createAlertRunner, type AlertRunner } from '../monitor/alert-runner';
import { createServerClock, parseDateHeader } from '../monitor/server-clock';
import type { Clock, Logger, Notifier } from '../ports';
import type { Settings } from '../settings/schema';

export interface Notifications {
  policy: AlertPolicy;
  alerts: AlertRunner;
  /** The server's clock now (ms since the epoch), as measured. */
  timeline(): number;
  /** Feed every answer's Date header here (the client's onServerDate). */
  onServerDate(header: string): void;
  /** null: until resumed; 0: resume now; else for that many minutes. */
  pause(minutes: number | null): void;
  /** The pause as the windows show it: `until` on this computer's clock (ms), or null. */
  pauseState(): PauseState;
  /** New settings or pins: the rules change and the wake-up is re-planned. */
  applySettings(settings: Settings): void;
}

export function createNotifications(deps: { settings: Settings; clock: Clock; logger: Logger; notifier: Notifier }): Notifications {
  const { clock, logger } = deps;
  const serverClock = createServerClock(clock, logger);
  const timeline = () => serverClock.now();
  const policy = createAlertPolicy({ settings: deps.settings.notifications, pinnedAgentIds: deps.settings.pinnedAgentIds });
  const alerts = createAlertRunner({ policy, clock, notifier: deps.notifier, logger, timeline });
  // The estimate moved (first answer, sleep, another tenant): what was planned on the old one is re-planned.
  serverClock.onShift((deltaMs) => {
    logger.info('server clock offset changed; re-planning alerts', { deltaMs: Math.round(deltaMs) });
    alerts.reschedule();
  });
  /** The end of a timed pause on this computer's wall clock, for display (the policy counts on the timeline). */
  let pauseShownUntil: number | null = null;

  return {
    policy,
    alerts,
    timeline,
    onServerDate(header) {
      const t = parseDateHeader(header);
      if (t !== null) serverClock.observe(t);
    },
    pause(minutes) {
      if (minutes === 0) policy.resume();
      else policy.pauseUntil(minutes === null ? null : timeline() + minutes * 60_000);
      pauseShownUntil = minutes ? clock.now() + minutes * 60_000 : null;
      alerts.reschedule();
    },
    pauseState() {
      const p = policy.pauseState(timeline());
      return { ...p, until: p.until === null ? null : pauseShownUntil };
    },
    applySettings(s) {
      policy.setSettings(s.notifications);
      policy.setPinned(s.pinnedAgentIds);
      alerts.reschedule();
    },
  };
}
