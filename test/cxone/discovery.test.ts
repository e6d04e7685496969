// API discovery against the simulated tenant's /.well-known/cxone-configuration on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBaseUrl, createDiscoveryCache, discoverCxoneConfiguration, resolveApiBase } from '../../main/cxone/discovery';
import { startSimulatorServer } from '../../main/demo/server';
import type { SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { failure } from './failure';

let server: SimulatorServer;
const discoveryHits = () => server.requests.filter((r) => r.path === '/.well-known/cxone-configuration').length;

beforeAll(async () => {
  server = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 3 }), tenantId: 'tenant-a', issuer: 'https://cxone.niceincontact.com' });
});
afterAll(() => server.stop());

describe('discovery', () => {
  it('finds api_endpoint and the other fields, then answers from the cache', async () => {
    const cache = createDiscoveryCache();
    const before = discoveryHits();
    const c = await discoverCxoneConfiguration({ issuer: server.url, tenantId: 'tenant-a', cache });
    expect(c).toMatchObject({ apiEndpoint: server.url, area: 'sim1', cluster: 'SIM1', tenantId: 'tenant-a', authEndpoint: 'https://cxone.niceincontact.com', private: false });
    await discoverCxoneConfiguration({ issuer: server.url + '/', tenantId: 'tenant-a', cache });
    expect(discoveryHits() - before).toBe(1);
    // Another cache (another session) asks again.
    await discoverCxoneConfiguration({ issuer: server.url, tenantId: 'tenant-a', cache: createDiscoveryCache() });
    expect(discoveryHits() - before).toBe(2);
  });

  it('an unknown tenant is not-found, with a sentence naming it', async () => {
    const e = await failure(discoverCxoneConfiguration({ issuer: server.url, tenantId: 'nobody' }));
    expect(e.kind).toBe('not-found');
    expect(e.message).toContain('nobody');
  });

  it('resolveApiBase: discovery with the configured version, or the override without any request', async () => {
    const cache = createDiscoveryCache();
    const r = await resolveApiBase({ issuer: server.url, tenantId: 'tenant-a', cache, tenant: { apiEndpointOverride: '', apiVersion: 'v33.0' } });
    expect(r).toMatchObject({ source: 'discovery', apiBase: `${server.url}/inContactAPI/services/v33.0`, apiVersion: 'v33.0' });
    const before = discoveryHits();
    const o = await resolveApiBase({ issuer: server.url, tenantId: 'nobody', tenant: { apiEndpointOverride: 'https://api-uk1.niceincontact.com/' } });
    expect(o).toEqual({
      source: 'override',
      apiEndpoint: 'https://api-uk1.niceincontact.com',
      apiVersion: 'v34.0',
      apiBase: 'https://api-uk1.niceincontact.com/inContactAPI/services/v34.0',
      config: null,
    });
    expect(discoveryHits()).toBe(before);
  });

  it('plain http is refused except on loopback', async () => {
    expect((await failure(discoverCxoneConfiguration({ issuer: 'http://cxone.example.com', tenantId: 'x' }))).kind).toBe('invalid-url');
    expect((await failure(resolveApiBase({ issuer: server.url, tenantId: 'x', tenant: { apiEndpointOverride: 'http://api.example.com' } }))).kind).toBe('invalid-url');
  });

  it('an unreachable issuer is a network error', async () => {
    const e = await failure(discoverCxoneConfiguration({ issuer: 'http://127.0.0.1:1', tenantId: 'x' }));
    expect(e.kind).toBe('network');
  });

  it('a malformed answer names the missing field', async () => {
    server.faults.add({ kind: 'malformed-json', path: 'cxone-configuration', count: 1 });
    expect(await failure(discoverCxoneConfiguration({ issuer: server.url, tenantId: 'tenant-a' }))).toMatchObject({ kind: 'malformed' });
  });

  it('reads the answer as real tenants spell it (§6): "True", numbers as text, nulls, odd values absent — not a failed discovery', async () => {
    const answer = { api_endpoint: server.url, area: 51, cluster: null, domain: { odd: true }, private: 'True', tenantId: 'tenant-a', region: 'na1' };
    const srv = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(answer)));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const c = await discoverCxoneConfiguration({ issuer: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, tenantId: 'tenant-a' });
      expect(c).toMatchObject({ apiEndpoint: server.url, area: '51', cluster: null, domain: null, private: true, tenantId: 'tenant-a' });
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });

  it('apiBaseUrl joins without double slashes', () => {
    expect(apiBaseUrl('https://api-na1.niceincontact.com/')).toBe('https://api-na1.niceincontact.com/inContactAPI/services/v34.0');
  });
});
