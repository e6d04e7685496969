// The tray window in Chromium against the real core running the demo tenant (simulator over HTTP,
// real poller and roster), bridged through the real IPC router.
import type { Page } from '@playwright/test';
import { createServer, type AddressInfo } from 'node:net';
import type { AgentState } from '../../main/cxone/model';
import type { RosterDelta } from '../../main/monitor/status';
import { refreshTokenAccount } from '../../main/auth/auth-service';
import { createMemorySecretStore } from '../../main/secrets';
import { events } from '../../preload/contract';
import { expect, test, type AppHarness } from './harness/fixtures';
import { expectNoAxeViolationsInBothThemes, SHOTS } from './harness/a11y';
import { clockIn, expectedStateText, fullName, lastSuccessAt } from './harness/words';

// The order a reader expects (the demo's names are capitalized alike and hold accents: "Chloé", "Ekström").
const collator = new Intl.Collator('en');
const byName = (a: AgentState, b: AgentState) => collator.compare(fullName(a), fullName(b)) || a.agentId - b.agentId;

async function openDemo(page: Page, startApp: (o: { settings: Record<string, unknown> }) => Promise<AppHarness>, agents: number, extra: Record<string, unknown> = {}) {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents, seed: 11 }, ...extra } });
  await app.live();
  await app.open(page, 'tray');
  await expect(page.getByRole('listbox')).toBeVisible();
  return app;
}

const rows = (page: Page) => page.getByRole('listbox').getByRole('option');
const idsInDom = (page: Page) => rows(page).evaluateAll((els) => els.map((e) => Number(e.id.replace('agent-', ''))));

test('5,000 agents: only a window of rows is in the DOM, and scrolling reaches the last one', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 5000);
  const snapshot = await app.core.rosterSnapshot();
  expect(snapshot.agents).toHaveLength(5000);
  const list = page.getByRole('listbox');
  await expect(list).toHaveAttribute('aria-label', 'Agents, 5000 shown');
  const inDom = await rows(page).count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(60);

  const sorted = [...snapshot.agents].sort(byName);
  await expect(rows(page).first()).toContainText(fullName(sorted[0]!));
  // Scroll with the wheel to the very end: the last agent by name is rendered, and still few rows exist.
  await list.hover();
  for (let i = 0; i < 400; i++) {
    const atEnd = await list.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
    if (atEnd) break;
    await page.mouse.wheel(0, 20_000);
  }
  const last = sorted.at(-1)!;
  await expect(page.locator(`#agent-${last.agentId}`)).toContainText(fullName(last));
  expect(await rows(page).count()).toBeLessThan(60);
  // The strict CSP held: no violation reports, no errors.
  expect(app.pageErrors).toEqual([]);
});

test('a simulator transition reaches the DOM within one poll interval', async ({ page, startApp }) => {
  const pollSeconds = 5;
  const app = await openDemo(page, startApp, 200, { pollIntervalSeconds: pollSeconds });
  const before = new Map((await app.core.rosterSnapshot()).agents.map((a) => [a.agentId, a]));
  const visible = new Set(await idsInDom(page));
  expect(visible.size).toBeGreaterThan(5);

  // A visible agent whose displayed words change: the first such upsert of the next delta.
  const changed = new Promise<AgentState>((resolve) => {
    app.core.onEvent('rosterDelta', (d: RosterDelta) => {
      const hit = d.upserts.find((u) => visible.has(u.agentId) && expectedStateText(u) !== expectedStateText(before.get(u.agentId)!));
      if (hit) resolve(hit);
    });
  });
  // Move the simulated contact center two hours ahead: nearly every agent changes state.
  const t0 = Date.now();
  app.clock.offsetMs += 2 * 3600_000;
  const agent = await changed;
  const budget = pollSeconds * 1000 + 1000 - (Date.now() - t0);
  expect(budget).toBeGreaterThan(0);
  await expect(page.locator(`#agent-${agent.agentId}`)).toContainText(expectedStateText(agent), { timeout: budget });
  expect(Date.now() - t0).toBeLessThanOrEqual(pollSeconds * 1000 + 1000);
});

test('chips filter by category and by unavailable reason; search; filters that hide everyone say so', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 300, { pollIntervalSeconds: 600 });
  await app.core.handlers.setPollingPaused({ paused: true }); // hold the roster still while we count
  const agents = (await app.core.rosterSnapshot()).agents;
  const available = agents.filter((a) => a.category === 'available');
  const chip = page.getByRole('button', { name: /^Available \d+$/ });
  await expect(chip).toHaveAttribute('aria-pressed', 'false');
  await expect(chip).toContainText(String(available.length));
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${available.length} shown`);
  for (const text of await rows(page).allInnerTexts()) expect(text).toContain('Available');

  // A reason chip: only agents unavailable for that reason.
  await chip.click();
  const reasons = new Map<string, number>();
  for (const a of agents) if (a.category === 'unavailable' && a.outStateDescription) reasons.set(a.outStateDescription, (reasons.get(a.outStateDescription) ?? 0) + 1);
  const [reason, count] = [...reasons].sort((x, y) => y[1] - x[1])[0]!;
  const reasonChip = page.getByRole('button', { name: new RegExp(`^Unavailable: ${reason}\\s*${count}$`) });
  await reasonChip.click();
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${count} shown`);
  for (const text of await rows(page).allInnerTexts()) expect(text).toContain(`Unavailable: ${reason}`);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${agents.length} shown`);

  // Search by name.
  const target = agents[17]!;
  await page.getByRole('searchbox', { name: 'Search agents by name' }).fill(target.lastName.toUpperCase());
  const expected = agents.filter((a) => fullName(a).toLowerCase().includes(target.lastName.toLowerCase()));
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${expected.length} shown`);
  await expect(page.locator(`#agent-${target.agentId}`)).toBeVisible();

  // Without the accents: "zoe" finds every Zoë, "ekstrom" every Ekström (the demo's names hold both).
  for (const typed of ['zoe', 'ekstrom']) {
    const plain = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const accented = agents.filter((a) => plain(fullName(a)).includes(typed));
    expect(accented.length, typed).toBeGreaterThan(0);
    expect(accented.every((a) => !fullName(a).toLowerCase().includes(typed)), typed).toBe(true);
    await page.getByRole('searchbox', { name: 'Search agents by name' }).fill(typed);
    await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${accented.length} shown`);
    await expect(page.locator(`#agent-${accented[0]!.agentId}`)).toBeVisible();
  }

  await page.getByRole('searchbox', { name: 'Search agents by name' }).fill('zzz-nobody');
  await expect(page.getByRole('heading', { name: 'Your filters hide everyone' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${agents.length} shown`);
});

// Pictures of the states these tests explain, looked at by whoever changes them (never the README's).
const REVIEW_SHOTS = 'test-results/screenshots';

test('filters that hide everyone say what hides them — the search, the chosen states or both — and how many agents are loaded', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 20, { pollIntervalSeconds: 600 });
  await app.core.handlers.setPollingPaused({ paused: true });
  const agents = (await app.core.rosterSnapshot()).agents;
  const empty = page.getByRole('region', { name: 'Your filters hide everyone' });
  const search = page.getByRole('searchbox', { name: 'Search agents by name' });

  // The search alone.
  await search.fill('zzz-nobody');
  await expect(empty.getByRole('heading')).toHaveText('Your filters hide everyone');
  await expect(empty).toContainText(`${agents.length} agents are loaded, but none matches “zzz-nobody”.`);
  // The search and a state chip.
  await page.getByRole('button', { name: /^Available \d+$/ }).click();
  await expect(empty).toContainText(`${agents.length} agents are loaded, but none matches “zzz-nobody” in the chosen states.`);
  await page.screenshot({ path: `${REVIEW_SHOTS}/tray-filters-hide-everyone.png` });
  await empty.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${agents.length} shown`);

  // The chips alone: one agent in the watch scope, and a state it is not in.
  const one = agents[0]!;
  const s = app.ports.settings.get();
  await app.core.handlers.saveSettings({ ...s, watch: { ...s.watch, scope: 'agents', agentIds: [one.agentId] } });
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 1 shown');
  await page.getByRole('button', { name: one.category === 'logged-out' ? /^Available \d+$/ : /^Logged out \d+$/ }).click();
  await expect(empty).toContainText('1 agent is loaded, but none matches the chosen states.');
  await page.screenshot({ path: `${REVIEW_SHOTS}/tray-filters-hide-the-one-agent.png` });
});

test('sorting, grouping by team and pinning to the top', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 120, { pollIntervalSeconds: 600 });
  await app.core.handlers.setPollingPaused({ paused: true });
  const agents = (await app.core.rosterSnapshot()).agents;

  // By time in state: the longest-running state first.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('time');
  const longest = [...agents].filter((a) => a.startDate).sort((a, b) => Date.parse(a.startDate!) - Date.parse(b.startDate!) || byName(a, b))[0]!;
  await expect(rows(page).first()).toHaveId(`agent-${longest.agentId}`);
  // By state: Available agents first, logged-out last.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('state');
  const firstAvailable = agents.filter((a) => a.category === 'available').sort(byName)[0]!;
  await expect(rows(page).first()).toHaveId(`agent-${firstAvailable.agentId}`);
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('name');

  // Group by team: a header per team, in name order.
  await page.getByRole('checkbox', { name: 'Teams' }).check();
  const teams = [...new Set(agents.map((a) => a.teamName ?? 'No team'))].sort((a, b) => a.localeCompare(b));
  await expect(page.locator('.group-header').first()).toContainText(teams[0]!);
  await page.getByRole('checkbox', { name: 'Teams' }).uncheck();

  // Pin the third agent with the keyboard (P): main stores it, and it moves to the top under "Pinned".
  const third = [...agents].sort(byName)[2]!;
  await page.getByRole('listbox').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-activedescendant', `agent-${third.agentId}`);
  await page.keyboard.press('p');
  await expect.poll(() => app.core.appState().settings.pinnedAgentIds).toEqual([third.agentId]);
  await expect(page.locator('.group-header').first()).toContainText('Pinned');
  await expect(rows(page).first()).toHaveId(`agent-${third.agentId}`);
  await expect(rows(page).first()).toContainText('pinned');
  // Unpin with a click on the star.
  await rows(page).first().locator('.pin').click();
  await expect.poll(() => app.core.appState().settings.pinnedAgentIds).toEqual([]);
});

test('a command main could not carry out says why, and nothing pretends it worked', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 40, { pollIntervalSeconds: 600 });
  const agents = (await app.core.rosterSnapshot()).agents;
  const first = [...agents].sort(byName)[0]!;
  // A pin main could not save: the star goes back and the window says so (before, it stayed lit).
  const setAgentPinned = app.core.handlers.setAgentPinned;
  app.core.handlers.setAgentPinned = async () => {
    throw new Error('The settings file could not be written.');
  };
  await page.getByRole('listbox').focus();
  await page.keyboard.press('p');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The settings file could not be written.');
  await expect(rows(page).first()).toHaveId(`agent-${first.agentId}`);
  await expect(rows(page).first()).not.toContainText('pinned');
  await expect(page.locator('.group-header')).toHaveCount(0);
  // The next command clears it; one that fails too (Refresh now) says its own words; Dismiss hides it.
  app.core.handlers.setAgentPinned = setAgentPinned;
  await page.keyboard.press('p');
  await expect(alert).toHaveCount(0);
  await expect.poll(() => app.core.appState().settings.pinnedAgentIds).toEqual([first.agentId]);
  const refreshNow = app.core.handlers.refreshNow;
  app.core.handlers.refreshNow = async () => {
    throw new Error('The app is shutting down.');
  };
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect(alert).toContainText('The app is shutting down.');
  await page.getByRole('button', { name: 'Dismiss: The app is shutting down.' }).click();
  await expect(alert).toHaveCount(0);
  app.core.handlers.refreshNow = refreshNow;
  expect(app.pageErrors).toEqual([]);
});

test('keyboard only: search with /, arrows, Enter for detail with history, Esc back, Esc hides', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 80);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search agents by name' })).toBeFocused();
  const agents = (await app.core.rosterSnapshot()).agents;
  const target = [...agents].sort(byName)[0]!;
  await page.keyboard.type(fullName(target));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox')).toBeFocused();
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-activedescendant', `agent-${target.agentId}`);
  // A screen reader hears which option is the chosen one: the active row, and only it, is selected.
  await expect(page.getByRole('listbox').getByRole('option', { selected: true })).toHaveId(`agent-${target.agentId}`);
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: fullName(target) });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('heading', { name: 'Recent state changes' })).toBeVisible();
  await expect(detail).toContainText(String(target.agentId));
  await expect(detail.getByRole('button', { name: '← Back to list' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(page.getByRole('listbox')).toBeFocused();
  // Tab order from the top: header actions, then chips.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Refresh now' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Diagnostics' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'diagnostics' });
  await page.keyboard.press('Escape');
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'hideWindow' });
});

test('the header puts the connection in words: live, reconnecting in N s, error with the reason, paused, stale since', async ({ page, startApp }) => {
  // A 5 s interval keeps the jittered backoff below the server's Retry-After, so the wait is exactly that.
  const app = await openDemo(page, startApp, 40, { pollIntervalSeconds: 5 });
  const header = page.getByRole('banner');
  const status = header.getByRole('status');
  await expect(status).toContainText('Live');
  await expect(status).toContainText('updated just now');

  // The API is down and asks for 20 s: the header counts down, says why, and the list stays.
  app.faults.fault = { kind: 'http', status: 503, headers: { 'retry-after': '20' } };
  await app.core.handlers.refreshNow(undefined);
  await expect(status).toHaveText(/^Reconnecting in (20|19|18) s$/);
  await expect(header).toContainText('CXone is temporarily unavailable.');
  // The tray icon and tooltip follow the same state (main/core/tray-model.ts → main/shell/tray.ts).
  expect(app.core.trayModel()).toMatchObject({ icon: 'error', tooltip: expect.stringMatching(/— error, .* — CXone is temporarily unavailable\./) });
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 40 shown');
  await page.screenshot({ path: `${SHOTS}/tray-reconnecting.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray reconnecting');

  // Refused for good (403): "Error" and the reason, not a countdown.
  app.faults.fault = { kind: 'http', status: 403 };
  await app.core.handlers.refreshNow(undefined);
  await expect(status).toContainText('Error');
  await expect(status).not.toContainText('Reconnecting');
  // On the demo tenant nobody is signed in: the refusal is said in the demo's words.
  await expect(header).toContainText('The demo tenant refused the request.');
  await expect(header).not.toContainText('signed-in user');
  await page.screenshot({ path: `${SHOTS}/tray-error.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray error');

  // Back to normal.
  app.faults.fault = null;
  await app.core.handlers.refreshNow(undefined);
  await expect(status).toContainText('Live');
  await expect(header).not.toContainText('refused the request');
  expect(app.core.trayModel()).toMatchObject({ icon: 'demo', availableCount: expect.any(Number) });

  // Paused by the user.
  await app.core.handlers.setPollingPaused({ paused: true });
  await expect(status).toContainText('Paused');
  await expect(header).toContainText('Paused by you.');
  expect(app.core.trayModel()).toMatchObject({ icon: 'paused', pollingPaused: true });

  // Resumed, but the catch-up poll does not answer: the data is stale since the last success.
  const lastSuccess = app.core.appState().monitor;
  expect(lastSuccess.kind).toBe('paused');
  app.faults.fault = { kind: 'hang' };
  await app.core.handlers.setPollingPaused({ paused: false });
  await expect(status).toContainText('Stale since');
  await expect(status).toContainText(`Stale since ${await clockIn(page, lastSuccessAt(app))}`);
  await expect(header).toContainText('Showing the last data received; CXone has not answered since, so times in state stop there.');
  // The time is said once: in the label, not again in the detail.
  await expect(header).not.toContainText('Times in state are as of');
  // The time is in the label; an "updated just now" beside "stale" would contradict it.
  await expect(status).not.toContainText('updated');
  expect(app.core.trayModel()).toMatchObject({ icon: 'stale', tooltip: expect.stringContaining('stale') });
  await page.screenshot({ path: `${SHOTS}/tray-stale.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray stale');
});

test('a live list with an item CXone sent that could not be read says so under "Live"; the readable agents stay listed', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 20, seed: 2 }, pollIntervalSeconds: 600 } });
  await app.live();
  // From now on every answer carries one item the app cannot read (it has no agentId). In a delta that
  // leaves the list live — the others are current — but one change was not read. (A full list with such
  // an item is "Partly stale": nobody missing from it can be retired.)
  app.overrides.unreadable = [{ agentStateId: 1, agentStateName: 'Available', firstName: 'No', lastName: 'Id' }];
  app.clock.offsetMs += 10 * 60_000; // the simulator moves on, so the delta has changes to send
  await app.core.handlers.refreshNow(undefined);
  await expect.poll(() => app.core.appState().monitor).toMatchObject({ kind: 'live', issue: { leftOut: 1, complete: true } });
  await app.open(page, 'tray');
  const header = page.getByRole('banner');
  await expect(header.getByRole('status')).toContainText('Live · updated');
  await expect(header).toContainText(/^.*Live · updated .*1 item CXone sent could not be read \(.*agentId.*\)\.$/);
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 20 shown');
  await page.screenshot({ path: `${REVIEW_SHOTS}/tray-live-item-left-out.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray live with an item left out');
});

test('a clicked notification opens that agent: as an event (filters cleared) or in a new window\'s URL; Back keeps the place in the list', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 300, { pollIntervalSeconds: 600 });
  await app.core.handlers.setPollingPaused({ paused: true });
  const sorted = [...(await app.core.rosterSnapshot()).agents].sort(byName);
  const last = sorted.at(-1)!;
  // Filters that hide the agent, and a list scrolled to the top.
  await page.getByRole('searchbox', { name: 'Search agents by name' }).fill(fullName(sorted[0]!));
  // What main/shell/windows.ts sends to a loaded tray window (through the preload in the app).
  await page.evaluate(
    ([channel, payload]) => (globalThis as unknown as { __agentTrayDispatch(c: string, p: unknown): void }).__agentTrayDispatch(channel, payload),
    [events.focusAgent.channel, { agentId: last.agentId }] as const,
  );
  const detail = page.getByRole('dialog', { name: fullName(last) });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(String(last.agentId));
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  // Back in the full list, on that agent — far below the first screen of a virtualized list.
  await expect(page.getByRole('searchbox', { name: 'Search agents by name' })).toHaveValue('');
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${sorted.length} shown`);
  await expect(page.getByRole('listbox')).toBeFocused();
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-activedescendant', `agent-${last.agentId}`);
  await expect(page.locator(`#agent-${last.agentId}`)).toBeInViewport();

  // The keyboard way: Home, Enter, Esc returns to the first agent, scrolled back up.
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: fullName(sorted[0]!) })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator(`#agent-${sorted[0]!.agentId}`)).toBeInViewport();

  // A tray window created for the click gets the agent in its URL (no event could reach it yet).
  const second = await page.context().newPage();
  await app.open(second, 'tray', `agent=${sorted[150]!.agentId}`);
  await expect(second.getByRole('dialog', { name: fullName(sorted[150]!) })).toBeVisible();
  await second.keyboard.press('Escape');
  await expect(second.locator(`#agent-${sorted[150]!.agentId}`)).toBeInViewport();
  await expect(second.getByRole('listbox')).toHaveAttribute('aria-activedescendant', `agent-${sorted[150]!.agentId}`);
});

test('time in state ticks once a second while the window is visible, and not at all while it is hidden', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 20, seed: 6 }, pollIntervalSeconds: 600 } });
  await app.live();
  // Not paused: a paused feed stops the times (they would count on data nobody is checking).
  await page.clock.install({ time: app.clock.now() });
  await app.open(page, 'tray');
  const time = page.getByRole('listbox').getByRole('option').first().locator('.agent-time');
  await expect(time).toHaveText(/\d/);
  const read = () => time.innerText();

  const t0 = await read();
  await page.clock.runFor(3_000);
  const t1 = await read();
  expect(t1).not.toBe(t0);

  // Hidden (the tray window hides on blur): no ticks, so nothing re-renders in the background.
  // (Page-side code as strings: this file is typechecked without the DOM library.)
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate(`Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
      document.dispatchEvent(new Event('visibilitychange'));`);
  await setVisibility('hidden');
  await page.evaluate(`globalThis.__mutations = 0;
    new MutationObserver((records) => { globalThis.__mutations += records.length; })
      .observe(document.querySelector('[role="listbox"]'), { subtree: true, characterData: true, childList: true });`);
  await page.clock.runFor(5_000);
  expect(await page.evaluate('globalThis.__mutations')).toBe(0);
  expect(await read()).toBe(t1);

  // Visible again: it catches up at once and ticks on.
  await setVisibility('visible');
  await expect(time).not.toHaveText(t1);
});

test('agent detail says what notifies for that agent and which rule decides; "Notify me about this agent…" opens Settings → Notifications', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 3 }, pollIntervalSeconds: 600 } });
  await app.live();
  const { agents } = await app.core.rosterSnapshot();
  const a = agents.find((x) => x.teamId !== null)!;
  const b = agents.find((x) => x.teamId === a.teamId && x.agentId !== a.agentId)!;
  const c = agents.find((x) => x.teamId !== a.teamId)!;
  expect(b && c).toBeTruthy();
  const s = app.ports.settings.get();
  const rules = { agentRules: [{ agentId: a.agentId, categories: [] }], teamRules: [{ teamId: a.teamId!, categories: ['acw' as const, 'logged-out' as const] }] };
  await app.core.handlers.saveSettings({ ...s, notifications: { ...s.notifications, ...rules } });

  const notifiesFor = async (agent: AgentState) => {
    const p = await page.context().newPage();
    await app.open(p, 'tray', `agent=${agent.agentId}`);
    const detail = p.getByRole('dialog', { name: fullName(agent) });
    await expect(detail).toBeVisible();
    return { p, detail, text: await detail.locator('.fact', { hasText: 'Notifies for' }).locator('dd').textContent() };
  };
  expect((await notifiesFor(b)).text).toBe(`Logged out, After-contact work (the rule for ${b.teamName})`);
  expect((await notifiesFor(c)).text).toBe('Available, Unavailable, Logged out (the general switches)');
  const { p, detail, text } = await notifiesFor(a);
  expect(text).toBe('Nothing: muted by its own rule');
  await detail.getByRole('button', { name: 'Notify me about this agent…' }).focus();
  await p.keyboard.press('Enter');
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'notifications' });
  // What main then shows: the settings window on that section.
  await app.open(page, 'settings', 'notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 2 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Rules for agents' }).getByRole('group', { name: fullName(a) })).toBeVisible();
});

test('a new watch scope reaches the open tray at once: only the chosen team is listed, then everyone again', async ({ page, startApp }) => {
  const app = await openDemo(page, startApp, 40, { pollIntervalSeconds: 600 });
  const agents = (await app.core.rosterSnapshot()).agents;
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${agents.length} shown`);
  const team = agents[0]!.teamId!;
  const inTeam = agents.filter((a) => a.teamId === team);
  expect(inTeam.length, 'the team is a part of the roster').toBeLessThan(agents.length);
  const s = app.ports.settings.get();
  // No poll is due (600 s): the tray learns of the new scope from main alone.
  await app.core.handlers.saveSettings({ ...s, watch: { ...s.watch, scope: 'teams', teamIds: [team] } });
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${inTeam.length} shown`);
  await expect(page.locator(`#agent-${agents.find((a) => a.teamId !== team)!.agentId}`)).toHaveCount(0);
  await app.core.handlers.saveSettings({ ...s, watch: { ...s.watch, scope: 'all' } });
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${agents.length} shown`);
});

test('nobody in the watch scope: the tray says so and offers to change the scope', async ({ page, startApp }) => {
  // Watching a team that does not exist: the API answers with agents, none of them in scope.
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 20, seed: 2 }, watch: { scope: 'teams', teamIds: [987654321] } } });
  await app.live();
  await app.open(page, 'tray');
  await expect(page.getByRole('heading', { name: 'Nobody in your watch scope' })).toBeVisible();
  await expect(page.getByText("You watch selected teams, and none of them is in the API's answer.")).toBeVisible();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expectNoAxeViolationsInBothThemes(page, 'tray nobody in scope');
  await page.getByRole('button', { name: 'Change watch scope' }).click();
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'settings' });
  // Watching only yourself on the demo tenant, where nobody is signed in: nobody, said as such.
  const s = app.ports.settings.get();
  await app.core.handlers.saveSettings({ ...s, watch: { ...s.watch, scope: 'me' } });
  const empty = page.getByRole('region', { name: 'Nobody in your watch scope' });
  await expect(empty).toContainText("You watch only yourself, and you are not in the API's answer.");
  await expect(page.getByRole('heading', { name: 'The API returned no agents' })).toHaveCount(0);
  await page.screenshot({ path: `${REVIEW_SHOTS}/tray-nobody-in-scope-me.png` });
});

test('an empty list before the first answer says the first poll is on its way; a first poll that fails says so with the reason — never "the API returned no agents"', async ({ page, startApp }) => {
  const demo = { mode: 'demo', demo: { agents: 20, seed: 2 }, pollIntervalSeconds: 600 };
  // The first agents/states answer is held until let go: the core is starting.
  const app = await startApp({ settings: demo, noStart: true });
  let release = () => {};
  app.faults.fault = { kind: 'held', until: new Promise<void>((r) => (release = r)) };
  const started = app.core.start();
  await expect.poll(() => app.core.appState().monitor.kind).toBe('starting');
  await app.open(page, 'tray');
  const loading = page.getByRole('region', { name: 'Loading agents…' });
  await expect(loading).toContainText('The first poll is on its way.');
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('Connecting…');
  await page.screenshot({ path: `${REVIEW_SHOTS}/tray-first-poll.png` });
  await expect(page.getByRole('heading', { name: 'The API returned no agents' })).toHaveCount(0);
  release();
  await started;
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 20 shown');

  // A first poll that fails: CXone is down and asks for five minutes, then refuses for good.
  const down = await startApp({ settings: demo, noStart: true });
  down.faults.fault = { kind: 'http', status: 503, headers: { 'retry-after': '300' } };
  await down.core.start();
  await expect.poll(() => down.core.appState().monitor.kind).toBe('backing-off');
  const p = await page.context().newPage();
  await down.open(p, 'tray');
  const status = p.getByRole('banner').getByRole('status');
  const failed = p.getByRole('region', { name: 'Could not load agents' });
  await expect(status).toHaveText(/^Reconnecting in \d+ s$/);
  await expect(failed).toContainText('CXone is temporarily unavailable.');
  await expect(failed).not.toContainText('CXone answered');
  // Said once, where the user looks: the header leaves the reason to the list.
  await expect(p.getByRole('banner')).not.toContainText('temporarily unavailable');
  await p.screenshot({ path: `${REVIEW_SHOTS}/tray-first-poll-failed.png` });
  down.faults.fault = { kind: 'http', status: 403 };
  await down.core.handlers.refreshNow(undefined);
  await expect(status).toHaveText('Error');
  await expect(failed).toContainText('The demo tenant refused the request.');
  await expect(failed).not.toContainText('CXone answered');
  await expect(p.getByRole('banner')).not.toContainText('refused');
  await p.screenshot({ path: `${REVIEW_SHOTS}/tray-first-poll-refused.png` });
  await failed.getByRole('button', { name: 'Open Diagnostics' }).click();
  await expect.poll(() => down.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'diagnostics' });

  // Watching some teams, a failed first poll is still the failure: no answer says nothing of the scope.
  const scoped = await startApp({ settings: { ...demo, watch: { scope: 'teams', teamIds: [1] } }, noStart: true });
  scoped.faults.fault = { kind: 'http', status: 503, headers: { 'retry-after': '300' } };
  await scoped.core.start();
  await expect.poll(() => scoped.core.appState().monitor.kind).toBe('backing-off');
  const q = await page.context().newPage();
  await scoped.open(q, 'tray');
  await expect(q.getByRole('region', { name: 'Could not load agents' })).toContainText('CXone is temporarily unavailable.');
  await expect(q.getByRole('heading', { name: 'Nobody in your watch scope' })).toHaveCount(0);
});

test('a restart while the sign-in server is unreachable: "Reconnecting in N s", the sign-in kept, never "not signed in"', async ({ page, startApp }) => {
  // A refresh token stored by an earlier run; nothing listens on the issuer's port any more.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const tenant = { issuerPreset: 'custom', issuer: `http://127.0.0.1:${port}`, clientId: 'native-app' };
  const secrets = createMemorySecretStore();
  const account = refreshTokenAccount(tenant);
  await secrets.set(account, 'stored-refresh-token');
  const app = await startApp({ settings: { mode: 'cxone', tenant }, secrets });
  await expect.poll(() => app.core.appState().session.kind).toBe('reconnecting');
  expect(app.core.appState().session).toMatchObject({ identity: null, message: expect.stringContaining('Cannot reach the sign-in server') });

  await app.open(page, 'tray');
  const header = page.getByRole('banner');
  await expect(header.getByRole('status')).toContainText(/Reconnecting in \d+ s|Reconnecting…/);
  await expect(header).toContainText('Cannot reach the sign-in server');
  await expect(page.getByRole('heading', { name: 'Waiting for the sign-in server' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You are not signed in' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/tray-reconnecting-at-start.png` });
  await expectNoAxeViolationsInBothThemes(page, 'tray reconnecting after a restart');
  expect(await secrets.get(account)).toBe('stored-refresh-token');
});
