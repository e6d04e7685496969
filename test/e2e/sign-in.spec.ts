// Sign-in UI against a real OpenID Provider (oidc-provider on 127.0.0.1) through the real core and
// auth service: progress with the link shown, Copy link, Cancel; then a completed sign-in against a
// CXone-compatible simulator that answers with no agents, which the tray must explain.
import { createServer, type AddressInfo } from 'node:net';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { headlessLogin, startTestProvider, type TestProvider } from '../harness/oidc-provider';
import { expectNoAxeViolationsInBothThemes, SHOTS } from './harness/a11y';
import { expect, test } from './harness/fixtures';

let op: TestProvider;
let api: SimulatorServer;
/** An account whose tokens carry no tenantId: the API host cannot be discovered for it. */
const NO_TENANT_ID = 'user:no-tenant-id';

test.beforeAll(async () => {
  op = await startTestProvider({ accounts: { [NO_TENANT_ID]: { tenantId: '' } } });
  api = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 0, seed: 1 }) });
});
test.afterAll(async () => {
  await api?.stop();
  await op?.stop();
});

test('sign-in: progress with the link, Copy link, Cancel, then a real sign-in; an empty API answer is explained', async ({ page, startApp }) => {
  const app = await startApp({
    settings: {
      mode: 'cxone',
      tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url },
      pollIntervalSeconds: 5,
    },
  });
  await app.open(page, 'tray');
  await expect(page.getByRole('heading', { name: 'You are not signed in' })).toBeVisible();

  // First attempt: the browser "opens" (the opener port records the URL); the window shows progress.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Finish signing in in your browser.')).toBeVisible();
  await expect.poll(() => app.ports.opened.length).toBe(1);
  const firstUrl = app.ports.opened[0]!;
  expect(firstUrl.startsWith(`${op.issuer}/`)).toBe(true);
  await expect(page.getByRole('textbox', { name: 'Sign-in link' })).toHaveValue(firstUrl);
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('Signing in…');
  // Said once: no "You are not signed in" with a greyed Sign in under the progress.
  await expect(page.getByRole('heading', { name: 'You are not signed in' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/tray-signing-in.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray while signing in');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(app.ports.uiCalls).toContainEqual({ method: 'copyText', arg: firstUrl });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Finish signing in in your browser.')).toBeHidden();
  await expect.poll(() => app.core.appState().session.kind).toBe('signed-out');
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('Signed out');
  await expect(page.getByRole('alert')).toBeVisible(); // the cancelled attempt says so

  // Second attempt: the user logs in on the provider's pages; the callback reaches the app's listener.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => app.ports.opened.length).toBe(2);
  const callback = await headlessLogin(app.ports.opened[1]!);
  expect(callback.status).toBe(200);
  await expect.poll(() => app.core.appState().session.kind, { timeout: 15_000 }).toBe('signed-in');
  await expect(page.getByRole('heading', { name: 'The API returned no agents' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Open Diagnostics' }).click();
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'diagnostics' });
});

test('a sign-in whose feed cannot start says so in the banner, the header and the list — not "Signed out", not "no agents" — and starts once Settings fix it', async ({ page, startApp }) => {
  const app = await startApp({
    settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: '' }, pollIntervalSeconds: 600 },
  });
  await app.open(page, 'tray');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => app.ports.opened.length).toBe(1);
  await headlessLogin(app.ports.opened[0]!, NO_TENANT_ID);
  await expect.poll(() => app.core.appState().session.kind, { timeout: 15_000 }).toBe('signed-in');
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages).toContainText('Problem: The sign-in carried no tenantId');
  // It says what is true until Settings fix it, so it has no Dismiss (dismissed, nothing would say why).
  await expect(messages.getByRole('button', { name: /Dismiss/ })).toHaveCount(0);
  // Said once: the Sign in button's failure has the banner's words, so it adds no second banner.
  await expect(page.getByText(/no tenantId/)).toHaveCount(1);
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('Could not start');
  const empty = page.getByRole('region', { name: 'Agents cannot be loaded' });
  await expect(empty).toContainText('for the reason above');
  await expect(page.getByRole('heading', { name: 'The API returned no agents' })).toHaveCount(0);
  expect(app.core.trayModel()).toMatchObject({ icon: 'error', tooltip: expect.stringContaining('could not start') });
  await page.screenshot({ path: `${SHOTS}/tray-feed-not-started.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray, feed not started');
  await empty.getByRole('button', { name: 'Open Settings' }).click();
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'settings' });

  // The API host given in Settings: the feed starts by itself, and every "could not start" goes.
  await app.core.handlers.saveSettings({ ...app.core.appState().settings, tenant: { ...app.core.appState().settings.tenant, apiEndpointOverride: api.url } });
  await expect(page.getByRole('heading', { name: 'The API returned no agents' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/no tenantId/)).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('status')).not.toHaveText('Could not start');
  expect(app.core.trayModel().icon).toBe('live');
});

test('settings: Test connection before and after signing in, against the real sign-in server and API', async ({ page, startApp }) => {
  const app = await startApp({
    settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: api.url }, pollIntervalSeconds: 600 },
  });
  await app.open(page, 'settings');
  const result = page.locator('#test-status');
  const steps = result.getByRole('listitem');

  // Signed out: discovery is checked; the API steps need a sign-in and say so.
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(steps.first()).toContainText(`Sign-in server: passed${new URL(op.issuer).host} answered discovery.`);
  await expect(steps.nth(1)).toContainText('API: not run yetSign in to test the tenant’s API host and the agent states call.');
  await expect(result).toContainText('✓ Every check that could run passed.');
  await expect(result).not.toContainText('The connection works');

  // Sign in from Settings, through the provider's pages.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Finish signing in in your browser.').first()).toBeVisible();
  await expect(page.getByLabel('Sign-in link (open it in a browser if none opened)')).toHaveValue(/^http/);
  await expect.poll(() => app.ports.opened.length).toBe(1);
  expect((await headlessLogin(app.ports.opened[0]!)).status).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Signed in: the API host and one agents/states call, in words.
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(result).toContainText('✓ The connection works.');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(1)).toContainText(`API host: passedUsing the override ${api.url}`);
  await expect(steps.nth(2)).toContainText('Agent states: passed');
  await expect(steps.nth(2)).toContainText('with no agents. Open Diagnostics to find out why.');

  // A sign-out that fails says so where the test's words are, and the session stays as it was.
  const signOut = app.core.handlers.signOut;
  app.core.handlers.signOut = async () => {
    throw new Error('The keychain did not answer.');
  };
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(result.getByRole('alert')).toContainText('The keychain did not answer.');
  await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible();
  // Tried again, it works, and the old error goes.
  app.core.handlers.signOut = signOut;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(result.getByRole('alert')).toHaveCount(0);
});

test('a sign-in that fails outside the window (the tray menu) says why in the tray, once', async ({ page, startApp }) => {
  // A sign-in server nobody answers on: a port just closed on 127.0.0.1.
  const closed = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
  const app = await startApp({ settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: `http://127.0.0.1:${closed}`, clientId: op.clientId } } });
  // What the tray menu's Sign in does: the core's command, with no window to hear its answer.
  const r = await app.core.handlers.signIn(undefined);
  expect(r.ok).toBe(false);
  const reason = r.ok ? '' : r.message;
  expect(app.core.appState().session).toEqual({ kind: 'error', message: reason });
  await app.open(page, 'tray');
  await expect(page.getByRole('heading', { name: 'You are not signed in' })).toBeVisible();
  await expect(page.getByText(reason, { exact: true })).toHaveCount(1);
  // From the window's own button the same failure is still said once (not in a banner as well).
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect.poll(() => app.core.appState().session.kind).toBe('error');
  await expect(page.getByText(reason, { exact: true })).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a sign-out takes the agents off the window and the tray: no list of agents nobody updates, no "live"', async ({ page, startApp }) => {
  const withAgents = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 6, seed: 3 }) });
  try {
    const app = await startApp({
      settings: { mode: 'cxone', tenant: { issuerPreset: 'custom', issuer: op.issuer, clientId: op.clientId, apiEndpointOverride: withAgents.url }, pollIntervalSeconds: 600 },
    });
    await app.open(page, 'tray');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => app.ports.opened.length).toBe(1);
    await headlessLogin(app.ports.opened[0]!);
    await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 6 shown', { timeout: 15_000 });
    expect(app.core.trayModel()).toMatchObject({ icon: 'live', availableCount: expect.any(Number) });

    // What the tray menu's Sign out does: the core's command, with the window open.
    await app.core.handlers.signOut(undefined);
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Signed out');
    await expect(page.getByRole('heading', { name: 'You are not signed in' })).toBeVisible();
    await expect(page.getByRole('listbox')).toHaveCount(0);
    expect(app.core.trayModel()).toMatchObject({ icon: 'signed-out', availableCount: null, tooltip: 'CXone Agent Tray — signed out' });
  } finally {
    await withAgents.stop();
  }
});
