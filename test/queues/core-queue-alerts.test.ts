// Queue rules through the real core against the demo tenant over HTTP on 127.0.0.1: nothing for what
// the first answer shows (no storm at start), one notification when a queue passes its limit, and the
// tray model's waiting count and badge. The skills/activity answers pass through a small rewriter that
// sets one skill's queue (the core keeps its simulator to itself), as the e2e harness does.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import type { Core } from '../../main/core/types';
import type { FetchLike } from '../../main/ports';
import type { QueueState } from '../../main/queues/model';
import { until } from '../harness/until';
import { createTestPorts, type TestPorts } from '../harness/core-ports';

let core: Core | null = null;
let ports: TestPorts | null = null;
afterEach(async () => {
  await core?.stop();
  ports?.cleanup();
  core = null;
  ports = null;
});

/** Rewrites skills/activity answers: the forced skills say these counts, waiting since `since`. */
function queueRewriter(forced: Map<number, { queueCount: number; since: number }>): FetchLike {
  // Delta answers name only the skills that changed: a forced skill is added from its last full item.
  const lastSeen = new Map<number, Record<string, unknown>>();
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!new URL(String(input)).pathname.endsWith('/skills/activity') || response.status !== 200) return response;
    const body = (await response.json()) as { skillActivity?: Record<string, unknown>[] };
    const items = new Map((body.skillActivity ?? []).map((i) => [i.skillId as number, i] as const));
    for (const [id, item] of items) lastSeen.set(id, item);
    for (const [id, f] of forced) {
      const seen = lastSeen.get(id);
      if (seen) items.set(id, { ...seen, queueCount: f.queueCount, skillQueueCount: f.queueCount, earliestQueueTime: new Date(f.since).toISOString() });
    }
    body.skillActivity = [...items.values()];
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: 200, headers });
  };
}

const queues = (c: Core): QueueState => c.handlers.getQueues(undefined) as QueueState;

describe('core: queue rules on the demo tenant', () => {
  it('no notification for queues already over their limit at start; one when a queue passes it later; the badge counts waiting', async () => {
    const forced = new Map([
      [5001, { queueCount: 0, since: Date.now() }],
      [5002, { queueCount: 4, since: Date.now() - 30_000 }],
    ]);
    ports = createTestPorts({
      fetch: queueRewriter(forced),
      settings: {
        mode: 'demo',
        demo: { agents: 40, seed: 5 },
        // No poll by itself during the test: only refreshNow moves the data.
        pollIntervalSeconds: 600,
        trayBadge: 'waiting',
        // Agent changes do not notify here (refreshNow polls the agents too, and they would be coalesced with it).
        notifications: { toAvailable: false, toUnavailable: false, toLoggedOut: false, cooldownSeconds: 0, queueRules: [{ skillId: null, kind: 'waiting-over', threshold: 0 }, { skillId: 5001, kind: 'waiting-over', threshold: 5 }] },
      },
    });
    core = createCore(ports);
    await core.start();
    const c = core;
    await until('live queues', () => queues(c).status === 'live' && queues(c).skills.find((s) => s.skillId === 5002)?.queueCount === 4);
    // Skill 5002 (and any other with someone waiting) is over "more than 0" from the first answer: old news.
    await new Promise((r) => setTimeout(r, 3_500)); // past the 3 s burst window
    expect(ports.notifications.filter((n) => n.title.includes('waiting'))).toEqual([]);
    const tray = c.trayModel();
    expect(tray.badge).toBe('waiting');
    expect(tray.waitingCount).toBe(queues(c).skills.reduce((n, s) => n + s.queueCount, 0));
    expect(tray.tooltip).toMatch(/^CXone Agent Tray \(demo\) — .+ waiting/);

    // Support Phone goes from 0 to 9 waiting: over its own limit of 5 (its rule beats "more than 0").
    forced.set(5001, { queueCount: 9, since: Date.now() - 20_000 });
    c.handlers.refreshNow(undefined);
    await until('the queue notification', () => ports!.notifications.find((n) => n.title.includes('Support Phone')), 15_000);
    expect(ports.notifications.filter((n) => n.title.includes('waiting'))).toEqual([
      { title: 'Support Phone: 9 waiting', body: expect.stringMatching(/^More than 5 contacts waiting · longest wait \d+:\d\d$/) as unknown as string },
    ]);
  });
});
