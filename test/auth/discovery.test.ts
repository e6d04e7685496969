// The sign-in server's discovery document, served for real on 127.0.0.1: every endpoint it names must
// pass the same URL policy as the issuer (https, or http on a loopback host), or the refresh token
// would be sent in the clear to whatever host the document names.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverProvider } from '../../main/auth/oidc';
import type { FetchLike } from '../../main/ports';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** Serves a discovery document for the issuer it listens as, with `endpoints` over the defaults (undefined: left out). */
async function serveDiscovery(endpoints: (issuer: string) => Record<string, string | undefined>): Promise<string> {
  server = createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        ...endpoints(issuer),
      }),
    );
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the sign-in server's endpoints", () => {
  it('are accepted on the loopback issuer itself', async () => {
    const issuer = await serveDiscovery(() => ({}));
    const config = await discoverProvider(issuer, 'client');
    expect(config.serverMetadata().token_endpoint).toBe(`${issuer}/token`);
  });

  it.each([
    ['token_endpoint', 'http://cxone.example.com/token'],
    ['jwks_uri', 'http://cxone.example.com/jwks'],
    ['revocation_endpoint', 'http://cxone.example.com/revoke'],
  ])('refuses a plain-http %s on a host that is not loopback', async (name, url) => {
    const issuer = await serveDiscovery(() => ({ [name]: url }));
    await expect(discoverProvider(issuer, 'client')).rejects.toMatchObject({ kind: 'server', message: expect.stringContaining("The sign-in server's endpoint must use https") });
  });

  it('refuses an authorization endpoint on another site, before any browser opens', async () => {
    const issuer = await serveDiscovery(() => ({ authorization_endpoint: 'https://login.evil.example/authorize' }));
    await expect(discoverProvider(issuer, 'client')).rejects.toMatchObject({ kind: 'server', message: expect.stringMatching(/must be on the sign-in server 127\.0\.0\.1:\d+, not login\.evil\.example/) });
  });

  it('refuses an end-session page on another site, which sign-out would open in the browser', async () => {
    const issuer = await serveDiscovery(() => ({ end_session_endpoint: 'https://login.evil.example/logout' }));
    await expect(discoverProvider(issuer, 'client')).rejects.toMatchObject({ kind: 'server', message: expect.stringContaining('login.evil.example') });
  });

  it('refuses a document without a key set, since no id_token could be verified', async () => {
    const issuer = await serveDiscovery(() => ({ jwks_uri: undefined }));
    await expect(discoverProvider(issuer, 'client')).rejects.toMatchObject({ kind: 'server', message: expect.stringMatching(/does not publish a key set \(jwks_uri\)/) });
  });
});

describe('before the sign-in server is asked anything', () => {
  /** A fetch port that records what would have been sent. */
  function recording(): { fetch: FetchLike; sent: string[] } {
    const sent: string[] = [];
    return { sent, fetch: async (url, init) => (sent.push(String(url)), fetch(url, init)) };
  }

  it.each(['', '   '])('a client id of %j is refused with what to do, and nothing is sent', async (clientId) => {
    const issuer = await serveDiscovery(() => ({}));
    const port = recording();
    await expect(discoverProvider(issuer, clientId, port.fetch)).rejects.toMatchObject({
      kind: 'config',
      message: 'Enter the client id of your CXone app registration in Settings before signing in.',
    });
    expect(port.sent).toEqual([]);
  });

  it('an issuer on plain http that is not loopback is refused, naming the issuer, and nothing is sent', async () => {
    const port = recording();
    await expect(discoverProvider('http://cxone.example.com', 'client', port.fetch)).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/^The issuer must use https/),
    });
    expect(port.sent).toEqual([]);
  });
});
