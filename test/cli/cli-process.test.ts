// The command as a user runs it: `node bin/cxone-agent-tray.mjs …` in a child process (the bin runs the
// CLI built to out/cli, rebuilt here when main/ is newer), against a simulator server and an OpenID
// provider started here.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema, type DoctorReport } from '../../main/diagnostics/finding';
import { agentChangeSchema } from '../../main/monitor/status';
import { headlessLogin, startTestProvider } from '../harness/oidc-provider';
import { until } from '../harness/until';
import { nowSeconds, startSimTenant, type SimTenant } from '../diagnostics/helpers';
import { ensureCliBuilt, withBuildLock } from '../packaging/build-once';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'bin/cxone-agent-tray.mjs';

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number>;
}

function start(args: string[], env: Record<string, string> = {}, command: string[] = ['node', BIN]): Run {
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd: ROOT,
    env: { ...process.env, CXONE_ACCESS_TOKEN: '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  // Bounded: a hung command fails the test instead of hanging the run.
  const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
  void exit.then(() => clearTimeout(kill));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function cli(args: string[], env: Record<string, string> = {}) {
  const r = start(args, env);
  const code = await r.exit;
  return { code, stdout: r.stdout(), stderr: r.stderr() };
}

/** --json prints exactly one JSON object on stdout, valid against the published schema. */
function oneReport(stdout: string): DoctorReport {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return doctorReportSchema.parse(JSON.parse(lines[0]!));
}

let t: SimTenant;
beforeAll(async () => {
  await ensureCliBuilt();
  t = await startSimTenant();
});
afterAll(async () => {
  await t.stop();
});

// Each test spawns the CLI (and npm) as child processes: on a busy 2-core machine one spawn chain
// alone can take over 30 s, so these carry a longer limit than the suite's default.
describe('cxone-agent-tray doctor', { timeout: 120_000 }, () => {
  it('--json: one object, exit 0 for a visible agent', async () => {
    const agentId = t.pinAgent(0, 'Available');
    const r = await cli(['doctor', '--access-token', t.accessToken(), '--id-token', t.idToken(agentId), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = oneReport(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => f.code)).toContain('AGENT_VISIBLE');
    expect(report.agent).toMatchObject({ agentId, stateName: 'Available' });
  });

  it('the original question end to end: updatedSince = now, an empty answer → NO_CHANGE_SINCE and the agent', async () => {
    const agentId = t.pinAgent(1, 'Available');
    t.server.settings.noChange = '204';
    try {
      const since = new Date(t.sim.now() + 1).toISOString();
      const r = await cli(['doctor', '--access-token', t.accessToken(), '--agent-id', String(agentId), '--updated-since', since]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/ℹ Info +No change since .*\[NO_CHANGE_SINCE\]/);
      expect(r.stdout).toContain('HTTP 204 No Content');
      expect(r.stdout).toMatch(/✓ OK +Agent \d+ is in agents\/states: Available/);
      expect(r.stdout).toMatch(new RegExp(`Agent ${agentId} .*: Available since`));
      expect(r.stdout).toContain('CXone has only the "openid" scope');
      const json = oneReport((await cli(['doctor', '--access-token', t.accessToken(), '--agent-id', String(agentId), '--updated-since', since, '--json'])).stdout);
      expect(json.findings.find((f) => f.code === 'NO_CHANGE_SINCE')?.severity).toBe('info');
      expect(json.agent).toMatchObject({ agentId });
    } finally {
      t.server.settings.noChange = '200-empty';
    }
  });

  it('exit 1 when a finding is an error (unknown agent), in both output forms', async () => {
    const json = await cli(['doctor', '--access-token', t.accessToken(), '--agent-id', '999', '--json']);
    expect(json.code).toBe(1);
    const report = oneReport(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.code === 'AGENT_NOT_FOUND')?.severity).toBe('error');
    const human = await cli(['doctor', '--access-token', t.accessToken(), '--agent-id', '999']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/✗ Error +CXone has no agent 999/);
  });

  it('exit 2 for usage errors, naming the flag, with nothing on stdout', async () => {
    for (const [args, flag] of [
      [['doctor', '--agent'], '--agent'],
      [['doctor', '--agent-id', 'ana'], '--agent-id'],
      [['doctor', '--api-endpoint', 'http://api-na1.niceincontact.com'], '--api-endpoint'],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(flag);
    }
  });

  it('--version prints the package version and exits 0, alone or after a command', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['doctor', '--version']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toBe(`cxone-agent-tray ${version}\n`);
      expect(r.stderr).toBe('');
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--updated-since <iso>');
  });

  it('never prints a token it was given, even when the server echoes it (flag, env, id token; human and JSON)', async () => {
    const access = t.accessToken();
    const id = t.idToken(t.pinAgent(2));
    const cases: Array<{ args: string[]; env: Record<string, string> }> = [
      { args: ['--access-token', access, '--id-token', id], env: {} },
      { args: ['--id-token', id], env: { CXONE_ACCESS_TOKEN: access } },
      { args: ['--access-token', 'opaque-secret-0123456789', '--api-endpoint', t.server.url], env: {} },
    ];
    for (const { args, env } of cases) {
      for (const json of [false, true]) {
        const secret = args.includes('opaque-secret-0123456789') ? 'opaque-secret-0123456789' : access;
        t.server.faults.add({ kind: 'status', status: 403, statusDescription: `Refused ${secret} and ${id}`, path: 'agents/states', count: 1 });
        const r = await cli(['doctor', ...args, ...(json ? ['--json'] : [])], env);
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toContain('FORBIDDEN');
        for (const tok of [access, id, 'opaque-secret-0123456789']) {
          expect(r.stdout).not.toContain(tok);
          expect(r.stderr).not.toContain(tok);
        }
      }
    }
    // A usage error about the token does not print it either.
    const bad = await cli(['doctor', '--access-token', `Bearer ${access}`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain(access);
    // Thirteen processes in one test: on a loaded shared machine that outlasts the default 30 s.
  }, 120_000);

  it('--demo runs against the built-in simulated tenant', async () => {
    const r = await cli(['doctor', '--demo', '--json']);
    expect(r.code).toBe(0);
    const report = oneReport(r.stdout);
    expect(report.findings.map((f) => f.code)).toEqual(['DEMO_TENANT', 'API_HOST_FOUND', 'NO_AGENT_ID', 'LIST_SUMMARY', 'SKILL_ACTIVITY_OK']);
  });

  it('npm run doctor -- works from the checkout', async () => {
    // The bin rebuilds out/cli when the sources are newer (not in CI, which builds first): under the
    // build lock, so no other worker packs it meanwhile. The script itself no longer always rebuilds:
    // vite empties out/cli first, and a bin another worker started then could not find its chunks.
    const r = await withBuildLock(async () => {
      const run = start(['--demo', '--json'], {}, ['npm', 'run', '--silent', 'doctor', '--']);
      await run.exit;
      return run;
    });
    expect(await r.exit).toBe(0);
    expect(oneReport(r.stdout()).ok).toBe(true);
  });

  it('--sign-in: prints the URL on stderr, signs in through loopback PKCE, and diagnoses the signed-in agent', async () => {
    const agentId = t.pinAgent(3, 'Available');
    const op = await startTestProvider({ claims: { tenantId: t.server.tenantId, icAgentId: String(agentId) } });
    try {
      const r = start(['doctor', '--sign-in', '--no-browser', '--client-id', op.clientId, '--issuer', op.issuer, '--api-endpoint', t.server.url, '--json']);
      const url = await until('the sign-in URL on stderr', () => /Open this URL to sign in: (\S+)/.exec(r.stderr())?.[1]);
      expect(new URL(url).origin).toBe(op.issuer);
      const callback = await headlessLogin(url);
      expect(callback.status).toBe(200);
      expect(await r.exit).toBe(0);
      const report = oneReport(r.stdout());
      expect(report.agent).toMatchObject({ agentId });
      // The host was given: the provider (no CXone configuration service) is not asked for it.
      expect(report.findings.map((f) => f.code)).not.toContain('DISCOVERY_FAILED');
      expect(report.findings.find((f) => f.code === 'API_HOST_FOUND')?.detail).toContain('discovery was skipped');
      expect(report.findings.map((f) => f.code)).toContain('AGENT_VISIBLE');
    } finally {
      await op.stop();
    }
  });

  it('Ctrl+C (SIGINT) while --sign-in waits for the browser ends the command with 130, printing no report', async () => {
    const op = await startTestProvider({ claims: { tenantId: t.server.tenantId } });
    try {
      const r = start(['doctor', '--sign-in', '--no-browser', '--client-id', op.clientId, '--issuer', op.issuer, '--api-endpoint', t.server.url]);
      await until('the sign-in URL on stderr', () => /Open this URL to sign in: (\S+)/.exec(r.stderr())?.[1]);
      r.child.kill('SIGINT');
      // Bounded by start()'s 40 s kill: a swallowed Ctrl+C would leave the sign-in waiting its 5 minutes.
      expect(await r.exit).toBe(130);
      expect(r.stdout()).toBe('');
    } finally {
      await op.stop();
    }
  });
});

describe('cxone-agent-tray watch', { timeout: 120_000 }, () => {
  it('--json streams the baseline and then a change as JSON lines', async () => {
    const agentId = t.pinAgent(4, 'Available');
    const r = start(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--json', '--interval', '5', '--polls', '2']);
    await until('the baseline lines', () => r.stdout().split('\n').length > t.sim.agents.length);
    t.sim.advance(1000);
    t.sim.forceState(agentId, { state: 'Unavailable', code: 'Lunch', holdMs: 3600_000 });
    expect(await r.exit).toBe(0);
    const lines = r.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of lines) expect(l.type).toBe('change');
    const changes = lines.map((l) => agentChangeSchema.parse(l));
    expect(changes.filter((c) => c.baseline)).toHaveLength(t.sim.agents.length);
    const news = changes.filter((c) => !c.baseline && c.agentId === agentId);
    expect(news).toHaveLength(1);
    expect(news[0]!.from?.stateName).toBe('Available');
    expect(news[0]!.to).toMatchObject({ stateName: 'Unavailable', outStateDescription: 'Lunch' });
    expect(r.stderr()).toContain('Watching');
  });

  it('human lines, one agent, and exit 1 with the reason when CXone refuses the token', async () => {
    const agentId = t.pinAgent(5, 'Available');
    const ok = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', String(agentId), '--polls', '1']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(new RegExp(`^\\S+Z  ${agentId}  .+  Available\\n$`));
    t.server.settings.acceptToken = () => false;
    try {
      const refused = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--polls', '1']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('HTTP 401');
    } finally {
      t.server.settings.acceptToken = (tok) => tok.length > 0;
    }
  });

  it('never prints the token it was given, even when the server echoes it in a refusal', async () => {
    // Opaque, so only the exact-secret replacement can catch it (a JWT would also match the generic pattern).
    const secret = 'opaque-watch-secret-0123456789';
    t.server.faults.add({ kind: 'status', status: 403, statusDescription: `Refused ${secret}`, path: 'agents/states', count: 1 });
    const r = await cli(['watch', '--access-token', secret, '--api-endpoint', t.server.url, '--polls', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Refused [redacted]');
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('--agent-id with a user UUID watches that agent by its numeric id, and an unknown UUID exits 1', async () => {
    const agentId = t.pinAgent(6, 'Available');
    const userId = t.sim.agents.find((a) => a.agentId === agentId)!.userId;
    const ok = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', userId, '--polls', '1']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^\\S+Z  ${agentId}  .+  Available\\n$`));
    expect(ok.stderr).toContain(`watching its agent id ${agentId}`);
    const unknown = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', '00000000-0000-4000-8000-000000000000', '--polls', '1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('could not be mapped to an agent id');
  });

  it('--polls counts failed polls: an unreachable host ends after N polls with exit 1 and the reason', async () => {
    // A loopback port that was just closed: every poll fails at once with a network error.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', `http://127.0.0.1:${port}`, '--polls', '2', '--interval', '5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // The first failure is retried (it was poll 1 of 2); the second is the last and ends the watch.
    expect(r.stderr).toMatch(/could not be reached.* Retrying at /);
    expect(r.stderr).toMatch(/watch stopped: the last poll \(2 of 2\) failed: .*could not be reached/);
  });

  it('a refused token ends watch with exit 1; an expired one is named as the cause', async () => {
    t.server.settings.acceptToken = () => false;
    try {
      const expired = t.accessToken({ exp: nowSeconds() - 600 });
      const old = await cli(['watch', '--access-token', expired, '--api-endpoint', t.server.url, '--polls', '3']);
      expect(old.code).toBe(1);
      expect(old.stderr).toMatch(/watch stopped: .*HTTP 401.* The access token expired at \S+Z \(10 m \d\d s ago\): get a fresh one/);
      const fresh = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--polls', '3']);
      expect(fresh.code).toBe(1);
      expect(fresh.stderr).toContain('HTTP 401');
      expect(fresh.stderr).not.toContain('expired');
    } finally {
      t.server.settings.acceptToken = (tok) => tok.length > 0;
    }
  });

  it('Ctrl+C (SIGINT) ends watch with exit 0, after the lines it printed', async () => {
    const r = start(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--json']);
    await until('the baseline lines', () => r.stdout().split('\n').length > t.sim.agents.length);
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(0);
    expect(r.stdout().trim().split('\n')).toHaveLength(t.sim.agents.length);
    expect(r.stderr()).not.toContain('watch stopped');
  });

  it('a reader that stops reading (watch --json | head -3) ends watch quietly with exit 0, no EPIPE stack', async () => {
    // A real pipe: head closes its end after 3 lines, in the middle of the demo's 200-line baseline.
    // pipefail makes the pipeline's status the CLI's whenever the CLI fails.
    const r = start([], {}, ['bash', '-c', `set -o pipefail; node ${BIN} watch --demo --json | head -3`]);
    expect(await r.exit).toBe(0);
    expect(r.stdout().trim().split('\n')).toHaveLength(3);
    expect(r.stderr()).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('a reader of stderr that is gone leaves watch running on stdout: its rows in the file, exit 0', async () => {
    // stderr is a pipe whose reader (`true`) has exited before node starts, so "Watching …" meets EPIPE
    // (before: an uncaught error, exit 1, nothing on stdout); stdout goes to a file. pipefail: the CLI's status.
    const out = join(mkdtempSync(join(tmpdir(), 'cli-stderr-')), 'out.txt');
    const r = start([], {}, ['bash', '-c', `set -o pipefail; (sleep 0.3; exec node ${BIN} watch --demo --polls 1 2>&1 >${out}) | true`]);
    expect(await r.exit).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z\s+\d+\s+\S/);
  });

  it('a host CXone never uses is named for what it is, exit 1, before any poll', async () => {
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', 'https://api.cxone.com', '--polls', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('api.cxone.com is not a CXone API host');
    expect(r.stderr).not.toContain('Watching');
  });

  it('exit 2 when there is no way to find the API host', async () => {
    const r = await cli(['watch', '--access-token', 'opaque-token-value']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--api-endpoint');
  });
});
