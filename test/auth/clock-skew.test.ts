// Sign-in with a computer clock that is off, against a real oidc-provider whose clock is shifted in its
// own process (test/harness/shifted-provider.ts). Within a few minutes it just works; 70 minutes off
// used to fail with `unexpected JWT "exp" … expiration is past current timestamp`, and must say the
// clock is off, in minutes, before the user even logs in.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { createAuthService } from '../../main/auth/auth-service';
import { CLOCK_TOLERANCE_SECONDS, clockIsOff, clockOffMessage, createSkewGauge, skewFromDateHeader } from '../../main/auth/clock-skew';
import { toAuthError } from '../../main/auth/oidc';
import { silentLogger, systemClock } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { headlessLogin } from '../harness/oidc-provider';
import { until } from '../harness/until';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.stdin?.end();
});

/** An oidc-provider whose clock is `offsetMs` from ours (negative: ours is ahead). */
async function shiftedProvider(offsetMs: number, idTokenTtlSeconds?: number): Promise<{ issuer: string; clientId: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/harness/shifted-provider.ts'], {
    env: { ...process.env, CLOCK_OFFSET_MS: String(offsetMs), ...(idTokenTtlSeconds ? { ID_TOKEN_TTL_SECONDS: String(idTokenTtlSeconds) } : {}) },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) if (line.startsWith('{')) return JSON.parse(line) as { issuer: string; clientId: string };
  throw new Error('the shifted provider did not start');
}

function session(op: { issuer: string; clientId: string }, visits: string[]) {
  return createAuthService({
    config: { issuer: op.issuer, clientId: op.clientId, scopes: ['openid'], redirect: { mode: 'any-loopback' } },
    secrets: createMemorySecretStore(),
    opener: { openExternal: async (u) => void visits.push(u) },
    notifier: { show() {} },
    clock: systemClock,
    logger: silentLogger,
  });
}

/** Where a sign-in case is, with the time it got there: printed if the case fails (a timeout says no more). */
function phases(): (name: string) => void {
  const t0 = performance.now();
  const seen: string[] = [];
  onTestFailed(() => console.error(`clock-skew case stopped after: ${seen.join(' → ')}`));
  return (name) => void seen.push(`${name} (${Math.round(performance.now() - t0)} ms)`);
}

// One retry: in 1 of 4 clean-clone CI runs on Dec 2 (an AMD machine) one sign-in here hit its then 30 s
// limit (1.4 s otherwise). Not reproduced since: 4 local runs there, 12 runs of this file with both
// cores kept busy on the Intel machine of Dec 2 (3–4 s each). Its limit is now the suite's 60 s, as for
// every test that spawns a process, and a failing case prints the phases it got through.
describe('sign-in with a computer clock that is off', { retry: 1 }, () => {
  // openid-client's own tolerance is 30 s; the app's 5 minutes must reach the id_token's exp check too.
  it.each([
    ['within the tolerance (clock 3 minutes ahead) signs in as usual', undefined],
    ['within the tolerance, an id_token that expired by our clock (1 minute long, clock 3 minutes ahead) is accepted', 60],
  ])('%s', async (_what, idTokenTtlSeconds) => {
    const reached = phases();
    const op = await shiftedProvider(-3 * 60_000, idTokenTtlSeconds);
    reached('provider started');
    const visits: string[] = [];
    const auth = session(op, visits);
    try {
      const signingIn = auth.signIn();
      const authUrl = await until('the authorization URL', () => visits[0]);
      reached('browser opened');
      await headlessLogin(authUrl);
      reached('login pages walked, callback answered');
      await expect(signingIn).resolves.toMatchObject({ tenant: 'DemoTenant' });
      reached('signed in');
    } finally {
      auth.dispose();
    }
  });

  it('70 minutes ahead: says so in minutes, before the browser opens, never the raw JWT message', async () => {
    const reached = phases();
    const op = await shiftedProvider(-70 * 60_000);
    reached('provider started');
    const visits: string[] = [];
    const auth = session(op, visits);
    try {
      const err = await auth.signIn().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/^Your computer's clock is about 70 minutes ahead of the sign-in server's/);
      expect(err?.message).not.toMatch(/JWT|exp/);
      expect(visits).toEqual([]);
      expect(auth.status()).toMatchObject({ kind: 'error', message: expect.stringMatching(/about 70 minutes ahead/) });
      reached('refused');
    } finally {
      auth.dispose();
    }
  });

  it('a JWT time check that fails anyway is reported as the clock, with the measured skew', async () => {
    const oidc = await import('openid-client');
    const jwtErr = new oidc.ClientError('JWT timestamp claim value failed validation', { code: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' } as never);
    expect(toAuthError(jwtErr, 'the sign-in server', 90 * 60_000).message).toBe(clockOffMessage(90 * 60_000));
    expect(toAuthError(jwtErr, 'the sign-in server', 90 * 60_000).message).toMatch(/about 90 minutes behind/);
    // Retrying cannot help until the clock is set right: a refusal, not a network failure to retry.
    expect(toAuthError(jwtErr, 'the sign-in server', 90 * 60_000)).toMatchObject({ kind: 'server', cause: jwtErr });
    expect(toAuthError(jwtErr, 'the sign-in server', null).message).toMatch(/your computer's clock seems to be off/);
    // Within the tolerance the clock is not the cause: the library's reason stays.
    expect(toAuthError(jwtErr, 'the sign-in server', 30_000).message).not.toMatch(/clock/);
    expect(skewFromDateHeader('Sun, 29 Nov 2026 19:00:00 GMT', Date.UTC(2026, 10, 29, 20, 10))).toBe(-70 * 60_000);
    expect(skewFromDateHeader('not a date', 0)).toBeNull();
  });

  it('keeps the last measured skew when a later answer has no readable Date header', () => {
    const gauge = createSkewGauge();
    expect(gauge.skewMs).toBeNull();
    gauge.observe('Sun, 29 Nov 2026 19:00:00 GMT', Date.UTC(2026, 10, 29, 20, 10));
    expect(gauge.skewMs).toBe(-70 * 60_000);
    // e.g. the key set served from a CDN that sends no Date: the measurement stays.
    gauge.observe(null, Date.UTC(2026, 10, 29, 20, 11));
    gauge.observe('garbage', Date.UTC(2026, 10, 29, 20, 11));
    expect(gauge.skewMs).toBe(-70 * 60_000);
  });

  it('the tolerance is 5 minutes either way: exactly 5 minutes is fine, a millisecond more is off', () => {
    expect(CLOCK_TOLERANCE_SECONDS).toBe(300);
    for (const sign of [1, -1]) {
      expect(clockIsOff(sign * 300_000)).toBe(false);
      expect(clockIsOff(sign * 300_001)).toBe(true);
    }
    expect(clockIsOff(null)).toBe(false);
  });
});
