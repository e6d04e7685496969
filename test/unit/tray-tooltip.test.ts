import { describe, expect, it } from 'vitest';
import { trayTooltip, type TooltipInput } from '../../main/app';
import { TOOLTIP_LIMITS, fitTooltip, tooltipLimit } from '../../main/tray-tooltip';

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
    ).toMatch(/— error, waiting for the first update — CXone is temporarily unavailable\.$/);
    expect(trayTooltip({ ...base, notifications: { until: Date.UTC(2026, 0, 1, 15, 5), indefinitely: false } })).toMatch(/updated at 14:05 · notifications paused until 15:05$/);
    expect(trayTooltip({ ...base, notifications: { until: null, indefinitely: true } })).toMatch(/ · notifications paused$/);
  });
});

describe('tray tooltip within the platform limit', () => {
  // CXone's answer to a 429 as the client words it, plus the server's own text: 257 characters in all before.
  const rateLimited: TooltipInput['status'] = {
    kind: 'backing-off',
    nextAttemptAt: 0,
    lastSuccessAt: Date.UTC(2026, 0, 1, 14, 5),
    error: {
      kind: 'rate-limited',
      message:
        'CXone is limiting requests (HTTP 429: Too Many Requests - The rate limit for this business unit has been exceeded, please retry after the period given in Retry-After). The app waits 60 s before the next poll.',
    },
  };
  const paused = { until: Date.UTC(2026, 0, 1, 15, 5), indefinitely: false };

  it('keeps counts, "updated at" and "notifications paused" on Windows and shortens the server text', () => {
    const full = trayTooltip({ ...base, status: rateLimited, notifications: paused });
    expect(full.length).toBeGreaterThan(TOOLTIP_LIMITS.win32);
    const win = trayTooltip({ ...base, status: rateLimited, notifications: paused, maxLength: tooltipLimit('win32') });
    expect(win.length).toBeLessThanOrEqual(127);
    expect(win).toBe('CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — error, updated at 14:05 · notifications paused until 15:05');
    // With room to spare, the server's words follow, shortened at a word.
    const roomy = trayTooltip({ ...base, status: rateLimited, maxLength: tooltipLimit('win32') });
    expect(roomy.length).toBeLessThanOrEqual(127);
    expect(roomy).toMatch(/^CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — error, updated at 14:05 — CXone is limiting requests .*\S…$/);
  });

  it('shows the whole server text where the platform allows it', () => {
    const linux = trayTooltip({ ...base, status: rateLimited, notifications: paused, maxLength: tooltipLimit('linux') });
    expect(linux).toContain('The app waits 60 s before the next poll.');
    expect(tooltipLimit('darwin')).toBe(tooltipLimit('linux'));
  });

  it('gives up the smaller counts before the facts when even those do not fit', () => {
    const many = { available: 1200, 'on-contact': 3000, unavailable: 500, acw: 40, 'logged-out': 4, other: 0 };
    const win = trayTooltip({ ...base, demo: true, counts: many, status: rateLimited, notifications: paused, maxLength: 120 });
    expect(win.length).toBeLessThanOrEqual(120);
    expect(win).toMatch(/^CXone Agent Tray \(demo\) — 1200 available · .*…/);
    expect(win).toContain('updated at 14:05 · notifications paused until 15:05');
  });

  it('fits any text, however long, and never cuts mid-word when a space is near', () => {
    for (let n = 0; n < 400; n += 37) {
      const out = fitTooltip({ title: 'CXone Agent Tray', facts: ['reconnecting to the sign-in server'], detail: 'word '.repeat(n) }, 127);
      expect(out.length).toBeLessThanOrEqual(127);
      expect(out).toMatch(/^CXone Agent Tray — reconnecting to the sign-in server/);
      expect(out).not.toMatch(/wor…$|wo…$|w…$/);
    }
  });
});
