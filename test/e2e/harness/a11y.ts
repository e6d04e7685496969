// Shared by the specs that look at views: axe-core with zero violations allowed, and where screenshots
// go — test-results/screenshots/ on every run, docs/screenshots/ (the README's pictures, looked at by a
// person) only with `npm run screenshots`, so that running the tests never dirties the tree.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

export async function expectNoAxeViolations(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations in ${view}`).toEqual([]);
}

/**
 * axe in the light and then the dark theme, for a window whose theme follows the system (the default
 * setting): the page's colour scheme is switched and the check waits until the theme has followed.
 */
export async function expectNoAxeViolationsInBothThemes(page: Page, view: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await expectNoAxeViolations(page, `${view} (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
}
