// `watch` (agent states) end to end through runCli (main/cli.ts) against the simulated tenant on
// 127.0.0.1: how it finds the API host and the token, the lines a user reads, how many polls it makes
// and how far apart, how it stops (once, saying why, or on Ctrl+C), and what it leaves behind.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { displayName } from '../../main/cxone/model';
import { startSimTenant, type SimTenant } from '../diagnostics/helpers';
import { until } from '../harness/until';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let t: SimTenant;
/** Wall time of each request the tenant answered, in order (a watch makes one request at a time). */
const stamps: number[] = [];
let closedUrl: string;

beforeAll(async () => {
  t = await startSimTenant({}, { beforeRequest: () => stamps.push(Date.now()) });
  // A loopback port that was just closed: a host that cannot be reached.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
});
afterAll(async () => {
  await t.stop();
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Starts runCli; `io` reads what it has printed so far, `done` its exit code. */
function start(args: string[], interrupted?: Promise<void>) {
  const io = { out: '', err: '' };
  const done = runCli(args, {
    stdout: (s) => void (io.out += s),
    stderr: (s) => void (io.err += s),
    env: {},
    ...(interrupted ? { interrupted } : {}),
  });
  return { io, done };
}

async function cli(args: string[], interrupted?: Promise<void>): Promise<Run> {
  const r = start(args, interrupted);
  const code = await r.done;
  return { code, ...r.io };
}

/** The requests made since `mark` (an index into server.requests), with when each arrived. */
function requestsSince(mark: number) {
  expect(stamps).toHaveLength(t.server.requests.length);
  return t.server.requests.slice(mark).map((q, k) => ({ ...q, at: stamps[mark + k]! }));
}
const agentPolls = (mark: number) => requestsSince(mark).filter((q) => q.path.endsWith('/agents/states'));
const lines = (text: string) => text.split('\n').filter(Boolean);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watch: the API host and the token', () => {
  it('finds the API host through discovery from the token (iss, tenantId) when --api-endpoint is not given', async () => {
    const agentId = t.pinAgent(0, 'Available');
    const mark = t.server.requests.length;
    const r = await cli(['watch', '--access-token', t.accessToken(), '--agent-id', String(agentId), '--polls', '1']);
    expect(r.err).not.toContain('discovery failed');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`Watching ${new URL(t.server.url).host} (agents/states every 10 s, agent ${agentId})`);
    expect(requestsSince(mark).map((q) => q.path)).toEqual(['/.well-known/cxone-configuration', '/inContactAPI/services/v34.0/agents/states']);
    expect(r.out).toMatch(new RegExp(`^\\S+Z  ${agentId}  .+  Available\\n$`));
  });

  it('--issuer overrides the token iss; the id token iss comes before the access token one; an unreadable id token is passed over', async () => {
    const agentId = t.pinAgent(1, 'Available');
    const watchOne = ['--agent-id', String(agentId), '--polls', '1'];
    const elsewhere = t.accessToken({ iss: closedUrl });
    const cases: Array<[string, string[]]> = [
      ['--issuer', ['--access-token', elsewhere, '--issuer', t.server.url]],
      ['id token iss', ['--access-token', elsewhere, '--id-token', t.idToken(agentId)]],
      ['unreadable id token', ['--access-token', t.accessToken(), '--id-token', 'not-a-jwt']],
    ];
    for (const [what, args] of cases) {
      const mark = t.server.requests.length;
      const r = await cli(['watch', ...args, ...watchOne]);
      expect(r.err, what).not.toContain('discovery failed');
      expect(r.code, what).toBe(0);
      expect(requestsSince(mark).map((q) => q.path)[0], what).toBe('/.well-known/cxone-configuration');
      expect(r.out, what).toMatch(new RegExp(`^\\S+Z  ${agentId}  .+  Available\\n$`));
    }
  });

  it('--agent-id user:<uuid> (the sub claim form) watches that user by its numeric agent id', async () => {
    const agentId = t.pinAgent(3, 'Available');
    const userId = t.sim.agents.find((a) => a.agentId === agentId)!.userId;
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', `user:${userId}`, '--polls', '1']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`user:${userId} is a user UUID; watching its agent id ${agentId}.`);
    expect(r.out).toMatch(new RegExp(`^\\S+Z  ${agentId}  .+  Available\\n$`));
  });

  it('--agent-id of an agent agents/states does not list: says so once after the first poll and names the doctor, instead of staying silent', async () => {
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', '99999999', '--polls', '2', '--interval', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const said = 'agents/states does not list agent 99999999, so there is nothing to show until it does; cxone-agent-tray doctor --agent-id 99999999 says why.\n';
    expect(r.err.split(said)).toHaveLength(2);
    // An agent it lists: no such word.
    const listed = t.pinAgent(5, 'Available');
    const ok = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', String(listed), '--polls', '1']);
    expect(ok.err).not.toContain('does not list');
    expect(lines(ok.out)).toHaveLength(1);
  });

  it('an --api-endpoint pasted with spaces around it is the host without them, as the doctor reads it', async () => {
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', ` ${t.server.url} `, '--polls', '1']);
    // It said 'The API endpoint " http://127.0.0.1:… /inContactAPI/services/v34.0" is not a valid URL.' and exited 1.
    expect(r.err).not.toContain('not a valid URL');
    expect(r.code).toBe(0);
    expect(lines(r.out).length).toBeGreaterThan(0);
  });

  it('a discovery that fails ends watch with exit 1 and says what to do, before any poll', async () => {
    const r = await cli(['watch', '--access-token', t.accessToken({ iss: closedUrl }), '--polls', '1']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^API discovery failed: .+ Pass --api-endpoint, or run the doctor\.\n$/);
  });

  it('nothing to watch given (a bare `watch`): exit 2 naming every way to a host, the demo tenant included, and no request', async () => {
    const mark = t.server.requests.length;
    const r = await cli(['watch', '--polls', '1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      'watch needs the API host: pass --api-endpoint, or a token (--access-token / --id-token) with iss and tenantId claims, or sign in with --sign-in --client-id <id>; --demo watches the built-in demo tenant.',
    );
    expect(requestsSince(mark)).toEqual([]);
  });

  it('no token at all: exit 2 naming the ways to give one, and no request', async () => {
    const mark = t.server.requests.length;
    const r = await cli(['watch', '--api-endpoint', t.server.url, '--polls', '1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('watch needs a token: pass --access-token (or set CXONE_ACCESS_TOKEN), --sign-in, or --demo.');
    expect(requestsSince(mark)).toEqual([]);
  });

  it('watch --help prints the usage, exits 0 and asks CXone nothing', async () => {
    const mark = t.server.requests.length;
    const r = await cli(['watch', '--help', '--access-token', t.accessToken(), '--api-endpoint', t.server.url]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--interval <seconds>');
    expect(r.err).toBe('');
    expect(requestsSince(mark)).toEqual([]);
  });
});

describe('watch: polls and lines', () => {
  it('polls every 10 s by default, exactly --polls times', async () => {
    const mark = t.server.requests.length;
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--json', '--polls', '2']);
    expect(r.code).toBe(0);
    const polls = agentPolls(mark);
    expect(polls).toHaveLength(2);
    // A lower bound only: the second poll can come later on a busy machine, never sooner.
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(10_000 - 50);
    expect(lines(r.out)).toHaveLength(t.sim.agents.length);
  });

  it('human lines: the baseline, then "from → to" with the unavailable code and [ACW]; no poll after the watch ended', async () => {
    const agentId = t.pinAgent(2, 'Available');
    t.sim.forceState(agentId, { state: 'ACW', holdMs: 3600_000 });
    const s = t.sim.agentState(agentId)!;
    const who = `${agentId}  ${displayName(s)}${s.teamName ? ` (${s.teamName})` : ''}`;
    const mark = t.server.requests.length;
    const r = start(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--agent-id', String(agentId), '--interval', '5', '--polls', '2']);
    await until('the baseline line', () => r.io.out.includes('\n'));
    t.sim.advance(1000);
    t.sim.forceState(agentId, { state: 'Unavailable', code: 'Lunch', holdMs: 3600_000 });
    expect(await r.done).toBe(0);
    const [baseline, change, ...rest] = lines(r.io.out);
    expect(rest).toEqual([]);
    expect(baseline).toMatch(/^\S+Z {2}/);
    expect(baseline!.replace(/^\S+Z {2}/, '')).toBe(`${who}  Unavailable (ACW) [ACW]`);
    expect(change!.replace(/^\S+Z {2}/, '')).toBe(`${who}  Unavailable (ACW) [ACW] → Unavailable (Lunch)`);
    expect(agentPolls(mark)).toHaveLength(2);
    // The watch is over: its poller must not poll again (the interval was 5 s).
    await sleep(6_500);
    expect(agentPolls(mark)).toHaveLength(2);
  });
});

describe('watch: how it stops', () => {
  it('a last poll that fails is said once, and nothing after it (no "Retrying at")', async () => {
    const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', closedUrl, '--polls', '1']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const said = lines(r.err);
    expect(said[0]).toMatch(/^Watching 127\.0\.0\.1:\d+ /);
    expect(said.slice(1)).toHaveLength(1);
    expect(said[1]).toMatch(/^watch stopped: the last poll \(1 of 1\) failed: .*could not be reached/);
  });

  it('a refused token ends watch with one "watch stopped" line, however it is noticed', async () => {
    t.server.settings.acceptToken = () => false;
    try {
      for (const polls of ['1', '2']) {
        const r = await cli(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--polls', polls]);
        expect(r.code, polls).toBe(1);
        const stops = lines(r.err).filter((l) => l.startsWith('watch stopped'));
        expect(stops, polls).toHaveLength(1);
        expect(stops[0], polls).toContain('HTTP 401');
      }
    } finally {
      t.server.settings.acceptToken = (tok) => tok.length > 0;
    }
  });

  it('Ctrl+C ends watch with exit 0, after the lines it printed', async () => {
    let interrupt!: () => void;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const r = start(['watch', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--json'], interrupted);
    await until('the baseline lines', () => lines(r.io.out).length >= t.sim.agents.length);
    interrupt();
    expect(await r.done).toBe(0);
    expect(lines(r.io.out)).toHaveLength(t.sim.agents.length);
    expect(r.io.err).not.toContain('watch stopped');
  });

  it('--demo: the demo tenant it started is closed when watch ends', async () => {
    const r = await cli(['watch', '--demo', '--json', '--polls', '1']);
    expect(r.code).toBe(0);
    expect(lines(r.out).length).toBeGreaterThan(0);
    const host = /^Watching (\S+) /.exec(r.err)?.[1];
    expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
    const refused = await fetch(`http://${host}/.well-known/cxone-configuration`).then(
      () => 'answered',
      (e: Error & { cause?: { code?: string } }) => e.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
  });

  it('leaves nothing running: a Node process that ran watch --demo through runCli ends by itself', async () => {
    // No process.exit there (main() has one): a server, socket or ref'd timer left behind would keep it alive.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/run-cli-in-process.ts', 'watch', '--demo', '--json', '--polls', '1'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Bounded: a process kept alive is killed after 30 s, and the test fails on its signal.
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    clearTimeout(kill);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(out).toBe('exit code 0, 200 lines on stdout\n');
  });
});
