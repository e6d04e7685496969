// Soak: 5,000 agents, 8 simulated hours, a delta poll every 10 s (2,880 polls) through the real HTTP
// server and client, with the 5-minute full resyncs in between. Zero divergence from the simulator's
// ground truth after every poll, and heap growth under 10 % from the end of the first hour to the end.
// The heap is measured after a forced full GC: `gc` is exposed at run time through V8 flags (no
// --expose-gc needed on the command line), and the test says so if that is not possible.
import { describe, expect, it } from 'vitest';
import { createAlertPolicy } from '../../main/monitor/alerts';
import { createTrendRecorder } from '../../main/monitor/trend';
import { notificationSettingsSchema } from '../../main/settings/schema';
import { exposeGc } from '../harness/gc';
import { startPipeline } from './sim-harness';

const AGENTS = 5_000;
const HOURS = 8;
const POLL_MS = 10_000;
const POLLS_PER_HOUR = 3_600_000 / POLL_MS;

describe('soak', () => {
  it(`${AGENTS} agents, ${HOURS} simulated hours, a poll every 10 s: no divergence, bounded heap`, { timeout: 240_000 }, async () => {
    const gc = exposeGc();
    const p = await startPipeline({ agents: AGENTS, seed: 42 });
    // The rest of the monitor rides along, so its memory is measured too.
    const trend = createTrendRecorder({ clock: p.clock });
    const alerts = createAlertPolicy({ settings: notificationSettingsSchema.parse({ unavailableLongerThanMinutes: 30 }), minuteOfDay: () => 600 });
    let notifications = 0;
    p.roster.onChanges((cs) => {
      trend.record(cs);
      alerts.onChanges(cs, p.sim.now());
    });

    const ids = p.sim.agents.map((a) => a.agentId);
    let divergent = 0;
    let polls = 0;
    let failures = 0;
    let changeEvents = 0;
    let heapAfterHour1 = 0;
    let heapEnd = 0;
    const heap = () => {
      gc?.();
      gc?.();
      return process.memoryUsage().heapUsed;
    };

    try {
      expect((await p.pollOnce()).ok).toBe(true);
      for (let hour = 1; hour <= HOURS; hour++) {
        for (let k = 0; k < POLLS_PER_HOUR; k++) {
          p.sim.advance(POLL_MS);
          const r = await p.pollOnce();
          polls++;
          if (!r.ok) failures++;
          changeEvents += r.changes.length;
          notifications += alerts.tick(p.sim.now()).length;
          // Cheap check after every poll: the state fields of every agent.
          for (let i = 0; i < ids.length; i++) {
            const s = p.sim.entry(i).status;
            const a = p.roster.get(ids[i]!);
            if (!a || a.stateId !== s.stateId || a.outStateId !== s.outStateId || a.isACW !== s.isACW || a.contactId !== s.contactId) divergent++;
          }
        }
        // Full check once an hour: every field of every agent.
        for (const t of p.sim.snapshot()) expect(p.roster.get(t.agentId)).toEqual(t);
        expect(trend.trend().buckets.length).toBeLessThanOrEqual(60);
        if (hour === 1) heapAfterHour1 = heap();
        if (process.env.SOAK_TRACE) console.log(`hour ${hour}: ${(heap() / 1e6).toFixed(1)} MB`);
      }
      heapEnd = heap();
    } finally {
      await p.close();
    }

    const growth = (heapEnd - heapAfterHour1) / heapAfterHour1;
    console.log(
      `soak: ${polls} polls, ${failures} failed, ${changeEvents} change events, ${notifications} notifications, ` +
        `heap after hour 1 ${(heapAfterHour1 / 1e6).toFixed(1)} MB, at the end ${(heapEnd / 1e6).toFixed(1)} MB ` +
        `(${(growth * 100).toFixed(1)} %)${gc ? '' : ' — WITHOUT a forced GC (gc could not be exposed)'}`,
    );
    // The polls really were deltas: of the last 1,000 requests the server kept, all but the 5-minute
    // resyncs (one in 30) asked with updatedSince.
    const recent = p.server.requests.filter((r) => r.path.endsWith('/agents/states'));
    const deltas = recent.filter((r) => r.query.includes('updatedSince=')).length;
    expect(recent).toHaveLength(1000);
    expect(deltas).toBeGreaterThanOrEqual(960);
    expect(recent.length - deltas).toBeGreaterThanOrEqual(30);
    expect(polls).toBe(HOURS * POLLS_PER_HOUR);
    expect(failures).toBe(0);
    expect(divergent).toBe(0);
    expect(changeEvents).toBeGreaterThan(polls); // the simulator really moved
    expect(gc).not.toBeNull();
    expect(growth).toBeLessThan(0.1);
    expect(p.clock.timers.size).toBe(0); // stop() left no timer behind
  });
});
