// Near-instant updates of one's own state: joins the signed-in agent's session and long-polls
// get-next-event. An event carries no state the app uses; it only says "look now", so each answer
// with events calls the poller's refreshNow() and the state still reaches the roster one way, through
// the poller and its single-agent source. The poller keeps its interval schedule all along, so when
// the session cannot be joined (403/404/not supported) or breaks, nothing is lost but speed: the
// watcher says 'fallback' and tries to join again later, with backoff.
// Time goes through the Clock port; stop() cancels the long poll in flight and every timer.
import type { AgentSessionEventsResult } from '../cxone/client';
import { isCxoneError } from '../cxone/errors';
import type { Clock, Logger, TimerHandle } from '../ports';
import { monotonicNow, silentLogger } from '../ports';
import { backoffDelay, type Poller } from './poller';
import { errorText } from '../auth/errors';

/** What the watcher needs from the CXone client (CxoneClient satisfies it). */
export interface AgentSessionApi {
  joinAgentSession(opts?: { asAgentId?: number }): Promise<{ sessionId: string }>;
  getNextAgentEvent(sessionId: string, timeoutSeconds: number, opts?: { signal?: AbortSignal }): Promise<AgentSessionEventsResult>;
}

/** 'fallback': no session; the poller's interval is the only source until the next join attempt. */
export type AgentSessionWatcherState = 'idle' | 'joining' | 'listening' | 'fallback';

export interface AgentSessionWatcherOptions {
  api: AgentSessionApi;
  /** Told to poll now whenever the session reports an event. */
  poller: Pick<Poller, 'refreshNow'>;
  clock: Clock;
  logger?: Logger;
  /** Join this agent's session; omitted, CXone joins the signed-in user's own session. */
  asAgentId?: number;
  /** get-next-event's timeout, 0..60 s. Default 30. */
  longPollSeconds?: number;
  /** First rejoin ceiling after a failure; doubles per consecutive failure. Default 30 s. */
  rejoinBaseMs?: number;
  /** Default 10 minutes. */
  rejoinCapMs?: number;
  /** Smallest wait before a rejoin. Default 1 s. */
  rejoinFloorMs?: number;
  /**
   * Least time from one get-next-event request to the next, so a server that answers at once every
   * time (or timeout 0) cannot spin the loop. Default 1 s.
   */
  minCycleMs?: number;
  /** [0, 1); injectable for tests. */
  random?: () => number;
}

export interface AgentSessionWatcher {
  /** Joins and starts listening (no-op when already running). */
  start(): void;
  /** Cancels the long poll in flight and every timer; start() may follow. */
  stop(): void;
  state(): AgentSessionWatcherState;
  onState(listener: (state: AgentSessionWatcherState) => void): () => void;
}

export const DEFAULT_LONG_POLL_SECONDS = 30;

export function createAgentSessionWatcher(options: AgentSessionWatcherOptions): AgentSessionWatcher {
  const { api, poller, clock } = options;
  const logger = options.logger ?? silentLogger;
  const longPollSeconds = Math.max(0, Math.min(60, Math.round(options.longPollSeconds ?? DEFAULT_LONG_POLL_SECONDS)));
  const baseMs = options.rejoinBaseMs ?? 30_000;
  const capMs = options.rejoinCapMs ?? 10 * 60_000;
  const floorMs = options.rejoinFloorMs ?? 1_000;
  const minCycleMs = options.minCycleMs ?? 1_000;
  const random = options.random ?? Math.random;
  const joinOpts = options.asAgentId !== undefined ? { asAgentId: options.asAgentId } : {};

  const listeners = new Set<(s: AgentSessionWatcherState) => void>();
  let current: AgentSessionWatcherState = 'idle';
  let running = false;
  /** Bumped by stop(): a loop of an older generation ends at its next step. */
  let generation = 0;
  let failures = 0;
  let timer: TimerHandle | null = null;
  let wake: (() => void) | null = null;
  let inFlight: AbortController | null = null;

  const live = (gen: number) => running && gen === generation;

  function setState(next: AgentSessionWatcherState): void {
    if (next === current) return;
    current = next;
    for (const l of listeners) {
      try {
        l(next);
      } catch (err) {
        logger.error('agent session state listener failed', { error: String(err) });
      }
    }
  }

  /** Waits on the clock; resolves false when stopped meanwhile. */
  function pauseFor(ms: number, gen: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (fired: boolean) => {
        timer = null;
        wake = null;
        resolve(fired && live(gen));
      };
      wake = () => {
        if (timer !== null) clock.clearTimeout(timer);
        done(false);
      };
      timer = clock.setTimeout(() => done(true), ms);
    });
  }

  /** One session from join to its end; returns why it ended (null when stopped). */
  async function listen(gen: number): Promise<unknown> {
    let sessionId: string;
    try {
      sessionId = (await api.joinAgentSession(joinOpts)).sessionId;
    } catch (err) {
      return err;
    }
    if (!live(gen)) return null;
    setState('listening');
    logger.info('agent session joined: own state changes arrive by long poll');
    for (;;) {
      const started = monotonicNow(clock);
      const ctl = new AbortController();
      inFlight = ctl;
      let answer: AgentSessionEventsResult;
      try {
        answer = await api.getNextAgentEvent(sessionId, longPollSeconds, { signal: ctl.signal });
      } catch (err) {
        return err;
      } finally {
        if (inFlight === ctl) inFlight = null;
      }
      if (!live(gen)) return null;
      failures = 0;
      sessionId = answer.sessionId;
      if (answer.kind === 'events') poller.refreshNow();
      const rest = minCycleMs - (monotonicNow(clock) - started);
      if (rest > 0 && !(await pauseFor(rest, gen))) return null;
    }
  }

  async function run(gen: number): Promise<void> {
    // Ends only through stop(); each turn is one join plus its long polls, then a backoff wait.
    while (live(gen)) {
      setState('joining');
      const err = await listen(gen);
      if (!live(gen)) return;
      failures += 1;
      // A server's Retry-After is honoured up to the rejoin cap (one asked for 34 days).
      const retryAfterMs = isCxoneError(err) && err.retryAfterMs !== null ? Math.min(err.retryAfterMs, capMs) : null;
      const delay = backoffDelay(failures, { baseMs, capMs, floorMs, random, retryAfterMs });
      logger.info('agent session unavailable; own state follows the polling interval until it rejoins', {
        kind: isCxoneError(err) ? err.kind : 'unexpected',
        message: errorText(err),
        rejoinInMs: delay,
      });
      setState('fallback');
      if (!(await pauseFor(delay, gen))) return;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      failures = 0;
      void run(generation);
    },
    stop() {
      running = false;
      generation += 1;
      inFlight?.abort();
      inFlight = null;
      wake?.();
      setState('idle');
    },
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
