// Shared by the doctor and CLI tests: tokens minted here (unsigned or HS256 — the doctor reads claims,
// the simulator accepts any bearer unless told otherwise) and a simulated tenant on 127.0.0.1.
import { createHmac } from 'node:crypto';
import { startSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from '../../main/demo/server';
import { ContactCenterSimulator, type SimulatorOptions } from '../../main/demo/simulator';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function mintJwt(claims: Record<string, unknown>, alg: 'none' | 'HS256' = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', 'test-only-key').update(head).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface SimTenant {
  sim: ContactCenterSimulator;
  server: SimulatorServer;
  /** An access token whose iss/tenantId point discovery at this server. */
  accessToken(extra?: Record<string, unknown>): string;
  /** An id token for the given agent (icAgentId as a string, like CXone). */
  idToken(agentId: number | null, extra?: Record<string, unknown>): string;
  /** An active agent, forced into `state` and held there for an hour (no model change meanwhile). */
  pinAgent(index: number, state?: 'Available' | 'LoggedOut' | 'Unavailable'): number;
  stop(): Promise<void>;
}

export async function startSimTenant(simOpts: SimulatorOptions = {}, serverOpts: Partial<SimulatorServerOptions> = {}): Promise<SimTenant> {
  // The simulator's clock starts an hour ago and stands still: answers are exact and repeatable.
  const sim = new ContactCenterSimulator({ agents: 40, seed: 7, startTime: Date.now() - 3600_000, ...simOpts });
  const server = await startSimulatorServer({ simulator: sim, ...serverOpts });
  const base = () => ({ iss: server.url, tenantId: server.tenantId, sub: 'user:0f8fad5b-d9cb-469f-a165-70867728950e', exp: nowSeconds() + 3600 });
  return {
    sim,
    server,
    accessToken: (extra = {}) => mintJwt({ ...base(), ...extra }),
    idToken: (agentId, extra = {}) => mintJwt({ ...base(), ...(agentId === null ? {} : { icAgentId: String(agentId) }), ...extra }),
    pinAgent(index, state = 'Available') {
      const active = sim.agents.filter((a) => a.isActive);
      const a = active[index];
      if (!a) throw new Error(`no active agent #${index}`);
      sim.forceState(a.agentId, { state, holdMs: 3600_000 });
      return a.agentId;
    },
    stop: () => server.stop(),
  };
}
