// One demo tenant: `cxone-agent-tray watch --demo` and the app's core (first run, default settings)
// must show the same roster — same size, same agent ids, same names. Both run in this process through
// their real entry points (runCli, createCore), each against its own demo simulator on 127.0.0.1.
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import type { Core } from '../../main/core/types';
import { runCli } from '../../main/cli';
import { agentChangeSchema } from '../../main/monitor/status';
import { createTestPorts, type TestPorts } from '../harness/core-ports';
import { until } from '../harness/until';

let core: Core | null = null;
let ports: TestPorts | null = null;
afterEach(async () => {
  await core?.stop();
  ports?.cleanup();
});

const who = (a: { agentId: number; firstName: string | null; lastName: string | null }) => `${a.agentId} ${a.firstName} ${a.lastName}`;

it('the CLI --demo and the app core see the same demo roster', async () => {
  let out = '';
  const code = await runCli(['watch', '--demo', '--json', '--polls', '1'], { stdout: (t) => void (out += t), stderr: () => {}, env: {} });
  expect(code).toBe(0);
  const cliAgents = out.trim().split('\n').map((l) => agentChangeSchema.parse(JSON.parse(l)).to).sort((a, b) => a.agentId - b.agentId);

  ports = createTestPorts();
  core = createCore(ports);
  await core.start();
  await until('the app demo is live', () => core!.appState().monitor.kind === 'live');
  const appAgents = [...(await core.rosterSnapshot()).agents].sort((a, b) => a.agentId - b.agentId);

  expect(appAgents.length).toBe(200);
  expect(cliAgents.length).toBe(appAgents.length);
  expect(cliAgents.map(who)).toEqual(appAgents.map(who));
});
