// The CLI's --sign-in through runCli (main/cli.ts) against the test OpenID provider and the simulated
// tenant, both on 127.0.0.1: which browser is opened (none with --no-browser), the exact redirect URI,
// a refused token renewed once, the session ended with the command, and a sign-in that cannot start.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import type { Opener } from '../../main/ports';
import { startSimTenant, type SimTenant } from '../diagnostics/helpers';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';

let t: SimTenant;
let op: TestProvider;
beforeAll(async () => {
  t = await startSimTenant();
  op = await startTestProvider({ claims: { tenantId: t.server.tenantId } });
});
afterAll(async () => {
  await op.stop();
  await t.stop();
});

/** A loopback port nobody listens on (it was just closed). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts runCli; `io` holds what it has printed so far, `done` its exit code. */
function start(args: string[], more: { opener?: Opener; interrupted?: Promise<void> } = {}) {
  const io = { out: '', err: '' };
  const done = runCli(args, { stdout: (s) => void (io.out += s), stderr: (s) => void (io.err += s), env: {}, ...more });
  return { io, done };
}

const lines = (text: string) => text.split('\n').filter(Boolean);
const signInUrl = (err: string) => /Open this URL to sign in: (\S+)/.exec(err)?.[1];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watch --sign-in', () => {
  it('--no-browser: the URL on stderr and no browser; a token CXone refuses is renewed once, and watching goes on', async () => {
    let first: string | null = null;
    t.server.settings.acceptToken = (tok) => {
      first ??= tok;
      return tok !== first;
    };
    const opened: string[] = [];
    const refreshes = op.refreshCount();
    const mark = t.server.requests.length;
    try {
      const r = start(['watch', '--sign-in', '--no-browser', '--client-id', op.clientId, '--issuer', op.issuer, '--api-endpoint', t.server.url, '--json', '--polls', '1'], {
        opener: { openExternal: async (u) => void opened.push(u) },
      });
      const url = await until('the sign-in URL on stderr', () => signInUrl(r.io.err));
      expect((await headlessLogin(url)).status).toBe(200);
      expect(await r.done).toBe(0);
      expect(opened).toEqual([]);
      expect(lines(r.io.out)).toHaveLength(t.sim.agents.length);
      expect(op.refreshCount() - refreshes).toBe(1);
      expect(t.server.requests.slice(mark).filter((q) => q.path.endsWith('/agents/states')).map((q) => q.status)).toEqual([401, 200]);
    } finally {
      t.server.settings.acceptToken = (tok) => tok.length > 0;
    }
  });

  it('opens the browser it is given, at the URL it prints, with the exact --redirect-uri', async () => {
    const redirect = `http://127.0.0.1:${await freePort()}/callback`;
    const opened: string[] = [];
    const logins: Array<Promise<Response>> = [];
    const r = start(['watch', '--sign-in', '--client-id', op.clientId, '--issuer', op.issuer, '--redirect-uri', redirect, '--api-endpoint', t.server.url, '--json', '--polls', '1'], {
      opener: {
        openExternal: async (u) => {
          opened.push(u);
          logins.push(headlessLogin(u));
        },
      },
    });
    await until('the browser to be opened', () => opened.length > 0);
    expect(await r.done).toBe(0);
    expect(opened).toEqual([signInUrl(r.io.err)]);
    expect(new URL(opened[0]!).searchParams.get('redirect_uri')).toBe(redirect);
    expect((await logins[0]!).status).toBe(200);
    expect(lines(r.io.out)).toHaveLength(t.sim.agents.length);
  });

  it('the session ends with the command: no token renewal after watch is over', async () => {
    // Access tokens of 4 s are renewed at half-life, every 2 s, for as long as the session lives.
    const shortLived = await startTestProvider({ claims: { tenantId: t.server.tenantId }, accessTokenTtlSeconds: 4 });
    try {
      const r = start(['watch', '--sign-in', '--no-browser', '--client-id', shortLived.clientId, '--issuer', shortLived.issuer, '--api-endpoint', t.server.url, '--json', '--polls', '1']);
      const url = await until('the sign-in URL on stderr', () => signInUrl(r.io.err));
      expect((await headlessLogin(url)).status).toBe(200);
      expect(await r.done).toBe(0);
      const refreshes = shortLived.refreshCount();
      // Two renewal periods: a session left open would have renewed by now.
      await sleep(4_500);
      expect(shortLived.refreshCount()).toBe(refreshes);
    } finally {
      await shortLived.stop();
    }
  });
});

describe('a sign-in that does not finish', () => {
  it('an issuer that cannot be reached: exit 1 and one sentence, no stack', async () => {
    const r = start(['doctor', '--sign-in', '--no-browser', '--client-id', 'c1', '--issuer', `http://127.0.0.1:${await freePort()}`]);
    expect(await r.done).toBe(1);
    expect(r.io.out).toBe('');
    expect(lines(r.io.err)).toHaveLength(1);
    expect(r.io.err).toMatch(/^cxone-agent-tray: .+\n$/);
    expect(r.io.err).not.toContain('Open this URL');
  });

  it('Ctrl+C while waiting for the browser ends the command with 130 and closes the redirect port', async () => {
    const port = await freePort();
    let interrupt!: () => void;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const r = start(['doctor', '--sign-in', '--no-browser', '--client-id', op.clientId, '--issuer', op.issuer, '--redirect-uri', `http://127.0.0.1:${port}/callback`, '--api-endpoint', t.server.url], { interrupted });
    await until('the sign-in URL on stderr', () => signInUrl(r.io.err));
    interrupt();
    // Bounded: without a reaction the sign-in would wait its full 5 minutes.
    let bound: NodeJS.Timeout | undefined;
    const code = await Promise.race([r.done, new Promise<string>((resolve) => (bound = setTimeout(() => resolve('still waiting'), 20_000)))]);
    clearTimeout(bound);
    expect(code).toBe(130);
    expect(r.io.out).toBe('');
    const probe = await fetch(`http://127.0.0.1:${port}/callback`).then(
      () => 'answered',
      (e: Error & { cause?: { code?: string } }) => e.cause?.code,
    );
    expect(probe).toBe('ECONNREFUSED');
  });
});
