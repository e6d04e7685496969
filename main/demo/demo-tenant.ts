// Demo mode's tenant: the simulator on loopback, moving with wall time, so the app runs through its
// real client, poller and roster with no CXone account.
import type { Clock, TimerHandle } from '../ports';
import { systemClock } from '../ports';
import { DEMO_TENANT_DEFAULTS } from './demo-defaults';
import { startSimulatorServer } from './server';
import type { SimulatorServer } from './server';
import { ContactCenterSimulator } from './simulator';
import { SkillActivitySimulator } from './skills-sim';

export interface DemoTenantOptions {
  agents?: number;
  seed?: number;
  clock?: Clock;
  /** How often the simulator catches up with the clock between requests (default 1 000 ms). */
  tickMs?: number;
}

export interface DemoTenant {
  /** Pass as the client's baseUrl. */
  readonly apiBase: string;
  readonly url: string;
  readonly tenantId: string;
  readonly simulator: ContactCenterSimulator;
  readonly server: SimulatorServer;
  /** Shown wherever the tenant is named: demo data must never pass for a real contact center. */
  readonly label: 'Demo tenant';
  stop(): Promise<void>;
}

export async function startDemoTenant(opts: DemoTenantOptions = {}): Promise<DemoTenant> {
  const clock = opts.clock ?? systemClock;
  const simulator = new ContactCenterSimulator({ agents: opts.agents ?? DEMO_TENANT_DEFAULTS.agents, seed: opts.seed ?? DEMO_TENANT_DEFAULTS.seed, startTime: clock.now() });
  // Catch up before every answer, so lastPollTime and the states are exact at the moment of the request.
  const catchUp = () => {
    simulator.advanceTo(clock.now());
    // Demo sessions can run for days: keep the ground-truth log to the last hour.
    simulator.trimLog(clock.now() - 3600_000);
  };
  // The queues' day follows this computer's: the morning peak comes in the user's morning, also after
  // the clocks change (an offset read once at start put it an hour off for a demo left running).
  const skills = new SkillActivitySimulator({ agents: simulator, utcOffsetMinutes: (ms) => -new Date(ms).getTimezoneOffset() });
  const server = await startSimulatorServer({ simulator, beforeRequest: catchUp, skills });
  const tickMs = opts.tickMs ?? 1000;
  let timer: TimerHandle | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    catchUp();
    timer = clock.setTimeout(tick, tickMs);
  };
  timer = clock.setTimeout(tick, tickMs);
  return {
    apiBase: server.apiBase,
    url: server.url,
    tenantId: server.tenantId,
    simulator,
    server,
    label: 'Demo tenant',
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      await server.stop();
    },
  };
}
