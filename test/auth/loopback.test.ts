// The loopback listener, live on 127.0.0.1, attacked with real HTTP requests.
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../main/auth/errors';
import { startLoopbackListener, type LoopbackListener, type LoopbackOptions } from '../../main/auth/loopback';
import { silentLogger } from '../../main/ports';
import { ManualClock } from './helpers';

const STATE = 'expected-state-1234567890';

/** node:http, because fetch() refuses to send a custom Host header. */
function rawGet(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function settled(p: Promise<unknown>): () => 'pending' | 'resolved' | 'rejected' {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  return () => state;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const flush = () => new Promise((r) => setTimeout(r, 20));

let listener: LoopbackListener | null = null;
const blockers: Server[] = [];
afterEach(async () => {
  listener?.close();
  listener = null;
  for (const b of blockers.splice(0)) await new Promise((r) => b.close(r));
});

function start(overrides: Partial<LoopbackOptions> = {}) {
  const calls: URL[] = [];
  const clock = new ManualClock();
  const opts: LoopbackOptions = {
    redirect: { mode: 'any-loopback' },
    expectedState: STATE,
    timeoutMs: 5 * 60_000,
    clock,
    logger: silentLogger,
    onCallback: async (url) => {
      calls.push(url);
    },
    ...overrides,
  };
  return startLoopbackListener(opts).then((l) => {
    listener = l;
    return { l, calls, clock };
  });
}

describe('loopback listener', () => {
  it('listens on 127.0.0.1 only, on an ephemeral port with path /callback', async () => {
    const { l } = await start();
    const uri = new URL(l.redirectUri);
    expect(uri.hostname).toBe('127.0.0.1');
    expect(uri.pathname).toBe('/callback');
    expect(Number(uri.port)).toBeGreaterThan(0);
    // Bound to 127.0.0.1 itself, not all interfaces: another loopback address must be refused.
    await expect(fetch(`http://127.0.0.2:${uri.port}/callback`)).rejects.toThrow();
  });

  it('survives hostile requests and completes only on the one valid callback', async () => {
    const { l, calls, clock } = await start();
    const state = settled(l.done);
    const base = l.redirectUri;
    const port = new URL(base).port;

    expect((await fetch(`http://127.0.0.1:${port}/other?state=${STATE}&code=abc`)).status).toBe(404);
    // The callback path without a query is the callback, not "not found": it just carries no state.
    const bare = await fetch(base);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('does not belong to the sign-in');
    // The path exactly: not one it merely starts with.
    for (const path of ['/callback/', '/callback/x', '/callbackx']) {
      expect((await fetch(`http://127.0.0.1:${port}${path}?state=${STATE}&code=abc`)).status).toBe(404);
    }
    const post = await fetch(`${base}?state=${STATE}&code=abc`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');

    const missing = await fetch(`${base}?code=abc`);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('does not belong to the sign-in');
    const wrong = await fetch(`${base}?state=wrong&code=abc`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('does not belong to the sign-in');
    // As long as the expected state and differing in one character: compared in full, not by length.
    const sameLength = await fetch(`${base}?state=${STATE.slice(0, -1)}X&code=abc`);
    expect(sameLength.status).toBe(400);
    expect(await sameLength.text()).toContain('does not belong to the sign-in');
    // An attacker's error answer must not cancel the user's sign-in either.
    expect((await fetch(`${base}?state=wrong&error=access_denied`)).status).toBe(400);

    const rebinding = await rawGet(`${base}?state=${STATE}&code=abc`, `evil.example:${port}`);
    expect(rebinding.status).toBe(400);
    expect(rebinding.body).toContain('only answers the sign-in redirect');
    expect((await rawGet(`${base}?state=${STATE}&code=abc`, 'evil.example')).status).toBe(400);
    // Only the host with its port: a Host without the port is not how a browser sends the redirect.
    expect((await rawGet(`${base}?state=${STATE}&code=abc`, '127.0.0.1')).status).toBe(400);

    await flush();
    expect(state()).toBe('pending');
    expect(calls).toHaveLength(0);

    const ok = await fetch(`${base}?state=${STATE}&code=the-code&iss=x`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/html/);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Not cached (the URL carried the code), not sniffed as anything else, no Referer to the next site.
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await ok.text();
    expect(page).toContain('Signed in');
    // Self-contained: nothing to load from anywhere.
    expect(page).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|@import|url\(/i);
    await l.done;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.href).toBe(`${base}?state=${STATE}&code=the-code&iss=x`);
    // The sign-in's timeout is cleared with the result: nothing of the listener stays scheduled.
    expect(clock.pending()).toBe(0);

    // The socket is closed after the result: nothing answers any more.
    await expect(fetch(`${base}?state=${STATE}&code=again`)).rejects.toThrow();
    expect(calls).toHaveLength(1);
  });

  it("ends with the IdP's error when the right state carries error=", async () => {
    const { l, calls } = await start();
    const res = await fetch(`${l.redirectUri}?state=${STATE}&error=access_denied&error_description=${encodeURIComponent('The user <b>declined</b>')}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('The user &lt;b&gt;declined&lt;/b&gt;');
    const err = await l.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).kind).toBe('idp');
    expect((err as AuthError).message).toContain('The user <b>declined</b>');
    expect(calls).toHaveLength(0);
  });

  it('the failure page looks unlike the success page, and shows the IdP\'s text character for character without running it', async () => {
    /** The page's heading (glyph, colour, title) and its first paragraph with the HTML entities read back. */
    const read = (html: string) => {
      const decode = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      const h1 = /<h1><span aria-hidden="true">([^<]*)<\/span> ([^<]*)<\/h1>/.exec(html);
      return { glyph: h1?.[1], title: h1?.[2], color: /h1\{[^}]*color:([^;}]*)\}/.exec(html)?.[1], message: decode(/<p>([^<]*)<\/p>/.exec(html)?.[1] ?? '') };
    };
    const success = await start();
    const good = read(await (await fetch(`${success.l.redirectUri}?state=${STATE}&code=c`)).text());
    await success.l.done;
    expect(good).toMatchObject({ glyph: '✓', title: 'Signed in', message: 'You are signed in to CXone Agent Tray.' });
    expect(good.color).toMatch(/^#[0-9a-f]{6}$/);

    const failure = await start();
    const hostile = `Tom & "Jerry's" <img src=x onerror=alert(1)>`;
    const html = await (await fetch(`${failure.l.redirectUri}?state=${STATE}&error=access_denied&error_description=${encodeURIComponent(hostile)}`)).text();
    await failure.l.done.catch(() => {});
    const bad = read(html);
    expect(bad).toMatchObject({ glyph: '✕', title: 'Sign-in failed' });
    expect(bad.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(bad.color).not.toBe(good.color);
    // Every special character comes back as itself once the entities are read, and none reaches the page raw.
    expect(bad.message).toContain(hostile);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/"Jerry|Jerry's/);
  });

  it('shows the failure of the token exchange in the same response and ends with it', async () => {
    const { l } = await start({
      onCallback: async () => {
        throw new AuthError('server', 'The sign-in server refused the authorization code. Start the sign-in again.');
      },
    });
    const res = await fetch(`${l.redirectUri}?state=${STATE}&code=x`);
    expect(await res.text()).toContain('refused the authorization code');
    await expect(l.done).rejects.toMatchObject({ kind: 'server' });
  });

  it('times out after the configured time and frees the port', async () => {
    const { l, clock } = await start({ timeoutMs: 60_000 });
    const state = settled(l.done);
    clock.advance(59_999);
    await flush();
    expect(state()).toBe('pending');
    clock.advance(1);
    await expect(l.done).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('within 1 minute') });
    await expect(fetch(`${l.redirectUri}?state=${STATE}&code=x`)).rejects.toThrow();
  });

  it('says a timeout under a minute in seconds, counted ("1 second", never "1 seconds")', async () => {
    for (const [timeoutMs, words] of [
      [1_000, 'within 1 second.'],
      [20_000, 'within 20 seconds.'],
      [5 * 60_000, 'within 5 minutes.'],
    ] as const) {
      const { l, clock } = await start({ timeoutMs });
      clock.advance(timeoutMs);
      await expect(l.done).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining(words) });
      l.close();
    }
  });

  it('is cancelled through its AbortSignal', async () => {
    const abort = new AbortController();
    const { l, calls, clock } = await start({ signal: abort.signal });
    abort.abort();
    await expect(l.done).rejects.toMatchObject({ kind: 'cancelled', message: 'Sign-in was cancelled.' });
    expect(clock.pending()).toBe(0);
    await expect(fetch(`${l.redirectUri}?state=${STATE}&code=x`)).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });

  it('does not start for a sign-in cancelled before it listens', async () => {
    // An abort event fired before the listener exists never reaches it: it must look at the signal
    // itself, or a cancelled sign-in would hold the port until the timeout.
    const abort = new AbortController();
    abort.abort();
    const calls: URL[] = [];
    await expect(start({ signal: abort.signal, onCallback: async (url) => void calls.push(url) })).rejects.toMatchObject({ kind: 'cancelled', message: 'Sign-in was cancelled.' });
    expect(listener).toBeNull();
  });

  it('does not start for a sign-in cancelled while it binds its port, and frees the port', async () => {
    // The abort event fires before the listener listens for it: it must look at the signal again once
    // it listens, or the cancelled sign-in would go on to open the browser and hold the port until the timeout.
    const port = await freePort();
    const abort = new AbortController();
    const pending = start({ redirect: { mode: 'exact', uri: `http://127.0.0.1:${port}/callback` }, signal: abort.signal });
    abort.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled', message: 'Sign-in was cancelled.' });
    expect(listener).toBeNull();
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((r) => again.close(r));
  });

  it('answers a callback with the right state but no code with a page, and keeps waiting for the real one', async () => {
    const { l, calls } = await start();
    const state = settled(l.done);
    for (const query of [`state=${STATE}`, `state=${STATE}&code=`]) {
      const res = await fetch(`${l.redirectUri}?${query}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('sent no authorization code');
    }
    await flush();
    expect(state()).toBe('pending');
    expect(calls).toHaveLength(0);
    expect((await fetch(`${l.redirectUri}?state=${STATE}&code=the-code`)).status).toBe(200);
    await l.done;
    expect(calls.map((u) => u.searchParams.get('code'))).toEqual(['the-code']);
  });

  it('refuses a second valid callback while the first is still being completed: the code is exchanged once', async () => {
    // The browser retries, or the user reloads the tab, while the token request is on its way.
    let release!: () => void;
    const exchanging = new Promise<void>((r) => (release = r));
    const calls: URL[] = [];
    const { l } = await start({
      onCallback: async (url) => {
        calls.push(url);
        await exchanging;
      },
    });
    const first = fetch(`${l.redirectUri}?state=${STATE}&code=first`);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = await fetch(`${l.redirectUri}?state=${STATE}&code=second`);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('already received its answer');
    release();
    const res = await first;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Signed in');
    await l.done;
    expect(calls.map((u) => u.searchParams.get('code'))).toEqual(['first']);
  });

  it('listens on the exact host, port and path of a configured redirect URI and rebuilds the callback from it', async () => {
    const port = await freePort();
    const uri = `http://localhost:${port}/auth-callback`;
    const { l, calls } = await start({ redirect: { mode: 'exact', uri } });
    expect(l.redirectUri).toBe(uri);
    expect((await fetch(`http://127.0.0.1:${port}/callback?state=${STATE}&code=x`)).status).toBe(404);
    // The IPv4 form of the Host is accepted (answered as a callback, here one without the state) …
    const ipv4 = await rawGet(`http://127.0.0.1:${port}/auth-callback?code=x`, `127.0.0.1:${port}`);
    expect(ipv4.body).toContain('does not belong to the sign-in');
    // … and the browser writes Host: localhost:<port>, in whatever case the URI was typed. The callback
    // URL handed on is always built from the configured URI, whatever the request said.
    const res = await rawGet(`http://127.0.0.1:${port}/auth-callback?state=${STATE}&code=x`, `LocalHost:${port}`);
    expect(res.status).toBe(200);
    await l.done;
    expect(calls[0]!.href).toBe(`${uri}?state=${STATE}&code=x`);
  });

  it('listens on the IPv6 loopback itself for a [::1] redirect URI, and only there', async () => {
    const port = await freePort();
    const uri = `http://[::1]:${port}/cb`;
    const { l, calls } = await start({ redirect: { mode: 'exact', uri } });
    expect(l.redirectUri).toBe(uri);
    // Bound to ::1, not to 127.0.0.1 (nor to every interface).
    await expect(fetch(`http://127.0.0.1:${port}/cb?state=${STATE}&code=x`)).rejects.toThrow();
    // The browser writes Host: [::1]:<port>.
    expect((await fetch(`${uri}?state=${STATE}&code=x`)).status).toBe(200);
    await l.done;
    expect(calls[0]!.href).toBe(`${uri}?state=${STATE}&code=x`);
  });

  it('listens on the very loopback address of a redirect URI such as http://127.0.0.2:<port>, and only there', async () => {
    const port = await freePort();
    const uri = `http://127.0.0.2:${port}/cb`;
    const { l, calls } = await start({ redirect: { mode: 'exact', uri } });
    await expect(fetch(`http://127.0.0.1:${port}/cb?state=${STATE}&code=x`)).rejects.toThrow();
    expect((await fetch(`${uri}?state=${STATE}&code=x`)).status).toBe(200);
    await l.done;
    expect(calls).toHaveLength(1);
  });

  it('close() ends a waiting sign-in as cancelled and stops listening', async () => {
    const { l, calls, clock } = await start();
    l.close();
    await expect(l.done).rejects.toMatchObject({ kind: 'cancelled', message: 'Sign-in was cancelled.' });
    expect(clock.pending()).toBe(0);
    await expect(fetch(`${l.redirectUri}?state=${STATE}&code=x`)).rejects.toThrow();
    expect(calls).toHaveLength(0);
  });

  it('says plainly when the fixed port is taken', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const err = await start({ redirect: { mode: 'exact', uri: `http://localhost:${port}/auth-callback` } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).kind).toBe('port-in-use');
    expect((err as AuthError).message).toBe(
      `Port ${port} on localhost is already in use by another program, so the sign-in redirect cannot be received. Close that program or change the redirect URI in Settings.`,
    );
  });

  it('refuses a redirect URI that is not http on a loopback host', async () => {
    await expect(start({ redirect: { mode: 'exact', uri: 'http://example.com:3000/cb' } })).rejects.toMatchObject({ kind: 'config' });
  });
});
