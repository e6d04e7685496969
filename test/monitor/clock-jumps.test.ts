// Alert timing across jumps of this computer's wall clock, with a fake clock whose wall time can jump
// while its monotonic time does not (FakeClock.shift). The server's clock (the CXone side) never jumps:
// it is monotonic time plus a fixed base here, told to the app through observe() as each answer's Date
// header would. Before the fix, forward 1 h made a fresh change notify as "unavailable for 30+ minutes"
// and back 1 h delayed long-unavailable alerts by an hour.
import { describe, expect, it } from 'vitest';
import { createAlertPolicy } from '../../main/monitor/alerts';
import { createAlertRunner } from '../../main/monitor/alert-runner';
import { createServerClock } from '../../main/monitor/server-clock';
import type { NotificationRequest } from '../../main/ports';
import { notificationSettingsSchema } from '../../main/settings/schema';
import { FakeClock, agent } from './fakes';

const MIN = 60_000;

function setup() {
  const clock = new FakeClock();
  // The server's clock: started with ours, never jumps (ours does).
  const base = clock.now() - clock.monotonic();
  const serverNow = () => clock.monotonic() + base;
  const serverClock = createServerClock(clock);
  const policy = createAlertPolicy({ settings: notificationSettingsSchema.parse({ unavailableLongerThanMinutes: 30 }), minuteOfDay: () => 600 });
  const shown: { n: NotificationRequest; mono: number }[] = [];
  const runner = createAlertRunner({ policy, clock, notifier: { show: (n) => shown.push({ n, mono: clock.monotonic() }) }, timeline: () => serverClock.now() });
  serverClock.onShift(() => runner.reschedule());
  /** An answer from the server: its Date header carries the server's time (to the second). */
  const answer = () => serverClock.observe(Math.floor(serverNow() / 1000) * 1000);
  /** Agent 1 goes on Break now (server time), as the roster reports it. */
  const goesOnBreak = () => {
    const at = serverNow();
    const to = agent(1, { stateId: 2, outStateId: 12, outStateDescription: 'Break', startDate: new Date(at).toISOString() });
    runner.handleChanges([{ agentId: 1, from: agent(1), to, at, baseline: false }]);
    return clock.monotonic();
  };
  return { clock, serverNow, serverClock, runner, shown, answer, goesOnBreak };
}

describe('alert timing when the wall clock jumps', () => {
  it('forward 1 h: a fresh change notifies at once as what it is, and the 30-minute alert comes 30 minutes later', async () => {
    const { clock, shown, answer, goesOnBreak, runner } = setup();
    answer();
    clock.shift(60 * MIN);
    await clock.advance(10_000);
    answer();
    const changedAt = goesOnBreak();
    await clock.advance(5_000);
    expect(shown.map((s) => s.n.title)).toEqual(['First1 Last1 is now on Break']);
    expect(shown[0]!.mono - changedAt).toBeLessThanOrEqual(3_000);
    await clock.advance(30 * MIN);
    expect(shown).toHaveLength(2);
    expect(shown[1]!.n.title).toMatch(/unavailable for 30\+ minutes/);
    expect(shown[1]!.mono - changedAt).toBeGreaterThanOrEqual(30 * MIN);
    expect(shown[1]!.mono - changedAt).toBeLessThanOrEqual(30 * MIN + 3_000);
    runner.stop();
  });

  it('back 1 h: the 30-minute alert still comes 30 minutes after the change, not 90', async () => {
    const { clock, shown, answer, goesOnBreak, runner } = setup();
    answer();
    const changedAt = goesOnBreak();
    await clock.advance(5 * MIN);
    clock.shift(-60 * MIN);
    answer();
    await clock.advance(26 * MIN);
    const long = shown.filter((s) => /30\+ minutes/.test(s.n.title));
    expect(long).toHaveLength(1);
    expect(long[0]!.mono - changedAt).toBeLessThanOrEqual(30 * MIN + 3_000);
    runner.stop();
  });

  it('after a sleep (the server moved on, monotonic time did not) the next answer re-plans: an overdue alert fires at once', async () => {
    const { clock, shown, serverClock, goesOnBreak, answer, runner } = setup();
    answer();
    goesOnBreak();
    await clock.advance(10 * MIN);
    // One hour asleep: the wall clock and the server moved on, this process's monotonic time did not.
    clock.shift(60 * MIN);
    const before = serverClock.now();
    serverClock.observe(Math.floor((before + 60 * MIN) / 1000) * 1000);
    await clock.advance(5_000);
    expect(shown.filter((s) => /30\+ minutes/.test(s.n.title))).toHaveLength(1);

    runner.stop();
  });

  it('the server clock ignores small Date-header noise and reports a real move once', () => {
    const clock = new FakeClock();
    const errors: string[] = [];
    const sc = createServerClock(clock, { debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m) });
    const moves: number[] = [];
    // A listener that fails never fails the answer whose Date header moved the clock (observe is
    // called from the client), nor keeps the others from hearing.
    sc.onShift(() => {
      throw new Error('a runner that could not re-plan');
    });
    sc.onShift((d) => moves.push(d));
    const wall = clock.now();
    sc.observe(wall - 400);
    sc.observe(wall + 900);
    expect(moves).toEqual([]);
    sc.observe(wall + 5 * MIN);
    expect(moves).toHaveLength(1);
    expect(errors).toEqual(['server clock: a shift listener failed']);
    expect(Math.round(sc.now() - wall)).toBe(5 * MIN + 500);
    expect(moves).toEqual([5 * MIN + 500]);
    // Noise is measured against the new estimate, and a header that is no time moves nothing.
    sc.observe(wall + 5 * MIN + 1_500);
    sc.observe(Number.NaN);
    expect(moves).toHaveLength(1);
    expect(Math.round(sc.now() - wall)).toBe(5 * MIN + 500);
    // A wall-clock jump here moves nothing.
    clock.shift(-60 * MIN);
    expect(Math.round(sc.now() - wall)).toBe(5 * MIN + 500);
  });
});

describe("the server's clock comes from its answers", () => {
  it("the client hands every answer's Date header on; the simulated tenant's says the simulator's time", async () => {
    const { ContactCenterSimulator } = await import('../../main/demo/simulator');
    const { startSimulatorServer } = await import('../../main/demo/server');
    const { createCxoneClient } = await import('../../main/cxone/client');
    const { parseHttpDate } = await import('../../main/net/http-date');
    // A tenant whose clock is three hours from this machine's.
    const sim = new ContactCenterSimulator({ agents: 3, seed: 1, startTime: Date.now() - 3 * 3_600_000 });
    const server = await startSimulatorServer({ simulator: sim });
    const seen: number[] = [];
    try {
      const client = createCxoneClient({ baseUrl: server.apiBase, getAccessToken: async () => 't', onUnauthorized: () => {}, onServerDate: (h) => seen.push(parseHttpDate(h)!) });
      await client.getAgentStates();
      server.faults.add({ kind: 'status', status: 503, count: 1 });
      await client.getAgentStates().catch(() => null);
      expect(seen).toHaveLength(2);
      for (const t of seen) expect(Math.abs(t - sim.now())).toBeLessThan(1_000);
    } finally {
      await server.stop();
    }
  });
});
