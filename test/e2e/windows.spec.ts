// The tray and settings windows as a contact-center supervisor sees them (issue 16): counts that add
// up, nothing cut off at the default size or at 200 % zoom, one status said once, plain errors,
// agents of the same name told apart, long states that stand out, twelve rows, a trend with a scale.
import type { Page } from '@playwright/test';
import type { AgentState } from '../../main/cxone/model';
import type { Trend } from '../../main/monitor/status';
import { events } from '../../preload/contract';
import { expectNoAxeViolationsInBothThemes } from './harness/a11y';
import { expect, test, type AppHarness, type StartOptions } from './harness/fixtures';
import { atZoom200, clippedText, focusedVsFooter, zoomedPage } from './harness/layout';
import { clockIn, fullName, lastSuccessAt } from './harness/words';

type Start = (o?: StartOptions) => Promise<AppHarness>;

async function openDemo(page: Page, startApp: Start, agents: number, seed: number, extra: Record<string, unknown> = {}) {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents, seed }, pollIntervalSeconds: 600, ...extra } });
  await app.live();
  await app.core.handlers.setPollingPaused({ paused: true }); // hold the roster still while we count
  await app.open(page, 'tray');
  await expect(page.getByRole('listbox')).toBeVisible();
  return { app, agents: (await app.core.rosterSnapshot()).agents };
}

const chipGroup = (page: Page) => page.getByRole('group', { name: 'Filter by state' });
const chipCount = (t: string) => Number(/(\d+)\s*$/.exec(t)?.[1] ?? Number.NaN);

/** Pushes an app state into the page as main's appState event would (e.g. a long tenant name). */
function pushAppState(page: Page, state: unknown) {
  return page.evaluate(
    ([channel, payload]) => (globalThis as unknown as { __agentTrayDispatch(c: string, p: unknown): void }).__agentTrayDispatch(channel, payload),
    [events.appState.channel, state] as const,
  );
}

test('chips add up: every state chip is its count, and the reason chips (with "+N more") sum to Unavailable', async ({ page, startApp }) => {
  for (const [n, seed] of [
    [200, 1],
    [300, 11],
  ] as const) {
    const { agents } = await openDemo(page, startApp, n, seed);
    const cats = new Map<string, number>();
    const reasons = new Map<string, number>();
    for (const a of agents) {
      cats.set(a.category, (cats.get(a.category) ?? 0) + 1);
      if (a.category === 'unavailable') reasons.set(a.outStateDescription?.trim() || 'No reason', (reasons.get(a.outStateDescription?.trim() || 'No reason') ?? 0) + 1);
    }
    expect(reasons.size, 'the demo roster has more reasons than the chips show at first').toBeGreaterThan(3);
    for (const [cat, label] of [
      ['available', 'Available'],
      ['on-contact', 'On contact'],
      ['unavailable', 'Unavailable'],
      ['acw', 'ACW'],
      ['logged-out', 'Logged out'],
    ] as const) {
      await expect(chipGroup(page).getByRole('button', { name: new RegExp(`^${label} \\d+$`) })).toHaveText(new RegExp(`${cats.get(cat) ?? 0}$`));
    }
    const unavailable = cats.get('unavailable')!;
    const reasonChips = chipGroup(page).locator('.chip-reason:not([aria-expanded="true"])');
    const sum = async () => (await reasonChips.allInnerTexts()).reduce((s, t) => s + chipCount(t), 0);
    expect(await sum()).toBe(unavailable);
    // Closed: the two most common reasons (ties by name), then one "+N more" that names the rest's
    // number and carries their count — said to a screen reader as Unavailable's too.
    const ranked = [...reasons].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    const total = (list: [string, number][]) => list.reduce((s, [, c]) => s + c, 0);
    const rest = ranked.slice(2);
    const shownReasons = chipGroup(page).getByRole('button', { name: /^Unavailable: / });
    await expect(shownReasons).toHaveCount(2);
    for (const [i, [reason, count]] of ranked.slice(0, 2).entries()) await expect(shownReasons.nth(i)).toHaveAccessibleName(`Unavailable: ${reason} ${count}`);
    const more = chipGroup(page).getByRole('button', { name: /more/ });
    await expect(more).toHaveAccessibleName(`Unavailable, +${rest.length} more ${total(rest)}`);
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    // Opened: one chip per reason, each its own count, together all the unavailable agents.
    await expect(reasonChips).toHaveCount(reasons.size);
    expect(await sum()).toBe(unavailable);
    for (const [reason, count] of reasons) {
      await expect(chipGroup(page).getByRole('button', { name: `Unavailable: ${reason} ${count}`, exact: true })).toBeVisible();
    }
    await chipGroup(page).getByRole('button', { name: 'Fewer reasons' }).click();
    await expect(more).toBeVisible();

    // The rarest reason, chosen from the opened list, stays in view (pressed) when it folds again;
    // "+N more" then carries only the others, and the chips still add up.
    await more.click();
    const [rare, rareCount] = ranked.at(-1)!;
    const rareChip = chipGroup(page).getByRole('button', { name: `Unavailable: ${rare} ${rareCount}`, exact: true });
    await expect(rareChip).toHaveAttribute('aria-pressed', 'false');
    await rareChip.click();
    await expect(rareChip).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', `Agents, ${rareCount} shown`);
    await chipGroup(page).getByRole('button', { name: 'Fewer reasons' }).click();
    await expect(chipGroup(page).getByRole('button', { name: `Unavailable: ${rare} ${rareCount}`, exact: true, pressed: true })).toBeVisible();
    const others = rest.slice(0, -1);
    if (others.length > 1) await expect(more).toHaveAccessibleName(`Unavailable, +${others.length} more ${total(others)}`);
    else await expect(more).toHaveCount(0);
    expect(await sum()).toBe(unavailable);
    await rareChip.click();
    await expect(more).toHaveAccessibleName(`Unavailable, +${rest.length} more ${total(rest)}`);
  }
});

test('three reasons are three chips, never two and a "+1 more" that takes the same room', async ({ page, startApp }) => {
  const { app, agents } = await openDemo(page, startApp, 200, 1);
  const byReason = new Map<string, AgentState[]>();
  for (const a of agents) {
    const reason = a.category === 'unavailable' ? a.outStateDescription?.trim() : undefined;
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), a]);
  }
  // Watch two agents of the most common reason and one each of two others: three reasons, 2 + 1 + 1.
  const [first, second, third] = [...byReason].sort((x, y) => y[1].length - x[1].length);
  expect(first![1].length).toBeGreaterThanOrEqual(2);
  const watched = [...first![1].slice(0, 2), second![1][0]!, third![1][0]!];
  const s = app.ports.settings.get();
  await app.core.handlers.saveSettings({ ...s, watch: { ...s.watch, scope: 'agents', agentIds: watched.map((a) => a.agentId) } });
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-label', 'Agents, 4 shown');
  await expect(chipGroup(page).getByRole('button', { name: /^Unavailable \d+$/ })).toHaveAccessibleName('Unavailable 4');
  const shownReasons = chipGroup(page).getByRole('button', { name: /^Unavailable: / });
  const ones = [second![0], third![0]].sort((a, b) => a.localeCompare(b));
  await expect(shownReasons).toHaveCount(3);
  await expect(shownReasons.nth(0)).toHaveAccessibleName(`Unavailable: ${first![0]} 2`);
  await expect(shownReasons.nth(1)).toHaveAccessibleName(`Unavailable: ${ones[0]} 1`);
  await expect(shownReasons.nth(2)).toHaveAccessibleName(`Unavailable: ${ones[1]} 1`);
  await expect(chipGroup(page).getByRole('button', { name: /more/ })).toHaveCount(0);
});

/** Moves the simulated clock a minute at a time, waiting for a poll after each: the trend has history. */
async function buildHistory(app: AppHarness, minutes: number) {
  for (let i = 0; i < minutes; i++) {
    app.clock.offsetMs += 60_000;
    const moved = app.clock.now();
    await expect
      .poll(async () => {
        await app.core.handlers.refreshNow(undefined);
        const m = app.core.appState().monitor;
        return 'lastSuccessAt' in m ? (m.lastSuccessAt ?? 0) : 0;
      }, { intervals: [20] })
      .toBeGreaterThanOrEqual(moved);
  }
}

test('twelve agents are visible at the default window size (compact rows, the default), all of them whole', async ({ page, startApp }) => {
  // Live, with an hour's trend drawn: everything a supervisor sees above the list is there.
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 200, seed: 1 }, pollIntervalSeconds: 600 } });
  // At the fixture's fixed time of day, whenever this runs: the queue strip's lines (and so the room
  // left for the list) follow the demo queues' traffic, which follows the hour.
  expect(new Date(app.clock.now()).getHours()).toBe(10);
  await app.live();
  await buildHistory(app, 10);
  await app.open(page, 'tray');
  await expect(page.getByRole('slider', { name: /Agents by state/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/tray-twelve-rows.png' });
  const visible = await page.evaluate(`(() => {
    const list = document.querySelector('[role="listbox"]').getBoundingClientRect();
    return [...document.querySelectorAll('[role="option"]')].filter((r) => { const b = r.getBoundingClientRect(); return b.top >= list.top - 1 && b.bottom <= list.bottom + 1; }).length;
  })()`);
  expect(visible).toBeGreaterThanOrEqual(12);
  // The two-line rows are one key (D) away and remembered.
  await page.getByRole('listbox').focus();
  await page.keyboard.press('d');
  await expect(page.getByRole('button', { name: 'Compact rows' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.agent-line2').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Compact rows' })).toHaveAttribute('aria-pressed', 'false');
});

const LONG = {
  tenant: 'Contoso Customer Care — North America Enterprise Support Tenant (Production)',
  team: 'Escalations and Retention — Premium Customers, Weekend Evening Shift',
  code: 'Extended coaching session with the quality assurance team lead',
  first: 'Maximiliana-Alexandrina',
  last: 'Vandenberghe-Montgomery-Fitzwilliam',
};

/** A roster with a long name, long team and long unavailable code in view, and a long tenant name. */
async function longWordsApp(page: Page, startApp: Start) {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 40, seed: 4 }, pollIntervalSeconds: 600 } });
  await app.live();
  const agents = (await app.core.rosterSnapshot()).agents;
  const sorted = [...agents].sort((a, b) => fullName(a).localeCompare(fullName(b)));
  const target = sorted[0]!;
  app.overrides.force(target.agentId, { state: 'Unavailable', reason: LONG.code }, app.clock.now() - 37 * 60_000, { firstName: 'Aaron', lastName: LONG.last, teamName: LONG.team });
  app.overrides.force(sorted[1]!.agentId, { state: 'Available' }, app.clock.now(), { firstName: LONG.first, lastName: LONG.last });
  await app.core.handlers.refreshNow(undefined);
  await expect.poll(async () => (await app.core.rosterSnapshot()).agents.find((a) => a.agentId === target.agentId)?.outStateDescription).toBe(LONG.code);
  await app.core.handlers.setPollingPaused({ paused: false });
  return { app, target };
}

async function expectNothingClipped(page: Page, view: string) {
  expect(await clippedText(page), `clipped text in ${view}`).toEqual([]);
}

test('nothing a person needs is cut off in the tray, at the default size and at 200 % zoom, with long names, team, code and tenant', async ({ page, browser, startApp }) => {
  for (const zoom of [1, 2]) {
    const p = zoom === 1 ? page : await zoomedPage(browser);
    const { app, target } = await longWordsApp(p, startApp);
    await app.open(p, 'tray');
    if (zoom === 2) await atZoom200(p);
    await pushAppState(p, { ...app.core.appState(), tenantLabel: LONG.tenant });
    await expect(p.getByRole('heading', { level: 1 })).toHaveText(LONG.tenant);
    await expect(p.locator(`#agent-${target.agentId}`)).toContainText(LONG.code);
    await expectNothingClipped(p, `tray list at ${zoom * 100} %`);
    // The header with an error and its reason.
    app.faults.fault = { kind: 'http', status: 403 };
    await app.core.handlers.refreshNow(undefined);
    await expect(p.getByRole('banner').getByRole('status')).toContainText('Error');
    await expectNothingClipped(p, `tray error at ${zoom * 100} %`);
    // The agent's detail.
    await p.locator(`#agent-${target.agentId}`).click();
    await expect(p.getByRole('dialog')).toContainText(LONG.team);
    await expectNothingClipped(p, `agent detail at ${zoom * 100} %`);
    if (zoom === 2) await p.context().close();
  }
});

test('a compact row whose long code wraps keeps its time at the right edge, under the code, not at the row\'s start', async ({ page, startApp }) => {
  const { app, target } = await longWordsApp(page, startApp);
  await app.open(page, 'tray');
  await expect(page.getByRole('button', { name: 'Compact rows' })).toHaveAttribute('aria-pressed', 'true');
  const row = page.locator(`#agent-${target.agentId}`);
  await expect(row).toContainText(LONG.code);
  const box = async (selector: string) => (await row.locator(selector).boundingBox())!;
  const [rowBox, name, time] = [(await row.boundingBox())!, await box('.agent-name'), await box('.agent-time')];
  // The case at hand: the time went to a line of its own below the name.
  expect(time.y).toBeGreaterThan(name.y + name.height - 1);
  // Right-aligned with the row's content (14 px of padding), as on a row that fits one line; it sat at the left, under the pin.
  expect(Math.abs(rowBox.x + rowBox.width - 14 - (time.x + time.width))).toBeLessThanOrEqual(1);
  const oneLine = page.getByRole('listbox').getByRole('option').filter({ hasNotText: LONG.code }).first();
  const oneLineTime = (await oneLine.locator('.agent-time').boundingBox())!;
  expect(Math.abs(oneLineTime.x + oneLineTime.width - (time.x + time.width))).toBeLessThanOrEqual(1);
});

test('nothing is cut off when signed out, at the default size and at 200 % zoom', async ({ page, browser, startApp }) => {
  for (const zoom of [1, 2]) {
    const p = zoom === 1 ? page : await zoomedPage(browser);
    const app = await startApp({ settings: { mode: 'cxone' } });
    await app.open(p, 'tray');
    if (zoom === 2) await atZoom200(p);
    await expect(p.getByRole('heading', { name: 'You are not signed in' })).toBeVisible();
    await expectNothingClipped(p, `signed out at ${zoom * 100} %`);
    if (zoom === 2) await p.context().close();
  }
});

test('one status, said once: live, stale, error, reconnecting and demo each read the same in the header, the rows and the buttons', { tag: '@far-zone' }, async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 2 }, pollIntervalSeconds: 5 } });
  await app.live();
  await app.open(page, 'tray');
  const status = page.getByRole('banner').getByRole('status');
  const header = page.getByRole('banner');
  const firstTime = page.getByRole('listbox').getByRole('option').first().locator('.agent-time');
  const ticks = async () => {
    const t0 = await firstTime.innerText();
    await page.waitForTimeout(2100);
    return (await firstTime.innerText()) !== t0;
  };
  // Live: "updated …", and time in state counts.
  await expect(status).toContainText('Live · updated');
  expect(await ticks()).toBe(true);

  // Error (403 on the demo tenant): no "updated just now" beside it, no "signed-in user", times stop.
  app.faults.fault = { kind: 'http', status: 403 };
  await app.core.handlers.refreshNow(undefined);
  await expect(status).toHaveText('Error');
  await expect(header).toContainText('The demo tenant refused the request.');
  await expect(header).not.toContainText('signed-in user');
  await expect(header).toContainText(`Times in state are as of ${await clockIn(page, lastSuccessAt(app))}.`);
  expect(await ticks()).toBe(false);

  // Reconnecting: the countdown, the reason, and still no counting on old data.
  app.faults.fault = { kind: 'http', status: 503, headers: { 'retry-after': '30' } };
  await app.core.handlers.refreshNow(undefined);
  await expect(status).toContainText(/^Reconnecting in \d+ s$/);
  await expect(status).not.toContainText('updated');
  expect(await ticks()).toBe(false);

  // Stale: the label carries the time; rows stop.
  app.faults.fault = { kind: 'hang' };
  await app.core.handlers.setPollingPaused({ paused: true });
  await app.core.handlers.setPollingPaused({ paused: false });
  await expect(status).toContainText(/Stale since/, { timeout: 20_000 });
  await expect(status).not.toContainText('updated');
  expect(await ticks()).toBe(false);

  // Live again: counting again.
  app.faults.fault = null;
  await expect(async () => {
    await app.core.handlers.refreshNow(undefined);
    await expect(status).toContainText('Live · updated', { timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  expect(await ticks()).toBe(true);
});

test('signed out without a client id: the button says what it does (set up), never a Sign in that cannot work', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'cxone' } });
  await app.open(page, 'tray');
  await expect(page.getByRole('status').first()).toContainText('Signed out');
  // No tenant yet: the header says so (never "Demo tenant" outside the demo).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not connected');
  await expect(page.getByRole('region', { name: 'Messages' })).toContainText('Enter the client id');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Set up sign-in…' }).click();
  await expect.poll(() => app.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'settings' });
});

test('agents with the same name are told apart in the row; the detail always shows user name and id', async ({ page, startApp }) => {
  const { agents } = await openDemo(page, startApp, 200, 1);
  const byName = new Map<string, AgentState[]>();
  for (const a of agents) byName.set(fullName(a).toLowerCase(), [...(byName.get(fullName(a).toLowerCase()) ?? []), a]);
  const twins = [...byName.values()].find((g) => g.length > 1)!;
  const single = [...byName.values()].find((g) => g.length === 1)![0]!;
  expect(twins, 'the demo roster has two agents of the same name').toBeTruthy();
  await page.getByRole('searchbox', { name: 'Search agents by name' }).fill(fullName(twins[0]!));
  const texts = await page.getByRole('listbox').getByRole('option').locator('.agent-name').allInnerTexts();
  expect(texts.length).toBe(twins.length);
  expect(new Set(texts).size, 'the rows read differently').toBe(twins.length);
  for (const a of twins) await expect(page.locator(`#agent-${a.agentId}`)).toContainText(`#${a.agentId}`);
  await page.getByRole('searchbox', { name: 'Search agents by name' }).fill(fullName(single));
  await expect(page.locator(`#agent-${single.agentId} .agent-disambig`)).toHaveCount(0);
  await page.locator(`#agent-${single.agentId}`).click();
  await expect(page.getByRole('dialog')).toContainText(String(single.agentId));
  await expect(page.getByRole('dialog')).toContainText(single.userName ?? '—');
});

test('a state past the limit stands out with a glyph and words, not colour alone; T sorts by longest in state', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 8 }, pollIntervalSeconds: 600, notifications: { unavailableLongerThanMinutes: 30 } } });
  await app.live();
  const agents = (await app.core.rosterSnapshot()).agents;
  const [long, short] = [agents[5]!, agents[6]!];
  app.overrides.force(long.agentId, { state: 'Unavailable', reason: 'Break' }, app.clock.now() - 37 * 60_000);
  app.overrides.force(short.agentId, { state: 'Unavailable', reason: 'Break' }, app.clock.now() - 30_000);
  await app.core.handlers.refreshNow(undefined);
  await expect.poll(async () => (await app.core.rosterSnapshot()).agents.find((a) => a.agentId === short.agentId)?.outStateDescription).toBe('Break');
  await app.open(page, 'tray');
  const longTime = page.locator(`#agent-${long.agentId} .agent-time`);
  await expect(longTime).toContainText('⚠');
  await expect(longTime).toContainText('over the limit');
  await expect(longTime).toHaveAttribute('title', 'Longer than the 30-minute limit');
  await expect(page.locator(`#agent-${short.agentId} .agent-time`)).not.toContainText('⚠');
  // The detail says it too, in words.
  await page.locator(`#agent-${long.agentId}`).click();
  await expect(page.getByRole('dialog').locator('.fact', { hasText: 'Time in state' })).toContainText('⚠ longer than the 30-minute limit');
  await page.keyboard.press('Escape');
  // The shortcut is written where the choice is, and works from the list.
  const sort = page.getByRole('combobox', { name: 'Sort by' });
  await expect(sort.locator('option', { hasText: 'Longest (T)' })).toHaveCount(1);
  await page.getByRole('listbox').focus();
  await page.keyboard.press('t');
  await expect(sort).toHaveValue('time');
  const longest = [...(await app.core.rosterSnapshot()).agents].filter((a) => a.startDate).sort((a, b) => Date.parse(a.startDate!) - Date.parse(b.startDate!))[0]!;
  await expect(page.getByRole('listbox').getByRole('option').first()).toHaveId(`agent-${longest.agentId}`);
  await page.keyboard.press('n');
  await expect(sort).toHaveValue('name');
  await expectNoAxeViolationsInBothThemes(page, 'tray with a long break');
});

test('at one moment, time in state and the limit read true: 30 m 05 s is over a 30-minute limit, 29 m 55 s is not, an Available agent never is; "updated" says how long ago', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 8 }, pollIntervalSeconds: 600, notifications: { unavailableLongerThanMinutes: 30, codeLimitsFromCxone: false } } });
  await app.live();
  const agents = (await app.core.rosterSnapshot()).agents;
  const [over, under, available] = [agents[3]!, agents[4]!, agents[5]!];
  // The page's clock will stand still 90 s from now; the states began before that moment.
  const moment = app.clock.now() + 90_000;
  app.overrides.force(over.agentId, { state: 'Unavailable', reason: 'Lunch' }, moment - (30 * 60 + 5) * 1000);
  app.overrides.force(under.agentId, { state: 'Unavailable', reason: 'Lunch' }, moment - (29 * 60 + 55) * 1000);
  app.overrides.force(available.agentId, { state: 'Available' }, moment - 45 * 60_000);
  await app.core.handlers.refreshNow(undefined);
  await expect.poll(async () => (await app.core.rosterSnapshot()).agents.find((a) => a.agentId === available.agentId)?.category).toBe('available');
  await app.open(page, 'tray');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.clock.pauseAt(moment);
  // The header's last update was the refresh, 90 s before the moment (less the test's own time).
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('Live · updated 1 min ago');
  // The rows' times are read at the last one-second tick before the moment (up to a second earlier).
  const search = page.getByRole('searchbox', { name: 'Search agents by name' });
  const row = async (a: AgentState) => {
    await search.fill(fullName(a));
    return page.getByRole('option').and(page.locator(`#agent-${a.agentId}`));
  };
  await expect(await row(over)).toHaveAccessibleName(/Unavailable: Lunch over the limit, 30 m 0[45] s$/);
  await expect(await row(under)).toHaveAccessibleName(/Unavailable: Lunch 29 m 5[45] s$/);
  await expect(await row(available)).toHaveAccessibleName(/Available (44 m 59|45 m 00) s$/);
});

test("a code's own limit from CXone that loads after the tray opened still marks the rows, without reopening it", async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 8 }, pollIntervalSeconds: 600 }, noStart: true });
  // The directory (names, and the codes' limits: Break 15 minutes in the demo) answers only when let.
  const release = app.faults.holdCodes();
  await app.core.start();
  await app.live();
  const agents = (await app.core.rosterSnapshot()).agents;
  const onBreak = agents[5]!;
  // Break is code 12 in the demo tenant.
  app.overrides.force(onBreak.agentId, { state: 'Unavailable', reason: 'Break' }, app.clock.now() - 20 * 60_000, { outStateId: 12 });
  await app.core.handlers.refreshNow(undefined);
  await expect.poll(async () => (await app.core.rosterSnapshot()).agents.find((a) => a.agentId === onBreak.agentId)?.outStateDescription).toBe('Break');
  await app.open(page, 'tray');
  const time = page.locator(`#agent-${onBreak.agentId} .agent-time`);
  await expect(time).toBeVisible();
  // No general limit is set and the code's own is not known yet: no warning.
  await expect(time).not.toContainText('⚠');
  release();
  await expect(time).toContainText('over the limit');
  await expect(time).toHaveAttribute('title', 'Longer than the 15-minute limit');
});

test('the trend strip has a time axis, counts at the pointer and by keyboard, a legend with words, and collapses', async ({ page, startApp }) => {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 60, seed: 5 }, pollIntervalSeconds: 600 } });
  await app.live();
  await buildHistory(app, 12);
  await app.open(page, 'tray');
  const chart = page.getByRole('slider', { name: /Agents by state over the last hour/ });
  await expect(chart).toBeVisible();
  const axis = page.locator('.trend-axis');
  // Two clock times, then "now" (the times themselves, in this browser's zone: the trend strip tests below).
  await expect(axis.locator('span')).toHaveText([/\d/, /\d/, 'now']);
  const legend = page.getByRole('list', { name: 'Chart legend' });
  await expect(legend).toContainText('Available');
  expect(await legend.evaluate((el) => parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);
  // Keyboard: Home goes to the oldest minute; the readout says when (a clock time in this browser's
  // locale: "10:42", "10 h 42") and the counts then.
  // No counts until a minute is picked: beside the chips they would read as a second "now".
  await expect(legend.locator('.trend-count')).toHaveCount(0);
  await chart.focus();
  await expect(chart).toHaveAttribute('aria-valuetext', /^At .*\d.*: \d+ Available/);
  await page.keyboard.press('Home');
  await expect(chart).toHaveAttribute('aria-valuetext', /^At .*\d.*: \d+ Available/);
  await expect(page.locator('.trend-when')).toContainText(/^At .*\d.*:$/);
  const oldest = (await app.core.handlers.getTrend(undefined)).buckets[0]!;
  await expect(legend.getByRole('listitem').first()).toContainText(String(oldest.counts.available ?? 0));
  await page.keyboard.press('End');
  await expect(chart).toHaveAttribute('aria-valuenow', (await chart.getAttribute('aria-valuemax'))!);
  const latestAvailable = /: (\d+) Available/.exec((await chart.getAttribute('aria-valuetext'))!)![1]!;
  await expect(legend.getByRole('listitem').first()).toContainText(`Available${latestAvailable}`);
  await chart.blur();
  // Pointer: hovering the left edge reads the oldest minute.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await expect(page.locator('.trend-when')).toContainText(/^At .*\d.*:$/);
  // Collapses to one line, and stays collapsed.
  await page.getByRole('button', { name: /Last 60 min/ }).click();
  await expect(chart).toHaveCount(0);
  await expect(page.locator('.trend')).toContainText('Over the last');
  await page.reload();
  await expect(page.getByRole('button', { name: /Last 60 min/ })).toHaveAttribute('aria-expanded', 'false');
});

/**
 * A trend of `minutes` + 1 one-minute buckets, the last at `lastAt`: Available counts up from 10, Unavailable
 * down from 20, the rest steady; `other` agents in the middle minute when given.
 */
function stepTrend(lastAt: number, minutes: number, other = 0): Trend {
  const end = Math.floor(lastAt / 60_000) * 60_000;
  return {
    bucketMs: 60_000,
    buckets: Array.from({ length: minutes + 1 }, (_, i) => ({
      t: end - (minutes - i) * 60_000,
      counts: { available: 10 + i, 'on-contact': 5, unavailable: 20 - i, acw: 1, 'logged-out': 3, other: i === minutes / 2 ? other : 0 },
    })),
  };
}

/** The tray with the trend main hands it (the core's own, replaced), opened at the given time of the core's clock. */
async function trayWithTrend(page: Page, startApp: Start, trend: (now: number) => Trend) {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 5 }, pollIntervalSeconds: 600 } });
  await app.live();
  const fixed = trend(app.clock.now());
  app.core.handlers.getTrend = () => fixed;
  await app.open(page, 'tray');
  return { app, trend: fixed };
}

/** A time as the strip writes it (this browser's locale). */
const hhmmIn = (page: Page, t: number) => page.evaluate((ms) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }), t);

test('the trend strip reads true: its one-line summary, its axis, and the minute the keys and the pointer pick', { tag: '@far-zone' }, async ({ page, startApp }) => {
  const { trend } = await trayWithTrend(page, startApp, (now) => stepTrend(now, 12));
  const b = trend.buckets;
  const chart = page.getByRole('slider', { name: /Agents by state over the last hour/ });
  await expect(chart).toHaveAccessibleName(/Over the last 12 minutes available agents went from 10 to 22; 8 unavailable now\./);
  await expect(page.locator('.trend-axis span')).toHaveText([await hhmmIn(page, b[0]!.t), await hhmmIn(page, b[6]!.t), 'now']);
  // Nobody was in an "other" state: the legend does not name one.
  const legend = page.getByRole('list', { name: 'Chart legend' });
  await expect(legend.getByRole('listitem')).toHaveText(['Available', 'On contact', 'Unavailable', 'ACW', 'Logged out']);

  // Focus shows the counts at once, for the latest minute; the keys move through time and stop at its ends.
  const valueAt = async (i: number) => `At ${await hhmmIn(page, b[i]!.t)}: ${10 + i} Available, 5 On contact, ${20 - i} Unavailable, 1 ACW, 3 Logged out`;
  await chart.focus();
  await expect(page.locator('.trend-when')).toHaveText(`At ${await hhmmIn(page, b[12]!.t)}:`);
  await expect(legend.getByRole('listitem').first()).toHaveText('Available22');
  await page.keyboard.press('Home');
  await expect(chart).toHaveAttribute('aria-valuenow', '0');
  await expect(chart).toHaveAttribute('aria-valuetext', await valueAt(0));
  await page.keyboard.press('ArrowRight');
  await expect(chart).toHaveAttribute('aria-valuetext', await valueAt(1));
  await page.keyboard.press('ArrowLeft');
  await expect(chart).toHaveAttribute('aria-valuetext', await valueAt(0));
  await page.keyboard.press('PageUp');
  await expect(chart).toHaveAttribute('aria-valuetext', await valueAt(10));
  await page.keyboard.press('PageDown');
  await expect(chart).toHaveAttribute('aria-valuetext', await valueAt(0));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect(chart).toHaveAttribute('aria-valuenow', '12');
  await expect(page.locator('.trend-when')).toHaveText(`At ${await hhmmIn(page, b[12]!.t)}:`);
  // Focus gone: the counts go too (beside the chips they would read as a second "now").
  await chart.blur();
  await expect(page.locator('.trend-when')).toHaveCount(0);
  await expect(legend.locator('.trend-count')).toHaveCount(0);

  // The pointer: the middle of the chart is the middle minute, its right edge the latest; leaving clears.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(chart).toHaveAttribute('aria-valuetext', await valueAt(6));
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  await expect(page.locator('.trend-when')).toHaveText(`At ${await hhmmIn(page, b[12]!.t)}:`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40);
  await expect(page.locator('.trend-when')).toHaveCount(0);
});

test('the trend strip: one minute is not yet a history; an "other" state gets its legend entry; a last minute long past is a time, not "now"', { tag: '@far-zone' }, async ({ page, startApp }) => {
  const one = await trayWithTrend(page, startApp, (now) => stepTrend(now, 0));
  await expect(page.locator('.trend')).toContainText('Collecting history…');
  await expect(page.getByRole('slider')).toHaveCount(0);

  // Five minutes since the last minute: the axis ends at that time.
  const old = stepTrend(one.app.clock.now() - 5 * 60_000, 12, 2);
  one.app.core.handlers.getTrend = () => old;
  await page.reload();
  await expect(page.locator('.trend-axis span').last()).toHaveText(await hhmmIn(page, old.buckets[12]!.t));
  await expect(page.getByRole('list', { name: 'Chart legend' }).getByRole('listitem')).toHaveText(['Available', 'On contact', 'Unavailable', 'ACW', 'Logged out', 'Other']);
});

test.describe('an English (US) window on a computer with a UK regional format', () => {
  // Electron's windows default to the app's UI language; the core hands them the OS's format.
  test.use({ locale: 'en-US' });
  /** A time as the UK writes it, in this browser's zone. */
  const ukTime = (page: Page, t: number, seconds: boolean) =>
    page.evaluate(([ms, s]) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...(s ? { second: '2-digit' } : {}) }), [t, seconds] as const);

  test("the window's clock times are in the OS's regional format (24-hour), not the browser's AM/PM", async ({ page, startApp }) => {
    const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 5 }, pollIntervalSeconds: 600 }, clockLocale: 'en-GB' });
    await app.live();
    const fixed = stepTrend(app.clock.now(), 12);
    app.core.handlers.getTrend = () => fixed;
    const b = fixed.buckets;
    await app.open(page, 'tray');
    // The browser alone would write "02:05 PM".
    expect(await hhmmIn(page, b[0]!.t)).toMatch(/\s[AP]M$/);
    const axis = [await ukTime(page, b[0]!.t, false), await ukTime(page, b[6]!.t, false), 'now'];
    expect(axis[0]).toMatch(/^\d\d:\d\d$/);
    await expect(page.locator('.trend-axis span')).toHaveText(axis);

    // The data stops: "Times in state are as of 14:05:09".
    app.faults.fault = { kind: 'http', status: 403 };
    await app.core.handlers.refreshNow(undefined);
    const header = page.getByRole('banner');
    await expect(header.getByRole('status')).toHaveText('Error');
    const asOf = await ukTime(page, lastSuccessAt(app), true);
    expect(asOf).toMatch(/^\d\d:\d\d:\d\d$/);
    await expect(header).toContainText(`Times in state are as of ${asOf}.`);
    await expect(header).not.toContainText(/\d\s[AP]M/);
  });
});

test('the trend strip opens and closes from the keyboard, and its toggle keeps the focus', async ({ page, startApp }) => {
  await trayWithTrend(page, startApp, (now) => stepTrend(now, 12));
  const toggle = page.getByRole('button', { name: /Last 60 min/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('slider')).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('slider')).toHaveCount(1);
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toBeFocused();
});

test('settings: every section whole at the default size and at 200 % zoom; the footer never covers the focused field', async ({ page, browser, startApp }) => {
  for (const zoom of [1, 2]) {
    const p = zoom === 1 ? page : await zoomedPage(browser);
    const app = await startApp({ settings: { mode: 'demo', demo: { agents: 30, seed: 3 }, pollIntervalSeconds: 600 } });
    await app.live();
    await app.open(p, 'settings');
    if (zoom === 2) await atZoom200(p);
    for (const section of ['Connection', 'Watch', 'Notifications', 'General']) {
      await p.getByRole('button', { name: section, exact: true }).click();
      await expect(p.getByRole('heading', { name: section, level: 2 })).toBeVisible();
      await expectNothingClipped(p, `settings ${section} at ${zoom * 100} %`);
      // Tab through the section: each focused control lies wholly above the footer.
      await p.getByRole('heading', { name: section, level: 2 }).focus();
      for (let i = 0; i < 40; i++) {
        await p.keyboard.press('Tab');
        const f = await focusedVsFooter(p, '.save-bar');
        if (!f) break; // reached the footer (or left the content)
        expect(f.bottom, `${f.what} in ${section} at ${zoom * 100} % lies under the footer`).toBeLessThanOrEqual(f.footerTop + 1);
      }
    }
    if (zoom === 2) await p.context().close();
  }
});
