// axe-core on every view, in light and dark theme: zero violations. The same runs save screenshots
// (see harness/a11y.ts for where they go).
import { expect, test, type AppHarness } from './harness/fixtures';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations, SHOTS } from './harness/a11y';
import { wholePartsClip } from './harness/layout';

/** A settings picture that shows whole parts only: cut above a part that runs on below the window. */
async function shotOfWholeParts(page: Page, path: string) {
  const clip = await wholePartsClip(page);
  await page.screenshot(clip ? { path, clip } : { path });
}

/**
 * Moves the simulated clock a minute at a time and waits for a poll that answered after each move, so
 * the trend strip and the agents' histories have an hour of real changes (not one jump at the end).
 */
async function buildHistory(app: AppHarness, minutes: number) {
  const lastSuccess = () => {
    const m = app.core.appState().monitor;
    return 'lastSuccessAt' in m ? (m.lastSuccessAt ?? 0) : 0;
  };
  for (let i = 0; i < minutes; i++) {
    app.clock.offsetMs += 60_000;
    const movedAt = app.clock.now();
    await expect
      .poll(
        async () => {
          await app.core.handlers.refreshNow(undefined);
          return lastSuccess();
        },
        { intervals: [20] },
      )
      .toBeGreaterThanOrEqual(movedAt);
  }
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test(`tray: list, filters, detail (${theme})`, async ({ page, startApp }) => {
      const app = await startApp({ settings: { mode: 'demo', theme, demo: { agents: 60, seed: 5 } } });
      await app.live();
      await buildHistory(app, 20);
      await app.open(page, 'tray');
      await expect(page.getByRole('listbox')).toBeVisible();
      await expect(page.locator('.trend-chart')).toBeVisible();
      // The trend strip's legend: the chips' glyph and word for every category it draws, in the chips' order.
      const legend = page.getByRole('list', { name: 'Chart legend' }).getByRole('listitem');
      const chips = page.getByRole('group', { name: 'Filter by state' }).locator('.chip:not(.chip-reason):not(.chip-clear)');
      const glyphs = (l: typeof legend) => l.evaluateAll((els) => els.map((e) => `${e.querySelector('svg')?.getAttribute('class')} ${e.textContent?.replace(/\d+$/, '')}`));
      const legendEntries = await glyphs(legend);
      expect(legendEntries.length).toBeGreaterThanOrEqual(5);
      expect(legendEntries.filter((e) => !e.includes('cat-other'))).toEqual((await glyphs(chips)).filter((e) => !e.includes('cat-other')));
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.screenshot({ path: `${SHOTS}/tray-${theme}.png` });
      await expectNoAxeViolations(page, `tray list (${theme})`);
      // Hold the roster still: an agent the keyboard picks must not change state and leave the filter.
      await app.core.handlers.setPollingPaused({ paused: true });

      await page.getByRole('button', { name: /^Available \d+$/ }).click();
      await page.getByRole('checkbox', { name: 'Teams' }).check();
      await page.getByRole('listbox').focus();
      await page.keyboard.press('ArrowDown');
      await expectNoAxeViolations(page, `tray filtered + grouped (${theme})`);

      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoAxeViolations(page, `agent detail (${theme})`);
      await page.keyboard.press('Escape');

      await page.getByRole('searchbox').fill('no such agent');
      await expect(page.getByRole('heading', { name: 'Your filters hide everyone' })).toBeVisible();
      await expectNoAxeViolations(page, `filters hide everyone (${theme})`);
    });

    test(`tray: not signed in, with a notice (${theme})`, async ({ page, startApp }) => {
      // cxone mode without a client id: signed out, and a notice says what is missing.
      const app = await startApp({ settings: { mode: 'cxone', theme } });
      await app.open(page, 'tray');
      await expect(page.getByRole('heading', { name: 'You are not signed in' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Messages' })).toBeVisible();
      if (theme === 'light') await page.screenshot({ path: `${SHOTS}/empty-state.png` });
      await expectNoAxeViolations(page, `signed out (${theme})`);
      await page.getByRole('button', { name: /^Dismiss/ }).click();
      await expect(page.getByRole('region', { name: 'Messages' })).toBeHidden();
      expect(app.core.appState().notices).toEqual([]);
    });

    test(`settings: first run and every section (${theme})`, async ({ page, startApp }) => {
      // The folders a Linux user sees in Settings → General (README: ~/.config/CXone Agent Tray/).
      const home = '/home/pat/.config/CXone Agent Tray';
      const app = await startApp({ settings: { theme }, displayPaths: { settings: `${home}/settings.json`, logs: `${home}/logs` } });
      await app.open(page, 'settings');
      await expect(page.getByRole('heading', { name: 'Welcome to CXone Agent Tray' })).toBeVisible();
      if (theme === 'light') await page.screenshot({ path: `${SHOTS}/first-run.png` });
      await expectNoAxeViolations(page, `first run (${theme})`);
      await page.getByRole('button', { name: /Try the demo/ }).click();
      await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
      await app.live();

      await page.getByLabel('Issuer', { exact: true }).selectOption('custom');
      await page.getByLabel('Issuer URL').fill('http://example.com');
      await page.getByLabel('Client id').fill('my-native-app');
      if (theme === 'light') await page.screenshot({ path: `${SHOTS}/settings.png` });
      await expectNoAxeViolations(page, `settings connection with an error (${theme})`);
      await page.getByRole('button', { name: 'Revert' }).click();

      for (const section of ['Watch', 'General', 'Notifications']) {
        await page.getByRole('button', { name: section, exact: true }).click();
        await expect(page.getByRole('heading', { name: section, level: 2 })).toBeVisible();
        // The picture: the section from its heading, as saved (no unexplained "Unsaved changes.").
        await expect(page.locator('.save-status')).toHaveText('');
        if (theme === 'light') await shotOfWholeParts(page, `${SHOTS}/settings-${section.toLowerCase()}.png`);
        await expectNoAxeViolations(page, `settings ${section} (${theme})`);
        if (section === 'Watch') {
          await page.getByRole('radio', { name: /Some agents/ }).check();
          const picker = page.getByRole('group', { name: /Agents to watch/ });
          await picker.getByRole('searchbox').fill('a');
          await expect(picker).toContainText(/Showing \d+ of \d+ matches/);
          await picker.getByRole('checkbox').nth(2).check();
          if (theme === 'light') await shotOfWholeParts(page, `${SHOTS}/settings-watch-agents.png`);
        }
        if (section === 'Notifications') {
          await page.getByRole('button', { name: 'Add team rule' }).click();
          await page.getByRole('button', { name: 'Add agent rule' }).click();
          await page.getByRole('switch', { name: 'No notifications during quiet hours' }).check();
          await expectNoAxeViolations(page, `settings ${section} with changes (${theme})`);
          // The rules, saved, as one whole part of the section: from its heading down.
          await page.getByRole('button', { name: 'Save', exact: true }).click();
          await expect(page.locator('.save-status')).toHaveText('✓ Saved.');
          await page.getByRole('group', { name: 'Rules for teams' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await page.locator('.settings-content').evaluate((el) => el.scrollBy(0, -12)); // the group's legend whole, with air above
          if (theme === 'light') await shotOfWholeParts(page, `${SHOTS}/settings-notification-rules.png`);
        } else {
          await expectNoAxeViolations(page, `settings ${section} with changes (${theme})`);
          if (section !== 'General') await page.getByRole('button', { name: 'Revert' }).click();
        }
      }

      await page.getByRole('button', { name: 'Diagnostics', exact: true }).click();
      const agent = (await app.core.rosterSnapshot()).agents[3]!;
      await page.getByLabel('Agent to look for (optional)').fill(String(agent.agentId));
      await page.getByRole('button', { name: 'Run checks' }).click();
      await expect(page.getByRole('list', { name: 'Findings' })).toBeVisible({ timeout: 20_000 });
      if (theme === 'light') await page.screenshot({ path: `${SHOTS}/diagnostics.png` });
      await expectNoAxeViolations(page, `diagnostics with findings (${theme})`);
    });
  });
}

test('screenshot: the demo tenant with 200 agents, grouped by team, one pinned', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', theme: 'light', demo: { agents: 200, seed: 1 } } });
  await app.live();
  await buildHistory(app, 45);
  const agents = (await app.core.rosterSnapshot()).agents;
  await app.core.handlers.setAgentPinned({ agentId: agents[7]!.agentId, pinned: true });
  await app.open(page, 'tray');
  await page.getByRole('checkbox', { name: 'Teams' }).check();
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('state');
  await expect(page.locator('.group-header').first()).toContainText('Pinned');
  await page.screenshot({ path: `${SHOTS}/tray-demo-200.png` });
  await expectNoAxeViolations(page, 'demo 200 grouped');

  // The detail of the agent with the most changes this session (opened as a notification click would).
  const histories = await Promise.all(agents.map(async (a) => [a, (await app.core.handlers.getAgentHistory({ agentId: a.agentId })).length] as const));
  const [busiest] = histories.reduce((x, y) => (y[1] > x[1] ? y : x));
  const detail = await page.context().newPage();
  await app.open(detail, 'tray', `agent=${busiest.agentId}`);
  await expect(detail.getByRole('dialog').getByRole('listitem').nth(2)).toBeVisible();
  await detail.screenshot({ path: `${SHOTS}/agent-detail.png` });
});
