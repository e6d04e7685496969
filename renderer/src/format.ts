// Words for times, durations and statuses. Every status the UI shows is a sentence or a word, never
// a colour alone.
import type { AgentState } from '../../main/cxone/model';
import { parseServerTime } from '../../main/cxone/server-time';
import { feedStartFailure } from '../../main/core/feed-start';
import type { ReadIssue } from '../../main/monitor/status';
import type { AppState } from '../../preload/contract';
import { count } from '../../main/words';

// formatClock: "14:05:09" in the OS's regional format (AppState.clockLocale; null: this window's default).
import { formatClockTimeWithSeconds as formatClock } from '../../main/clock-time';

export { formatDuration } from '../../main/time-words';
export { formatClock };

/** When the agent's current state began (ms), by the server's clock; null when unknown. */
export function sinceMs(agent: Pick<AgentState, 'startDate'>): number | null {
  return parseServerTime(agent.startDate) ?? null;
}

export function formatAgo(ms: number, now: number, clockLocale: string | null): string {
  const s = Math.round((now - ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `at ${formatClock(ms, clockLocale)}`;
}

export type ConnectionTone = 'live' | 'stale' | 'paused' | 'busy' | 'error' | 'idle';

export interface ConnectionStatus {
  tone: ConnectionTone;
  /** e.g. "Live", "Reconnecting in 20 s". */
  label: string;
  /** The reason or extra detail, when there is one. */
  detail: string | null;
  /** "updated just now": said only while the feed is live, so it never sits beside an error. */
  lastSuccessAt: number | null;
  /**
   * When the data on screen was true, if it is not live: times in state stop there instead of
   * counting on as if the agents were still seen (null while live or when there is no data).
   */
  dataAsOf: number | null;
  /** The label already gives `dataAsOf` ("Stale since 14:05"): the detail does not say it again. */
  labelGivesAsOf?: boolean;
}

const PAUSE_REASONS = { user: 'by you', suspend: 'while the computer sleeps', lock: 'while the screen is locked', offline: 'while offline' } as const;

/**
 * The error's sentence for this mode. CXone's sentences speak of "the signed-in user"; on the demo
 * tenant nobody is signed in, so an access refusal is put in the demo's own words.
 */
function errorSentence(state: AppState, error: { kind: string; message: string }): string {
  if (state.mode === 'demo' && (error.kind === 'forbidden' || error.kind === 'unauthorized')) return 'The demo tenant refused the request.';
  return error.message;
}

/**
 * The ONE status of the window, from which the header, the list area and the buttons are all drawn,
 * so they can never say different things.
 */
export function connectionStatus(state: AppState, now: number): ConnectionStatus {
  const base = rawStatus(state, now);
  if (base.tone === 'live' || base.tone === 'idle' || base.dataAsOf === null || base.labelGivesAsOf) return base;
  const asOf = `Times in state are as of ${formatClock(base.dataAsOf, state.clockLocale)}.`;
  return { ...base, detail: base.detail ? `${base.detail} ${asOf}` : asOf };
}

function rawStatus(state: AppState, now: number): ConnectionStatus {
  const m = state.monitor;
  const last = 'lastSuccessAt' in m ? m.lastSuccessAt : null;
  const quiet = { lastSuccessAt: null, dataAsOf: last };
  // Nothing polls yet while the browser shows the sign-in page; "Signed out" would read as if nothing happened.
  if (state.mode === 'cxone' && state.session.kind === 'signing-in' && (m.kind === 'signed-out' || m.kind === 'idle')) {
    return { tone: 'busy', label: 'Signing in…', detail: null, lastSuccessAt: null, dataAsOf: null };
  }
  // The session is kept but cannot be renewed yet (e.g. the app started while the sign-in server was
  // down), so no feed runs: say that, with the countdown to the next try, not "Signed out".
  const session = state.session;
  if (state.mode === 'cxone' && session.kind === 'reconnecting' && (m.kind === 'signed-out' || m.kind === 'idle')) {
    const s = Math.max(0, Math.ceil((session.retryAt - now) / 1000));
    return { tone: 'busy', label: s > 0 ? `Reconnecting in ${s} s` : 'Reconnecting…', detail: session.message, lastSuccessAt: null, dataAsOf: null };
  }
  // The feed could not start: the banner above says why; "Signed out" or "Idle" would contradict it.
  if (feedStartFailure(state.notices, m) !== null && !isSignedOut(state)) return { tone: 'error', label: 'Could not start', detail: null, lastSuccessAt: null, dataAsOf: null };
  if (state.pollingPaused && m.kind !== 'paused') return { tone: 'paused', label: 'Paused', detail: 'Polling is paused.', ...quiet };
  switch (m.kind) {
    case 'live':
      return { tone: 'live', label: 'Live', detail: m.issue ? issueWords(m.issue) : null, lastSuccessAt: last, dataAsOf: null };
    case 'stale':
      // A list CXone did not send whole: it answers, and the agents it sent are current; those missing
      // from it show their last state.
      if (m.issue && !m.issue.complete) return { tone: 'stale', label: 'Partly stale', detail: issueWords(m.issue), lastSuccessAt: last, dataAsOf: null };
      return {
        tone: 'stale',
        label: last ? `Stale since ${formatClock(last, state.clockLocale)}` : 'Stale',
        detail: last ? 'Showing the last data received; CXone has not answered since, so times in state stop there.' : 'Showing the last data received; CXone has not answered since.',
        ...quiet,
        labelGivesAsOf: last !== null,
      };
    case 'paused':
      return { tone: 'paused', label: 'Paused', detail: `Paused ${PAUSE_REASONS[m.reason]}.`, ...quiet };
    case 'backing-off': {
      const s = Math.max(0, Math.ceil((m.nextAttemptAt - now) / 1000));
      return { tone: 'busy', label: s > 0 ? `Reconnecting in ${s} s` : 'Reconnecting…', detail: errorSentence(state, m.error), ...quiet };
    }
    case 'error':
      return { tone: 'error', label: 'Error', detail: errorSentence(state, m.error), ...quiet };
    case 'starting':
      return { tone: 'busy', label: 'Connecting…', detail: null, lastSuccessAt: null, dataAsOf: null };
    case 'signed-out':
      return { tone: 'idle', label: 'Signed out', detail: null, lastSuccessAt: null, dataAsOf: null };
    case 'idle':
      return { tone: 'idle', label: 'Idle', detail: null, lastSuccessAt: null, dataAsOf: null };
  }
}

/** What the status says about the data itself (main/monitor/status.ts ReadIssue), in words. */
export function issueWords(issue: ReadIssue): string {
  const lost = issue.leftOut > 0 ? `${count(issue.leftOut, 'item')} CXone sent could not be read (${issue.reason}). ` : `${issue.reason} `;
  return issue.complete ? lost.trim() : `${lost}Agents missing from the list show their last known state.`;
}

export function isSignedOut(state: AppState): boolean {
  if (state.mode === 'demo') return false;
  const k = state.session.kind;
  return k === 'signed-out' || k === 'expired' || k === 'error' || k === 'signing-in';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
