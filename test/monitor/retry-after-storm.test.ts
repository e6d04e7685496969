// The defect as it was found: the simulated tenant answers 429 with `Retry-After: 3000000` (34 days),
// the real client and poller run on the real system clock. Node fires a timer above 2^31−1 ms after
// 1 ms, so the uncapped wait became 541 requests in 3 s. Now: one request, then a capped wait.
import { afterEach, describe, expect, it } from 'vitest';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createPoller } from '../../main/monitor/poller';
import type { MonitorStatus } from '../../main/monitor/status';
import { systemClock } from '../../main/ports';
import { until } from '../harness/until';

let server: SimulatorServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('a huge Retry-After on the real clock', () => {
  it('makes no request storm and says the wait was capped', async () => {
    server = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 5 }) });
    server.faults.add({ kind: 'status', status: 429, retryAfter: '3000000', path: 'agents/states' });
    const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {} });
    const poller = createPoller({ source: client, clock: systemClock });
    const statuses: MonitorStatus[] = [];
    poller.onStatus((s) => statuses.push(s));
    poller.start();
    try {
      await until('the first 429 answered', () => statuses.some((s) => s.kind === 'backing-off'));
      // Then long enough for hundreds of requests if the wait collapsed to 1 ms (it did: 541 in 3 s).
      await new Promise((r) => setTimeout(r, 1_500));
      const calls = server.requests.filter((r) => r.path.endsWith('agents/states')).length;
      expect(calls).toBe(1);
      const last = statuses.at(-1)!;
      expect(last.kind).toBe('backing-off');
      if (last.kind === 'backing-off') {
        expect(last.error.message).toMatch(/asked the app to wait 34\.7 days; it tries again after 10 min instead/);
        expect(last.nextAttemptAt - Date.now()).toBeGreaterThan(9 * 60_000);
      }
    } finally {
      poller.stop();
    }
  });
});
