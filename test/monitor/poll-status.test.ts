// What the poller says about itself (main/monitor/poll-status.ts), on the fake clock: a status is
// published once, "live" turns "stale" by timer and when read, and a pause tells the reason a person
// most needs.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/ports';
import { createPollStatus, STALE_AFTER_INTERVALS } from '../../main/monitor/poll-status';
import type { MonitorStatus } from '../../main/monitor/status';
import { FakeClock } from './fakes';

const INTERVAL = 10_000;

function setUp() {
  const clock = new FakeClock();
  const report = createPollStatus(clock, silentLogger, () => INTERVAL);
  const heard: MonitorStatus[] = [];
  report.onStatus((s) => heard.push(s));
  return { clock, report, heard };
}

describe('poll status', () => {
  it('publishes a status only when it differs from the one published', () => {
    const { report, heard } = setUp();
    report.set({ kind: 'idle' }); // the initial status: nothing new
    report.set({ kind: 'starting' });
    report.set({ kind: 'starting' });
    const at = report.succeeded();
    report.set({ kind: 'live', lastSuccessAt: at });
    report.set({ kind: 'live', lastSuccessAt: at });
    expect(heard).toEqual([{ kind: 'starting' }, { kind: 'live', lastSuccessAt: at }]);
  });

  it('turns "live" into "stale" after three intervals without an answer, by timer and when read', async () => {
    const { clock, report, heard } = setUp();
    const at = report.succeeded();
    const issue = { leftOut: 2, reason: 'two items unreadable', complete: true };
    report.set({ kind: 'live', lastSuccessAt: at, issue });
    report.armStale();
    await clock.advance(STALE_AFTER_INTERVALS * INTERVAL - 1);
    expect(report.current()).toEqual({ kind: 'live', lastSuccessAt: at, issue });
    await clock.advance(1);
    expect(heard.at(-1)).toEqual({ kind: 'stale', lastSuccessAt: at, issue });

    // Read without the timer (cleared, as while a poll is out): the age alone says stale.
    const again = report.succeeded();
    report.set({ kind: 'live', lastSuccessAt: again });
    report.clearStale();
    await clock.advance(STALE_AFTER_INTERVALS * INTERVAL + 1);
    expect(heard.at(-1)).toEqual({ kind: 'live', lastSuccessAt: again });
    expect(report.current()).toEqual({ kind: 'stale', lastSuccessAt: again });
    expect(clock.pending()).toBe(0);
  });

  it('tells the pause a person most needs to know: their own, then offline, suspend, lock', () => {
    const { report, heard } = setUp();
    report.setPaused(new Set(['lock', 'suspend', 'offline', 'user']));
    expect(heard.at(-1)).toEqual({ kind: 'paused', reason: 'user', lastSuccessAt: null });
    report.setPaused(new Set(['lock', 'suspend', 'offline']));
    expect(heard.at(-1)).toMatchObject({ reason: 'offline' });
    report.setPaused(new Set(['lock', 'suspend']));
    expect(heard.at(-1)).toMatchObject({ reason: 'suspend' });
    const at = report.succeeded();
    report.setPaused(new Set(['lock']));
    expect(heard.at(-1)).toEqual({ kind: 'paused', reason: 'lock', lastSuccessAt: at });
    expect(report.current()).toEqual({ kind: 'paused', reason: 'lock', lastSuccessAt: at });
  });
});
