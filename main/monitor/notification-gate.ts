// The last word before a notification is shown (alerts.ts): off, the user's pause (until a time or
// indefinitely), quiet hours, the per-subject cooldown and the cap per minute. Pure: `now` is the
// caller's (the server's clock as measured); quiet hours are read on this computer's local time.
import type { NotificationSettings } from '../settings/schema';

export interface PauseState {
  paused: boolean;
  /** End of the pause (ms); null when not paused or paused indefinitely. */
  until: number | null;
  indefinitely: boolean;
}

export interface NotificationGate {
  /**
   * What of one coalesced batch may be shown now, as one notification: nothing while notifications are
   * off, paused or in quiet hours, nor when the cap per minute is reached; otherwise the subjects
   * (`keyOf`: an agent, or a skill's rule) not notified within the cooldown. What is held back counts
   * as suppressed (except while off).
   */
  admit<T>(batch: readonly T[], keyOf: (item: T) => string, now: number): T[];
  /** null = until resumed. */
  pauseUntil(until: number | null): void;
  resume(): void;
  pauseState(now: number): PauseState;
  suppressedCount(): number;
}

const MINUTE_MS = 60_000;

function parseHhmm(v: string): number {
  const [h, m] = v.split(':');
  return Number(h) * 60 + Number(m);
}

/** Quiet hours may cross midnight (22:00–07:00). Equal start and end mean an empty range. */
export function inQuietHours(minute: number, start: string, end: string): boolean {
  const s = parseHhmm(start);
  const e = parseHhmm(end);
  if (s === e) return false;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** `settings`: the policy's settings now; `minuteOfDay`: minutes since local midnight at a time (ms), for quiet hours. */
export function createNotificationGate(settingsNow: () => NotificationSettings, minuteOfDay: (ms: number) => number): NotificationGate {
  const lastNotified = new Map<string, number>();
  /** Times of notifications shown in the last minute (the cap). */
  let shown: number[] = [];
  let pausedUntil: number | null = null;
  let pausedIndefinitely = false;
  let suppressed = 0;

  function isPaused(now: number): boolean {
    if (pausedIndefinitely) return true;
    if (pausedUntil !== null && now >= pausedUntil) pausedUntil = null;
    return pausedUntil !== null;
  }

  return {
    admit(batch, keyOf, now) {
      const settings = settingsNow();
      if (!settings.enabled) return [];
      const q = settings.quietHours;
      if (isPaused(now) || (q.enabled && inQuietHours(minuteOfDay(now), q.start, q.end))) {
        suppressed += batch.length;
        return [];
      }
      const cooldownMs = settings.cooldownSeconds * 1000;
      const fresh = batch.filter((c) => {
        const last = lastNotified.get(keyOf(c));
        return last === undefined || now - last >= cooldownMs;
      });
      suppressed += batch.length - fresh.length;
      if (fresh.length === 0) return [];
      shown = shown.filter((t) => now - t < MINUTE_MS);
      if (shown.length >= settings.maxPerMinute) {
        suppressed += fresh.length;
        return [];
      }
      shown.push(now);
      for (const c of fresh) lastNotified.set(keyOf(c), now);
      return fresh;
    },
    pauseUntil(until) {
      pausedIndefinitely = until === null;
      pausedUntil = until;
    },
    resume() {
      pausedIndefinitely = false;
      pausedUntil = null;
    },
    pauseState(now) {
      const paused = isPaused(now);
      return { paused, until: pausedIndefinitely ? null : pausedUntil, indefinitely: pausedIndefinitely };
    },
    suppressedCount: () => suppressed,
  };
}
