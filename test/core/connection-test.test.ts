// Settings' "Test connection" (main/core/connection-test.ts) called as the core calls it, on a real
// sign-in server (oidc-provider on 127.0.0.1) and a real auth service: what it says when the sign-in
// server does not answer, and that a session which is not signed in does not run the API steps.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService } from '../../main/auth/auth-service';
import { testConnection } from '../../main/core/connection-test';
import { createMemorySecretStore } from '../../main/secrets';
import { createTestPorts, type TestPorts } from '../harness/core-ports';
import { startTestProvider, type TestProvider } from '../harness/oidc-provider';

let op: TestProvider;
beforeAll(async () => {
  op = await startTestProvider();
});
afterAll(() => op?.stop());

let ports: TestPorts | null = null;
afterEach(() => {
  ports?.cleanup();
  ports = null;
});

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function tenantPorts(issuer: string): TestPorts {
  ports = createTestPorts({ settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer, clientId: op.clientId } } });
  return ports;
}

describe('Test connection', () => {
  it('names the sign-in server as the step that failed when it does not answer, in words, and tries nothing after it', async () => {
    const port = await closedPort();
    const p = tenantPorts(`http://127.0.0.1:${port}/`);
    const r = await testConnection({ tenant: p.settings.get().tenant, fetch: p.fetch, clock: p.clock, logger: p.logger, session: null });
    expect(r.ok).toBe(false);
    expect(r.steps).toEqual([{ name: 'Sign-in server', ok: false, message: expect.stringMatching(new RegExp(`^Cannot reach the sign-in server 127\\.0\\.0\\.1:${port}\\b`)) }]);
  });

  it('skips the API steps for a session that is not signed in, as for no session', async () => {
    const p = tenantPorts(op.issuer);
    const tenant = p.settings.get().tenant;
    const service = createAuthService({
      config: { issuer: tenant.issuer, clientId: tenant.clientId, scopes: tenant.scopes, redirect: tenant.redirect },
      secrets: createMemorySecretStore(),
      opener: p.opener,
      notifier: p.notifier,
      clock: p.clock,
      logger: p.logger,
      fetch: p.fetch,
    });
    try {
      expect(service.identity()).toBeNull();
      const r = await testConnection({ tenant, fetch: p.fetch, clock: p.clock, logger: p.logger, session: service });
      expect(r).toEqual({
        ok: true,
        steps: [
          { name: 'Sign-in server', ok: true, message: `127.0.0.1:${op.port} answered discovery.` },
          { name: 'API', ok: true, skipped: true, message: 'Sign in to test the tenant’s API host and the agent states call.' },
        ],
      });
    } finally {
      service.dispose();
    }
  });
});
