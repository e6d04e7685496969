// The tray icon's tooltip (main/core/tray-tooltip.ts): what it says in each state, in what order, and
// what gives way — the server's words, then the smaller counts — when the platform's limit is short.
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

  it('names every state agents are in (ACW too) and always the available count, even when nobody is available', () => {
    const quiet = { available: 0, 'on-contact': 3, unavailable: 0, acw: 2, 'logged-out': 9, other: 1 };
    expect(trayTooltip({ ...base, counts: quiet })).toBe('CXone Agent Tray — 0 available · 3 on contact · 2 in ACW — updated at 14:05');
  });

  it('before the first list: no counts, and says it waits for the first update', () => {
    expect(trayTooltip({ ...base, counts: null, status: { kind: 'starting' } })).toBe('CXone Agent Tray — waiting for the first update');
    expect(trayTooltip({ ...base, demo: true, counts: null, status: { kind: 'idle' } })).toBe('CXone Agent Tray (demo) — waiting for the first update');
  });

  it('says paused polling and a hard error in words, the error with CXone\'s own sentence', () => {
    const at = Date.UTC(2026, 0, 1, 13, 50);
    expect(trayTooltip({ ...base, status: { kind: 'paused', reason: 'user', lastSuccessAt: at } })).toBe(
      'CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — paused, updated at 13:50',
    );
    expect(trayTooltip({ ...base, status: { kind: 'error', lastSuccessAt: at, error: { kind: 'forbidden', message: 'CXone refused access to the agents.' } } })).toBe(
      'CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — error, updated at 13:50 — CXone refused access to the agents.',
    );
  });

  it("puts the server's words on one line: line breaks, tabs and runs of spaces become one space", () => {
    const status: TooltipInput['status'] = { kind: 'error', lastSuccessAt: null, error: { kind: 'unknown', message: '  The  server\r\n said:\tno. ' } };
    expect(trayTooltip({ ...base, counts: null, status })).toBe('CXone Agent Tray — error, waiting for the first update — The server said: no.');
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

  // Without the server's words: 82 characters in full.
  const agents = { title: 'CXone Agent Tray', counts: ['12 available', '30 on contact', '5 unavailable'], facts: ['updated at 14:05'] };
  const whole = 'CXone Agent Tray — 12 available · 30 on contact · 5 unavailable — updated at 14:05';

  it('keeps a tooltip whole when it is exactly as long as the platform allows', () => {
    expect(fitTooltip(agents, whole.length)).toBe(whole);
    const withDetail = `${whole} — CXone is temporarily unavailable.`;
    expect(fitTooltip({ ...agents, detail: 'CXone is temporarily unavailable.' }, withDetail.length)).toBe(withDetail);
    // No room for the server's words: they go, and counts that exactly fit stay.
    expect(fitTooltip({ ...agents, detail: 'CXone is temporarily unavailable.' }, whole.length)).toBe(whole);
    // A short sentence that fits whole is shown, however little room is left after it.
    expect(fitTooltip({ ...agents, detail: 'Timed out.' }, whole.length + ' — Timed out.'.length)).toBe(`${whole} — Timed out.`);
  });

  it('gives up the smallest counts one at a time, showing "…" for them while there is room for it', () => {
    expect(fitTooltip(agents, whole.length - 1)).toBe('CXone Agent Tray — 12 available · 30 on contact · … — updated at 14:05');
    expect(fitTooltip(agents, 60)).toBe('CXone Agent Tray — 12 available · … — updated at 14:05');
    expect(fitTooltip(agents, 50)).toBe('CXone Agent Tray — 12 available — updated at 14:05');
    // Without server words, room freed by a long count adds nothing after the facts.
    const long = { ...agents, counts: ['12 available', 'Customer Service Premium Billing Phone EN: 14 waiting since 14:00'] };
    expect(fitTooltip(long, 70)).toBe('CXone Agent Tray — 12 available · … — updated at 14:05');
    // Server words exactly as long as the room the counts left: whole.
    expect(fitTooltip({ ...long, detail: 'Network error' }, 70)).toBe('CXone Agent Tray — 12 available · … — updated at 14:05 — Network error');
    // One count left, 12 characters of room for it: shortened at a word, the facts whole.
    expect(fitTooltip({ ...agents, counts: ['Customer Service Premium Billing: 4 waiting'] }, 50)).toBe('CXone Agent Tray — Customer… — updated at 14:05');
    // No counts at all, and a limit too short for the facts: cut at the limit.
    expect(fitTooltip({ title: 'CXone Agent Tray', facts: ['reconnecting to the sign-in server'] }, 40)).toBe('CXone Agent Tray — reconnecting to the …');
    // Shorter than the first count and the facts together: cut at the limit, marked with "…".
    expect(fitTooltip(agents, 40)).toBe('CXone Agent Tray — 12 available — updat…');
  });

  it("adds the server's words only when at least 12 characters of them fit", () => {
    const detail = 'CXone is temporarily unavailable.';
    // Twelve characters of room: cut at the last space that fits, with "…".
    expect(fitTooltip({ ...agents, detail }, whole.length + ' — '.length + 12)).toBe(`${whole} — CXone is…`);
    expect(fitTooltip({ ...agents, detail }, whole.length + ' — '.length + 11)).toBe(whole);
  });

  it("cuts the server's words at a word in their second half, else mid-word, and never leaves a comma before the \"…\"", () => {
    const room = (n: number) => whole.length + ' — '.length + n;
    // The last space within reach is past the middle: cut there; the comma before it goes too.
    expect(fitTooltip({ ...agents, detail: 'Service unavailable, please retry later' }, room(25))).toBe(`${whole} — Service unavailable…`);
    // The only space is early: a mid-word cut keeps more of the sentence.
    expect(fitTooltip({ ...agents, detail: 'CXone: ServiceTemporarilyUnavailableForMaintenance' }, room(20))).toBe(`${whole} — CXone: ServiceTempo…`);
    // A space exactly in the middle is not past it: the cut stays mid-word.
    expect(fitTooltip({ ...agents, detail: 'Maintained unavailability' }, room(20))).toBe(`${whole} — Maintained unavaila…`);
    // A run of dots before the cut goes as a whole.
    expect(fitTooltip({ ...agents, detail: 'Retry later... or call support' }, room(16))).toBe(`${whole} — Retry later…`);
    // As long as the room exactly: whole.
    expect(fitTooltip({ ...agents, detail: 'Exactly twenty chars' }, room(20))).toBe(`${whole} — Exactly twenty chars`);
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
