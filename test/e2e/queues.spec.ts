// The queue strip (issue 14) in real Chromium against the real core and the demo tenant's skills: the
// waiting count and a longest wait that ticks, service level as glyph + word, totals that add up, the
// Available agents of a chosen skill by mouse and keyboard, each empty and error state in words, 3 and 40
// skills, axe in both themes, and the README's screenshots (light, dark, a breach).
import { clippedText } from './harness/layout';
import type { Page } from '@playwright/test';
import type { QueueState, SkillQueue } from '../../main/queues/model';
import { PAUSED_BEFORE_FIRST_ANSWER } from '../../main/queues/queue-poller';
import { serviceLevelStatus } from '../../main/queues/skill-activity';
import { events } from '../../preload/contract';
import { expectNoAxeViolationsInBothThemes, SHOTS } from './harness/a11y';
import { expect, test, type AppHarness, type StartOptions } from './harness/fixtures';
import { clockIn } from './harness/words';

type Start = (o?: StartOptions) => Promise<AppHarness>;

const strip = (page: Page) => page.getByRole('region', { name: 'Queues', exact: true });
const rowOf = (page: Page, skillName: string) => strip(page).locator('tbody tr').filter({ has: page.getByRole('button', { name: skillName, exact: true }) });

function queues(app: AppHarness): QueueState {
  const q = app.core.handlers.getQueues(undefined);
  if (q instanceof Promise) throw new Error('getQueues answers at once');
  return q;
}

/** The demo tenant with live queues; the page not yet opened. */
async function startDemo(startApp: Start, extra: Record<string, unknown> = {}, before?: (app: AppHarness) => void): Promise<AppHarness> {
  const app = await startApp({ settings: { mode: 'demo', demo: { agents: 80, seed: 7 }, pollIntervalSeconds: 600, ...extra }, noStart: true });
  // The fixture starts every demo at DEMO_TIME_OF_DAY (10:30), when the demo's office skills have traffic.
  before?.(app);
  await app.core.start();
  await app.live();
  return app;
}

async function waitForQueues(app: AppHarness, what: string, ok: (q: QueueState) => boolean) {
  await expect.poll(() => ok(queues(app)), { message: what, timeout: 15_000 }).toBe(true);
}

/**
 * Forces skills' queues and has the core poll at once. Nothing else moves them: the poll interval is
 * 600 s (pausing would make the queues stale, which freezes the waits — its own test).
 */
async function forceAndHold(app: AppHarness, forced: Record<number, Parameters<AppHarness['queues']['force']>[1]>) {
  await waitForQueues(app, 'first queue answer', (q) => q.status === 'live' && q.skills.length > 0);
  for (const [id, f] of Object.entries(forced)) app.queues.force(Number(id), f, app.clock.now());
  await expect
    .poll(
      async () => {
        await app.core.handlers.refreshNow(undefined);
        const q = queues(app);
        return Object.entries(forced).every(([id, f]) => q.skills.find((s) => s.skillId === Number(id))?.queueCount === f.queueCount);
      },
      { message: 'forced queues published', timeout: 15_000, intervals: [100, 250, 500] },
    )
    .toBe(true);
}

/** Opens the strip (collapsed to its totals line by default, so twelve agent rows keep their room). */
async function openStrip(page: Page) {
  const toggle = strip(page).getByRole('button', { name: 'Queues' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** The totals line as read aloud: its no-break spaces as plain ones. */
const summaryOf = (page: Page) => async () => (await strip(page).locator('.queues-summary').innerText()).replace(/\u00a0/g, ' ');

/** "2:05" → 125 s. */
const seconds = (t: string) => {
  const parts = t.trim().split(':').map(Number);
  return parts.reduce((s, p) => s * 60 + p, 0);
};

test('each skill shows its waiting count, a longest wait that ticks, and service level as glyph and word; the totals add up', async ({ page, startApp }) => {
  const app = await startDemo(startApp);
  await forceAndHold(app, { 5001: { queueCount: 7, longestWaitSeconds: 125, serviceLevel: 55, serviceLevelGoal: 80 }, 5002: { queueCount: 0 } });
  await app.open(page, 'tray');
  await openStrip(page);
  const q = queues(app);
  const phone = q.skills.find((s) => s.skillId === 5001)!;
  const row = rowOf(page, phone.skillName);
  await expect(row.locator('.queue-count')).toHaveText('7');
  const first = seconds(await row.locator('.queue-wait').innerText());
  expect(first).toBeGreaterThanOrEqual(125);
  expect(first).toBeLessThan(125 + 30);
  // It ticks without a new poll.
  await expect.poll(async () => seconds(await row.locator('.queue-wait').innerText()), { timeout: 5_000 }).toBeGreaterThanOrEqual(first + 2);
  // Breached in words, with its own glyph, not colour alone.
  const sl = row.locator('.sl');
  await expect(sl).toHaveText(/55%\s*breached/);
  await expect(sl).toHaveClass(/sl-breached/);
  await expect(sl.locator('svg.sl-glyph path')).toHaveCount(1);
  // Nobody waiting: a dash that says so.
  const chat = rowOf(page, q.skills.find((s) => s.skillId === 5002)!.skillName);
  await expect(chat.locator('.queue-count')).toHaveText('0');
  await expect(chat.locator('.queue-wait')).toHaveText(/nobody waiting/);
  // The totals line is the sum of the rows and of what the core holds.
  const counts = (await strip(page).locator('.queue-count').allInnerTexts()).map(Number);
  const total = q.skills.reduce((n, s) => n + s.queueCount, 0);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  await expect.poll(summaryOf(page)).toMatch(new RegExp(`^${total} waiting in ${q.skills.length} skills · longest \\d+:\\d\\d`));
  // Rows with someone waiting come first, longest wait first.
  const waits = (await strip(page).locator('.queue-wait').allInnerTexts()).map((t) => (/\d/.test(t) ? seconds(t) : -1));
  const waiting = waits.filter((w) => w >= 0);
  expect(waits.slice(0, waiting.length)).toEqual([...waiting].sort((a, b) => b - a));
  expect(app.pageErrors).toEqual([]);
});

test('a skill chosen by click or keyboard lists its Available agents; Escape goes back; an agent opens its detail', async ({ page, startApp }) => {
  const app = await startDemo(startApp);
  await forceAndHold(app, { 5001: { queueCount: 3, longestWaitSeconds: 40 } });
  await waitForQueues(app, 'agents per skill', (q) => q.skills.every((s) => s.agentIds !== null));
  await app.open(page, 'tray');
  await openStrip(page);
  const snapshot = await app.core.rosterSnapshot();
  const skill = queues(app).skills.find((s) => s.skillId === 5001)!;
  const expected = snapshot.agents.filter((a) => skill.agentIds!.includes(a.agentId) && a.category === 'available');
  expect(expected.length, 'the demo has Available agents with Support Phone at 10:30').toBeGreaterThan(0);

  const button = strip(page).getByRole('button', { name: skill.skillName, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: `Available for ${skill.skillName}` });
  await expect(panel.getByRole('heading')).toHaveText(`Available for ${skill.skillName}: ${expected.length}`);
  await expect(panel.getByRole('listitem')).toHaveCount(expected.length);
  // Escape closes the list (not the window) and focus goes back to the skill.
  await panel.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();
  expect(app.ports.uiCalls.filter((c) => c.method === 'hideWindow')).toEqual([]);
  // Space works too, and a click on the row; then an agent opens its detail.
  await page.keyboard.press('Space');
  await expect(panel).toBeVisible();
  await rowOf(page, skill.skillName).locator('.queue-count').click();
  await expect(panel).toHaveCount(0);
  await rowOf(page, skill.skillName).locator('.queue-count').click();
  await panel.getByRole('button').nth(1).click();
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('when CXone does not say who has a skill, the list says so and gives CXone’s count', async ({ page, startApp }) => {
  const app = await startDemo(startApp, {}, (a) => (a.queues.refuseAssignments = 403));
  await waitForQueues(app, 'queues', (q) => q.status === 'live' && q.skills.length > 0);
  await app.open(page, 'tray');
  await openStrip(page);
  const skill = queues(app).skills[0]!;
  expect(skill.agentIds).toBeNull();
  await strip(page).getByRole('button', { name: skill.skillName, exact: true }).click();
  await expect(page.getByRole('region', { name: `Available for ${skill.skillName}` })).toContainText(
    new RegExp(`CXone did not say which agents have this skill, so none can be listed; CXone counts \\d+ available for it\\.`),
  );
});

test('empty and error states say why: off, none chosen, refused by CXone', async ({ page, startApp }) => {
  const off = await startDemo(startApp, { watch: { skillScope: 'none' } });
  await off.open(page, 'tray');
  await expect(strip(page)).toHaveText(/Queues are off: you watch no skills\.\s*Choose skills/);
  await strip(page).getByRole('button', { name: 'Choose skills' }).click();
  // The click reaches main over IPC; nothing on this page shows when it has, so wait for the call.
  await expect.poll(() => off.ports.uiCalls).toContainEqual({ method: 'openWindow', arg: 'settings' });

  const chosen = await startDemo(startApp, { watch: { skillScope: 'chosen', skillIds: [] } });
  await waitForQueues(chosen, 'live, no skills', (q) => q.status === 'live');
  await chosen.open(page, 'tray');
  await expect(strip(page)).toHaveText(/No skills are chosen to watch \(Settings → Watch\)\./);

  const refused = await startDemo(startApp, {}, (a) => (a.queues.refuse = 403));
  await waitForQueues(refused, 'unavailable', (q) => q.status === 'unavailable');
  await refused.open(page, 'tray');
  const reason = queues(refused).reason!;
  expect(reason.length).toBeGreaterThan(20);
  await expect(strip(page)).toHaveText(`Queues are unavailable: ${reason}`);
  // The agents are still there: the queue feature alone is off.
  await expect(page.getByRole('listbox')).toBeVisible();
});

test('paused polling makes the queues stale: the waits stop and the strip says as of when and why', { tag: '@far-zone' }, async ({ page, startApp }) => {
  const app = await startDemo(startApp);
  await forceAndHold(app, { 5001: { queueCount: 2, longestWaitSeconds: 70 } });
  await app.open(page, 'tray');
  await openStrip(page);
  await app.core.handlers.setPollingPaused({ paused: true });
  const asOf = queues(app).updatedAt;
  expect(asOf).not.toBeNull();
  await expect(strip(page).locator('.queue-stale')).toHaveText(`Not current: as of ${await clockIn(page, asOf!)} — Polling is paused.`);
  const row = rowOf(page, queues(app).skills.find((s) => s.skillId === 5001)!.skillName);
  const frozen = await row.locator('.queue-wait').innerText();
  await page.waitForTimeout(2_200);
  await expect(row.locator('.queue-wait')).toHaveText(frozen);
});

test('paused before the first queue answer, the strip says why it has nothing yet (not "Loading…" for as long as the pause lasts)', async ({ page, startApp }) => {
  const app = await startDemo(startApp);
  await app.open(page, 'tray');
  await app.core.handlers.setPollingPaused({ paused: true });
  // What the queue poller publishes when paused before its first answer (test/queues/queue-poller.test.ts proves it does).
  await pushQueues(page, { status: 'loading', reason: PAUSED_BEFORE_FIRST_ANSWER, skills: [], updatedAt: null, serverOffsetMs: 0 });
  await expect(strip(page)).toHaveText(`Queues are not loaded yet: ${PAUSED_BEFORE_FIRST_ANSWER}`);
  await pushQueues(page, { status: 'loading', reason: null, skills: [], updatedAt: null, serverOffsetMs: 0 });
  await expect(strip(page)).toHaveText('Queues Loading…');
});

/** A synthetic QueueState pushed into the page as main's `queues` event would (layouts at any size). */
function pushQueues(page: Page, state: QueueState) {
  return page.evaluate(
    ([channel, payload]) => (globalThis as unknown as { __agentTrayDispatch(c: string, p: unknown): void }).__agentTrayDispatch(channel, payload),
    [events.queues.channel, state] as const,
  );
}

function syntheticSkill(k: number, now: number): SkillQueue {
  const waiting = k % 3 === 0 ? 0 : (k * 7) % 23;
  const sl = [92, 78, 40, 100][k % 4]!;
  return {
    skillId: 9000 + k,
    skillName: k % 5 === 0 ? `A rather long skill name for the overnight escalations queue ${k}` : `Queue ${k}`,
    mediaTypeName: 'PhoneCall',
    isOutbound: false,
    queueCount: waiting,
    earliestQueueTime: waiting ? new Date(now - (30 + k * 11) * 1000).toISOString() : null,
    agentsAvailable: k % 4,
    agentsUnavailable: 1,
    agentsACW: 0,
    agentsWorking: 2,
    agentsLoggedIn: 5,
    serviceLevel: sl,
    serviceLevelGoal: 80,
    serviceLevelThreshold: 30,
    serviceLevelStatus: sl >= 80 ? 'meeting' : sl >= 75 ? 'at-risk' : 'breached',
    agentIds: [],
  };
}

test('3 skills sit in the strip as they are; 40 scroll in a bounded box with the totals on top, nothing cut off', async ({ page, startApp }) => {
  const app = await startDemo(startApp);
  await waitForQueues(app, 'first queue answer', (q) => q.status === 'live' && q.skills.length > 0);
  await app.core.handlers.setPollingPaused({ paused: true });
  await app.open(page, 'tray');
  await openStrip(page);
  await expect(strip(page).locator('tbody tr').first()).toBeVisible();
  const now = app.clock.now();
  const state = (n: number): QueueState => ({ status: 'live', reason: null, skills: Array.from({ length: n }, (_, k) => syntheticSkill(k + 1, now)), updatedAt: now, serverOffsetMs: 0 });

  await pushQueues(page, state(3));
  await expect(strip(page).locator('tbody tr')).toHaveCount(3);
  await expect(strip(page).locator('.queue-scroll-many')).toHaveCount(0);

  const many = state(40);
  await pushQueues(page, many);
  await expect(strip(page).locator('tbody tr')).toHaveCount(40);
  const total = many.skills.reduce((s, k) => s + k.queueCount, 0);
  const breached = many.skills.filter((s) => s.serviceLevelStatus === 'breached').length;
  await expect.poll(summaryOf(page)).toMatch(new RegExp(`^${total} waiting in 40 skills · longest \\d+:\\d\\d · ${breached} breached · \\d+ at risk$`));
  const box = await strip(page).locator('.queue-scroll').boundingBox();
  expect(box!.height).toBeLessThanOrEqual(140);
  // The agents keep most of the window.
  const list = await page.getByRole('listbox').boundingBox();
  expect(list!.height).toBeGreaterThan(150);
  // Nothing runs out of the window sideways, and a long name wraps whole rather than losing its end.
  const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow).toBe(0);
  const long = strip(page).getByRole('button', { name: /A rather long skill name/ }).first();
  expect(await long.evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
  // The last row can be reached by keyboard: focus scrolls it into view.
  const last = strip(page).locator('tbody tr').last().getByRole('button');
  await last.focus();
  await expect(last).toBeInViewport();
});

/**
 * One skill as main publishes it: `waitedS` seconds of longest wait at `serverNow` (the server's clock),
 * service level `serviceLevel` against a goal of 80 % and the status main gives that pair.
 */
function queueOf(id: number, name: string, serverNow: number, o: { queueCount?: number; waitedS?: number; serviceLevel?: number | null; goal?: number | null; agentIds?: number[] | null; agentsAvailable?: number } = {}): SkillQueue {
  const queueCount = o.queueCount ?? 0;
  const serviceLevel = o.serviceLevel === undefined ? 90 : o.serviceLevel;
  const goal = o.goal === undefined ? 80 : o.goal;
  return {
    skillId: id,
    skillName: name,
    mediaTypeName: 'PhoneCall',
    isOutbound: false,
    queueCount,
    earliestQueueTime: queueCount > 0 ? new Date(serverNow - (o.waitedS ?? 0) * 1000).toISOString() : null,
    agentsAvailable: o.agentsAvailable ?? 0,
    agentsUnavailable: 0,
    agentsACW: 0,
    agentsWorking: 0,
    agentsLoggedIn: 0,
    serviceLevel,
    serviceLevelGoal: goal,
    serviceLevelThreshold: 30,
    serviceLevelStatus: serviceLevelStatus(serviceLevel, goal),
    agentIds: o.agentIds === undefined ? [] : o.agentIds,
  };
}

/** The demo live, its polling paused (so only pushed states reach the strip), the tray open at its strip. */
async function openForPushes(page: Page, startApp: Start, extra: Record<string, unknown> = {}, open = true) {
  const app = await startDemo(startApp, extra);
  await waitForQueues(app, 'first queue answer', (q) => q.status === 'live');
  await app.core.handlers.setPollingPaused({ paused: true });
  await app.open(page, 'tray');
  if (open) await openStrip(page);
  // The page's clock: the one the strip ticks on.
  const now = await page.evaluate(() => Date.now());
  const live = (skills: SkillQueue[], serverOffsetMs = 0): QueueState => ({ status: 'live', reason: null, skills, updatedAt: now, serverOffsetMs });
  return { app, now, live };
}

test('the totals line says only what is there: no "in 1 skills", no "0 breached"; breached and at risk counted apart; the longest is the longest row’s', async ({ page, startApp }) => {
  const { now, live } = await openForPushes(page, startApp);
  // One skill on its goal: nothing breached or at risk to mention, and no "in 1 skills".
  await pushQueues(page, live([queueOf(1, 'Billing', now, { queueCount: 3, waitedS: 40 })]));
  await expect(strip(page).locator('tbody tr')).toHaveCount(1);
  await expect.poll(summaryOf(page)).toMatch(/^3 waiting · longest 0:4\d$/);

  // Five skills in CXone's order: the longest wait (3:20) is the third; one breached, two at risk, one
  // with no level reported (neither), one on goal.
  await pushQueues(
    page,
    live([
      queueOf(1, 'Billing', now, { queueCount: 2, waitedS: 30, serviceLevel: 60 }),
      queueOf(2, 'Sales', now, { queueCount: 4, waitedS: 90, serviceLevel: 77 }),
      queueOf(3, 'Support', now, { queueCount: 5, waitedS: 200, serviceLevel: 78 }),
      queueOf(4, 'Returns', now, { queueCount: 1, waitedS: 10, serviceLevel: null }),
      queueOf(5, 'Chat', now, { queueCount: 0, serviceLevel: 95 }),
    ]),
  );
  await expect.poll(summaryOf(page)).toMatch(/^12 waiting in 5 skills · longest 3:2\d · 1 breached · 2 at risk$/);
  // The rows: longest wait first, nobody waiting last, and the first row's wait is the totals' longest.
  await expect(strip(page).getByRole('rowheader')).toHaveText(['Support', 'Sales', 'Billing', 'Returns', 'Chat']);
  await expect(strip(page).locator('tbody tr').first().locator('.queue-wait')).toHaveText(/^3:2\d$/);
});

test('waits are counted on CXone’s clock, not this computer’s: a server 90 s behind shows the wait CXone has', async ({ page, startApp }) => {
  const { now, live } = await openForPushes(page, startApp);
  // This computer's clock runs 90 s ahead of CXone's; the contact entered 2:05 ago on CXone's clock.
  const offset = -90_000;
  await pushQueues(page, live([queueOf(1, 'Billing', now + offset, { queueCount: 2, waitedS: 125 })], offset));
  await expect(rowOf(page, 'Billing').locator('.queue-wait')).toHaveText(/^2:0\d$/);
  await expect.poll(summaryOf(page)).toMatch(/^2 waiting · longest 2:0\d$/);
});

test('service level: each status its own glyph, the level never rounded up to a goal it misses, the goal read out', async ({ page, startApp }) => {
  const { now, live } = await openForPushes(page, startApp);
  await pushQueues(
    page,
    live([
      queueOf(1, 'Billing', now, { serviceLevel: 92 }),
      queueOf(2, 'Sales', now, { serviceLevel: 79.6 }),
      queueOf(3, 'Support', now, { serviceLevel: 62.4 }),
      queueOf(4, 'Returns', now, { serviceLevel: null }),
    ]),
  );
  const sl = (name: string) => rowOf(page, name).locator('.sl');
  await expect(sl('Billing')).toHaveText('92%on goal, goal 80%');
  // 79.6 % misses an 80 % goal: "80% at risk" would contradict itself.
  await expect(sl('Sales')).toHaveText('79%at risk, goal 80%');
  await expect(sl('Sales')).toHaveAttribute('title', '79% of 80% goal');
  await expect(sl('Support')).toHaveText('62%breached, goal 80%');
  await expect(sl('Returns')).toHaveText('no level, goal 80%');
  await expect(sl('Returns')).toHaveAttribute('title', 'CXone reports no service level for this skill');
  // Not colour alone: the four statuses draw four different glyphs.
  const glyphs = await strip(page).locator('svg.sl-glyph').evaluateAll((svgs) => svgs.map((s) => s.innerHTML));
  expect(new Set(glyphs).size).toBe(4);
});

test('the Available list counts whom it lists, says when CXone counts more, and says so when nobody is Available', async ({ page, startApp }) => {
  const { app, now, live } = await openForPushes(page, startApp);
  const { agents } = await app.core.rosterSnapshot();
  const [a1, a2] = agents.filter((a) => a.category === 'available');
  const busy = agents.find((a) => a.category === 'unavailable' || a.category === 'on-contact')!;
  expect(a1 && a2 && busy).toBeTruthy();
  const panel = page.getByRole('region', { name: 'Available for Billing' });

  // Two of the three agents with the skill are Available; CXone counts five (some are not watched).
  await pushQueues(page, live([queueOf(1, 'Billing', now, { agentIds: [a1!.agentId, busy.agentId, a2!.agentId], agentsAvailable: 5 })]));
  await strip(page).getByRole('button', { name: 'Billing', exact: true }).click();
  await expect(panel.getByRole('heading')).toHaveText('Available for Billing: 2');
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect(panel).toContainText('Of those you watch; CXone counts 5 available for it.');
  // CXone counts the same two: nothing to explain.
  await pushQueues(page, live([queueOf(1, 'Billing', now, { agentIds: [a1!.agentId, busy.agentId, a2!.agentId], agentsAvailable: 2 })]));
  await expect(panel.getByRole('heading')).toHaveText('Available for Billing: 2');
  await expect(panel).not.toContainText('Of those you watch');
  // Nobody with the skill is Available: a sentence, not an empty list.
  await pushQueues(page, live([queueOf(1, 'Billing', now, { agentIds: [busy.agentId], agentsAvailable: 1 })]));
  await expect(panel.getByRole('heading')).toHaveText('Available for Billing: 0');
  await expect(panel.getByRole('listitem')).toHaveCount(0);
  await expect(panel).toContainText('Nobody you watch with this skill is Available now; CXone counts 1 available for it.');
});

test('no skills while watching all: CXone’s reason without a "Choose skills" that cannot help; a failed poll says the app keeps trying', async ({ page, startApp }) => {
  const { live } = await openForPushes(page, startApp, {}, false);
  await pushQueues(page, live([]));
  await expect(strip(page)).toHaveText('Queues CXone lists no skills for this user.');
  await expect(strip(page).getByRole('button')).toHaveCount(0);
  await pushQueues(page, { status: 'error', reason: 'CXone did not answer in time.', skills: [], updatedAt: null, serverOffsetMs: 0 });
  await expect(strip(page)).toHaveText('Queues could not be loaded: CXone did not answer in time. The app keeps trying.');
});

test('the strip stays open or closed as last left, after a reload too', async ({ page, startApp }) => {
  await openForPushes(page, startApp);
  const toggle = strip(page).getByRole('button', { name: 'Queues' });
  await page.reload();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(strip(page).locator('tbody tr').first()).toBeVisible();
  await toggle.click();
  await page.reload();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(strip(page).locator('table')).toHaveCount(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing in the strip and the Available list; screenshot (${theme})`, async ({ page, startApp }) => {
    test.setTimeout(180_000);
    const app = await startDemo(startApp);
    await page.emulateMedia({ colorScheme: theme });
    await forceAndHold(app, { 5001: { queueCount: 6, longestWaitSeconds: 95, serviceLevel: 84, serviceLevelGoal: 80 }, 5004: { queueCount: 2, longestWaitSeconds: 35, serviceLevel: 77, serviceLevelGoal: 80 } });
    await app.open(page, 'tray');
    await openStrip(page);
    await expect(strip(page).locator('tbody tr').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/queue-strip-${theme}.png` });
    await strip(page).getByRole('button', { name: queues(app).skills.find((s) => s.skillId === 5001)!.skillName, exact: true }).click();
    await expectNoAxeViolationsInBothThemes(page, 'tray with the queue strip and an Available list');
  });
}

test('screenshot: a breach — two queues past their goal, the longest wait leading', async ({ page, startApp }) => {
  const app = await startDemo(startApp);
  await forceAndHold(app, {
    5001: { queueCount: 14, longestWaitSeconds: 312, serviceLevel: 48, serviceLevelGoal: 80 },
    5004: { queueCount: 5, longestWaitSeconds: 150, serviceLevel: 62, serviceLevelGoal: 80 },
  });
  await app.open(page, 'tray');
  await openStrip(page);
  const first = strip(page).locator('tbody tr').first();
  await expect(first.locator('.sl')).toHaveText(/48%\s*breached/);
  const breached = queues(app).skills.filter((s) => s.serviceLevelStatus === 'breached').length;
  expect(breached).toBeGreaterThanOrEqual(2);
  await expect.poll(summaryOf(page)).toMatch(new RegExp(` · ${breached} breached`));
  await page.screenshot({ path: `${SHOTS}/queue-strip-breach.png` });
});

test('settings: watch chosen skills from CXone’s list, a queue rule validated before Save, and the badge choice', async ({ page, startApp }) => {
  // Six axe runs (three views, two themes) on a machine shared with other work.
  test.setTimeout(240_000);
  const app = await startDemo(startApp);
  await waitForQueues(app, 'queues', (q) => q.status === 'live' && q.skills.length === 10);
  const names = new Map(queues(app).skills.map((s) => [s.skillId, s.skillName]));
  await app.open(page, 'settings');
  const save = page.getByRole('button', { name: 'Save', exact: true });

  // Watch → some skills: the picker offers every skill CXone named.
  await page.getByRole('button', { name: 'Watch', exact: true }).click();
  await page.getByRole('radio', { name: /Some skills/ }).check();
  await expect(page.getByRole('group', { name: /Skills to watch/ }).getByRole('checkbox')).toHaveCount(10);
  await page.getByRole('checkbox', { name: names.get(5004)! }).check();
  await page.getByRole('checkbox', { name: names.get(5001)! }).check();
  await expect(page.getByRole('group', { name: 'Skills to watch (2 chosen)' })).toBeVisible();

  // Notifications → a queue rule; an empty limit is refused before Save, nothing else is lost.
  await page.getByRole('button', { name: 'Notifications', exact: true }).click();
  await page.getByRole('button', { name: 'Add queue rule' }).click();
  await page.getByLabel('Rule 1: skill').selectOption({ label: names.get(5001)! });
  await page.getByLabel('Rule 1: when').selectOption({ label: 'Longest wait over' });
  const limit = page.getByLabel('Rule 1: limit');
  await limit.fill('');
  await expect(limit).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a whole number.')).toBeVisible();
  await expect(save).toBeDisabled();
  await limit.fill('90');
  await expect(limit).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Add queue rule' }).click();
  await page.getByLabel('Rule 2: limit').fill('8');
  await expect(page.getByText(`Not for ${names.get(5001)!}`)).toHaveCount(0); // different kinds: no override
  await expect(page.getByLabel('Rule 2: skill')).toHaveValue('all');

  // General → the badge counts contacts waiting.
  await page.getByRole('button', { name: 'General', exact: true }).click();
  await page.getByLabel('Number on the tray icon').selectOption('waiting');
  await expectNoAxeViolationsInBothThemes(page, 'settings: General with the badge choice');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  const saved = app.ports.settings.get();
  expect(saved.watch).toMatchObject({ skillScope: 'chosen', skillIds: [5004, 5001] });
  expect(saved.notifications.queueRules).toEqual([
    { skillId: 5001, kind: 'longest-wait-over', threshold: 90 },
    { skillId: null, kind: 'waiting-over', threshold: 8 },
  ]);
  // The core follows: two skills watched, and the tray icon counts what waits in them.
  await waitForQueues(app, 'chosen skills', (q) => q.skills.map((s) => s.skillId).sort().join() === '5001,5004');
  const tray = app.core.trayModel();
  expect(tray.badge).toBe('waiting');
  expect(tray.waitingCount).toBe(queues(app).skills.reduce((n, s) => n + s.queueCount, 0));
  expect(tray.tooltip).toMatch(/^CXone Agent Tray \(demo\) — /);

  // The rules editor in both themes.
  await page.getByRole('button', { name: 'Notifications', exact: true }).click();
  // Both kinds chosen, so each one's words are checked in their select.
  await page.getByLabel('Rule 2: when').selectOption({ label: 'Waiting over' });
  const rules = page.getByRole('group', { name: 'Queue rules', exact: true });
  await rules.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  expect(await clippedText(page, '.settings-content'), 'clipped text in the queue rules').toEqual([]);
  await expectNoAxeViolationsInBothThemes(page, 'settings: queue rules');
  await page.screenshot({ path: `${SHOTS}/settings-queue-rules.png` });
  await page.getByRole('button', { name: 'Watch', exact: true }).click();
  await expectNoAxeViolationsInBothThemes(page, 'settings: skills to watch');
});

test('queue settings: skills in name order, a chosen skill CXone does not list can be unticked; each queue rule says its unit, names a skill whose own rule replaces it, goes back to All skills, and Remove takes its own rule', async ({ page, startApp }) => {
  const app = await startDemo(startApp, { watch: { scope: 'all', teamIds: [], agentIds: [], skillScope: 'chosen', skillIds: [5001, 9999] } });
  await waitForQueues(app, 'the skills CXone knows', (q) => q.status === 'live' && (q.knownSkills?.length ?? 0) === 10);
  const known = new Map(queues(app).knownSkills!.map((s) => [s.skillId, s.skillName]));
  await app.open(page, 'settings', 'watch');
  const picker = page.getByRole('group', { name: /Skills to watch/ });
  await expect(picker.locator('label')).toHaveText([...known.values(), 'Skill 9999'].sort((a, b) => a.localeCompare(b)));
  // Unticked, it stays listed (as a team CXone no longer lists does), so a slip can be undone.
  const gone = picker.getByRole('checkbox', { name: 'Skill 9999' });
  await gone.click();
  await expect(gone).not.toBeChecked();
  await gone.check();
  await expect(page.getByRole('group', { name: 'Skills to watch (2 chosen)' })).toBeVisible();
  await gone.uncheck();
  await picker.getByRole('checkbox', { name: known.get(5001)! }).uncheck();
  await expect(page.getByRole('group', { name: 'Skills to watch (0 chosen)' })).toContainText('Tick at least one skill, or the queue strip stays empty.');
  await picker.getByRole('checkbox', { name: known.get(5004)! }).check();

  await page.getByRole('button', { name: 'Notifications', exact: true }).click();
  const rules = page.getByRole('list', { name: 'Queue rules' }).getByRole('listitem');
  const add = page.getByRole('button', { name: 'Add queue rule' });
  // A new rule: every skill, more than 5 waiting.
  await add.click();
  await expect(page.getByLabel('Rule 1: skill')).toHaveValue('all');
  await expect(page.getByLabel('Rule 1: when')).toHaveValue('waiting-over');
  await expect(page.getByLabel('Rule 1: limit')).toHaveValue('5');
  await expect(rules.nth(0)).toContainText('contacts');
  // A rule of the same kind for one skill: the every-skill rule names it.
  await add.click();
  await page.getByLabel('Rule 2: skill').selectOption({ label: known.get(5004)! });
  await expect(rules.nth(0)).toContainText(`Not for ${known.get(5004)!}: a rule of its own applies.`);
  await page.getByLabel('Rule 2: when').selectOption({ label: 'Longest wait over' });
  await expect(rules.nth(1)).toContainText('seconds');
  await expect(rules.nth(0)).not.toContainText('Not for');
  await page.getByLabel('Rule 2: skill').selectOption({ label: 'All skills' });
  await add.click();
  await page.getByLabel('Rule 3: limit').fill('12');
  // Remove the middle rule: the first and the last stay.
  await page.getByRole('button', { name: 'Remove rule 2 (every watched skill)' }).click();
  await expect(rules).toHaveCount(2);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const saved = app.ports.settings.get();
  expect(saved.watch).toMatchObject({ skillScope: 'chosen', skillIds: [5004] });
  expect(saved.notifications.queueRules).toEqual([
    { skillId: null, kind: 'waiting-over', threshold: 5 },
    { skillId: null, kind: 'waiting-over', threshold: 12 },
  ]);
});
