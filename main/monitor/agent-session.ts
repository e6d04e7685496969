// Near-instant updates of one's own state through the agent session, used as documented (§3a):
// - join only ATTACHES to the session the agent already has (self-join, never asAgentId, never
//   POST agent-sessions or DELETE agent-sessions/{id}: a monitoring app must not log anyone in or off);
// - "no session" (join 409) is a normal state, not a fault: the poller's interval carries one's state,
//   and the watcher joins again only when a poll shows the agent logged in, and not sooner than a
//   growing backoff — so never in a tight loop, and never for a supervisor who is not an agent;
// - get-next-event: 304 asks again at once; 409 "Session Ended" (or an AgentSessionEnd event) means
//   the agent logged off: stop, and rejoin only once a poll shows them logged in again; every answer's
//   sessionId is the one to ask with next;
// - only events about state count: AgentState is read on its own fields and handed to onOwnState
//   (the live feed puts it into the roster), AgentSessionStart/End make the poller look now, the
//   rest (AgentLeg, CallContactEvent, Indicator, …) is ignored.
// Other failures (403, 503, network…) end in 'fallback' and a rejoin after backoff, as before.
// Time goes through the Clock port; stop() cancels the long poll in flight and every timer.
import type { AgentSessionCalls, AgentSessionEventsResult } from '../cxone/agent-session-calls';
import { isCxoneError } from '../cxone/errors';
import type { Clock, Logger } from '../ports';
import { monotonicNow, silentLogger } from '../ports';
import { readAgentStateEvent, type OwnStateEvent } from './own-state-event';
import { createListeners } from '../listeners';
import { createSessionWaits } from './session-waits';
import { backoffDelay } from './poll-loop';
import type { Poller, PollResult } from './poller';
import { errorText } from '../auth/errors';

/** What the watcher needs from the CXone client (CxoneClient satisfies it). */
export type AgentSessionApi = Pick<AgentSessionCalls, 'joinAgentSession' | 'getNextAgentEvent'>;

/**
 * 'no-session': the agent has no session (not logged in, or it ended); joining waits for a poll that
 * shows them logged in. 'fallback': joining or listening failed; it is tried again after a backoff.
 */
export type AgentSessionWatcherState = 'idle' | 'joining' | 'listening' | 'no-session' | 'fallback';

export interface AgentSessionWatcherOptions {
  api: AgentSessionApi;
  /** Told to poll now on session start/end; its results show whether the agent is logged in. */
  poller: Pick<Poller, 'refreshNow' | 'onResult'>;
  /** The signed-in agent, whose polled state says when there is a session to join. */
  agentId: number;
  clock: Clock;
  logger?: Logger;
  /** get-next-event's timeout in seconds; the client keeps it within 0..60. Default 30. */
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
  /** One's own state as an AgentState event told it, before any poll does. */
  onOwnState(listener: (event: OwnStateEvent) => void): () => void;
}

export const DEFAULT_LONG_POLL_SECONDS = 30;

/** Event types that say something about the agent's state; everything else is ignored. */
const SESSION_END_TYPES = new Set(['AgentSessionEnd', 'RemoteAgentSessionEnd']);

/** Why a session ended; `loggedOut`: an AgentState event already told the agent logged out. */
export type Ending = { why: 'no-session' | 'ended' | 'failed'; err: unknown; loggedOut?: boolean } | null;

/**
 * Reads one answer's events in order: an AgentState event of one's own goes to `own`; one that cannot
 * be read, or a session start, asks the poller (`refresh`) once, after them all. A session's end asks
 * at once and ends the reading: returns how the session ended (with whether an event before it said
 * logged out), or null while it goes on.
 */
export function readSessionEvents(answer: Extract<AgentSessionEventsResult, { kind: 'events' }>, own: (event: OwnStateEvent) => void, refresh: () => void): Ending {
  let look = false;
  let loggedOut = false;
  for (const e of answer.events) {
    if (e.type === 'AgentState') {
      const event = readAgentStateEvent(e.raw);
      if (event) {
        loggedOut = event.stateName.toLowerCase() === 'loggedout';
        own(event);
      } else look = true; // a state event we cannot read: the poll will tell
    } else if (e.type === 'AgentSessionStart') {
      look = true;
    } else if (e.type !== null && SESSION_END_TYPES.has(e.type)) {
      refresh();
      return { why: 'ended', err: null, loggedOut };
    }
  }
  if (look) refresh();
  return null;
}

type RejoinTimings = { baseMs: number; capMs: number; floorMs: number; random: () => number };

function rejoinTimings(options: AgentSessionWatcherOptions): RejoinTimings {
  return { baseMs: options.rejoinBaseMs ?? 30_000, capMs: options.rejoinCapMs ?? 10 * 60_000, floorMs: options.rejoinFloorMs ?? 1_000, random: options.random ?? Math.random };
}

/** How long to wait before the next join after `failures` failed sessions in a row (ms): the backoff, or the server's Retry-After up to the cap (one asked for 34 days). */
function rejoinDelay(err: unknown, failures: number, t: RejoinTimings): number {
  const retryAfterMs = isCxoneError(err) && err.retryAfterMs !== null ? Math.min(err.retryAfterMs, t.capMs) : null;
  return backoffDelay(failures, { ...t, retryAfterMs });
}

export function createAgentSessionWatcher(options: AgentSessionWatcherOptions): AgentSessionWatcher {
  const { api, poller, clock, agentId } = options;
  const logger = options.logger ?? silentLogger;
  // The client keeps it within what CXone accepts (0..60 s).
  const longPollSeconds = options.longPollSeconds ?? DEFAULT_LONG_POLL_SECONDS;
  const minCycleMs = options.minCycleMs ?? 1_000;
  const rejoin = rejoinTimings(options);

  const listeners = createListeners<AgentSessionWatcherState>(logger, 'agent session state listener failed');
  const ownListeners = createListeners<OwnStateEvent>(logger, 'agent session own-state listener failed');
  let current: AgentSessionWatcherState = 'idle';
  let running = false;
  /** Bumped by stop(): a loop of an older generation ends at its next step. */
  let generation = 0;
  let failures = 0;
  let inFlight: AbortController | null = null;
  const waits = createSessionWaits(clock);
  let offResults: (() => void) | null = null;

  const live = (gen: number) => running && gen === generation;

  function setState(next: AgentSessionWatcherState): void {
    if (next === current) return;
    current = next;
    listeners.emit(next);
  }

  function onPollResult(r: PollResult): void {
    for (const s of r.states) if (s.agentId === agentId) waits.polled(s);
  }

  /** Waits on the clock; resolves false when stopped meanwhile. */
  const pauseFor = (ms: number, gen: number) => waits.pauseFor(ms, () => live(gen));

  /** One session from join to its end; returns why it ended (null when stopped). */
  async function listen(gen: number): Promise<Ending> {
    let sessionId: string;
    try {
      sessionId = (await api.joinAgentSession()).sessionId;
    } catch (err) {
      return { why: isCxoneError(err) && err.kind === 'conflict' ? 'no-session' : 'failed', err };
    }
    if (!live(gen)) return null;
    setState('listening');
    failures = 0;
    logger.info('agent session joined: own state changes arrive by long poll');
    for (;;) {
      const started = monotonicNow(clock);
      const ctl = new AbortController();
      inFlight = ctl;
      let answer: AgentSessionEventsResult;
      try {
        answer = await api.getNextAgentEvent(sessionId, longPollSeconds, { signal: ctl.signal });
      } catch (err) {
        if (!live(gen)) return null;
        return { why: isCxoneError(err) && err.kind === 'conflict' ? 'ended' : 'failed', err };
      } finally {
        if (inFlight === ctl) inFlight = null;
      }
      if (!live(gen)) return null;
      // Always the latest answer's id: an older one makes the platform resend everything.
      sessionId = answer.sessionId;
      const ended = answer.kind === 'events' ? readSessionEvents(answer, (own) => ownListeners.emit(own), () => poller.refreshNow()) : null;
      if (ended) return ended;
      // 304 after a long wait: ask again at once; only an instant answer waits out the cycle floor.
      const rest = minCycleMs - (monotonicNow(clock) - started);
      if (rest > 0 && !(await pauseFor(rest, gen))) return null;
    }
  }

  async function run(gen: number): Promise<void> {
    // Ends only through stop(); each turn is one join plus its long polls, then a wait.
    while (live(gen)) {
      setState('joining');
      const end = await listen(gen);
      if (!end || !live(gen)) return;
      failures += 1;
      const delay = rejoinDelay(end.err, failures, rejoin);
      if (end.why === 'failed') {
        logger.info('agent session unavailable; own state follows the polling interval until it rejoins', {
          kind: isCxoneError(end.err) ? end.err.kind : 'unexpected',
          message: errorText(end.err),
          rejoinInMs: delay,
        });
        setState('fallback');
        if (!(await pauseFor(delay, gen))) return;
        continue;
      }
      logger.info(end.why === 'ended' ? 'agent session ended (logged off); waiting for the agent to log in again' : 'the agent has no session to join; waiting until a poll shows them logged in');
      setState('no-session');
      // After a logoff a fresh login is proof enough; a 409 although polls say logged in also waits out the backoff.
      const ended = end.why === 'ended';
      // notBefore is on the monotonic clock (a wall-clock jump must not cut or stretch the backoff); the end
      // time is wall time, compared with the server's start time of the agent's next state.
      const now = monotonicNow(clock);
      if (!(await waits.untilLoggedIn(ended ? now : now + delay, ended ? clock.now() : null, end.loggedOut === true, () => live(gen)))) return;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      failures = 0;
      offResults = poller.onResult(onPollResult);
      void run(generation);
    },
    stop() {
      running = false;
      generation += 1;
      inFlight?.abort();
      inFlight = null;
      offResults?.();
      offResults = null;
      waits.cancel();
      setState('idle');
    },
    state: () => current,
    onState: (listener) => listeners.add(listener),
    onOwnState: (listener) => ownListeners.add(listener),
  };
}
