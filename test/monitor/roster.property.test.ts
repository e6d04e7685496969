// Property: for any sequence of simulator transitions (model-driven and forced), polled through the
// real HTTP server and client, after each successful poll the roster equals the simulator's truth,
// and every agent whose state differs from the previous successful poll yields exactly one change.
// Faults (503, 429, connection reset) are mixed in: the poll after one is a baseline resync.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentState } from '../../main/cxone/model';
import { SENDS_WHEN_DROPPED } from '../../main/cxone/client';
import type { ForcibleState } from '../../main/demo/simulator';
import { stateChanged } from '../../main/monitor/roster';
import { startPipeline } from './sim-harness';

const FORCIBLE: ForcibleState[] = ['LoggedOut', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'ACW'];

const stepArb = fc.record({
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15_000 }), fc.integer({ min: 15_000, max: 20 * 60_000 })),
  force: fc.array(fc.record({ pick: fc.nat(), state: fc.constantFrom(...FORCIBLE) }), { maxLength: 4 }),
  fault: fc.constantFrom(null, null, null, null, null, '503', '429', 'reset'),
});

const configArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  agents: fc.integer({ min: 1, max: 60 }),
  shape: fc.constantFrom('v34' as const, 'older' as const, 'resultSet' as const),
  noChange: fc.constantFrom('200-empty' as const, '204' as const, '304' as const),
  pageSize: fc.constantFrom(null, 7, 25),
});

describe('roster against the simulated tenant (property)', () => {
  it('equals the truth after every poll, with exactly one change per changed agent', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(configArb, fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (cfg, steps) => {
        const p = await startPipeline({ agents: cfg.agents, seed: cfg.seed }, { shape: cfg.shape, noChange: cfg.noChange, defaultPageSize: cfg.pageSize });
        try {
          let truthAtLastPoll = new Map<number, AgentState>();
          let afterError = true; // the first poll is a baseline too
          for (const step of [{ advanceMs: 0, force: [], fault: null }, ...steps]) {
            p.sim.advance(step.advanceMs);
            for (const f of step.force) p.sim.forceState(p.sim.agents[f.pick % p.sim.agents.length]!.agentId, { state: f.state });
            if (step.fault === '503') p.server.faults.add({ kind: 'status', status: 503, path: 'agents/states', count: 1 });
            if (step.fault === '429') p.server.faults.add({ kind: 'status', status: 429, retryAfter: '30', path: 'agents/states', count: 1 });
            if (step.fault === 'reset') p.server.faults.add({ kind: 'reset', path: 'agents/states', count: SENDS_WHEN_DROPPED });

            const before = p.roster.revision;
            const { ok, changes } = await p.pollOnce();
            if (step.fault) {
              expect(ok).toBe(false);
              expect(p.roster.revision).toBe(before);
              afterError = true;
              continue;
            }
            expect(ok).toBe(true);

            const truth = new Map(p.sim.snapshot().map((a) => [a.agentId, a]));
            expect(p.roster.size).toBe(truth.size);
            for (const [id, t] of truth) expect(p.roster.get(id)).toEqual(t);

            const expected = [...truth.values()]
              .filter((t) => {
                const prev = truthAtLastPoll.get(t.agentId);
                return prev === undefined || stateChanged(prev, t);
              })
              .map((t) => t.agentId)
              .sort((a, b) => a - b);
            const got = changes.map((c) => c.agentId).sort((a, b) => a - b);
            expect(got).toEqual(expected); // exactly one each: duplicates would show here
            for (const c of changes) {
              expect(c.to).toEqual(truth.get(c.agentId));
              expect(c.from ?? null).toEqual(truthAtLastPoll.get(c.agentId) ?? null);
              if (afterError) expect(c.baseline).toBe(true);
            }
            truthAtLastPoll = truth;
            afterError = false;
          }
        } finally {
          await p.close();
        }
      }),
      { numRuns: 100, seed: 15 },
    );
  });
});
