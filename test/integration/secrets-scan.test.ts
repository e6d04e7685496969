// The secrets scan: sign-in → poll → renewal → diagnostics → restart → CLI → sign-out through the real
// core, a real oidc-provider (rotating refresh tokens), the demo server as the CXone API and the real
// keychain (gnome-keyring), with every token, code and verifier the provider handed out or received
// captured on the wire. Afterwards no piece of any of them may be found in the data folder (settings,
// logs), in anything sent to the windows (events, app state, snapshots, the diagnostics report) or in
// the CLI's output; the refresh token is in the keychain while signed in, and gone and revoked after.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../packaging/build-once';
import { createCore } from '../../main/core/app';
import { refreshTokenAccount } from '../../main/auth/auth-service';
import type { Core } from '../../main/core/types';
import { startDemoTenant, type DemoTenant } from '../../main/demo/demo-tenant';
import { silentLogger, type FetchLike } from '../../main/ports';
import { openSecretStore } from '../../main/secrets';
import { events, type EventName } from '../../preload/contract';
import { createTestPorts, type TestPorts } from '../harness/core-ports';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const keyring = process.env.CXONE_TEST_KEYRING === '1';

let op: TestProvider;
let api: DemoTenant;
beforeAll(async () => {
  // The CLI this test runs is built under the build lock, as every test that runs the bin does (the bin
  // would otherwise build a stale out/cli itself, beside another test's build).
  if (keyring) await ensureCliBuilt();
  // Short-lived access tokens: the session renews on its own (at half-life) during the test.
  op = await startTestProvider({ accessTokenTtlSeconds: 6 });
  api = await startDemoTenant({ agents: 12, seed: 7 });
});
afterAll(async () => {
  await op?.stop();
  await api?.stop();
});

/** Every secret seen on the wire: tokens from the token endpoint, codes and verifiers sent to it. */
const secrets = new Set<string>();
const refreshTokens: string[] = [];
const sniffingFetch: FetchLike = async (input, init) => {
  const url = String(input);
  if (url.startsWith(`${op.issuer}/token`) && init?.body) {
    const form = new URLSearchParams(init.body instanceof URLSearchParams ? init.body : String(init.body));
    for (const k of ['code', 'code_verifier', 'refresh_token', 'token']) {
      const v = form.get(k);
      if (v) secrets.add(v);
    }
  }
  const res = await fetch(input, init);
  if (url === `${op.issuer}/token` && res.ok) {
    const body = (await res.clone().json()) as Record<string, unknown>;
    for (const k of ['access_token', 'refresh_token', 'id_token']) if (typeof body[k] === 'string') secrets.add(body[k]);
    if (typeof body.refresh_token === 'string') refreshTokens.push(body.refresh_token);
  }
  return res;
};

/** Pieces of each secret (16 characters, every 8), so a token cut or wrapped in a file is found too. */
function pieces(): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (s.length < 16) {
      out.add(s);
      continue;
    }
    for (let i = 0; i + 16 <= s.length; i += 8) out.add(s.slice(i, i + 16));
    out.add(s.slice(-16));
  }
  return [...out];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Everything the core sends to the windows, as text. */
function recordWindows(core: Core, into: string[]): void {
  for (const name of Object.keys(events) as EventName[]) core.onEvent(name, (payload) => void into.push(`${name} ${JSON.stringify(payload)}`));
}

describe.skipIf(!keyring)('secrets scan (real core, oidc-provider, demo API, gnome-keyring)', () => {
  it('leaves no token anywhere but the keychain, and nothing at all after sign-out', async () => {
    const { store } = await openSecretStore({ logger: silentLogger });
    expect(store.kind).toBe('keychain');
    const settings = { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url } };
    const account = refreshTokenAccount({ issuer: op.issuer, clientId: op.clientId, tenantIdHint: undefined });
    const toWindows: string[] = [];
    const allPorts: TestPorts[] = [];
    const browser = { openExternal: async (url: string) => void headlessLogin(url).catch(() => {}) };

    // Sign in, poll, renew, diagnostics.
    const ports = createTestPorts({ secrets: store, settings, opener: browser, fetch: sniffingFetch });
    allPorts.push(ports);
    const core = createCore(ports);
    recordWindows(core, toWindows);
    await core.start();
    expect(await core.handlers.signIn(undefined)).toEqual({ ok: true });
    await until('live agent states', () => core.appState().monitor.kind === 'live', 20_000);
    await until('a renewal', () => op.refreshCount() >= 1, 20_000);
    await until('live after the renewal', () => core.appState().session.kind === 'signed-in' && core.appState().monitor.kind === 'live', 20_000);
    toWindows.push(JSON.stringify(await core.handlers.runDiagnostics({})));
    toWindows.push(JSON.stringify(core.appState()), JSON.stringify(await core.rosterSnapshot()));
    // While signed in, the keychain holds the newest refresh token.
    expect(await store.get(account)).toBe(refreshTokens.at(-1));
    await core.stop();

    // Restart: restored from the keychain, live again.
    const ports2 = createTestPorts({ secrets: store, settings, opener: browser, fetch: sniffingFetch });
    allPorts.push(ports2);
    const core2 = createCore(ports2);
    recordWindows(core2, toWindows);
    await core2.start();
    await until('live after restart', () => core2.appState().monitor.kind === 'live', 20_000);
    toWindows.push(JSON.stringify(core2.appState()));
    expect(await store.get(account)).toBe(refreshTokens.at(-1));

    // The CLI, given a real access token and id token on its command line.
    const accessToken = [...secrets].find((s) => s.split('.').length !== 3 && s.length > 20 && !refreshTokens.includes(s))!;
    const idToken = [...secrets].find((s) => s.startsWith('eyJ'))!;
    const cli = await run(process.execPath, [join(ROOT, 'bin/cxone-agent-tray.mjs'), 'doctor', '--access-token', accessToken, '--id-token', idToken, '--api-endpoint', api.url], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    }).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }));
    const cliOutput = `${cli.stdout}\n${cli.stderr}`;
    expect(cliOutput).toMatch(/\S/);

    // Sign out: the keychain entry is gone and the provider refuses the last refresh token.
    const lastRefresh = refreshTokens.at(-1)!;
    await core2.handlers.signOut(undefined);
    toWindows.push(JSON.stringify(core2.appState()));
    await core2.stop();
    expect(await store.get(account)).toBeNull();
    expect(op.revocations).toContain('refresh_token');
    const reuse = await fetch(`${op.issuer}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: lastRefresh, client_id: op.clientId }) });
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');

    // The scan.
    expect(secrets.size).toBeGreaterThanOrEqual(8); // codes, verifiers, access, id and several refresh tokens
    const places: [string, string][] = [
      ...allPorts.flatMap((p) => filesUnder(p.dir).map((f): [string, string] => [f, readFileSync(f, 'latin1')])),
      ['windows', toWindows.join('\n')],
      ['cli', cliOutput],
    ];
    const leaks = (text: string) => pieces().filter((piece) => text.includes(piece));
    // The scanner itself finds a 24-character cut of a token wrapped in other text.
    expect(leaks(`log: ${lastRefresh.slice(3, 27)} …`).length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const [where, text] of places) for (const piece of leaks(text)) found.push(`${where}: …${piece}…`);
    expect(found).toEqual([]);
    expect(places.filter(([w]) => w.endsWith('.log')).length).toBeGreaterThan(0);
    for (const p of allPorts) p.cleanup();
  }, 120_000);
});
