import { describe, expect, it } from 'vitest';
import { trayTooltip, type TooltipInput } from '../../main/core/app';
import { TOOLTIP_LIMITS, fitTooltip, tooltipLimit } from '../../main/core/tray-tooltip';
import type { QueueState, SkillQueue } from '../../main/queues/model';
import { queueTooltipLead, worstQueue } from '../../main/queues/queue-summary';

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

describe('tray tooltip leads with the worst queue', () => {
  const skill = (skillId: number, skillName: string, queueCount: number, since: string | null, serviceLevelStatus: SkillQueue['serviceLevelStatus'] = 'meeting'): SkillQueue => ({
    skillId,
    skillName,
    mediaTypeName: 'Phone Call',
    isOutbound: false,
    queueCount,
    earliestQueueTime: since,
    agentsAvailable: 1,
    agentsUnavailable: 0,
    agentsACW: 0,
    agentsWorking: 1,
    agentsLoggedIn: 2,
    serviceLevel: 70,
    serviceLevelGoal: 80,
    serviceLevelThreshold: 30,
    serviceLevelStatus,
    agentIds: null,
  });
  const state = (skills: SkillQueue[], status: QueueState['status'] = 'live'): QueueState => ({ status, reason: null, skills, updatedAt: 0, serverOffsetMs: 60_000 });
  const fmt = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  const skills = [
    skill(1, 'Sales', 9, '2026-01-01T14:03:00.000Z'),
    skill(2, 'Billing', 4, '2026-01-01T14:01:00.000Z', 'breached'),
    skill(3, 'Chat', 0, null, 'breached'),
  ];

  it('the longest wait is the worst; its start in local clock time (server offset taken off), then the total', () => {
    expect(worstQueue(skills)?.skillName).toBe('Billing');
    // The server runs a minute ahead: 14:01 on its clock is 14:00 here.
    const lead = queueTooltipLead(state(skills), fmt);
    expect(lead).toEqual(['Billing: 4 waiting since 14:00, service level breached', '13 waiting in 3 queues']);
    expect(trayTooltip({ ...base, queueLead: lead })).toBe(
      'CXone Agent Tray — Billing: 4 waiting since 14:00, service level breached · 13 waiting in 3 queues · 12 available · 30 on contact · 5 unavailable — updated at 14:05',
    );
  });

  it('ties on wait go to the longer queue, then the worse service level', () => {
    const same = '2026-01-01T14:00:00.000Z';
    expect(worstQueue([skill(1, 'A', 2, same), skill(2, 'B', 5, same)])?.skillName).toBe('B');
    expect(worstQueue([skill(1, 'A', 2, same, 'at-risk'), skill(2, 'B', 2, same, 'breached')])?.skillName).toBe('B');
    expect(worstQueue([])).toBeNull();
  });

  it('says when nobody waits; says nothing without queue data', () => {
    expect(queueTooltipLead(state([skill(3, 'Chat', 0, null)]), fmt)).toEqual(['no one waiting in Chat']);
    expect(queueTooltipLead(state([skill(3, 'Chat', 0, null), skill(4, 'Mail', 0, null)]), fmt)).toEqual(['no one waiting in 2 queues']);
    for (const status of ['off', 'loading', 'error', 'unavailable'] as const) expect(queueTooltipLead(state(skills, status), fmt)).toEqual([]);
    expect(queueTooltipLead(state(skills, 'stale'), fmt)[0]).toMatch(/^Billing/);
  });

  it('on Windows the queue lead stays and the agent counts give way', () => {
    const lead = queueTooltipLead(state(skills), fmt);
    const win = trayTooltip({ ...base, queueLead: lead, notifications: { until: Date.UTC(2026, 0, 1, 15, 5), indefinitely: false }, maxLength: tooltipLimit('win32') });
    expect(win.length).toBeLessThanOrEqual(127);
    expect(win).toMatch(/^CXone Agent Tray — Billing: 4 waiting since 14:00, service level breached/);
    expect(win).toMatch(/notifications paused until 15:05$/);
  });

  it("on Windows a queue lead too long to fit with the facts is shortened at a word; the state, the time and the pause stay whole", () => {
    const paused = { until: Date.UTC(2026, 0, 1, 15, 5), indefinitely: false };
    const error: TooltipInput['status'] = { kind: 'backing-off', nextAttemptAt: 0, lastSuccessAt: Date.UTC(2026, 0, 1, 14, 5), error: { kind: 'unavailable', message: 'CXone is temporarily unavailable.' } };
    const lead = queueTooltipLead(state(skills), fmt);
    const win = trayTooltip({ ...base, queueLead: lead, status: error, notifications: paused, maxLength: tooltipLimit('win32') });
    expect(win.length).toBeLessThanOrEqual(127);
    expect(win).toBe('CXone Agent Tray — Billing: 4 waiting since 14:00, service level… — error, updated at 14:05 · notifications paused until 15:05');
    // A long skill name, live: the time and the pause were cut off before.
    const long = queueTooltipLead(state([skill(1, 'Customer Service Premium Billing Phone EN', 14, '2026-01-01T14:01:00.000Z', 'breached')]), fmt);
    const live = trayTooltip({ ...base, queueLead: long, notifications: paused, maxLength: tooltipLimit('win32') });
    expect(live.length).toBeLessThanOrEqual(127);
    expect(live).toBe('CXone Agent Tray — Customer Service Premium Billing Phone EN: 14… — updated at 14:05 · notifications paused until 15:05');
  });
});
