// End to end: Chromium (driven by Playwright) plays the system browser. The app's Opener port navigates
// it to the authorization URL; it logs in and consents on oidc-provider's own pages and is redirected
// to the app's loopback listener. The refresh token must land in the real gnome-keyring (private D-Bus
// session from test/harness/with-keyring.sh) and no token may appear in the log file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, refreshTokenAccount, type AuthConfig } from '../../main/auth/auth-service';
import { KEYCHAIN_SERVICE, openSecretStore } from '../../main/secrets';
import { launchChromium } from '../harness/chromium';
import { DEFAULT_CLAIMS, DEFAULT_LOGIN, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { FileLogger, ManualClock, RecordingNotifier, ScriptedOpener } from './helpers';

const keyring = process.env.CXONE_TEST_KEYRING === '1';
const reason = keyring ? 'Chromium + gnome-keyring' : 'needs gnome-keyring: run under test/harness/with-keyring.sh (the full test runner does)';

type Keytar = { findCredentials(service: string): Promise<{ account: string; password: string }[]> };

describe.skipIf(!keyring)(`sign-in through the system browser (${reason})`, () => {
  let op: TestProvider;
  let browser: Browser;
  const logPath = join(mkdtempSync(join(tmpdir(), 'cxone-browser-log-')), 'app.log');

  beforeAll(async () => {
    [op, browser] = await Promise.all([startTestProvider(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await op?.stop();
  });

  /** What a person does in the browser the app opened: log in, consent, land on the app's page. */
  async function userSignsIn(page: Page, url: string): Promise<{ callbackUrl: string; pageText: string }> {
    await page.goto(url);
    await page.fill('input[name="login"]', DEFAULT_LOGIN);
    await page.fill('input[name="password"]', 'any password');
    await page.click('button[type="submit"]');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    return { callbackUrl: page.url(), pageText: await page.locator('body').innerText() };
  }

  it('signs in, stores only the refresh token in the keychain, restarts from it and signs out', async () => {
    const logger = new FileLogger(logPath);
    const { store, warning } = await openSecretStore({ logger });
    expect(warning).toBeNull();
    expect(store.kind).toBe('keychain');

    const context = await browser.newContext();
    // Keep Chromium on loopback (the provider's dev page links a web font).
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    const page = await context.newPage();
    let browsing: Promise<{ callbackUrl: string; pageText: string }> | null = null;
    const opener = new ScriptedOpener((url) => (browsing = userSignsIn(page, url)));

    const config: AuthConfig = {
      issuer: op.issuer,
      clientId: op.clientId,
      scopes: ['openid'],
      redirect: { mode: 'any-loopback' },
      tenantIdHint: DEFAULT_CLAIMS.tenantId,
    };
    const deps = { config, secrets: store, opener, notifier: new RecordingNotifier(), clock: new ManualClock(), logger };
    const svc = createAuthService(deps);

    const identity = await svc.signIn();
    expect(identity).toMatchObject({
      issuer: op.issuer,
      subject: DEFAULT_LOGIN,
      tenantId: DEFAULT_CLAIMS.tenantId,
      tenant: DEFAULT_CLAIMS.tenant,
      icAgentId: DEFAULT_CLAIMS.icAgentId,
      icBUId: DEFAULT_CLAIMS.icBUId,
      icClusterId: DEFAULT_CLAIMS.icClusterId,
      name: DEFAULT_CLAIMS.name,
    });
    expect(svc.status()).toEqual({ kind: 'signed-in', identity, storage: 'keychain' });
    const { callbackUrl, pageText } = await browsing!;
    expect(pageText).toContain('Signed in');
    const code = new URL(callbackUrl).searchParams.get('code');
    expect(code).toBeTruthy();

    // The keychain holds exactly one entry for this sign-in: the refresh token, under the account key.
    // (Other test files may share the keyring session, so look only at this provider's entries.)
    const keytar = ((await import('@github/keytar')) as unknown as { default: Keytar }).default;
    const ours = async () => (await keytar.findCredentials(KEYCHAIN_SERVICE)).filter((e) => e.account.includes(op.issuer));
    const entries = await ours();
    expect(entries.map((e) => e.account)).toEqual([refreshTokenAccount(config)]);
    const refreshToken = entries[0]!.password;
    const accessToken = await svc.getAccessToken();
    expect(refreshToken).not.toBe(accessToken);
    expect(op.tokenRequests.map((r) => r.grantType)).toEqual(['authorization_code']);

    // Restart: a new instance with a freshly opened keychain store signs in silently.
    svc.dispose();
    const reopened = await openSecretStore({ logger });
    const restarted = createAuthService({ ...deps, secrets: reopened.store, opener: new ScriptedOpener(async () => {}) });
    expect(await restarted.restore()).toBe(true);
    expect(restarted.identity()).toEqual(identity);
    const rotated = (await ours())[0]!.password;
    expect(rotated).not.toBe(refreshToken);
    const renewedAccess = await restarted.getAccessToken();

    await restarted.signOut();
    expect(await ours()).toEqual([]);
    expect(op.revocations).toEqual(['refresh_token']);

    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('auth: signed in');
    for (const secret of [refreshToken, rotated, accessToken, renewedAccess, code!]) expect(log).not.toContain(secret);
    await context.close();
  });
});
