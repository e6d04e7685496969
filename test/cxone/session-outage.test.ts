// The client, the poller and the real session together: a sign-in server outage that outlasts the
// access token must look like an outage (back off, retry), never like a sign-out that stops polling
// for good. Real oidc-provider and simulator on 127.0.0.1; the session plays the app's auth.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthService } from '../../main/auth/auth-service';
import { createCxoneClient } from '../../main/cxone/client';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createPoller } from '../../main/monitor/poller';
import type { PollerStatus } from '../../main/monitor/status';
import { silentLogger } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { ManualClock, RecordingNotifier, ScriptedOpener } from '../auth/helpers';

const TTL = 3600;
let op: TestProvider;
let server: SimulatorServer;

beforeAll(async () => {
  op = await startTestProvider({ accessTokenTtlSeconds: TTL });
  server = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 12, seed: 5 }) });
});
afterAll(async () => {
  await server?.stop();
  await op?.stop();
});

describe('session outage under polling', () => {
  it('an unreachable sign-in server past token expiry backs the poller off; it goes live again once renewal works', async () => {
    // Auth and poller share a clock that moves only when told; the client keeps real time for its timeouts.
    const clock = new ManualClock();
    const auth = createAuthService({
      config: { issuer: op.issuer, clientId: op.clientId, scopes: ['openid'], redirect: { mode: 'any-loopback' } },
      secrets: createMemorySecretStore(),
      opener: new ScriptedOpener((url) => headlessLogin(url)),
      notifier: new RecordingNotifier(),
      clock,
      logger: silentLogger,
    });
    await auth.signIn();
    const client = createCxoneClient({
      baseUrl: server.apiBase,
      getAccessToken: () => auth.getAccessToken(),
      onUnauthorized: (refused) => auth.invalidateAccessToken(refused),
    });
    const poller = createPoller({ source: client, clock, intervalMs: 10_000, random: () => 0.5 });
    const seen: PollerStatus['kind'][] = [];
    poller.onStatus((s) => seen.push(s.kind));
    try {
      poller.start();
      await vi.waitFor(() => expect(poller.status().kind).toBe('live'));

      op.setOutage(true);
      clock.jump(TTL * 1000 + 1); // the access token has expired and cannot be renewed
      poller.refreshNow();
      await vi.waitFor(() => expect(poller.status().kind).toBe('backing-off'));
      const status = poller.status();
      expect(status.kind === 'backing-off' && status.error.kind).toBe('network');
      expect(auth.status().kind).toBe('reconnecting');
      // Never shown as a refused sign-in (an 'error' waits for a new sign-in), only as an outage.
      expect(seen).not.toContain('error');

      op.setOutage(false);
      poller.refreshNow();
      await vi.waitFor(() => expect(poller.status().kind).toBe('live'));
      expect(auth.status().kind).toBe('signed-in');
      expect(seen).not.toContain('error');
    } finally {
      poller.stop();
      auth.dispose();
    }
  });
});
