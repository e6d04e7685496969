import { describe, expect, it } from 'vitest';
import { trayTooltip, type TooltipInput } from '../../main/app';

const counts = { available: 12, 'on-contact': 30, unavailable: 5, acw: 0, 'logged-out': 4, other: 0 };
const base: TooltipInput = {
  counts,
  status: { kind: 'live', lastSuccessAt: Date.UTC(2026, 0, 1, 14, 5) },
  demo: false,
  signedIn: true,
  notifications: { until: null, indefinitely: false },
  formatTime: (ms) => new Date(ms).toISOString().slice(11, 16),
};

describe('tray tooltip', () => {
  it('summarizes the counts and when the data is from, as a clock time', () => {
    expect(trayTooltip(base)).toBe('CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — updated at 14:05');
  });

  it('says demo, signed out, stale, errors and paused notifications in words', () => {
    expect(trayTooltip({ ...base, demo: true })).toMatch(/^CXone Agent Tray \(demo\) — 12 available/);
    expect(trayTooltip({ ...base, signedIn: false })).toBe('CXone Agent Tray — signed out');
    expect(trayTooltip({ ...base, status: { kind: 'stale', lastSuccessAt: Date.UTC(2026, 0, 1, 13, 50) } })).toMatch(/— stale, updated at 13:50$/);
    expect(
      trayTooltip({ ...base, status: { kind: 'backing-off', nextAttemptAt: 0, lastSuccessAt: null, error: { kind: 'unavailable', message: 'CXone is temporarily unavailable.' } } }),
    ).toMatch(/error: CXone is temporarily unavailable\., waiting for the first update$/);
    expect(trayTooltip({ ...base, notifications: { until: Date.UTC(2026, 0, 1, 15, 5), indefinitely: false } })).toMatch(/updated at 14:05 · notifications paused until 15:05$/);
    expect(trayTooltip({ ...base, notifications: { until: null, indefinitely: true } })).toMatch(/ · notifications paused$/);
  });
});
