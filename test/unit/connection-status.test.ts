// The header's words for a poll whose data was not all readable (main/monitor/status.ts ReadIssue).
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/contract';
import { defaultSettings } from '../../main/settings/schema';
import { connectionStatus, formatAgo, formatClock, isSignedOut, issueWords, sinceMs } from '../../renderer/src/format';

const T = Date.UTC(2026, 10, 29, 14, 5, 0);

describe('issueWords', () => {
  it('says how many items were left out and why, and what a partial list means for the rest', () => {
    expect(issueWords({ leftOut: 2, reason: 'agentStates[4].agentId is missing', complete: true })).toBe('2 items CXone sent could not be read (agentStates[4].agentId is missing).');
    expect(issueWords({ leftOut: 0, reason: 'CXone said totalRecords 60 but sent 45 after 3 pages.', complete: false })).toBe(
      'CXone said totalRecords 60 but sent 45 after 3 pages. Agents missing from the list show their last known state.',
    );
  });
});

describe('connectionStatus', () => {
  const state = (monitor: AppState['monitor'], more: Partial<AppState> = {}): AppState => ({
    mode: 'demo',
    tenantLabel: 'Demo tenant',
    session: { kind: 'signed-out' },
    ...more,
    monitor,
    settings: defaultSettings(),
    notices: [],
    notificationsPausedUntil: null,
    notificationsPausedIndefinitely: false,
    pollingPaused: more.pollingPaused ?? false,
    paths: { settings: '/s', logs: '/l' },
    clockLocale: more.clockLocale ?? null,
  });
  const issue = (complete: boolean) => ({ leftOut: 1, reason: 'agentStates[3].agentId is missing', complete });
  const cxone = (session: AppState['session']): Partial<AppState> => ({ mode: 'cxone', session });

  it('stale: the time is said once — in the label — and the detail says the times stop there', () => {
    const last = Date.UTC(2026, 10, 29, 14, 5, 0);
    const s = connectionStatus(state({ kind: 'stale', lastSuccessAt: last }), last + 90_000);
    const clock = formatClock(last, null);
    expect(s.label).toBe(`Stale since ${clock}`);
    expect(`${s.label} ${s.detail}`.split(clock)).toHaveLength(2);
    expect(s.detail).toMatch(/times in state stop there/);
    expect(s.dataAsOf).toBe(last);
  });

  it('error: the detail gives the time the data is from, since the label does not', () => {
    const last = Date.UTC(2026, 10, 29, 14, 5, 0);
    const s = connectionStatus(state({ kind: 'error', lastSuccessAt: last, error: { kind: 'forbidden', message: 'The demo tenant refused the request.' } }), last + 90_000);
    expect(s.label).toBe('Error');
    expect(s.detail).toContain(`Times in state are as of ${formatClock(last, null)}.`);
  });

  it('live: says a read issue in the detail, and never a time the data is from', () => {
    expect(connectionStatus(state({ kind: 'live', lastSuccessAt: T }), T)).toEqual({ tone: 'live', label: 'Live', detail: null, lastSuccessAt: T, dataAsOf: null });
    expect(connectionStatus(state({ kind: 'live', lastSuccessAt: T, issue: issue(true) }), T).detail).toBe('1 item CXone sent could not be read (agentStates[3].agentId is missing).');
  });

  it('a list CXone did not send whole is "Partly stale": current agents stay current, no "as of" time', () => {
    const s = connectionStatus(state({ kind: 'stale', lastSuccessAt: T, issue: issue(false) }), T + 5_000);
    expect(s).toMatchObject({ tone: 'stale', label: 'Partly stale', lastSuccessAt: T, dataAsOf: null });
    expect(s.detail).toMatch(/Agents missing from the list show their last known state\.$/);
  });

  it('signing in or reconnecting a kept session is said as such, not as "Signed out"', () => {
    const signingIn = cxone({ kind: 'signing-in', url: 'https://cxone.example/auth', startedAt: T });
    expect(connectionStatus(state({ kind: 'signed-out' }, signingIn), T).label).toBe('Signing in…');
    expect(connectionStatus(state({ kind: 'idle' }, signingIn), T).label).toBe('Signing in…');
    const reconnecting = (retryAt: number) => cxone({ kind: 'reconnecting', identity: null, retryAt, message: 'The sign-in server did not answer.' });
    expect(connectionStatus(state({ kind: 'idle' }, reconnecting(T + 20_500)), T)).toMatchObject({ tone: 'busy', label: 'Reconnecting in 21 s', detail: 'The sign-in server did not answer.' });
    expect(connectionStatus(state({ kind: 'signed-out' }, reconnecting(T - 1)), T).label).toBe('Reconnecting…');
    // On the demo tenant nobody signs in: the monitor's own status speaks.
    expect(connectionStatus(state({ kind: 'signed-out' }, { session: { kind: 'signing-in', url: 'x', startedAt: T } }), T).label).toBe('Signed out');
  });

  it('backing off: counts whole seconds up, says "Reconnecting…" once due, and gives the time the data is from', () => {
    const error = { kind: 'server', message: 'CXone answered 503.' };
    expect(connectionStatus(state({ kind: 'backing-off', nextAttemptAt: T + 4_200, error, lastSuccessAt: T - 60_000 }), T)).toMatchObject({
      tone: 'busy',
      label: 'Reconnecting in 5 s',
      detail: `CXone answered 503. Times in state are as of ${formatClock(T - 60_000, null)}.`,
    });
    expect(connectionStatus(state({ kind: 'backing-off', nextAttemptAt: T - 3_000, error, lastSuccessAt: null }), T)).toMatchObject({ label: 'Reconnecting…', detail: 'CXone answered 503.' });
  });

  it('paused polling wins over the last status, and says the data stops at the last answer', () => {
    const s = connectionStatus(state({ kind: 'live', lastSuccessAt: T }, { pollingPaused: true }), T + 60_000);
    expect(s).toMatchObject({ tone: 'paused', label: 'Paused', lastSuccessAt: null, dataAsOf: T });
    expect(s.detail).toBe(`Polling is paused. Times in state are as of ${formatClock(T, null)}.`);
  });

  it("writes its times in the OS's regional format (the state's clockLocale), not the window's default locale", () => {
    const last = new Date(2026, 10, 29, 14, 5, 9).getTime();
    const stale = (clockLocale: string | null) => connectionStatus(state({ kind: 'stale', lastSuccessAt: last }, { clockLocale }), last + 90_000).label;
    expect(stale('en-GB')).toBe('Stale since 14:05:09');
    expect(stale('en-US')).toMatch(/^Stale since 02:05:09\sPM$/);
    const error = { kind: 'server', message: 'CXone answered 503.' };
    expect(connectionStatus(state({ kind: 'error', error, lastSuccessAt: last }, { clockLocale: 'en-GB' }), last + 90_000).detail).toBe('CXone answered 503. Times in state are as of 14:05:09.');
    expect(formatAgo(last, last + 2 * 3_600_000, 'en-GB')).toBe('at 14:05:09');
  });

  it('an access refusal is put in the demo\'s own words there, and in CXone\'s on a real tenant', () => {
    const error = { kind: 'forbidden', message: 'The signed-in user may not read agent states.' };
    expect(connectionStatus(state({ kind: 'error', error, lastSuccessAt: null }), T).detail).toBe('The demo tenant refused the request.');
    const signedIn = cxone({ kind: 'signed-in', identity: { issuer: 'i', subject: 's', tenantId: null, tenant: null, userId: null, icAgentId: null, icBUId: null, icClusterId: null, area: null, name: null }, storage: 'keychain' });
    expect(connectionStatus(state({ kind: 'error', error, lastSuccessAt: null }, signedIn), T).detail).toBe('The signed-in user may not read agent states.');
  });
});

describe('formatAgo', () => {
  it('just now under 5 s, seconds under a minute, minutes under an hour, then the clock time', () => {
    expect(formatAgo(T - 4_000, T, null)).toBe('just now');
    expect(formatAgo(T - 5_000, T, null)).toBe('5 s ago');
    expect(formatAgo(T - 59_000, T, null)).toBe('59 s ago');
    expect(formatAgo(T - 60_000, T, null)).toBe('1 min ago');
    expect(formatAgo(T - 3_599_000, T, null)).toBe('59 min ago');
    expect(formatAgo(T - 3_600_000, T, null)).toBe(`at ${formatClock(T - 3_600_000, null)}`);
  });
});

describe('isSignedOut and sinceMs', () => {
  it('the demo is never signed out; a real tenant is while signing in, expired or in error', () => {
    expect(isSignedOut({ mode: 'demo', session: { kind: 'signed-out' } } as AppState)).toBe(false);
    for (const kind of ['signed-out', 'expired', 'error', 'signing-in'] as const) {
      expect(isSignedOut({ mode: 'cxone', session: { kind } } as AppState), kind).toBe(true);
    }
    expect(isSignedOut({ mode: 'cxone', session: { kind: 'refreshing' } } as AppState)).toBe(false);
  });

  it('reads a start time as CXone spells it, and one without a zone as UTC (as the server means it), on any local zone', () => {
    const zone = process.env.TZ;
    // Node applies a TZ set at run time: this computer is made to sit in New York for the reading.
    process.env.TZ = 'America/New_York';
    try {
      expect(new Date(T).getHours()).toBe(9);
      expect(sinceMs({ startDate: '2026-11-29T14:05:00.000Z' })).toBe(T);
      expect(sinceMs({ startDate: '2026-11-29T14:05:00' })).toBe(T);
      expect(sinceMs({ startDate: null })).toBeNull();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
