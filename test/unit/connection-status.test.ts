// The header's words for a poll whose data was not all readable (main/monitor/status.ts ReadIssue).
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../preload/contract';
import { defaultSettings } from '../../main/settings/schema';
import { connectionStatus, formatClock, issueWords } from '../../renderer/src/format';

describe('issueWords', () => {
  it('says how many items were left out and why, and what a partial list means for the rest', () => {
    expect(issueWords({ leftOut: 2, reason: 'agentStates[4].agentId is missing', complete: true })).toBe('2 items CXone sent could not be read (agentStates[4].agentId is missing).');
    expect(issueWords({ leftOut: 0, reason: 'CXone said totalRecords 60 but sent 45 after 3 pages.', complete: false })).toBe(
      'CXone said totalRecords 60 but sent 45 after 3 pages. Agents missing from the list show their last known state.',
    );
  });
});

describe('connectionStatus', () => {
  const state = (monitor: AppState['monitor']): AppState => ({
    mode: 'demo',
    tenantLabel: 'Demo tenant',
    session: { kind: 'signed-out' },
    monitor,
    settings: defaultSettings(),
    notices: [],
    notificationsPausedUntil: null,
    notificationsPausedIndefinitely: false,
    pollingPaused: false,
    paths: { settings: '/s', logs: '/l' },
  });

  it('stale: the time is said once — in the label — and the detail says the times stop there', () => {
    const last = Date.UTC(2026, 10, 29, 14, 5, 0);
    const s = connectionStatus(state({ kind: 'stale', lastSuccessAt: last }), last + 90_000);
    const clock = formatClock(last);
    expect(s.label).toBe(`Stale since ${clock}`);
    expect(`${s.label} ${s.detail}`.split(clock)).toHaveLength(2);
    expect(s.detail).toMatch(/times in state stop there/);
    expect(s.dataAsOf).toBe(last);
  });

  it('error: the detail gives the time the data is from, since the label does not', () => {
    const last = Date.UTC(2026, 10, 29, 14, 5, 0);
    const s = connectionStatus(state({ kind: 'error', lastSuccessAt: last, error: { kind: 'forbidden', message: 'The demo tenant refused the request.' } }), last + 90_000);
    expect(s.label).toBe('Error');
    expect(s.detail).toContain(`Times in state are as of ${formatClock(last)}.`);
  });
});
