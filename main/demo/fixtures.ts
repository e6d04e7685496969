// Realistic agents/states bodies for benchmarks and parser tests, produced by the same simulator and
// wire format the demo server uses.
import { ContactCenterSimulator } from './simulator';
import { agentStatesBody, allStateItems, messyItem } from './wire';
import type { ResponseShape } from './wire';

export interface AgentStatesBodyOptions {
  seed?: number;
  shape?: ResponseShape;
  /**
   * 0..1: instead of all n agents, list only this share of them, each in a state different from the
   * one it has in the body made with the same n and seed and no churn — a delta poll's answer.
   */
  churn?: number;
  /** Items as messier real tenants send them (see messyItem in wire.ts). */
  messy?: boolean;
}

export interface AgentStatesFixture {
  body: string;
  /** Agents listed in the body. */
  agentIds: number[];
  lastPollTime: string;
}

export function makeAgentStatesFixture(n: number, opts: AgentStatesBodyOptions = {}): AgentStatesFixture {
  const sim = new ContactCenterSimulator({ agents: n, seed: opts.seed ?? 1 });
  let indices = sim.agents.map((_, i) => i);
  if (opts.churn !== undefined) {
    const k = Math.max(0, Math.min(n, Math.round(n * opts.churn)));
    const step = k ? n / k : 1;
    indices = Array.from({ length: k }, (_, j) => Math.floor(j * step));
    // Compare with the churn-free body's states (time zero), not with whatever the model did since.
    const before = indices.map((i) => sim.statusOf(sim.agents[i]!.agentId)!);
    sim.advance(1000);
    for (const [j, i] of indices.entries()) {
      const a = sim.agents[i]!;
      const was = before[j]!;
      sim.forceState(a.agentId, was.stateId === 1 ? { state: 'Unavailable', code: 'Break' } : { state: 'Available' });
    }
  }
  const lastPollTime = new Date(sim.now()).toISOString();
  const body = agentStatesBody({
    items: opts.messy ? allStateItems(sim, indices).map((it, i) => messyItem(it, i)) : allStateItems(sim, indices),
    totalRecords: indices.length,
    lastPollTime,
    links: { self: null, next: null, previous: null },
    shape: opts.shape ?? 'v34',
  });
  return { body: JSON.stringify(body), agentIds: indices.map((i) => sim.agents[i]!.agentId), lastPollTime };
}

/** A realistic agents/states JSON body of n agents (v34 by default). */
export function makeAgentStatesBody(n: number, opts: AgentStatesBodyOptions = {}): string {
  return makeAgentStatesFixture(n, opts).body;
}
