// The doctor command end to end through runCli (main/cli.ts) against the simulated tenant on
// 127.0.0.1: the query flags reach the request CXone sees, and Ctrl+C ends a slow check at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { startSimulatorServer, type SimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';

let server: SimulatorServer;
beforeAll(async () => {
  server = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 30, seed: 21 }) });
});
afterAll(async () => {
  await server.stop();
});

async function doctor(args: string[], interrupted?: Promise<void>) {
  let out = '';
  let err = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), env: {}, ...(interrupted ? { interrupted } : {}) };
  const code = await runCli(['doctor', '--api-endpoint', server.url, '--access-token', 'doctor-token', ...args], io);
  return { code, out, err };
}

describe('doctor through runCli', () => {
  it('asks agents/states with the --fields, --top and --skip given', async () => {
    const before = server.requests.length;
    const r = await doctor(['--fields', 'agentId,agentStateId,agentStateName', '--top', '5', '--skip', '10', '--json']);
    expect(r.err).toBe('');
    // The doctor reads the whole list first (to tell a narrow query from an empty tenant), then the query as given.
    const lists = server.requests.slice(before).filter((q) => q.path.endsWith('/agents/states'));
    const asGiven = lists.map((q) => new URLSearchParams(q.query)).map((q) => [q.get('fields'), q.get('top'), q.get('skip')]);
    expect(asGiven).toContainEqual(['agentId,agentStateId,agentStateName', '5', '10']);
  });

  it('exits 0 with the readable report when nothing is an error, 1 when something is', async () => {
    // The opaque token is the one warning; the list is read.
    const fine = await doctor([]);
    expect(fine.code).toBe(0);
    expect(fine.out).toMatch(/^CXone doctor: no errors, 1 warning, \d+ findings\n\n⚠ Warning The access token is not a readable JWT {2}\[TOKEN_NOT_JWT\]\n/);
    const unknown = await doctor(['--agent-id', '999']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/^CXone doctor: 1 error, /);
    expect(unknown.out).toContain('✗ Error   CXone has no agent 999  [AGENT_NOT_FOUND]');
  });

  it('ends at once with 130 and prints no report when interrupted during a slow check', async () => {
    const slow = server.faults.add({ kind: 'slow', delayMs: 20_000, path: '/agents/states' });
    try {
      const started = Date.now();
      const r = await doctor([], new Promise((resolve) => setTimeout(resolve, 200)));
      expect(r.code).toBe(130);
      expect(r.out).toBe('');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      slow.remove();
    }
  });
});
