// A request that got no answer, in words (main/net/fetch-failure.ts). Node's failures are real: its
// fetch against servers on 127.0.0.1 that are closed, reset the connection, or present a certificate
// nobody trusts (made by openssl for this run). Electron's net.fetch cannot run here (no Electron
// binary), so its failure is built as electron/lib/browser/api/net-fetch.ts rejects: the ClientRequest's
// Error, message "net::ERR_…", no code — the one stand-in in this file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureCode, isChromiumFailure, networkReason, unansweredWords } from '../../main/net/fetch-failure';

async function listening<T extends Server>(server: T): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${'cert' in server ? 'https' : 'http'}://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** What Node's fetch rejects with for `url`. */
async function failureOf(url: string): Promise<unknown> {
  return fetch(url).then(
    () => expect.unreachable(`${url} answered`),
    (e: unknown) => e,
  );
}

/** Electron's net.fetch failing without an answer (see the header). */
const chromium = (name: string) => new Error(`net::${name}`);

describe('a request without an answer, as Node fetch reports it (real failures on 127.0.0.1)', () => {
  it('a closed port: the connection was refused', async () => {
    const s = await listening(createServer());
    await s.close();
    const err = await failureOf(s.url);
    expect(err).toBeInstanceOf(TypeError);
    expect(failureCode(err)).toBe('ECONNREFUSED');
    expect(unansweredWords(err)).toBe('the connection was refused; the address or port may be wrong, or the service down (ECONNREFUSED)');
    expect(isChromiumFailure(err)).toBe(false);
  });

  it('a connection reset before any answer: closed before an answer', async () => {
    const s = await listening(createServer((req) => req.socket.resetAndDestroy()));
    try {
      const err = await failureOf(s.url);
      expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(networkReason(err));
      expect(unansweredWords(err)).toMatch(/^the connection was closed before an answer \((ECONNRESET|UND_ERR_SOCKET)\)$/);
    } finally {
      await s.close();
    }
  });

  it('a certificate nobody trusts (as an HTTPS-inspecting proxy presents): not trusted, and how Node can be told to trust it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tray-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      const s = await listening(createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}')));
      try {
        const err = await failureOf(s.url);
        expect(failureCode(err)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
        expect(unansweredWords(err)).toBe(
          'its certificate is not trusted (a proxy or security software that inspects HTTPS can cause this: NODE_EXTRA_CA_CERTS=<its CA file> makes Node trust it) (DEPTH_ZERO_SELF_SIGNED_CERT)',
        );
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a request without an answer, as Electron's net.fetch reports it", () => {
  it.each([
    ['ERR_NAME_NOT_RESOLVED', 'its name was not found (DNS); check the address, and that this computer is online'],
    ['ERR_INTERNET_DISCONNECTED', 'this computer is offline'],
    ['ERR_CONNECTION_REFUSED', 'the connection was refused; the address or port may be wrong, or the service down'],
    ['ERR_CONNECTION_TIMED_OUT', 'the connection timed out'],
    ['ERR_NETWORK_CHANGED', 'the network changed during the request'],
    ['ERR_PROXY_CONNECTION_FAILED', "the proxy failed; check the system's proxy settings"],
    ['ERR_TUNNEL_CONNECTION_FAILED', "the proxy failed; check the system's proxy settings"],
    ['ERR_CERT_AUTHORITY_INVALID', 'its certificate is not trusted (a proxy or security software that inspects HTTPS can cause this)'],
    ['ERR_SSL_PROTOCOL_ERROR', 'the secure connection failed'],
  ])('net::%s', (name, words) => {
    const err = chromium(name);
    expect(isChromiumFailure(err)).toBe(true);
    expect(unansweredWords(err)).toBe(`${words} (net::${name})`);
    // openid-client wraps it once more ("something went wrong", cause: it): still found.
    const wrapped = new Error('something went wrong', { cause: err });
    expect(isChromiumFailure(wrapped)).toBe(true);
    expect(unansweredWords(wrapped)).toBe(`${words} (net::${name})`);
  });

  it('a Chromium failure of a kind not named here is shown by its name; an error without a code by its message', () => {
    expect(unansweredWords(chromium('ERR_BLOCKED_BY_ADMINISTRATOR'))).toBe('net::ERR_BLOCKED_BY_ADMINISTRATOR');
    expect(unansweredWords(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBe('EWHATEVER');
    expect(unansweredWords(new Error('socket hang up'))).toBe('socket hang up');
    expect(networkReason(new Error('socket hang up'))).toBe('socket hang up');
    // A sentence that merely mentions a net error is not one.
    expect(isChromiumFailure(new Error('failed: net::ERR_FAILED'))).toBe(false);
    expect(isChromiumFailure(new Error('net::ERR_FAILED (from the disk cache)'))).toBe(false);
    expect(failureCode('net::ERR_FAILED')).toBeNull();
  });
});

/** Node's fetch failing without an answer: TypeError("fetch failed") with the system's code on its cause, as undici rejects. */
const node = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('the words for Node\'s codes (the CLI and the browser preview)', () => {
  it.each([
    ['ENOTFOUND', 'its name was not found (DNS); check the address, and that this computer is online'],
    ['EAI_AGAIN', 'its name was not found (DNS); check the address, and that this computer is online'],
    ['ETIMEDOUT', 'the connection timed out'],
    ['UND_ERR_CONNECT_TIMEOUT', 'the connection timed out'],
    ['ENETDOWN', 'this computer is offline'],
    ['ENETUNREACH', 'there is no network route to it (offline, a VPN or a firewall)'],
    ['EHOSTUNREACH', 'there is no network route to it (offline, a VPN or a firewall)'],
    ['CERT_HAS_EXPIRED', 'its certificate is not trusted (a proxy or security software that inspects HTTPS can cause this: NODE_EXTRA_CA_CERTS=<its CA file> makes Node trust it)'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'the secure connection failed'],
    ['EPROTO', 'the secure connection failed'],
  ])('%s', (code, words) => expect(unansweredWords(node(code))).toBe(`${words} (${code})`));

  it("a Chromium TLS failure that names a client certificate is a failed secure connection, not Node's untrusted one", () => {
    expect(unansweredWords(chromium('ERR_SSL_CLIENT_AUTH_CERT_NEEDED'))).toBe('the secure connection failed (net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED)');
  });
});

describe('the cause chain', () => {
  const chain = (depth: number, code: string) => {
    let e: Error = Object.assign(new Error('innermost'), { code });
    for (let i = 0; i < depth; i++) e = new Error(`level ${depth - 1 - i}`, { cause: e });
    return e;
  };

  it('is read four levels deep and no deeper', () => {
    expect(failureCode(chain(3, 'ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(failureCode(chain(4, 'ECONNREFUSED'))).toBeNull();
  });

  it('ends at a cause of null, and at a cause that is the error itself (no endless loop)', () => {
    expect(unansweredWords(new Error('socket hang up', { cause: null }))).toBe('socket hang up');
    const self = new Error('loops');
    Object.assign(self, { cause: self });
    expect(unansweredWords(self)).toBe('loops');
  });

  it('a thrown value that is not an Error, without a code, is an unknown error', () => {
    expect(unansweredWords('boom')).toBe('unknown error');
    expect(networkReason({ message: 'not an Error' })).toBe('unknown error');
  });
});

