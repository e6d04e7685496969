// The real app in a real Electron: first run with the demo tenant, the tray window through the
// test-only hook, agents rendered and a live state change, the settings window, and a notification.
// Runs wherever an Electron binary is available; everywhere else each test is skipped for the one
// reason findElectronBinary() gives (printed once by the global setup).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';
import { E2E_OUT } from './global-setup';

const binary = findElectronBinary();
test.skip(binary.path === null, binary.reason ?? '');

/** What main/shell/e2e-hook.ts puts on the main process's globalThis. */
interface HookGlobal {
  __cxoneAgentTrayE2E: { showTray(): void; openSettings(): void; notifications: { title: string; body: string; agentId?: number }[] };
}

let app: ElectronApplication;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'cxone-agent-tray-e2e-'));
  app = await _electron.launch({
    executablePath: binary.path!,
    args: [join(E2E_OUT, 'main/index.js')],
    env: {
      ...process.env,
      CXONE_AGENT_TRAY_E2E: '1',
      CXONE_AGENT_TRAY_E2E_USER_DATA: userData,
      ELECTRON_ENABLE_LOGGING: '1',
    },
  });
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

async function windowShowing(page: 'tray.html' | 'settings.html'): Promise<Page> {
  await expect.poll(() => app.windows().some((w) => w.url().includes(page)), { timeout: 30_000 }).toBe(true);
  return app.windows().find((w) => w.url().includes(page))!;
}

test('first run opens the settings window with both paths', async () => {
  const settings = await windowShowing('settings.html');
  await expect(settings.getByText('Connect your CXone tenant')).toBeVisible();
  await expect(settings.getByText('Try the demo')).toBeVisible();
});

test('the tray window shows the demo agents and a state change arrives', async () => {
  await app.evaluate(() => (globalThis as unknown as HookGlobal).__cxoneAgentTrayE2E.showTray());
  const tray = await windowShowing('tray.html');
  const rows = tray.getByRole('listbox').getByRole('option');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(5);
  const before = await rows.allInnerTexts();
  // The simulator moves agents in real time; some visible row changes within a few poll intervals.
  await expect.poll(async () => (await rows.allInnerTexts()).join('\n') !== before.join('\n'), { timeout: 90_000, intervals: [1_000] }).toBe(true);
});

test('the settings window opens (single instance) from the hook', async () => {
  await app.evaluate(() => (globalThis as unknown as HookGlobal).__cxoneAgentTrayE2E.openSettings());
  await windowShowing('settings.html');
  expect(app.windows().filter((w) => w.url().includes('settings.html'))).toHaveLength(1);
});

test('a demo transition is notified, and recorded by the hook', async () => {
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as HookGlobal).__cxoneAgentTrayE2E.notifications.length), { timeout: 100_000, intervals: [1_000] })
    .toBeGreaterThan(0);
  const [first] = await app.evaluate(() => (globalThis as unknown as HookGlobal).__cxoneAgentTrayE2E.notifications.slice(0, 1));
  expect(first?.title.length).toBeGreaterThan(0);
});
