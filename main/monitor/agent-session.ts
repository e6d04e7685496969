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
import { createListeners, type Listeners } from '../listeners';
import { createSessionWaits, type SessionWaits } from './session-waits';
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

/** What the watcher's parts share, built once by createAgentSessionWatcher. */
interface SessionWatch {
  readonly options: AgentSessionWatcherOptions;
  readonly logger: Logger;
  /** get-next-event's timeout; the client keeps it within what CXone accepts (0..60 s). */
  readonly longPollSeconds: number;
  readonly minCycleMs: number;
  readonly rejoin: RejoinTimings;
  readonly ownListeners: Listeners<OwnStateEvent>;
  readonly waits: SessionWaits;
  readonly setState: (next: AgentSessionWatcherState) => void;
  running: boolean;
  /** Bumped by stop(): a loop of an older generation ends at its next step. */
  generation: number;
  failures: number;
  inFlight: AbortController | null;
}

export function createAgentSessionWatcher(options: AgentSessionWatcherOptions): AgentSessionWatcher {
  const logger = options.logger ?? silentLogger;
  const listeners = createListeners<AgentSessionWatcherState>(logger, 'agent session state listener failed');
  let current: AgentSessionWatcherState = 'idle';
  let offResults: (() => void) | null = null;
  const w: SessionWatch = {
    options,
    logger,
    longPollSeconds: options.longPollSeconds ?? DEFAULT_LONG_POLL_SECONDS,
    minCycleMs: options.minCycleMs ?? 1_000,
    rejoin: rejoinTimings(options),
    ownListeners: createListeners<OwnStateEvent>(logger, 'agent session own-state listener failed'),
    waits: createSessionWaits(options.clock),
    setState(next) {
      if (next === current) return;
      current = next;
      listeners.emit(next);
    },
    running: false,
    generation: 0,
    failures: 0,
    inFlight: null,
  };

  function onPollResult(r: PollResult): void {
    for (const s of r.states) if (s.agentId === options.agentId) w.waits.polled(s);
  }

  return {
    start() {
      if (w.running) return;
      w.running = true;
      w.failures = 0;
      offResults = options.poller.onResult(onPollResult);
      void run(w, w.generation);
    },
    stop() {
      w.running = false;
      w.generation += 1;
      w.inFlight?.abort();
      w.inFlight = null;
      offResults?.();
      offResults = null;
      w.waits.cancel();
      w.setState('idle');
    },
    state: () => current,
    onState: (listener) => listeners.add(listener),
    onOwnState: (listener) => w.ownListeners.add(listener),
  };
}

const live = (w: SessionWatch, gen: number) => w.running && gen === w.generation;

/** Waits on the clock; resolves false when stopped meanwhile. */
const pauseFor = (w: SessionWatch, ms: number, gen: number) => w.waits.pauseFor(ms, () => live(w, gen));

/** Joins, listens, and after each session's end waits before the next join; ends only through stop(). */
async function run(w: SessionWatch, gen: number): Promise<void> {
  // Each turn is one join plus its long polls, then a wait.
  while (live(w, gen)) {
    w.setState('joining');
    const end = await listen(w, gen);
    if (!end || !live(w, gen)) return;
    w.failures += 1;
    const delay = rejoinDelay(end.err, w.failures, w.rejoin);
    const goOn = end.why === 'failed' ? await fallBack(w, end, delay, gen) : await waitForLogin(w, end, delay, gen);
    if (!goOn) return;
  }
}

/** One session from join to its end; returns why it ended (null when stopped). */
async function listen(w: SessionWatch, gen: number): Promise<Ending> {
  let sessionId: string;
  try {
    sessionId = (await w.options.api.joinAgentSession()).sessionId;
  } catch (err) {
    return { why: isCxoneError(err) && err.kind === 'conflict' ? 'no-session' : 'failed', err };
  }
  if (!live(w, gen)) return null;
  w.setState('listening');
  w.failures = 0;
  w.logger.info('agent session joined: own state changes arrive by long poll');
  for (;;) {
    const started = monotonicNow(w.options.clock);
    const step = await nextEvents(w, gen, sessionId);
    if ('end' in step) return step.end;
    sessionId = step.next;
    // 304 after a long wait: ask again at once; only an instant answer waits out the cycle floor.
    const rest = w.minCycleMs - (monotonicNow(w.options.clock) - started);
    if (rest > 0 && !(await pauseFor(w, rest, gen))) return null;
  }
}

/**
 * One get-next-event, which stop() can cancel, and its events read: the session id to ask with next,
 * or how listening ended (null: stopped).
 */
async function nextEvents(w: SessionWatch, gen: number, sessionId: string): Promise<{ next: string } | { end: Ending }> {
  const ctl = new AbortController();
  w.inFlight = ctl;
  let answer: AgentSessionEventsResult;
  try {
    answer = await w.options.api.getNextAgentEvent(sessionId, w.longPollSeconds, { signal: ctl.signal });
  } catch (err) {
    if (!live(w, gen)) return { end: null };
    return { end: { why: isCxoneError(err) && err.kind === 'conflict' ? 'ended' : 'failed', err } };
  } finally {
    if (w.inFlight === ctl) w.inFlight = null;
  }
  if (!live(w, gen)) return { end: null };
  const ended = answer.kind === 'events' ? readSessionEvents(answer, (own) => w.ownListeners.emit(own), () => w.options.poller.refreshNow()) : null;
  // Always the latest answer's id: an older one makes the platform resend everything.
  return ended ? { end: ended } : { next: answer.sessionId };
}

/** Joining or listening failed: own state follows the polls until a rejoin after `delay`; false when stopped meanwhile. */
function fallBack(w: SessionWatch, end: NonNullable<Ending>, delay: number, gen: number): Promise<boolean> {
  w.logger.info('agent session unavailable; own state follows the polling interval until it rejoins', {
    kind: isCxoneError(end.err) ? end.err.kind : 'unexpected',
    message: errorText(end.err),
    rejoinInMs: delay,
  });
  w.setState('fallback');
  return pauseFor(w, delay, gen);
}

/** No session, or it ended: waits until a poll shows the agent logged in; false when stopped meanwhile. */
function waitForLogin(w: SessionWatch, end: NonNullable<Ending>, delay: number, gen: number): Promise<boolean> {
  w.logger.info(end.why === 'ended' ? 'agent session ended (logged off); waiting for the agent to log in again' : 'the agent has no session to join; waiting until a poll shows them logged in');
  w.setState('no-session');
  // After a logoff a fresh login is proof enough; a 409 although polls say logged in also waits out the backoff.
  const ended = end.why === 'ended';
  // notBefore is on the monotonic clock (a wall-clock jump must not cut or stretch the backoff); the end
  // time is wall time, compared with the server's start time of the agent's next state.
  const now = monotonicNow(w.options.clock);
  return w.waits.untilLoggedIn(ended ? now : now + delay, ended ? w.options.clock.now() : null, end.loggedOut === true, () => live(w, gen));
}
