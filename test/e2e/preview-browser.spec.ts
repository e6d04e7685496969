// `npm run preview:browser` opened the way its one line says: the printed URL in Chromium shows the tray
// window with the demo tenant's agents, and the settings window opens from it in a new tab, as it does
// as a window in the app. Runs the real command (in a fresh copy of the sources, since it builds the
// renderer) and stops it with Ctrl+C. The screenshot is the README's picture of the preview.
import { expect, test } from '@playwright/test';
import { freshCheckout } from '../harness/fresh-checkout';
import { startPreviewProcess } from '../harness/preview-process';
import { SHOTS } from './harness/a11y';
import { TRAY_VIEWPORT } from './harness/fixtures';

test('the printed URL shows the tray window with the demo agents; Settings opens in a new tab; Ctrl+C ends it', async ({ page, context }) => {
  test.setTimeout(240_000);
  const checkout = freshCheckout();
  const preview = await startPreviewProcess(checkout.dir);
  try {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize(TRAY_VIEWPORT);
    await page.goto(preview.url);

    await expect(page.getByText('Demo tenant').first()).toBeVisible({ timeout: 20_000 });
    const list = page.getByRole('listbox');
    await expect(list).toHaveAttribute('aria-label', /^Agents, \d+ shown$/, { timeout: 20_000 });
    expect(Number(/(\d+)/.exec((await list.getAttribute('aria-label')) ?? '')?.[1])).toBeGreaterThan(0);
    await expect(list.getByRole('option').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/preview-browser.png` });

    // The header's Settings button: the core asks the shell for the settings window; here, a tab.
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = await opened;
    await settings.waitForLoadState();
    expect(new URL(settings.url()).pathname).toBe('/settings.html');
    // No tenant configured yet: the settings window greets a first run, as in the app.
    await expect(settings.getByRole('heading', { name: 'Welcome to CXone Agent Tray' })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    const stopped = await preview.stop();
    checkout.remove();
    expect(stopped.killed).toBe(false);
    expect(preview.stderr()).toMatch(/Preview stopped\.\n$/);
  }
});
