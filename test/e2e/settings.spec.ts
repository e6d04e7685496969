// The settings window in Chromium against the real core: first-run choice, validation with main's
// schema (inline errors, Save disabled, nothing lost), keyboard-only use, and the Diagnostics view.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { commands, events } from '../../preload/contract';
import { expect, test } from './harness/fixtures';
import { expectNoAxeViolations, expectNoAxeViolationsInBothThemes, SHOTS } from './harness/a11y';
import { clippedText } from './harness/layout';

/** Hands the page an event as main sends it, at once (not whenever the event stream brings it). */
async function dispatch(page: Page, channel: string, payload: unknown) {
  await page.evaluate(
    ([c, p]) => (globalThis as unknown as { __agentTrayDispatch(c: string, p: unknown): void }).__agentTrayDispatch(c, p),
    [channel, payload] as const,
  );
}

test('first run offers two paths; "Try the demo" is one click', async ({ page, startApp }) => {
  const app = await startApp();
  expect(app.core.appState().mode).toBe('unconfigured');
  await app.open(page, 'settings');
  await expect(page.getByRole('heading', { name: 'Welcome to CXone Agent Tray' })).toBeVisible();
  const connect = page.getByRole('button', { name: /Connect your CXone tenant/ });
  const demo = page.getByRole('button', { name: /Try the demo/ });
  await expect(connect).toBeVisible();
  await demo.click();
  await expect.poll(() => app.core.appState().mode).toBe('demo');
  await expect(page.getByRole('navigation', { name: 'Settings sections' })).toBeVisible();
  await expect(page.getByRole('navigation')).toContainText('Demo tenant');
  await app.live();
});

test('a profile folder that cannot be written: the first run still offers both paths, says changes last until quit, and the demo starts', async ({ page, startApp }) => {
  // Real settings store (conf) on a path through a regular file: every open fails with ENOTDIR.
  const app = await startApp({ unusableSettingsFolder: true });
  await app.open(page, 'settings');
  await expect(page.getByRole('heading', { name: 'Welcome to CXone Agent Tray' })).toBeVisible();
  const notice = page.getByText(/Your settings file .*CXone Agent Tray\/settings\.json could not be opened \(ENOTDIR/);
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('so defaults are in use until the app quits: changes made now are not saved. Check that its folder exists and can be written to.');
  // Above the welcome at full width, not a column beside it that squeezes the two choices.
  const banner = (await page.locator('.notices').boundingBox())!;
  const welcome = (await page.getByRole('heading', { name: 'Welcome to CXone Agent Tray' }).boundingBox())!;
  expect(banner.y + banner.height).toBeLessThanOrEqual(welcome.y);
  expect(banner.width).toBeGreaterThan(page.viewportSize()!.width * 0.9);
  expect(await clippedText(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/first-run-settings-not-saved.png` });
  await page.getByRole('button', { name: /Try the demo/ }).click();
  await expect.poll(() => app.core.appState().mode).toBe('demo');
  await app.live();
  await expectNoAxeViolations(page, 'first run, settings not saved');
});

test('first run: "Connect your CXone tenant" opens the tenant form', async ({ page, startApp }) => {
  const app = await startApp();
  await app.open(page, 'settings');
  await page.getByRole('button', { name: /Connect your CXone tenant/ }).click();
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
  // The registration asked for in the README's and CXone's words: a public client with PKCE ("native/public" was neither).
  await expect(page.getByText('You need the client id of a CXone application registered as a public client (no client secret) with Authorization Code + PKCE.')).toBeVisible();
  await expect(page.getByLabel('Client id')).toBeVisible();
  expect(app.core.appState().mode).toBe('unconfigured');
});

test('validation: a bad issuer shows an inline error and disables Save; a valid one saves', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 20, seed: 1 } } });
  await app.open(page, 'settings');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toBeDisabled(); // nothing changed yet

  await page.getByLabel('Issuer', { exact: true }).selectOption('custom');
  const issuer = page.getByLabel('Issuer URL');
  await issuer.fill('http://example.com');
  await expect(issuer).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The issuer must use https (plain http is allowed only for 127.0.0.1, localhost and [::1]).')).toBeVisible();
  await expect(save).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Fix the highlighted field to save.' })).toBeVisible();

  // Another invalid field on another section; switching sections loses nothing.
  await page.getByRole('button', { name: 'Watch' }).click();
  const poll = page.getByLabel('Poll interval');
  await poll.fill('2');
  await expect(page.getByText('The poll interval is at least 5 seconds.')).toBeVisible();
  await poll.fill('15');
  await page.getByRole('button', { name: 'Connection', exact: true }).click();
  await expect(issuer).toHaveValue('http://example.com');

  await issuer.fill('https://login.example.com');
  await expect(issuer).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Client id').fill('my-native-app');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const saved = app.ports.settings.get();
  expect(saved.tenant.issuer).toBe('https://login.example.com');
  expect(saved.tenant.issuerPreset).toBe('custom');
  expect(saved.tenant.clientId).toBe('my-native-app');
  expect(saved.pollIntervalSeconds).toBe(15);
  await expect(save).toBeDisabled();
});

test('keyboard only: sections, toggles and Save without a mouse', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 20, seed: 1 } } });
  await app.open(page, 'settings');
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Connection', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Notifications' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeFocused();
  // First control after the heading: the master switch; then the first rule.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('switch', { name: 'Show notifications' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('switch', { name: 'An agent becomes Available' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('switch', { name: 'An agent becomes Available' })).not.toBeChecked();
  await page.keyboard.press('Control+s');
  await expect.poll(() => app.ports.settings.get().notifications.toAvailable).toBe(false);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  // Esc hides the window once nothing is unsaved.
  await page.keyboard.press('Escape');
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'hideWindow' });
});

test('watch scope pickers are fed from the roster, asked for only once a picker shows', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 40, seed: 2 } } });
  await app.live();
  const snapshot = await app.core.rosterSnapshot();
  await app.open(page, 'settings');
  await page.getByRole('button', { name: 'Watch' }).click();
  await expect(page.getByRole('radio', { name: /Everyone/ })).toBeChecked();
  const asked = () => app.log.calls.filter((c) => c === commands.getPickerChoices.channel).length;
  expect(asked()).toBe(0);
  await page.getByRole('radio', { name: /Some teams/ }).check();
  await expect.poll(asked).toBe(1);
  const team = [...snapshot.teams].sort((a, b) => a.name.localeCompare(b.name))[0]!;
  await page.getByRole('checkbox', { name: team.name }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().watch).toEqual({ scope: 'teams', teamIds: [team.id], agentIds: [], skillScope: 'all', skillIds: [] });
});

test('an open settings window switches section on main\'s request without losing unsaved edits', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 } } });
  await app.open(page, 'settings');
  await page.getByLabel('Client id').fill('not-saved-yet');
  // What main/shell/windows.ts sends to a loaded settings window (the tray's Diagnostics…, a link).
  await dispatch(page, events.showSection.channel, { section: 'diagnostics' });
  await expect(page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  await page.getByRole('button', { name: 'Connection', exact: true }).click();
  await expect(page.getByLabel('Client id')).toHaveValue('not-saved-yet');
  expect(app.ports.settings.get().tenant.clientId).toBe('');
});

test('diagnostics: runs the doctor, shows a checklist, copies the report', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 4 } } });
  await app.live();
  const agent = (await app.core.rosterSnapshot()).agents[0]!;
  await app.open(page, 'settings', 'diagnostics');
  await expect(page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  const input = page.getByLabel('Agent to look for (optional)');
  await input.fill('not an id');
  await expect(page.getByText('Enter a numeric agent id (e.g. 40112233) or a user UUID.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run checks' })).toBeDisabled();
  await input.fill(String(agent.agentId));
  await input.press('Enter');
  const findings = page.getByRole('list', { name: 'Findings' });
  await expect(findings).toBeVisible({ timeout: 20_000 });
  await expect(findings).toContainText('AGENT_VISIBLE');
  await expect(page.locator('.report-head')).toContainText('✓ No problems found.');
  // An agent the tenant does not list: one problem, said in the singular.
  await input.fill('99999999');
  await input.press('Enter');
  await expect(page.locator('.report-head')).toContainText('✖ 1 problem found.', { timeout: 20_000 });
  await expect(findings.locator('.sev-error')).toHaveCount(1);
  await input.fill(String(agent.agentId));
  await input.press('Enter');
  await expect(page.locator('.report-head')).toContainText('✓ No problems found.', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Copy report' }).click();
  await expect(page.getByRole('button', { name: 'Report copied' })).toBeVisible();
  const copied = app.ports.uiCalls.find((c) => c.method === 'copyText')?.arg as string;
  expect(copied).toContain('CXone Agent Tray — diagnostics report');
  expect(copied).toContain('AGENT_VISIBLE');
  expect(app.pageErrors).toEqual([]);
});

test('a command main could not carry out says why: in the window\'s banner, or beside the Connection section\'s buttons', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 } } });
  await app.open(page, 'settings', 'diagnostics');
  await expect(page.getByRole('heading', { name: 'Diagnostics' })).toBeVisible();
  // Esc on a window with nothing unsaved hides it; here main cannot.
  app.core.handlers.hideWindow = async () => {
    throw new Error('The window could not be hidden.');
  };
  await page.keyboard.press('Escape');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('The window could not be hidden.');
  // On the Connection section the same words sit beside its buttons, said once.
  await page.getByRole('button', { name: 'Connection' }).click();
  await expect(alert).toHaveCount(1);
  await expect(page.locator('#test-status').getByRole('alert')).toContainText('The window could not be hidden.');
  // A Test connection main cannot run says so there too, in place of the last words.
  app.core.handlers.testConnection = async () => {
    throw new Error('The connection test could not start.');
  };
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.locator('#test-status').getByRole('alert')).toHaveText(/^The connection test could not start\./);
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeEnabled();
  expect(app.pageErrors).toEqual([]);
});

test('Test connection shows its result in words, step by step; a failing step says why', async ({ page, startApp }) => {
  // Port 9 on loopback: nothing listens, so discovery fails at once.
  const app = await startApp({
    settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, tenant: { issuerPreset: 'custom', issuer: 'https://127.0.0.1:9', clientId: 'app' } },
  });
  await app.open(page, 'settings');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.locator('#test-status');
  await expect(result).toContainText('✖ The connection test found a problem.');
  await expect(result.getByRole('listitem')).toHaveCount(1);
  await expect(result.getByRole('listitem')).toContainText('Sign-in server: failed');
  await expect(result.getByRole('listitem')).toContainText('127.0.0.1:9');
  expect(app.log.calls).toContain('settings:test-connection');
});

test('a save that main refuses keeps everything typed, says why, and saves once main accepts', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 } } });
  await app.open(page, 'settings');
  await page.getByLabel('Issuer', { exact: true }).selectOption('custom');
  await page.getByLabel('Issuer URL').fill('https://login.example.com');
  await page.getByLabel('Client id').fill('typed-by-hand');
  await page.getByRole('button', { name: 'Watch' }).click();
  await page.getByLabel('Poll interval').fill('42');

  // The settings file cannot be written (a folder stands where the file goes): main refuses the save.
  rmSync(app.ports.settings.path, { force: true });
  mkdirSync(app.ports.settings.path);
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await save.click();
  // One sentence: what happened and what to do; no temp paths or system error codes on screen.
  const status = page.getByRole('status').filter({ hasText: 'Not saved: the settings file could not be written' });
  await expect(status).toContainText('Your changes are kept here');
  await expect(page.locator('.save-bar')).not.toContainText('EISDIR');
  await expect(page.locator('.save-bar')).not.toContainText(app.ports.settings.path);
  // The details go to the clipboard on request (and to the log).
  await page.getByRole('button', { name: 'Copy details' }).click();
  await expect.poll(() => app.ports.uiCalls.find((c) => c.method === 'copyText')?.arg).toEqual(expect.stringMatching(/EISDIR/));
  await expect.poll(() => readFileSync(app.ports.logFile, 'utf8')).toContain('EISDIR');
  await page.screenshot({ path: `${SHOTS}/settings-save-failed.png` });
  await expectNoAxeViolationsInBothThemes(page, 'settings after a failed save');
  await expect(page.getByLabel('Poll interval')).toHaveValue('42');
  await page.getByRole('button', { name: 'Connection', exact: true }).click();
  await expect(page.getByLabel('Issuer URL')).toHaveValue('https://login.example.com');
  await expect(page.getByLabel('Client id')).toHaveValue('typed-by-hand');
  await expect(save).toBeEnabled();
  expect(app.ports.settings.get().tenant.clientId).toBe('');

  // The file can be written again: the same draft saves.
  rmSync(app.ports.settings.path, { recursive: true, force: true });
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(app.ports.settings.get()).toMatchObject({ pollIntervalSeconds: 42, tenant: { issuer: 'https://login.example.com', clientId: 'typed-by-hand' } });
});

test('Revert after a failed save goes back to main\'s settings and clears the failure', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 } } });
  await app.open(page, 'settings', 'watch');
  const before = await page.getByLabel('Poll interval').inputValue();
  await page.getByLabel('Poll interval').fill('42');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes.' })).toBeVisible();
  rmSync(app.ports.settings.path, { force: true });
  mkdirSync(app.ports.settings.path);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const bar = page.locator('.save-bar');
  await expect(bar).toContainText('Not saved');
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(page.getByLabel('Poll interval')).toHaveValue(before);
  await expect(bar).not.toContainText('Not saved');
  await expect(bar.getByRole('status')).toHaveText('');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Revert' })).toBeDisabled();
  rmSync(app.ports.settings.path, { recursive: true, force: true });
});

test('the agent picker: filter by name, choose an agent, save; the tray then lists only that agent', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 150, seed: 3 }, pollIntervalSeconds: 600 } });
  await app.live();
  const agents = (await app.core.rosterSnapshot()).agents;
  const target = agents[120]!;
  const name = `${target.firstName} ${target.lastName}`;
  await app.open(page, 'settings', 'watch');
  await page.getByRole('radio', { name: /Some agents/ }).check();
  const picker = page.getByRole('group', { name: /Agents to watch/ });
  // 150 agents: the list shows at most 100 and says so, until a filter narrows it.
  await expect(picker).toContainText('Showing 100 of 150; type to narrow the list.');
  await expect(picker.getByRole('checkbox')).toHaveCount(100);
  await picker.getByRole('searchbox', { name: 'Filter agents by name' }).fill(target.lastName);
  await picker.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
  await expect(picker.locator('legend')).toContainText('1 chosen');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().watch).toEqual({ scope: 'agents', teamIds: [], agentIds: [target.agentId], skillScope: 'all', skillIds: [] });

  const tray = await page.context().newPage();
  await app.open(tray, 'tray');
  await expect(tray.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 1 shown');
  await expect(tray.getByRole('listbox').getByRole('option')).toContainText(name);

  // Settings opened again (a new window) under that scope still offers everyone, not only the agent
  // already chosen.
  const other = agents[7]!;
  const reopened = await page.context().newPage();
  await app.open(reopened, 'settings', 'watch');
  const again = reopened.getByRole('group', { name: /Agents to watch/ });
  // The chosen agent comes first; the count is of the others.
  await expect(again).toContainText('Showing 100 of 149; type to narrow the list.');
  await expect(again.getByRole('checkbox').first()).toHaveAccessibleName(new RegExp(`^${name}`));
  await expect(again.getByRole('checkbox').first()).toBeChecked();
  await again.getByRole('searchbox', { name: 'Filter agents by name' }).fill(other.lastName);
  await again.getByRole('checkbox', { name: new RegExp(`^${other.firstName} ${other.lastName}`) }).check();
  await reopened.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().watch.agentIds).toEqual([target.agentId, other.agentId]);
  await expect(tray.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 2 shown');
});

test('two agents of the same name carry their agent id in the Watch picker and the agent rules, as in the tray', async ({ page, startApp }) => {
  // The demo's 200 agents, as `npm run preview:browser` shows them: some names come twice.
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 200 }, pollIntervalSeconds: 600 } });
  await app.live();
  const byName = new Map<string, number[]>();
  for (const a of (await app.core.rosterSnapshot()).agents) byName.set(`${a.firstName} ${a.lastName}`, [...(byName.get(`${a.firstName} ${a.lastName}`) ?? []), a.agentId]);
  const [name, ids] = [...byName].find(([, list]) => list.length === 2)!;
  expect(ids).toHaveLength(2);
  const labels = ids.map((id) => `${name} · #${id}`);

  await app.open(page, 'settings', 'watch');
  await page.getByRole('radio', { name: /Some agents/ }).check();
  const picker = page.getByRole('group', { name: /Agents to watch/ });
  await picker.getByRole('searchbox', { name: 'Filter agents by name' }).fill(name);
  // Both offered, told apart (they were two identical "Ana Haddad Returns" lines).
  await expect(picker.getByRole('checkbox')).toHaveCount(2);
  for (const label of labels) await expect(picker.getByRole('checkbox', { name: new RegExp(`^${label} `) })).toHaveCount(1);

  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Notifications' }).click();
  const rules = page.getByRole('group', { name: 'Rules for agents' });
  await rules.getByRole('searchbox', { name: 'Filter agents by name' }).fill(name);
  const select = rules.getByLabel('Agent', { exact: true });
  await expect(select.locator('option')).toHaveCount(2);
  const options = await select.locator('option').allTextContents();
  expect(options.map((o) => o.replace(/ \(.*\)$/, '')).sort()).toEqual([...labels].sort());
  // A rule for one of them is headed by the name and id too.
  await select.selectOption(String(ids[1]));
  await rules.getByRole('button', { name: 'Add agent rule' }).click();
  await expect(rules.getByRole('group', { name: labels[1] })).toBeVisible();
});

test('the watch pickers keep a chosen agent or team CXone no longer knows, so it can be unticked; a filter finds by id; no match says so', async ({ page, startApp }) => {
  const app = await startApp({
    settings: { mode: 'demo', demo: { agents: 30, seed: 4 }, pollIntervalSeconds: 600, watch: { scope: 'agents', teamIds: [424242], agentIds: [999999], skillScope: 'all', skillIds: [] } },
  });
  await app.live();
  // The roster narrowed to that scope holds nobody: someone from the whole tenant, as the picker offers it.
  const someone = (await app.core.handlers.getPickerChoices({ text: '', chosenAgentIds: [], limit: 100 })).matches[12]!;
  await app.open(page, 'settings', 'watch');
  const picker = page.getByRole('group', { name: /Agents to watch/ });
  const gone = picker.getByRole('checkbox', { name: 'Agent 999999 (not found in CXone)' });
  await expect(gone).toBeChecked();
  await expect(picker.getByRole('checkbox').first()).toHaveAccessibleName('Agent 999999 (not found in CXone)');
  // By id: the chosen one stays listed first, the match after it.
  const filter = picker.getByRole('searchbox', { name: /Filter agents/ });
  await filter.fill(String(someone.agentId));
  await expect(picker.getByRole('checkbox')).toHaveCount(2);
  await expect(picker.getByRole('checkbox').nth(1)).toHaveAccessibleName(new RegExp(`^${someone.name}`));
  await filter.fill('no such agent at all');
  await expect(picker.getByRole('checkbox')).toHaveCount(1);
  await expect(picker).toContainText('No other agent\'s name, user name or id contains "no such agent at all".');
  await gone.uncheck();
  await expect(picker.locator('legend')).toContainText('0 chosen');

  await page.getByRole('radio', { name: /Some teams/ }).check();
  const teams = page.getByRole('group', { name: /Teams to watch/ });
  const goneTeam = teams.getByRole('checkbox', { name: 'Team 424242 (not found in CXone)' });
  await expect(goneTeam).toBeChecked();
  await goneTeam.uncheck();
  await expect(goneTeam).not.toBeChecked();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().watch).toEqual({ scope: 'teams', teamIds: [], agentIds: [], skillScope: 'all', skillIds: [] });
});

test('Settings opened before the first list: the team picker fills in when the list arrives, without reopening', async ({ page, startApp }) => {
  // The core not started yet: neither the directory nor the first list has answered.
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 40, seed: 2 } }, noStart: true });
  await app.open(page, 'settings', 'watch');
  await page.getByRole('radio', { name: /Some teams/ }).check();
  const picker = page.getByRole('group', { name: /Teams to watch/ });
  await expect(picker).toContainText('No teams known yet');
  await app.core.start();
  await app.live();
  const team = [...(await app.core.rosterSnapshot()).teams].sort((a, b) => a.name.localeCompare(b.name))[0]!;
  await expect(picker.getByRole('checkbox', { name: team.name })).toBeVisible();
  await expect(picker).not.toContainText('No teams known yet');
});

test('an open agent picker offers an agent CXone lists for the first time, without a keystroke', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 4 }, pollIntervalSeconds: 5 } });
  await app.live();
  const agents = (await app.core.rosterSnapshot()).agents;
  await app.open(page, 'settings', 'watch');
  await page.getByRole('radio', { name: /Some agents/ }).check();
  const picker = page.getByRole('group', { name: /Agents to watch/ });
  await expect(picker.getByRole('checkbox')).toHaveCount(30);
  // Created in CXone while the window is open: the next poll's delta lists her; main tells the
  // window that what the pickers offer changed, and the list asks again (no reset, no typing).
  app.overrides.hire(agents[0]!.agentId, { agentId: 99_000_001, firstName: 'Aaliyah', lastName: 'Aabel', userName: 'aaliyah.aabel@example.com' });
  await expect(picker.getByRole('checkbox')).toHaveCount(31, { timeout: 20_000 });
  await expect(picker.getByRole('checkbox').first()).toHaveAccessibleName(/^Aaliyah Aabel/);
  await expect(picker.getByRole('searchbox', { name: 'Filter agents by name' })).toHaveValue('');
});

test('a theme chosen in Settings re-renders both windows at once; "system" follows the OS live', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, theme: 'light' } });
  await app.open(page, 'settings', 'general');
  const tray = await page.context().newPage();
  await app.open(tray, 'tray');
  await expect(tray.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(tray.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByLabel('Theme').selectOption('system');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await tray.emulateMedia({ colorScheme: 'light' });
  await expect(tray.locator('html')).toHaveAttribute('data-theme', 'light');
  await tray.emulateMedia({ colorScheme: 'dark' });
  await expect(tray.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a team rule made in Settings reaches the policy: that team notifies only for the state ticked', async ({ page, startApp }) => {
  // Everyone else's switches off: only the team rule can make a notification.
  const app = await startApp({
    settings: { mode: 'demo', demo: { agents: 60, seed: 5 }, pollIntervalSeconds: 5, notifications: { toAvailable: false, toUnavailable: false, toLoggedOut: false, codeLimitsFromCxone: false } },
  });
  // Delta answers carry only forced agents from now on: the simulator's own changes cannot interfere.
  app.overrides.freezeOthers = true;
  await app.live();
  const { agents, teams } = await app.core.rosterSnapshot();
  const team = teams.find((t) => agents.filter((a) => a.teamId === t.id && a.category !== 'logged-out' && a.category !== 'unavailable').length >= 2)!;
  const [a, b] = agents.filter((x) => x.teamId === team.id && x.category !== 'logged-out' && x.category !== 'unavailable');
  const c = agents.find((x) => x.teamId !== team.id && x.category !== 'logged-out')!;
  expect(a && b && c).toBeTruthy();

  await app.open(page, 'settings', 'notifications');
  const rules = page.getByRole('group', { name: 'Rules for teams' });
  await expect(rules).toContainText('No team rules yet.');
  await rules.getByLabel('Team', { exact: true }).selectOption({ label: team.name });
  await rules.getByRole('button', { name: 'Add team rule' }).click();
  const rule = rules.getByRole('group', { name: team.name });
  // A new rule starts as the switches above: all off here, and it says what that means.
  await expect(rule.getByRole('checkbox')).toHaveCount(5);
  for (const box of await rule.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
  await expect(rules).toContainText(`Nothing ticked: ${team.name} never notifies.`);
  // The team is taken: it is no longer offered.
  await expect(rules.getByLabel('Team', { exact: true }).locator('option', { hasText: team.name })).toHaveCount(0);
  // Keyboard: Space ticks the box.
  await rule.getByRole('checkbox', { name: 'Logged out' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(app.ports.settings.get().notifications.teamRules).toEqual([{ teamId: team.id, categories: ['logged-out'] }]);

  // One poll carries three changes: a → Unavailable and b → Logged out (the team), c → Logged out (another team).
  const at = app.clock.now();
  app.overrides.force(a!.agentId, { state: 'Unavailable', reason: 'Lunch' }, at);
  app.overrides.force(b!.agentId, { state: 'LoggedOut' }, at);
  app.overrides.force(c.agentId, { state: 'LoggedOut' }, at);
  await app.core.handlers.refreshNow(undefined); // a delta now, not at the next interval
  const categoryOf = async (id: number) => (await app.core.rosterSnapshot()).agents.find((x) => x.agentId === id)?.category;
  await expect.poll(async () => Promise.all([a!, b!, c].map((x) => categoryOf(x.agentId))), { timeout: 15_000 }).toEqual(['unavailable', 'logged-out', 'logged-out']);
  // They arrived together, so anything else the policy let through would have made a summary of several.
  await expect.poll(() => app.ports.notifications.length, { timeout: 10_000 }).toBe(1);
  expect(app.ports.notifications[0]).toMatchObject({ title: `${b!.firstName} ${b!.lastName} logged out`, agentId: b!.agentId });

  // Remove the rule with the keyboard: the picker offers the team again.
  await rules.getByRole('button', { name: `Remove the rule for ${team.name}` }).focus();
  await page.keyboard.press('Enter');
  await expect(rules).toContainText('No team rules yet.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.teamRules).toEqual([]);
});

test('an agent rule made in Settings beats its team rule: only that agent\'s ticked state notifies, a teammate follows the team rule', async ({ page, startApp }) => {
  // Every switch off: only rules can make a notification.
  const app = await startApp({
    settings: { mode: 'demo', demo: { agents: 60, seed: 5 }, pollIntervalSeconds: 5, notifications: { toAvailable: false, toUnavailable: false, toLoggedOut: false, codeLimitsFromCxone: false } },
  });
  app.overrides.freezeOthers = true;
  await app.live();
  const { agents, teams } = await app.core.rosterSnapshot();
  const present = (x: (typeof agents)[number]) => x.category !== 'logged-out' && x.category !== 'unavailable';
  const team = teams.find((t) => agents.filter((x) => x.teamId === t.id && present(x)).length >= 2)!;
  const [a, b] = agents.filter((x) => x.teamId === team.id && present(x));
  expect(a && b).toBeTruthy();
  // The team's rule (made through the UI in the test above): Unavailable notifies for that team.
  const before = app.ports.settings.get();
  await app.core.handlers.saveSettings({ ...before, notifications: { ...before.notifications, teamRules: [{ teamId: team.id, categories: ['unavailable'] }] } });

  await app.open(page, 'settings', 'notifications');
  const rules = page.getByRole('group', { name: 'Rules for agents' });
  await expect(rules).toContainText('No agent rules yet.');
  // Find the agent by name, keyboard only: Enter in the filter adds the rule for the agent picked.
  const filter = rules.getByRole('searchbox', { name: 'Filter agents by name' });
  await filter.fill(`${a!.firstName} ${a!.lastName}`);
  await rules.getByLabel('Agent', { exact: true }).selectOption(String(a!.agentId));
  await filter.focus();
  await page.keyboard.press('Enter');
  const rule = rules.getByRole('group', { name: `${a!.firstName} ${a!.lastName}` });
  // It starts as what the agent gets today (its team's rule), and focus is on its first box.
  await expect(rule.getByRole('checkbox', { name: 'Available', exact: true })).toBeFocused();
  await expect(rule.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(rule.getByRole('checkbox', { name: 'Unavailable', exact: true })).toBeChecked();
  await expect(filter).toHaveValue('');
  // Tab to Unavailable (untick) and Logged out (tick).
  await page.keyboard.press('Tab');
  await expect(rule.getByRole('checkbox', { name: 'Unavailable', exact: true })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(rule.getByRole('checkbox', { name: 'Logged out' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(app.ports.settings.get().notifications.agentRules).toEqual([{ agentId: a!.agentId, categories: ['logged-out'] }]);

  const categoryOf = async (id: number) => (await app.core.rosterSnapshot()).agents.find((x) => x.agentId === id)?.category;
  // One poll: both go Unavailable. The team's rule would let a through; a's own rule does not.
  app.overrides.force(a!.agentId, { state: 'Unavailable', reason: 'Lunch' });
  app.overrides.force(b!.agentId, { state: 'Unavailable', reason: 'Break' });
  await app.core.handlers.refreshNow(undefined); // a delta now, not at the next interval
  await expect.poll(async () => Promise.all([a!, b!].map((x) => categoryOf(x.agentId))), { timeout: 15_000 }).toEqual(['unavailable', 'unavailable']);
  // Arrived together: a notification for a as well would have made one summary of two.
  await expect.poll(() => app.ports.notifications.length, { timeout: 10_000 }).toBe(1);
  expect(app.ports.notifications[0]).toMatchObject({ title: `${b!.firstName} ${b!.lastName} is now on Break`, agentId: b!.agentId });

  // Next poll: both log out. a's rule lets it through; the team's rule (Unavailable only) keeps b quiet.
  app.overrides.force(a!.agentId, { state: 'LoggedOut' });
  app.overrides.force(b!.agentId, { state: 'LoggedOut' });
  await app.core.handlers.refreshNow(undefined);
  await expect.poll(async () => Promise.all([a!, b!].map((x) => categoryOf(x.agentId))), { timeout: 15_000 }).toEqual(['logged-out', 'logged-out']);
  await expect.poll(() => app.ports.notifications.length, { timeout: 10_000 }).toBe(2);
  expect(app.ports.notifications[1]).toMatchObject({ title: `${a!.firstName} ${a!.lastName} logged out`, agentId: a!.agentId });

  // Remove with the keyboard: focus returns to the picker and the agent can be picked again.
  await rules.getByRole('button', { name: `Remove the rule for ${a!.firstName} ${a!.lastName}` }).focus();
  await page.keyboard.press('Enter');
  await expect(rules).toContainText('No agent rules yet.');
  await expect(filter).toBeFocused();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.agentRules).toEqual([]);
});

test('agent rules: main searches the whole tenant (first 100 shown, found by id); a rule for an agent CXone no longer lists can be removed', async ({ page, startApp }) => {
  const app = await startApp({
    settings: { mode: 'demo', demo: { agents: 150, seed: 3 }, pollIntervalSeconds: 600, notifications: { agentRules: [{ agentId: 999999, categories: ['available'] }] } },
  });
  await app.live();
  const someone = (await app.core.rosterSnapshot()).agents[77]!;
  await app.open(page, 'settings', 'notifications');
  const rules = page.getByRole('group', { name: 'Rules for agents' });
  const gone = rules.getByRole('group', { name: 'Agent 999999 (not found in CXone)' });
  await expect(gone.getByRole('checkbox', { name: 'Available', exact: true })).toBeChecked();
  await expect(rules).toContainText('Showing the first 100 of 150; type to narrow the list.');
  await expect(rules.getByLabel('Agent', { exact: true }).locator('option')).toHaveCount(100);
  await rules.getByRole('searchbox', { name: /Filter agents/ }).fill(String(someone.agentId));
  await expect(rules.getByLabel('Agent', { exact: true }).locator('option')).toHaveText([`${someone.firstName} ${someone.lastName} (${someone.teamName})`]);
  await expect(rules).not.toContainText('Showing the first');
  // Added: the filter clears, and the count no longer includes the agent now ruled.
  await rules.getByRole('button', { name: 'Add agent rule' }).click();
  await expect(rules.getByRole('group', { name: `${someone.firstName} ${someone.lastName}` })).toBeVisible();
  await expect(rules).toContainText('Showing the first 100 of 149; type to narrow the list.');
  await rules.getByRole('button', { name: 'Remove the rule for Agent 999999 (not found in CXone)' }).click();
  await expect(gone).toHaveCount(0);
  // Added with no filter typed: asked again all the same, so the count is 148.
  await rules.getByRole('button', { name: 'Add agent rule' }).click();
  await expect(rules.getByRole('group')).toHaveCount(2);
  await expect(rules).toContainText('Showing the first 100 of 148; type to narrow the list.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.agentRules.map((r) => r.agentId)).toHaveLength(2);
  expect(app.ports.settings.get().notifications.agentRules[0]!.agentId).toBe(someone.agentId);
});

test('an open Notifications section gets the codes that load after it opened, without reopening', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 20, seed: 8 }, pollIntervalSeconds: 600 }, noStart: true });
  const release = app.faults.holdCodes();
  await app.core.start();
  await app.live();
  await app.open(page, 'settings', 'notifications');
  const codes = page.getByRole('group', { name: 'Time limits per unavailable code' });
  await expect(page.getByRole('group', { name: 'Rules for teams' }).getByLabel('Team', { exact: true })).toBeVisible();
  // No codes yet: no group of code limits (an empty one would offer a switch for nothing).
  await expect(codes).toHaveCount(0);
  release();
  // Break's own limit in the demo tenant: 15 minutes.
  await expect(codes.getByLabel('On Break longer than')).toHaveValue('15');
});

test('quiet hours: From and Until are disabled while quiet hours are off (and while notifications are off)', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 } } });
  await app.open(page, 'settings', 'notifications');
  const from = page.getByLabel('From', { exact: true });
  const until = page.getByLabel('Until', { exact: true });
  const quiet = page.getByRole('switch', { name: 'No notifications during quiet hours' });
  await expect(quiet).not.toBeChecked();
  await expect(from).toBeDisabled();
  await expect(until).toBeDisabled();
  // Keyboard: Tab goes from the switch past the disabled times.
  await quiet.focus();
  await page.keyboard.press('Tab');
  await expect(from).not.toBeFocused();

  await quiet.check();
  await expect(from).toBeEnabled();
  await expect(until).toBeEnabled();
  await from.fill('23:30');
  await page.getByRole('switch', { name: 'Show notifications' }).uncheck();
  await expect(from).toBeDisabled();
  await page.getByRole('switch', { name: 'Show notifications' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.quietHours).toEqual({ enabled: true, start: '23:30', end: '07:00' });
});

test('a row per unavailable code starts at the code\'s own CXone limit; a change saves a code rule, "Use CXone\'s" removes it', async ({ page, startApp }) => {
  test.setTimeout(180_000); // axe over the whole section is slow on a loaded machine
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 5 }, pollIntervalSeconds: 5 } });
  await app.live();
  // The codes arrive with the feed's directory load (both pages of the demo's unavailable-codes).
  await expect.poll(async () => (await app.core.rosterSnapshot()).unavailableCodes?.length ?? 0, { timeout: 15_000 }).toBe(8);
  await app.open(page, 'settings', 'notifications');
  const group = page.getByRole('group', { name: 'Time limits per unavailable code' });
  const onBreak = group.getByLabel('On Break longer than');
  await expect(onBreak).toHaveValue('15');
  await expect(group).toContainText("CXone's limit for this code");
  await expect(group.getByRole('switch', { name: "Use each code's own time limit from CXone" })).toBeChecked();
  await expectNoAxeViolations(page, 'settings notifications with a row per code');
  // Training has no limit in CXone: the general limit (0 = off) shows, and says so.
  await expect(group.getByLabel('On Training longer than')).toHaveValue('0');
  await onBreak.fill('5');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.codeRules).toEqual([{ outStateId: 12, minutes: 5 }]);
  await group.getByRole('button', { name: "Use CXone's (15)" }).click();
  await expect(onBreak).toHaveValue('15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.codeRules).toEqual([]);
});

test('each code\'s limit says where it comes from; a limit typed digit by digit is one rule; an empty box says why; CXone\'s own limits can be switched off', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, pollIntervalSeconds: 600, notifications: { unavailableLongerThanMinutes: 20 } } });
  await app.live();
  await app.open(page, 'settings', 'notifications');
  const group = page.getByRole('group', { name: 'Time limits per unavailable code' });
  const row = (code: string) => group.locator('.field-row').filter({ has: page.getByLabel(`On ${code} longer than`) });
  const box = (code: string) => group.getByLabel(`On ${code} longer than`);
  // Training has no limit in CXone: the general limit, and the words say so. No rule yet: nothing to go back to.
  await expect(box('Training')).toHaveValue('20');
  await expect(row('Training')).toContainText('minutes — the general limit above (CXone sets none for this code)');
  await expect(box('Break')).toHaveValue('15');
  await expect(row('Break')).toContainText("minutes — CXone's limit for this code");
  await expect(group.getByRole('button')).toHaveCount(0);

  // An empty box is an error at that box; typed digit by digit, the limit is one rule.
  await box('Break').fill('');
  await expect(box('Break')).toHaveAttribute('aria-invalid', 'true');
  await expect(box('Break')).toHaveAccessibleDescription(/Enter a whole number\./);
  await box('Break').pressSequentially('30');
  await expect(box('Break')).toHaveValue('30');
  await expect(box('Break')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(row('Break')).toContainText('minutes — your limit');
  await expect(group.getByRole('button')).toHaveText(["Use CXone's (15)"]);
  // A rule for a code CXone sets no limit for, and back.
  // A rule for a code CXone sets no limit for: its button says what it goes back to.
  await box('Training').fill('5');
  await expect(row('Training').getByRole('button')).toHaveText('Use the general limit');
  await row('Training').getByRole('button').click();
  await expect(box('Training')).toHaveValue('20');

  // CXone's own limits off: Lunch (45 in CXone) takes the general limit and says why; Break keeps its rule.
  await group.getByRole('switch', { name: "Use each code's own time limit from CXone" }).uncheck();
  await expect(box('Lunch')).toHaveValue('20');
  await expect(row('Lunch')).toContainText("minutes — the general limit above (CXone's own is off)");
  await expect(box('Break')).toHaveValue('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(app.ports.settings.get().notifications).toMatchObject({ codeLimitsFromCxone: false, codeRules: [{ outStateId: 12, minutes: 30 }] });
  // Without CXone's limits, Break's rule goes back to the general limit, and its button says so (it said "Use CXone's (15)").
  await expect(row('Break').getByRole('button')).toHaveText('Use the general limit');
  await row('Break').getByRole('button').click();
  await expect(box('Break')).toHaveValue('20');
});

test('every switch and number of Notifications saves to its own setting, a bad value is named at its box, and with notifications off every group is greyed out', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, pollIntervalSeconds: 600 } });
  await app.live();
  await app.open(page, 'settings', 'notifications');
  const before = app.ports.settings.get().notifications;
  // Every "Notify me when" switch flipped: each must land on its own setting.
  const switches = {
    toAvailable: 'An agent becomes Available',
    toUnavailable: 'An agent becomes Unavailable',
    toLoggedOut: 'An agent logs out',
    toOnContact: 'An agent starts a contact',
    toAcw: 'An agent goes into after-contact work',
    pinnedOnly: 'Only for pinned agents',
  } as const;
  for (const name of Object.values(switches)) await page.getByRole('switch', { name }).click();
  await page.getByLabel('Also notify when someone is Unavailable longer than').fill('25');
  const cooldown = page.getByLabel('Quiet time per agent');
  const perMinute = page.getByLabel('At most', { exact: true });
  // A bad value is named at its own box, and only there.
  await cooldown.fill('');
  await expect(cooldown).toHaveAttribute('aria-invalid', 'true');
  await expect(cooldown).toHaveAccessibleDescription(/Enter a whole number\./);
  await expect(perMinute).not.toHaveAttribute('aria-invalid', 'true');
  await cooldown.fill('90');
  await perMinute.fill('0');
  await expect(perMinute).toHaveAttribute('aria-invalid', 'true');
  await expect(cooldown).not.toHaveAttribute('aria-invalid', 'true');
  await perMinute.fill('10');
  await page.getByRole('switch', { name: 'No notifications during quiet hours' }).check();
  const from = page.getByLabel('From', { exact: true });
  await from.fill('25:00');
  await expect(from).toHaveAccessibleDescription(/Use 24-hour time, e\.g\. 22:00\./);
  await from.fill('23:00');
  await page.getByLabel('Until', { exact: true }).fill('06:30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(app.ports.settings.get().notifications).toMatchObject({
    ...Object.fromEntries(Object.keys(switches).map((k) => [k, !before[k as keyof typeof switches]])),
    unavailableLongerThanMinutes: 25,
    cooldownSeconds: 90,
    maxPerMinute: 10,
    quietHours: { enabled: true, start: '23:00', end: '06:30' },
  });

  // Notifications off: nothing below the master switch can be changed, the rules and code limits included.
  await expect(page.getByLabel('On Break longer than')).toBeEnabled();
  await page.getByRole('switch', { name: 'Show notifications' }).uncheck();
  await expect(page.getByRole('switch', { name: 'Only for pinned agents' })).toBeDisabled();
  await expect(page.getByLabel('On Break longer than')).toBeDisabled();
  await expect(page.getByRole('group', { name: 'Rules for teams' }).getByLabel('Team', { exact: true })).toBeDisabled();
  await expect(page.getByRole('searchbox', { name: /Filter agents/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add queue rule' })).toBeDisabled();
  await expect(page.getByRole('switch', { name: 'No notifications during quiet hours' })).toBeDisabled();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.enabled).toBe(false);
});

test('team rules: a change to one rule leaves the others alone, Remove takes the rule it is on and focus goes back to the picker, "every team has a rule" is said; an agent filter that matches nobody says so', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 60, seed: 5 }, pollIntervalSeconds: 600 } });
  await app.live();
  // The teams as the picker has them.
  const { teams } = await app.core.handlers.getPickerChoices({ text: '', chosenAgentIds: [], limit: 1 });
  expect(teams.length).toBeGreaterThanOrEqual(3);
  // Every team but two already has a rule (Unavailable only), and so has a team CXone no longer lists.
  const before = app.ports.settings.get();
  const ruled = [...teams.slice(2).map((t) => ({ teamId: t.id, categories: ['unavailable' as const] })), { teamId: 424242, categories: ['available' as const] }];
  await app.core.handlers.saveSettings({ ...before, notifications: { ...before.notifications, teamRules: ruled } });
  await app.open(page, 'settings', 'notifications');
  const rules = page.getByRole('group', { name: 'Rules for teams' });
  const picker = rules.getByLabel('Team', { exact: true });
  // Named as the Watch picker and the agent rules name one (it said only "Team 424242").
  await expect(rules.getByRole('group', { name: 'Team 424242 (not found in CXone)' }).getByRole('checkbox', { checked: true })).toHaveAccessibleName('Available');
  await expect(picker.locator('option')).toHaveCount(2);
  const offered = await picker.locator('option').allTextContents();
  expect(offered.sort()).toEqual([teams[0]!.name, teams[1]!.name].sort());
  // The one not shown first, then the other: each rule is for the team picked.
  const [second, first] = [offered[1]!, offered[0]!];
  await picker.selectOption({ label: second });
  await rules.getByRole('button', { name: 'Add team rule' }).click();
  await picker.selectOption({ label: first });
  await rules.getByRole('button', { name: 'Add team rule' }).click();
  await expect(rules).toContainText('Every team has a rule.');
  const ruleOf = (name: string) => rules.getByRole('group', { name, exact: true });
  // A new rule starts as the switches (Available, Unavailable, Logged out).
  await expect(ruleOf(first).getByRole('checkbox', { checked: true })).toHaveCount(3);
  // Untick all three on the last rule: it says it never notifies; the first rule keeps its boxes.
  for (const name of ['Available', 'Unavailable', 'Logged out']) await ruleOf(first).getByRole('checkbox', { name, exact: true }).uncheck();
  await expect(rules).toContainText(`Nothing ticked: ${first} never notifies.`);
  await expect(ruleOf(second).getByRole('checkbox', { checked: true })).toHaveCount(3);
  await expect(ruleOf(teams[2]!.name).getByRole('checkbox', { checked: true })).toHaveCount(1);
  await ruleOf(first).getByRole('checkbox', { name: 'On contact' }).check();
  await expect(rules).not.toContainText('never notifies');
  // Remove the last rule: only that one goes, and focus is back on the team picker, which offers it again.
  await rules.getByRole('button', { name: `Remove the rule for ${first}` }).click();
  await expect(ruleOf(first)).toHaveCount(0);
  await expect(ruleOf(second)).toBeVisible();
  await expect(picker).toBeFocused();
  await expect(picker.locator('option')).toHaveText([first]);

  // An agent filter that matches nobody without a rule says so, and there is nothing to add.
  const agents = page.getByRole('group', { name: 'Rules for agents' });
  await agents.getByRole('searchbox', { name: /Filter agents/ }).fill('  no such agent at all ');
  await expect(agents).toContainText('No agent without a rule matches “no such agent at all”.');
  await expect(agents.getByRole('button', { name: 'Add agent rule' })).toBeDisabled();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().notifications.teamRules).toEqual([
    ...ruled,
    { teamId: teams.find((t) => t.name === second)!.id, categories: ['available', 'unavailable', 'logged-out'] },
  ]);
});

test('the save bar counts the fields to fix, says "Saving…" with Save off while main saves, "Unsaved changes." after a saved draft is edited again, and keeps pins made elsewhere', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, pollIntervalSeconds: 600 } });
  await app.live();
  await app.open(page, 'settings', 'watch');
  const status = page.locator('.save-bar').getByRole('status');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  const poll = page.getByLabel('Poll interval');
  // Two bad fields are counted as two.
  await poll.fill('2');
  await page.getByRole('button', { name: 'Notifications', exact: true }).click();
  await page.getByLabel('Quiet time per agent').fill('');
  await expect(status).toHaveText('Fix 2 highlighted fields to save.');
  await page.getByLabel('Quiet time per agent').fill('30');
  await expect(status).toHaveText('Fix the highlighted field to save.');
  await page.getByRole('button', { name: 'Watch', exact: true }).click();
  await poll.fill('42');
  await expect(status).toHaveText('Unsaved changes.');

  // The tray window pins an agent while this draft is open: the save keeps main's pins.
  const agent = (await app.core.rosterSnapshot()).agents[0]!;
  await app.core.handlers.setAgentPinned({ agentId: agent.agentId, pinned: true });
  // Main's word of it, handed to the page now rather than whenever the event stream brings it.
  await dispatch(page, events.appState.channel, app.core.appState());
  // Main takes its time: the bar says so and Save cannot be pressed twice.
  const saveSettings = app.core.handlers.saveSettings;
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  app.core.handlers.saveSettings = async (s) => {
    await held;
    return saveSettings(s);
  };
  await save.click();
  await expect(status).toHaveText('Saving…');
  await expect(save).toBeDisabled();
  release();
  await expect(status).toHaveText('✓ Saved.');
  expect(app.ports.settings.get()).toMatchObject({ pollIntervalSeconds: 42, pinnedAgentIds: [agent.agentId] });
  // Edited again after the save: no longer "Saved.".
  await poll.fill('43');
  await expect(status).toHaveText('Unsaved changes.');
});

test('an edit made while main is still saving is kept, said to be unsaved, and saved next', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, pollIntervalSeconds: 600 } });
  await app.open(page, 'settings', 'watch');
  // Main's answer to the first save is held back (main has stored it already), as on a slow disk.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let saves = 0;
  await page.route('**/__preview/invoke', async (route) => {
    const saving = (route.request().postDataJSON() as { channel?: string }).channel === commands.saveSettings.channel;
    if (!saving || ++saves > 1) return route.continue();
    const answer = await route.fetch();
    await held;
    await route.fulfill({ response: answer });
  });
  const interval = page.getByLabel('Poll interval');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await interval.fill('42');
  await save.click();
  await expect.poll(() => app.ports.settings.get().pollIntervalSeconds).toBe(42);
  await expect(page.locator('.save-status')).toHaveText('Saving…');
  // Typed again before main has answered; Ctrl+S, like the greyed Save, waits for that answer.
  await interval.fill('43');
  await page.keyboard.press('Control+s');
  await expect(save).toBeDisabled();
  release();
  // Before: main's answer put 42 back in the field and said "Saved.", the 43 lost.
  await expect(page.locator('.save-status')).toHaveText('Unsaved changes.');
  await expect(interval).toHaveValue('43');
  await save.click();
  await expect(page.locator('.save-status')).toHaveText('✓ Saved.');
  expect(app.ports.settings.get().pollIntervalSeconds).toBe(43);
  expect(saves).toBe(2);
});

test('General: "Start at login" saves, the settings file and the logs folder are each shown as where they are, and where the sign-in is kept is said truly', async ({ page, startApp }) => {
  const home = '/home/pat/.config/CXone Agent Tray';
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 10, seed: 1 }, pollIntervalSeconds: 600 }, displayPaths: { settings: `${home}/settings.json`, logs: `${home}/logs` } });
  await app.open(page, 'settings', 'general');
  const fact = (name: string) => page.locator('.fact').filter({ has: page.getByRole('term').filter({ hasText: name }) }).getByRole('definition');
  await expect(fact('Settings file')).toHaveText(`${home}/settings.json`);
  await expect(fact('Logs')).toHaveText(`${home}/logs`);
  // Where the sign-in is kept: the keychain, said so that it is true without one (the browser preview
  // keeps a sign-in in memory and read 'is kept in the system keychain'); a sign-in held in memory, plainly.
  await expect(page.getByText("A sign-in's refresh token is kept in the system keychain (in memory only where there is none), never in these files.")).toBeVisible();
  const identity = { issuer: 'https://cxone.niceincontact.com', subject: 'user:1', tenantId: null, tenant: null, userId: null, icAgentId: null, icBUId: null, icClusterId: null, area: null, name: 'Pat' };
  await dispatch(page, events.appState.channel, { ...app.core.appState(), session: { kind: 'signed-in', identity, storage: 'memory' } });
  await expect(page.getByText('This sign-in is kept in memory only (there is no system keychain to keep it in), so you will sign in again after a restart; it is never written to these files.')).toBeVisible();
  await expect(page.getByText('kept in the system keychain')).toHaveCount(0);
  await dispatch(page, events.appState.channel, app.core.appState());
  const login = page.getByRole('switch', { name: 'Start at login' });
  await expect(login).not.toBeChecked();
  await login.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().autostart).toBe(true);
  await login.uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => app.ports.settings.get().autostart).toBe(false);
});
