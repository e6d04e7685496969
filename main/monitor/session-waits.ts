// The two waits of the agent-session watcher (agent-session.ts) between sessions: a plain pause on the
// clock (the backoff before a rejoin, the floor of a long-poll cycle), and a wait for a poll that shows
// the agent logged in again. One wait at a time; cancel() ends it (stop()), resolving false.
import type { AgentState } from '../cxone/model';
import { parseServerTime } from '../cxone/server-time';
import { monotonicNow, type Clock, type TimerHandle } from '../ports';

const isLoggedIn = (s: AgentState) => s.category !== 'logged-out';

export interface SessionWaits {
  /** Waits `ms` on the clock; false when cancelled (or `stillLive` says no) meanwhile. */
  pauseFor(ms: number, stillLive: () => boolean): Promise<boolean>;
  /**
   * Waits for a polled state of the agent (polled()) that shows them logged in, no sooner than
   * `notBefore` (monotonic ms). After a session ended at `endedAt` (wall ms), a poll still showing the
   * old login does not count: the agent must be seen logged out first (or `loggedOut` already said so),
   * or in a state that began after the end. No timer: polls pace it. False when cancelled.
   */
  untilLoggedIn(notBefore: number, endedAt: number | null, loggedOut: boolean, stillLive: () => boolean): Promise<boolean>;
  /** One polled state of the agent, for a wait for their login. */
  polled(s: AgentState): void;
  /** Ends the wait in progress (it resolves false). */
  cancel(): void;
}

export function createSessionWaits(clock: Clock): SessionWaits {
  let timer: TimerHandle | null = null;
  let wake: (() => void) | null = null;
  /** Set while waiting for a poll that shows the agent logged in. */
  let loginGate: ((s: AgentState) => void) | null = null;

  return {
    pauseFor(ms, stillLive) {
      return new Promise((resolve) => {
        const done = (fired: boolean) => {
          timer = null;
          wake = null;
          resolve(fired && stillLive());
        };
        wake = () => {
          if (timer !== null) clock.clearTimeout(timer);
          done(false);
        };
        timer = clock.setTimeout(() => done(true), ms);
      });
    },
    untilLoggedIn(notBefore, endedAt, loggedOut, stillLive) {
      let sawLogout = endedAt === null || loggedOut;
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          loginGate = null;
          wake = null;
          resolve(ok && stillLive());
        };
        wake = () => done(false);
        loginGate = (s) => {
          if (!isLoggedIn(s)) {
            sawLogout = true;
            return;
          }
          const began = parseServerTime(s.startDate) ?? NaN;
          const fresh = sawLogout || (endedAt !== null && began > endedAt);
          if (fresh && monotonicNow(clock) >= notBefore) done(true);
        };
      });
    },
    polled(s) {
      loginGate?.(s);
    },
    cancel() {
      loginGate = null;
      wake?.();
    },
  };
}
