// The notification rules and their timing, on the server's clock as measured from its answers
// (monotonic underneath): change times are server timestamps, and a jump of this computer's wall
// clock must move no alert. Also the user's pause of notifications (tray menu), which the policy
// counts on that timeline and the windows show on this computer's clock.
import { createAlertPolicy, type AlertPolicy, type PauseState } from '../monitor/alerts';
import { createAlertRunner, type AlertRunner } from '../monitor/alert-runner';
import { createServerClock } from '../monitor/server-clock';
import { parseHttpDate } from '../net/http-date';
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
  /** Whether a Date header has set the timeline yet (until then it is this computer's clock). */
  let measured = false;

  /**
   * A timed pause set before the first answer was planned on this computer's clock, which may be minutes
   * off the server's (or the machine slept since): the end the user was shown, read on the clock as now
   * measured, is what they asked for. After that the pause counts on the timeline alone.
   */
  function realignUnmeasuredPause(wasTimedPause: boolean): void {
    if (!wasTimedPause || pauseShownUntil === null) return;
    policy.pauseUntil(pauseShownUntil + (timeline() - clock.now()));
    alerts.reschedule();
  }

  return {
    policy,
    alerts,
    timeline,
    onServerDate(header) {
      const t = parseHttpDate(header);
      if (t === null) return;
      // Read before the first measurement moves the timeline under the pause.
      const before = measured ? null : policy.pauseState(timeline());
      measured = true;
      serverClock.observe(t);
      if (before) realignUnmeasuredPause(before.paused && !before.indefinitely);
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
