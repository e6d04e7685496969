// The glance over the watched queues (main/queues/queue-summary.ts) from skills read out of v34-shaped
// skills/activity items: which queue the tooltip leads with whatever CXone's order, the words it says
// (the total, the service level, the time the wait began), the service level words the strip shows,
// and the tray's "waiting" count only while there is queue data.
import { describe, expect, it } from 'vitest';
import { buildTrayModel } from '../../main/core/tray-model';
import { QUEUES_OFF, queueStateSchema, type QueueState, type SkillQueue } from '../../main/queues/model';
import { SERVICE_LEVEL_WORDS, formatWait, queueTooltipLead, totalWaiting, worstQueue } from '../../main/queues/queue-summary';
import { parseSkillActivityPage } from '../../main/queues/skill-activity';

/** One watched skill as the feed publishes it, read from a skills/activity item as CXone sends it. */
function queue(skillId: number, skillName: string, queueCount: number, earliestQueueTime: string | null, serviceLevel = 90): SkillQueue {
  const item: Record<string, unknown> = {
    skillId, skillName, mediaTypeName: 'PhoneCall', isOutbound: false, queueCount, agentsAvailable: 1, agentsUnavailable: 0, agentsACW: 0,
    agentsWorking: 2, agentsLoggedIn: 3, inSLA: 9, outSLA: 1, serviceLevel, serviceLevelGoal: 80, serviceLevelThreshold: 30,
    serverTime: '2026-01-01T14:10:00.000Z',
  };
  if (earliestQueueTime !== null) item.earliestQueueTime = earliestQueueTime;
  const [s] = parseSkillActivityPage({ lastPollTime: '2026-01-01T14:10:00.000Z', skillActivity: [item] }).skills;
  return { ...s!, agentIds: null };
}

const state = (skills: SkillQueue[], status: QueueState['status'] = 'live'): QueueState => ({ status, reason: null, skills, updatedAt: 0, serverOffsetMs: 0 });
const fmt = (ms: number) => new Date(ms).toISOString().slice(11, 16);
/** Both orders of two skills: CXone's order must not pick the worst one. */
const bothOrders = (a: SkillQueue, b: SkillQueue) => [worstQueue([a, b])?.skillName, worstQueue([b, a])?.skillName];

describe('the worst queue, whatever CXone’s order', () => {
  const at = (hhmm: string) => `2026-01-01T${hhmm}:00.000Z`;

  it('the longest wait wins over a longer queue listed before or after it', () => {
    const billing = queue(1, 'Billing', 2, at('14:01'));
    const sales = queue(2, 'Sales', 9, at('14:05'));
    expect(bothOrders(billing, sales)).toEqual(['Billing', 'Billing']);
  });

  it('on the same wait, the longer queue; on the same length too, the worse service level', () => {
    const same = at('14:00');
    expect(bothOrders(queue(1, 'Chat', 2, same), queue(2, 'Mail', 5, same))).toEqual(['Mail', 'Mail']);
    // 60 % of an 80 % goal is breached, 77 % at risk.
    expect(bothOrders(queue(1, 'Chat', 3, same, 77), queue(2, 'Mail', 3, same, 60))).toEqual(['Mail', 'Mail']);
    // A worse level does not beat a longer queue.
    expect(bothOrders(queue(1, 'Chat', 4, same, 90), queue(2, 'Mail', 3, same, 60))).toEqual(['Chat', 'Chat']);
  });

  it('nobody waiting anywhere: the worse service level; a full tie keeps CXone’s first', () => {
    expect(bothOrders(queue(1, 'Chat', 0, null, 90), queue(2, 'Mail', 0, null, 60))).toEqual(['Mail', 'Mail']);
    expect(worstQueue([queue(1, 'Chat', 0, null), queue(2, 'Mail', 0, null)])?.skillName).toBe('Chat');
    expect(worstQueue([queue(1, 'Chat', 0, null)])?.skillName).toBe('Chat');
    const same = at('14:00');
    expect(worstQueue([queue(1, 'Chat', 3, same), queue(2, 'Mail', 3, same)])?.skillName).toBe('Chat');
  });
});

describe('the tooltip’s lead', () => {
  const at = (hhmm: string) => `2026-01-01T${hhmm}:00.000Z`;

  it('says the service level only when it needs a look: breached or at risk', () => {
    expect(queueTooltipLead(state([queue(1, 'Billing', 4, at('14:01'), 60)]), fmt)).toEqual(['Billing: 4 waiting since 14:01, service level breached']);
    expect(queueTooltipLead(state([queue(1, 'Billing', 4, at('14:01'), 77)]), fmt)).toEqual(['Billing: 4 waiting since 14:01, service level at risk']);
    expect(queueTooltipLead(state([queue(1, 'Billing', 4, at('14:01'), 90)]), fmt)).toEqual(['Billing: 4 waiting since 14:01']);
    const noLevel = queue(1, 'Billing', 4, at('14:01'));
    expect(noLevel.serviceLevelStatus).toBe('meeting');
    expect(queueTooltipLead(state([{ ...noLevel, serviceLevel: null, serviceLevelStatus: 'unknown' }]), fmt)).toEqual(['Billing: 4 waiting since 14:01']);
  });

  it('people waiting without a readable start time (fields= left it out): the count, no "since"', () => {
    const s = queue(1, 'Billing', 4, 'soon');
    expect(s).toMatchObject({ queueCount: 4, earliestQueueTime: null });
    expect(queueTooltipLead(state([s]), fmt)).toEqual(['Billing: 4 waiting']);
  });

  it('adds the total only when other queues have people waiting too', () => {
    const billing = queue(1, 'Billing', 4, at('14:01'));
    expect(queueTooltipLead(state([billing, queue(2, 'Chat', 0, null)]), fmt)).toEqual(['Billing: 4 waiting since 14:01']);
    expect(queueTooltipLead(state([billing, queue(2, 'Chat', 3, at('14:06'))]), fmt)).toEqual(['Billing: 4 waiting since 14:01', '7 waiting in 2 queues']);
  });

  it('says nothing about queues when no skill is watched', () => {
    expect(queueTooltipLead(state([]), fmt)).toEqual([]);
  });
});

describe('what the strip and the tray icon show', () => {
  it('the service level in words that stand without their colour', () => {
    expect(SERVICE_LEVEL_WORDS).toEqual({ meeting: 'on goal', 'at-risk': 'at risk', breached: 'breached', unknown: 'no level' });
    expect(SERVICE_LEVEL_WORDS[queue(1, 'Billing', 4, null, 60).serviceLevelStatus]).toBe('breached');
  });

  it('the tray’s waiting count: the sum over the watched queues with data, none without', () => {
    const skills = [queue(1, 'Billing', 4, '2026-01-01T14:01:00Z'), queue(2, 'Chat', 0, null), queue(3, 'Mail', 7, '2026-01-01T13:01:00Z')];
    expect(totalWaiting(state(skills))).toBe(11);
    expect(totalWaiting(state(skills, 'stale'))).toBe(11);
    for (const status of ['loading', 'error', 'unavailable'] as const) expect(totalWaiting(state(skills, status)), status).toBeNull();
    expect(totalWaiting(QUEUES_OFF)).toBeNull();
    expect(totalWaiting(null)).toBeNull();
  });

  it('the tray model carries that count', () => {
    const input = {
      mode: 'demo' as const,
      session: { kind: 'signed-out' as const },
      monitor: { kind: 'live' as const, lastSuccessAt: Date.UTC(2026, 0, 1, 14, 5) },
      counts: null,
      badge: 'waiting' as const,
      notifications: { until: null, indefinitely: false },
      tokenRefused: false,
      pollingPaused: false,
      feedStartError: null,
      formatTime: fmt,
      platform: 'linux' as const,
    };
    expect(buildTrayModel({ ...input, queues: state([queue(1, 'Billing', 4, '2026-01-01T14:01:00Z')]) }).waitingCount).toBe(4);
    expect(buildTrayModel({ ...input, queues: state([queue(1, 'Billing', 4, '2026-01-01T14:01:00Z')], 'error') }).waitingCount).toBeNull();
  });
});

// Found by a mutation review of main/queues/queue-summary.ts: the wait's own wording had no test.
describe('a wait as a notification and the tray say it', () => {
  it('minutes and two-digit seconds; hours when it runs past one; never negative', () => {
    expect(formatWait(185_000)).toBe('3:05');
    expect(formatWait(59_999)).toBe('0:59');
    expect(formatWait(3_727_000)).toBe('1:02:07');
    expect(formatWait(36_000_000)).toBe('10:00:00');
    // A server clock a little ahead of the queue entry must not read as "-0:01".
    expect(formatWait(-1_500)).toBe('0:00');
  });
});

// Found by a mutation review of main/queues/model.ts: the IPC contract's queue shape had no test of its own.
describe('the published queue state (the IPC contract, model.ts)', () => {
  it('every status and service level status passes through unchanged; a negative count, an unknown status or a fractional id does not', () => {
    const at = '2026-01-01T14:01:00.000Z';
    // 90 %, 77 % and 60 % of an 80 % goal: on goal, at risk, breached; and one with no level.
    const skills = [queue(1, 'A', 2, at, 90), queue(2, 'B', 1, at, 77), queue(3, 'C', 0, null, 60), { ...queue(4, 'D', 0, null), serviceLevel: null, serviceLevelStatus: 'unknown' as const, agentIds: [7, 9] }];
    expect(skills.map((q) => q.serviceLevelStatus)).toEqual(['meeting', 'at-risk', 'breached', 'unknown']);
    for (const status of ['off', 'loading', 'live', 'stale', 'error', 'unavailable'] as const) {
      const s: QueueState = { ...state(skills, status), knownSkills: [{ skillId: 1, skillName: 'A' }] };
      expect(queueStateSchema.parse(s), status).toEqual(s);
    }
    expect(queueStateSchema.parse(QUEUES_OFF)).toEqual({ status: 'off', reason: null, skills: [], updatedAt: null, serverOffsetMs: 0 });
    const one = skills[0]!;
    expect(queueStateSchema.safeParse(state([{ ...one, queueCount: -1 }])).success).toBe(false);
    expect(queueStateSchema.safeParse(state([{ ...one, queueCount: 2.5 }])).success).toBe(false);
    expect(queueStateSchema.safeParse({ ...state([one]), status: 'paused' }).success).toBe(false);
    expect(queueStateSchema.safeParse(state([{ ...one, serviceLevelStatus: 'late' as never }])).success).toBe(false);
  });
});
