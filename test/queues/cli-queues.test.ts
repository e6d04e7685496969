// `cxone-agent-tray watch --queues` as a user runs it: `node bin/cxone-agent-tray.mjs …` in a child
// process against the simulated tenant on 127.0.0.1 — queue changes as JSON lines (a baseline first,
// then each skill whose queue changed), human lines, and a clean stop when CXone refuses skill activity.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE } from '../../main/diagnostics/cli-options';
import { skillQueueSchema } from '../../main/queues/model';
import { startSimTenant, type SimTenant } from '../diagnostics/helpers';
import { until } from '../harness/until';
import { ensureCliBuilt } from '../packaging/build-once';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function start(args: string[]) {
  const child = spawn('node', ['bin/cxone-agent-tray.mjs', ...args], { cwd: ROOT, env: { ...process.env, CXONE_ACCESS_TOKEN: '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  // Bounded: a hung command fails the test instead of hanging the run.
  const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
  void exit.then(() => clearTimeout(kill));
  return { stdout: () => out, stderr: () => err, exit };
}

let t: SimTenant;
beforeAll(async () => {
  await ensureCliBuilt();
  t = await startSimTenant();
}, 180_000);
afterAll(async () => {
  await t.stop();
});

describe('watch --queues: the command line', () => {
  it('is an option of watch only, and not with --agent-id; the help says what it does', () => {
    expect(parseCommandLine(['watch', '--queues', '--demo'], {}).options.queues).toBe(true);
    expect(() => parseCommandLine(['doctor', '--queues'], {})).toThrow(/--queues is not an option of doctor/);
    expect(() => parseCommandLine(['watch', '--queues', '--agent-id', '5', '--demo'], {})).toThrow(/--agent-id does not apply with --queues/);
    expect(USAGE).toMatch(/--queues\s+skill queues/);
  });
});

describe('watch --queues (child process)', () => {
  it('--json streams the baseline of every skill, then the skills whose queue changed', async () => {
    const api = ['--access-token', t.accessToken(), '--api-endpoint', t.server.url];
    const r = start(['watch', '--queues', ...api, '--json', '--interval', '5', '--polls', '2']);
    await until('the baseline lines', () => r.stdout().trim().split('\n').length >= 10, 30_000);
    // The simulator's clock stands still (startSimTenant); a forced queue is the one change.
    t.sim.advance(1000);
    t.server.skills!.force(5004, { queueCount: 9, longestWaitSeconds: 200, serviceLevel: 40 });
    expect(await r.exit).toBe(0);
    const lines = r.stdout().trim().split('\n').map((l) => JSON.parse(l) as { type: string; baseline: boolean; skill: unknown; from: unknown });
    for (const l of lines) expect(l.type).toBe('queue');
    const baseline = lines.filter((l) => l.baseline);
    expect(baseline).toHaveLength(10);
    for (const l of lines) skillQueueSchema.omit({ agentIds: true }).parse(l.skill);
    const news = lines.filter((l) => !l.baseline);
    const billing = news.find((l) => (l.skill as { skillId: number }).skillId === 5004);
    expect(billing?.skill).toMatchObject({ queueCount: 9, serviceLevel: 40, serviceLevelStatus: 'breached' });
    expect(billing?.from).not.toBeNull();
    expect(r.stderr()).toContain('skills/activity every 5 s');
  }, 90_000);

  it('human lines say waiting, longest wait and service level', async () => {
    const r = start(['watch', '--queues', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--polls', '1']);
    expect(await r.exit).toBe(0);
    expect(r.stdout()).toMatch(/5004 {2}Billing Phone \[PhoneCall\] {2}\d+ waiting/);
    expect(r.stdout()).toMatch(/service level \d+ % \(goal 80 %, (meeting|at-risk|breached)\)|no service level yet/);
  }, 60_000);

  it('exits 1 with the one sentence when CXone refuses skill activity (403)', async () => {
    t.server.faults.add({ kind: 'status', status: 403, path: 'skills/activity' });
    try {
      const r = start(['watch', '--queues', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--polls', '3']);
      expect(await r.exit).toBe(1);
      expect(r.stderr()).toMatch(/watch stopped: Queues are off: CXone does not let this user see skill activity \(HTTP 403/);
      expect(t.server.requests.filter((q) => q.path.endsWith('/skills/activity') && q.status === 403)).toHaveLength(1);
    } finally {
      t.server.faults.clear();
    }
  }, 60_000);
});
