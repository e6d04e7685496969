// The notifications part of the core (main/core/notifications.ts): the real policy, runner and server
// clock on a clock the test moves, with the notifier recorded. What it adds to them: the server's Date
// headers set the timeline, a pause is shown on this computer's clock, and new settings, pins or
// pauses re-plan the alerts.
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { createNotifications, type Notifications } from '../../main/core/notifications';
import type { AgentChange } from '../../main/monitor/status';
import { silentLogger, type NotificationRequest } from '../../main/ports';
import { defaultSettings, type Settings } from '../../main/settings/schema';
import { agent, FakeClock } from '../monitor/fakes';

const MIN = 60_000;

function setup(over: Partial<Settings['notifications']> = {}, pinnedAgentIds: number[] = []) {
  const clock = new FakeClock(Date.UTC(2026, 11, 2, 9, 0, 0));
  const settings: Settings = { ...defaultSettings(), pinnedAgentIds, notifications: { ...defaultSettings().notifications, ...over } };
  const shown: NotificationRequest[] = [];
  const n = createNotifications({ settings, clock, logger: silentLogger, notifier: { show: (r) => void shown.push(r) } });
  return { clock, settings, shown, n };
}

const onBreak = (id: number, since: number): AgentState => agent(id, { stateId: 2, stateName: 'Unavailable', outStateId: 11, outStateDescription: 'Break', startDate: new Date(since).toISOString() });
const change = (n: Notifications, to: AgentState): AgentChange => ({ agentId: to.agentId, from: agent(to.agentId), to, at: n.timeline(), baseline: false });

describe('notifications in the core', () => {
  it("keeps time on the server's clock as its Date headers tell it", () => {
    const { clock, n } = setup();
    expect(n.timeline()).toBe(clock.now());
    n.onServerDate(new Date(clock.now() + 2 * MIN).toUTCString());
    expect(n.timeline() - clock.now()).toBeGreaterThanOrEqual(2 * MIN - 1_000);
    expect(n.timeline() - clock.now()).toBeLessThanOrEqual(2 * MIN + 1_000);
    n.onServerDate('not a date');
    expect(Math.abs(n.timeline() - clock.now() - 2 * MIN)).toBeLessThanOrEqual(1_000);
  });

  it("shows a pause's end on this computer's clock while it counts on the server's", () => {
    const { clock, n } = setup();
    n.onServerDate(new Date(clock.now() + 2 * MIN).toUTCString());
    n.pause(60);
    expect(n.pauseState()).toEqual({ paused: true, until: clock.now() + 60 * MIN, indefinitely: false });
    n.pause(null);
    expect(n.pauseState()).toEqual({ paused: true, until: null, indefinitely: true });
    n.pause(0);
    expect(n.pauseState()).toEqual({ paused: false, until: null, indefinitely: false });
  });

  // Before CXone's first answer the timeline is this computer's clock; a timed pause the user set then
  // means "for N minutes", as the window shows it, whichever way the first Date header moves the estimate.
  for (const skewMin of [10, -10]) {
    it(`keeps a pause set before CXone's first answer to its minutes when the server's clock is ${Math.abs(skewMin)} min ${skewMin > 0 ? 'ahead' : 'behind'}`, async () => {
      const { clock, n } = setup();
      n.pause(60);
      const shownUntil = n.pauseState().until;
      await clock.advance(MIN);
      n.onServerDate(new Date(clock.now() + skewMin * MIN).toUTCString());
      await clock.advance(57 * MIN);
      expect(n.pauseState()).toEqual({ paused: true, until: shownUntil, indefinitely: false });
      await clock.advance(3 * MIN);
      expect(n.pauseState().paused).toBe(false);
    });
  }

  it("ends a pause at its time when the machine slept through it, once CXone's answers show the time that passed", async () => {
    const { clock, n } = setup();
    n.onServerDate(new Date(clock.now()).toUTCString());
    n.pause(60);
    await clock.advance(10 * MIN);
    // Suspended for two hours: the wall clock moves, monotonic time does not, until the next answer says so.
    clock.shift(120 * MIN);
    n.onServerDate(new Date(clock.now()).toUTCString());
    expect(n.pauseState().paused).toBe(false);
  });

  it("ends a pause set before CXone's first answer at its time when the machine slept through it", async () => {
    const { clock, n } = setup();
    n.pause(60);
    await clock.advance(10 * MIN);
    clock.shift(120 * MIN);
    // The server's clock is 10 min ahead as well: neither the skew nor the sleep may stretch the pause.
    n.onServerDate(new Date(clock.now() + 10 * MIN).toUTCString());
    expect(n.pauseState().paused).toBe(false);
  });

  it('stops showing a timed pause once it has run out: no end time left in the window or the tooltip', async () => {
    const { clock, n } = setup();
    n.onServerDate(new Date(clock.now()).toUTCString());
    n.pause(30);
    await clock.advance(30 * MIN);
    expect(n.pauseState()).toEqual({ paused: false, until: null, indefinitely: false });
  });

  it("a jump of this computer's wall clock after CXone's first answer moves no pause", async () => {
    const { clock, n } = setup();
    n.onServerDate(new Date(clock.now()).toUTCString());
    n.pause(60);
    await clock.advance(10 * MIN);
    // The clock is set back an hour (a wrong time zone fixed); the server's answers keep the true time.
    clock.shift(-60 * MIN);
    n.onServerDate(new Date(clock.now() + 60 * MIN).toUTCString());
    await clock.advance(49 * MIN);
    expect(n.pauseState().paused).toBe(true);
    await clock.advance(2 * MIN);
    expect(n.pauseState()).toEqual({ paused: false, until: null, indefinitely: false });
  });

  it("a pause until resumed, set before CXone's first answer, stays until resumed whatever the server's clock says", async () => {
    const { clock, n } = setup();
    n.pause(null);
    n.onServerDate(new Date(clock.now() - 10 * MIN).toUTCString());
    await clock.advance(120 * MIN);
    expect(n.pauseState()).toEqual({ paused: true, until: null, indefinitely: true });
  });

  it("a garbled Date header before the first good one does not count as CXone's first answer for a pause", async () => {
    const { clock, n } = setup();
    n.pause(60);
    const shownUntil = n.pauseState().until;
    n.onServerDate('not a date');
    n.onServerDate(new Date(clock.now() + 10 * MIN).toUTCString());
    await clock.advance(58 * MIN);
    expect(n.pauseState()).toEqual({ paused: true, until: shownUntil, indefinitely: false });
    await clock.advance(3 * MIN);
    expect(n.pauseState().paused).toBe(false);
  });

  it('a pause set before the first answer and resumed stays resumed when the first answer comes', async () => {
    const { clock, n } = setup();
    n.pause(60);
    n.pause(0);
    n.onServerDate(new Date(clock.now() - 10 * MIN).toUTCString());
    expect(n.pauseState()).toEqual({ paused: false, until: null, indefinitely: false });
  });

  // Only a pause still running is re-read on the measured clock: one that already ran out stays over,
  // even when this computer's clock was set back meanwhile (its end would land in the future again).
  it("a pause that ran out before CXone's first answer stays over after the wall clock was set back", async () => {
    const { clock, n } = setup();
    n.pause(60);
    await clock.advance(61 * MIN);
    clock.shift(-30 * MIN);
    n.onServerDate(new Date(clock.now() + 30 * MIN).toUTCString());
    expect(n.pauseState()).toEqual({ paused: false, until: null, indefinitely: false });
  });

  // Resuming ends the pause outright, not at "now" on the timeline: a later answer that moves the
  // estimate back (the server's clock is behind) must not bring the pause back for those minutes.
  it("a resumed pause stays resumed when the server's clock turns out to be behind", () => {
    const { clock, n } = setup();
    n.onServerDate(new Date(clock.now()).toUTCString());
    n.pause(60);
    n.pause(0);
    n.onServerDate(new Date(clock.now() - 10 * MIN).toUTCString());
    expect(n.pauseState()).toEqual({ paused: false, until: null, indefinitely: false });
  });

  it('notifies for a newly pinned agent once the settings name it (pinned agents only)', async () => {
    const { clock, settings, shown, n } = setup({ pinnedOnly: true });
    n.alerts.handleChanges([change(n, onBreak(7, clock.now()))]);
    await clock.advance(MIN);
    expect(shown).toEqual([]);
    n.applySettings({ ...settings, pinnedAgentIds: [7] });
    n.alerts.handleChanges([change(n, onBreak(7, clock.now()))]);
    await clock.advance(MIN);
    expect(shown.map((s) => s.agentId)).toEqual([7]);
  });

  it('re-plans a long-unavailable alert when the rule is turned on in the settings', async () => {
    const { clock, settings, shown, n } = setup({ toUnavailable: false });
    n.alerts.handleChanges([change(n, onBreak(3, clock.now()))]);
    await clock.advance(MIN);
    // On Break for a minute; the rule "longer than 5 minutes" is set now: it fires 4 minutes later.
    n.applySettings({ ...settings, notifications: { ...settings.notifications, unavailableLongerThanMinutes: 5 } });
    await clock.advance(4 * MIN + 10_000);
    expect(shown.map((s) => s.title)).toEqual([expect.stringMatching(/unavailable for 5\+ minutes/)]);
  });

  it('plans an alert again when a pause until resumed ends', async () => {
    const { clock, shown, n } = setup({ toUnavailable: false, unavailableLongerThanMinutes: 5 });
    n.pause(null);
    n.alerts.handleChanges([change(n, onBreak(3, clock.now()))]);
    await clock.advance(2 * MIN);
    n.pause(0);
    await clock.advance(3 * MIN + 10_000);
    expect(shown.map((s) => s.agentId)).toEqual([3]);
  });

  it("re-plans alerts when the server's clock turns out to be ahead: due sooner on this computer's clock", async () => {
    const { clock, shown, n } = setup({ toUnavailable: false, unavailableLongerThanMinutes: 5 });
    n.onServerDate(new Date(clock.now()).toUTCString());
    n.alerts.handleChanges([change(n, onBreak(3, n.timeline()))]);
    // The next answer's Date header: the server is two minutes ahead of what was thought.
    n.onServerDate(new Date(clock.now() + 2 * MIN).toUTCString());
    await clock.advance(3 * MIN + 10_000);
    expect(shown.map((s) => s.agentId)).toEqual([3]);
  });
});
