// What a failed token request becomes for the session: the kind it branches on (network: retry with
// backoff; server: retrying will not help; expired: sign in again) and the sentence the user reads.
// Discovery runs against a real oidc-provider; the refresh answers are scripted at the fetch port, as
// a sign-in server or the proxy in front of it sends them. No answer carries a Date header (a CDN that
// sends none), so no clock skew is measured.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../main/auth/errors';
import { discoverProvider, refreshTokens } from '../../main/auth/oidc';
import type { FetchLike } from '../../main/ports';
import { startTestProvider, type TestProvider } from '../harness/oidc-provider';

let op: TestProvider;
beforeAll(async () => {
  op = await startTestProvider();
});
afterAll(async () => {
  await op.stop();
});

/** Passes every request on without its Date header; a refresh is answered with `answer` instead. */
function scripted(answer: (init?: RequestInit) => Promise<Response> | Response): FetchLike {
  return async (input, init) => {
    const grant = init?.body instanceof URLSearchParams ? init.body.get('grant_type') : null;
    const res = grant === 'refresh_token' ? await answer(init) : await fetch(input, init);
    const headers = new Headers(res.headers);
    headers.delete('date');
    return new Response(res.body, { status: res.status, headers });
  };
}

async function refreshAnswered(answer: (init?: RequestInit) => Promise<Response> | Response, timeoutSeconds?: number): Promise<AuthError> {
  const config = await discoverProvider(op.issuer, op.clientId, scripted(answer));
  // The library's own per-request limit (30 s in the app), shortened through its public setter.
  if (timeoutSeconds !== undefined) config.timeout = timeoutSeconds;
  const err = await refreshTokens(config, 'a-refresh-token').then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

const html = (status: number) => () => new Response('<html>busy</html>', { status, headers: { 'content-type': 'text/html' } });

describe('a refused or failed token request', () => {
  it.each([
    ['503 with an OAuth error the app does not know', 503, 'unknown_error'],
    ['500 with invalid_request', 500, 'invalid_request'],
  ])('%s is the server having trouble: retried', async (_what, status, error) => {
    const e = await refreshAnswered(() => Response.json({ error }, { status }));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/^The sign-in server .*\. The app will try again\.$/);
  });

  it('a 400 temporarily_unavailable is the server having trouble: retried', async () => {
    const e = await refreshAnswered(() => Response.json({ error: 'temporarily_unavailable' }, { status: 400 }));
    expect(e).toMatchObject({ kind: 'network', message: 'The sign-in server is having trouble (temporarily_unavailable). The app will try again.' });
  });

  it('a 4xx OAuth error is a refusal, not worth retrying, and says what the server said', async () => {
    const described = await refreshAnswered(() => Response.json({ error: 'invalid_request', error_description: 'the client is disabled' }, { status: 400 }));
    expect(described.kind).toBe('server');
    expect(described.message).toBe('The sign-in server refused the request (invalid_request: the client is disabled).');
    const bare = await refreshAnswered(() => Response.json({ error: 'unauthorized_client' }, { status: 400 }));
    expect(bare).toMatchObject({ kind: 'server', message: 'The sign-in server refused the request (unauthorized_client).' });
  });

  it.each([500, 502, 503, 429])('a plain page with HTTP %i (a proxy, a rate limit) is retried', async (status) => {
    const e = await refreshAnswered(html(status));
    expect(e.kind).toBe('network');
    expect(e.message).toBe(`The sign-in server answered with HTTP ${status}. The app will try again.`);
  });

  it.each([404, 499])('a plain page with HTTP %i is not retried and is not blamed on the clock', async (status) => {
    const e = await refreshAnswered(html(status));
    expect(e.kind).toBe('server');
    expect(e.message).toMatch(new RegExp(`^The answer from the sign-in server could not be accepted \\(.*, HTTP ${status}\\)\\.$`));
    expect(e.message).not.toMatch(/clock/);
  });

  it('an answer without an access token is refused with the library\'s reason and no made-up HTTP status', async () => {
    const e = await refreshAnswered(() => Response.json({ token_type: 'Bearer', expires_in: 3600 }, { status: 200 }));
    expect(e.kind).toBe('server');
    // The library's words name the missing field; nothing is added after them.
    expect(e.message).toMatch(/^The answer from the sign-in server could not be accepted \([^()]*"access_token" property must be a string\)\.$/);
    expect(e.message).not.toMatch(/HTTP/);
  });

  it('a refused connection is a network failure naming the error code', async () => {
    // A port nothing listens on any more: the real fetch() fails as it does when the server is down.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e = await refreshAnswered(() => fetch(`http://127.0.0.1:${port}/token`, { method: 'POST' }));
    expect(e.kind).toBe('network');
    expect(e.message).toBe('Cannot reach the sign-in server: the connection was refused; the address or port may be wrong, or the service down (ECONNREFUSED).');
  });

  it.each([
    ['ERR_INTERNET_DISCONNECTED', 'this computer is offline'],
    ['ERR_NAME_NOT_RESOLVED', 'its name was not found (DNS); check the address, and that this computer is online'],
    ['ERR_PROXY_CONNECTION_FAILED', "the proxy failed; check the system's proxy settings"],
  ])("in the app, net.fetch's net::%s is a network failure too (retried), not a refusal", async (name, words) => {
    // Stand-in for what cannot run here: Electron's net.fetch rejects with the ClientRequest's Error,
    // message "net::ERR_…", not a TypeError (electron/lib/browser/api/net-fetch.ts); openid-client then
    // wraps it in its own ClientError. Before, that read as 'server': a laptop waking offline was told its
    // sign-in "could not be accepted" and the session stopped renewing instead of retrying.
    const e = await refreshAnswered(() => Promise.reject(new Error(`net::${name}`)));
    expect(e.kind).toBe('network');
    expect(e.message).toBe(`Cannot reach the sign-in server: ${words} (net::${name}).`);
  });

  it('a sign-in server that takes the connection and never answers is a network error, retried', async () => {
    // A real loopback server that accepts and stays silent; the request is cut by the library's own
    // timeout (shortened to 1 s here), as the app's 30 s would cut it.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    try {
      const e = await refreshAnswered((init) => fetch(`http://127.0.0.1:${port}/token`, { method: 'POST', signal: init?.signal ?? null }), 1);
      expect(e).toMatchObject({ kind: 'network', message: 'The sign-in server did not answer in time.' });
      expect(sockets.size).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
