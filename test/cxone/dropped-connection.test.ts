// A GET whose connection the server closes before answering is sent again — by the one helper every
// Node-fetch request of the app goes through (main/net/resend-dropped.ts): the CXone client (its own tests in
// client.test.ts), CXone's API discovery and the sign-in server's discovery. Real servers on 127.0.0.1
// that reset the connection (TCP RST) for the first requests, as a kept-alive socket the server had just
// timed out does; undici itself does not send again.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discoverProvider } from '../../main/auth/oidc';
import { discoverCxoneConfiguration } from '../../main/cxone/discovery';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { resendingDropped, SENDS_WHEN_DROPPED, type DroppedSend } from '../../main/net/resend-dropped';
import { failure } from './failure';

/**
 * A server that resets (TCP RST: ECONNRESET) or closes (FIN: undici's UND_ERR_SOCKET, "other side closed")
 * the first `resets` requests' connections, then answers with `answer`.
 */
async function resettingServer(resets: number, answer: (req: IncomingMessage, res: ServerResponse, base: string) => void, drop: 'reset' | 'close' = 'reset') {
  const seen: string[] = [];
  let left = resets;
  let base = '';
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (left > 0) {
      left -= 1;
      if (drop === 'reset') req.socket.resetAndDestroy();
      else req.socket.destroy();
      return;
    }
    answer(req, res, base);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const ok = (_req: IncomingMessage, res: ServerResponse) => res.end('ok');
const open: { close(): Promise<void> }[] = [];
async function serve(...args: Parameters<typeof resettingServer>) {
  const s = await resettingServer(...args);
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('resendingDropped (one rule for every GET made with Node fetch)', () => {
  const send = (resends: DroppedSend[]) => resendingDropped((input, init) => fetch(input, init), (d) => resends.push(d));

  it('a GET whose connection is reset twice is sent a third time and answered; each resend is told why', async () => {
    const s = await serve(2, ok);
    const resends: DroppedSend[] = [];
    const res = await send(resends)(`${s.base}/x`);
    expect(await res.text()).toBe('ok');
    expect(s.seen).toEqual(['GET /x', 'GET /x', 'GET /x']);
    expect(resends).toEqual([
      { url: `${s.base}/x`, reason: 'ECONNRESET', sent: 1 },
      { url: `${s.base}/x`, reason: 'ECONNRESET', sent: 2 },
    ]);
  });

  it('a connection closed without a reset (undici: UND_ERR_SOCKET) is dropped too, and a HEAD is sent again like a GET', async () => {
    const s = await serve(1, ok, 'close');
    const resends: DroppedSend[] = [];
    // Headers but no signal: the request's init has no AbortSignal to look at.
    const res = await send(resends)(`${s.base}/x`, { method: 'head', headers: { accept: 'text/plain' } });
    expect(res.status).toBe(200);
    expect(s.seen).toEqual(['HEAD /x', 'HEAD /x']);
    expect(resends).toEqual([{ url: `${s.base}/x`, reason: 'UND_ERR_SOCKET', sent: 1 }]);
  });

  it('a server that resets every connection fails the GET after SENDS_WHEN_DROPPED sends, with the last error', async () => {
    expect(SENDS_WHEN_DROPPED).toBeGreaterThan(1);
    const s = await serve(100, ok);
    const err = await send([])(`${s.base}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(s.seen.length).toBe(SENDS_WHEN_DROPPED);
  });

  it('a POST (a token request may carry a single-use refresh token) is never sent again', async () => {
    const s = await serve(1, ok);
    const resends: DroppedSend[] = [];
    const err = await send(resends)(`${s.base}/token`, { method: 'POST', body: 'grant_type=refresh_token' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(s.seen).toEqual(['POST /token']);
    expect(resends).toEqual([]);
  });

  it('a refused connection is not a dropped one: it fails at once', async () => {
    const s = await serve(0, ok);
    await s.close();
    const resends: DroppedSend[] = [];
    const err = await send(resends)(`${s.base}/x`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(resends).toEqual([]);
  });
});

describe('discovery requests survive a dropped connection', () => {
  let sim: SimulatorServer;
  beforeAll(async () => {
    sim = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 3 }), tenantId: 'tenant-a', issuer: 'https://cxone.niceincontact.com' });
  });
  afterAll(() => sim.stop());
  const hits = () => sim.requests.filter((r) => r.path === '/.well-known/cxone-configuration').length;

  it("CXone's API discovery: a reset connection is sent again and the host found", async () => {
    sim.faults.add({ kind: 'reset', path: '/.well-known/cxone-configuration', count: 1 });
    const before = hits();
    const c = await discoverCxoneConfiguration({ issuer: sim.url, tenantId: 'tenant-a' });
    expect(c.apiEndpoint).toBe(sim.url);
    expect(hits() - before).toBe(2);
  });

  it("CXone's API discovery: a host that resets every connection is a network error that names the reset", async () => {
    sim.faults.add({ kind: 'reset', path: '/.well-known/cxone-configuration', count: SENDS_WHEN_DROPPED });
    const before = hits();
    const e = await failure(discoverCxoneConfiguration({ issuer: sim.url, tenantId: 'tenant-a' }));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/could not be reached: the connection was closed before an answer \(ECONNRESET\)\.$/);
    expect(hits() - before).toBe(SENDS_WHEN_DROPPED);
  });

  it("the sign-in server's OpenID discovery (openid-client's customFetch): a reset connection is sent again", async () => {
    const s = await serve(1, (_req, res, base) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: base, authorization_endpoint: `${base}/auth`, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks`, response_types_supported: ['code'] }));
    });
    const config = await discoverProvider(s.base, 'client-1');
    expect(config.serverMetadata().token_endpoint).toBe(`${s.base}/token`);
    expect(s.seen).toEqual(['GET /.well-known/openid-configuration', 'GET /.well-known/openid-configuration']);
  });
});
