// Fuzzing the loopback listener (main/auth/loopback.ts) live on 127.0.0.1 with raw requests: any
// method, path, query, Host header and stray bytes. The listener never crashes, answers every request
// or closes it, and hands a callback to the sign-in only with the exact state it is waiting for — a
// sign-in completed without the right state would be a login CSRF.
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startLoopbackListener, type LoopbackListener } from '../../main/auth/loopback';
import { silentLogger } from '../../main/ports';
import { ManualClock } from '../auth/helpers';
import { AUDIT_RUNS, fcOptions } from './runs';

const STATE = 'st4te-Zk3q9VxW2mP7rT8sL4nB6cD1';

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    socket.end(text, 'latin1');
  });
}

const nearState = fc.oneof(
  fc.constant(STATE),
  fc.constant(STATE.toUpperCase()),
  fc.constant(STATE.slice(0, -1)),
  fc.constant(`${STATE}x`),
  fc.constant(encodeURIComponent(STATE) + '%00'),
  fc.constant(''),
  fc.string(),
);
const param = (name: string, value: fc.Arbitrary<string>) => fc.option(value.map((v) => `${name}=${v}`), { nil: undefined });
const query = fc
  .tuple(param('state', nearState), param('state', nearState), param('code', fc.oneof(fc.constant('c0de-123'), fc.string())), param('error', fc.string()), fc.option(fc.string(), { nil: undefined }))
  .chain((parts) => fc.shuffledSubarray(parts.filter((p): p is string => p !== undefined)))
  .map((parts) => parts.join('&'));

describe(`loopback listener fuzzing (${AUDIT_RUNS} cases)`, () => {
  let listener: LoopbackListener | null = null;
  afterAll(() => listener?.close());

  it('never crashes, and completes a sign-in only for the exact state', async () => {
    let completed = 0;
    let withoutState = 0;
    let callbacks: URL[] = [];
    const open = async () => {
      callbacks = [];
      listener = await startLoopbackListener({
        redirect: { mode: 'any-loopback' },
        expectedState: STATE,
        timeoutMs: 3_600_000,
        clock: new ManualClock(),
        logger: silentLogger,
        onCallback: async (url) => {
          callbacks.push(url);
          completed++;
          if (url.searchParams.get('state') !== STATE) withoutState++;
        },
      });
      listener.done.catch(() => {});
      return Number(new URL(listener.redirectUri).port);
    };
    let port = await open();

    const method = fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'get'), fc.stringMatching(/^[A-Z]{1,8}$/));
    const path = fc.oneof(fc.constantFrom('/callback', '/callback/', '/Callback', '//callback', '///', '///x/callback', '/callback/../callback', '/'), fc.webPath());
    const host = fc.oneof(fc.constant('own'), fc.constantFrom('evil.example', 'localhost:1', '127.0.0.1', ''), fc.string());
    const junk = fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('\r\n\r\nGET /callback?state=' + STATE + ' HTTP/1.1\r\n'));

    await fc.assert(
      fc.asyncProperty(method, path, query, host, junk, async (m, p, q, h, extra) => {
        const hostHeader = h === 'own' ? `127.0.0.1:${port}` : h;
        const before = completed;
        const text = `${m} ${p}${q ? `?${q}` : ''} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n${extra}`;
        const answer = await rawRequest(port, text);
        // Every request is answered with a status line or closed; nothing hangs.
        expect(answer === '' || answer.startsWith('HTTP/1.1 ')).toBe(true);
        if (completed > before) {
          // Only ever the one path, the exact state, from our own Host, with a GET.
          const cb = callbacks.at(-1)!;
          expect(cb.searchParams.get('state')).toBe(STATE);
          expect(m).toBe('GET');
          expect(hostHeader).toBe(`127.0.0.1:${port}`);
        }
        // A finished listener (a completed or an idp-refused sign-in) is replaced for the next case.
        const finished = await Promise.race([listener!.done.then(() => true, () => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
        if (finished) port = await open();
      }),
      fcOptions,
    );
    expect(withoutState).toBe(0);
  });
});
