// `watch --queues` end to end through runCli (main/cli.ts) against simulated tenants on 127.0.0.1:
// the lines a user reads (what a queue was, when a skill is gone), how many polls and how far apart,
// what a full list after a failure and a short list mean, and how it stops (once, saying why).
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { startSimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { DEMO_SKILLS, SkillActivitySimulator } from '../../main/demo/skills-sim';
import { queueLine, type QueueChange } from '../../main/diagnostics/cli-watch-queues';
import type { SkillActivity } from '../../main/queues/skill-activity';
import { startSimTenant, type SimTenant } from '../diagnostics/helpers';
import { until } from '../harness/until';
import { FAR_ZONE, inTimeZone } from '../harness/time-zone';

let t: SimTenant;
/** Wall time of each request the tenant answered, in order (a watch makes one request at a time). */
const stamps: number[] = [];

beforeAll(async () => {
  t = await startSimTenant({}, { beforeRequest: () => stamps.push(Date.now()) });
});
afterAll(async () => {
  await t.stop();
});

async function closedPortUrl(): Promise<string> {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
  return url;
}

/** Starts runCli; `io` holds what it has printed so far, `done` its exit code. */
function start(args: string[], interrupted?: Promise<void>) {
  const io = { out: '', err: '' };
  const done = runCli(args, { stdout: (s) => void (io.out += s), stderr: (s) => void (io.err += s), env: {}, ...(interrupted ? { interrupted } : {}) });
  return { io, done };
}

const lines = (text: string) => text.split('\n').filter(Boolean);
const json = (text: string) => lines(text).map((l) => JSON.parse(l) as { type: string; baseline?: boolean; skillId?: number; skill?: SkillActivity; from?: SkillActivity | null });
const skillPolls = (mark: number) => {
  expect(stamps).toHaveLength(t.server.requests.length);
  return t.server.requests.slice(mark).map((q, k) => ({ ...q, at: stamps[mark + k]! })).filter((q) => q.path.endsWith('/skills/activity'));
};

describe('watch --queues: lines and polls', () => {
  it('human lines: a changed queue says what it was; --interval 6 apart, exactly --polls polls', async () => {
    const api = ['--access-token', t.accessToken(), '--api-endpoint', t.server.url];
    const mark = t.server.requests.length;
    const r = start(['watch', '--queues', ...api, '--interval', '6', '--polls', '2']);
    await until('the baseline lines', () => lines(r.io.out).length >= 10);
    const was = Number(/ {2}5004 {2}Billing Phone \[PhoneCall\] {2}(\d+) waiting/.exec(r.io.out)?.[1]);
    expect(Number.isInteger(was)).toBe(true);
    t.sim.advance(1000);
    t.server.skills!.force(5004, { queueCount: was + 5, longestWaitSeconds: 200 });
    expect(await r.done).toBe(0);
    const news = lines(r.io.out).slice(10);
    expect(news.filter((l) => / {2}5004 {2}/.test(l))).toEqual([expect.stringMatching(new RegExp(`  5004  Billing Phone \\[PhoneCall\\]  ${was + 5} waiting \\(was ${was} waiting\\), longest `))]);
    const polls = skillPolls(mark);
    expect(polls).toHaveLength(2);
    // A lower bound only: the second poll can come later on a busy machine, never sooner.
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(6_000 - 50);
  });

  it('--fields reaches skills/activity as given', async () => {
    const mark = t.server.requests.length;
    const r = start(['watch', '--queues', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--fields', 'skillId,skillName,queueCount', '--json', '--polls', '1']);
    expect(await r.done).toBe(0);
    const asked = skillPolls(mark).map((q) => new URLSearchParams(q.query).get('fields'));
    expect(asked).toEqual(['skillId,skillName,queueCount']);
  });

  it('the longest wait reads in seconds below a minute and in minutes from one minute on', async () => {
    const r = start(['watch', '--queues', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--json', '--polls', '1']);
    expect(await r.done).toBe(0);
    const skill = json(r.io.out)[0]!.skill!;
    // A whole second, so a time spelled without milliseconds is the same instant.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const line = (waitedMs: number, spell = (ms: number) => new Date(ms).toISOString()) => {
      const c: QueueChange = { type: 'queue', at: new Date(now).toISOString(), baseline: true, skill: { ...skill, queueCount: 2, earliestQueueTime: spell(now - waitedMs) }, from: null };
      return /, longest ([^;]+);/.exec(queueLine(c, now))?.[1];
    };
    expect(line(59_000)).toBe('59 s');
    expect(line(60_000)).toBe('1 min 0 s');
    expect(line(125_000)).toBe('2 min 5 s');
    // A CXone time without a zone is UTC, as the tray reads it, whatever this computer's zone (Date.parse
    // read it as local time); an unreadable one says nothing rather than "NaN s".
    expect(inTimeZone(FAR_ZONE, () => line(125_000, (ms) => new Date(ms).toISOString().slice(0, 19)))).toBe('2 min 5 s');
    expect(line(125_000, () => 'soon')).toBeUndefined();
  });
});

describe('watch --queues: full lists and skills that go', () => {
  it('a full list after a failure prints only what changed; a short list retires no skill', async () => {
    // Two pages of five skills. Requests are one at a time: a fault added while request n is answered hits n + 1.
    const sim = new ContactCenterSimulator({ agents: 40, seed: 7, startTime: Date.now() - 3600_000 });
    let answered = 0;
    const server = await startSimulatorServer({
      simulator: sim,
      defaultPageSize: 5,
      beforeRequest: () => {
        answered++;
        // Request 3 (poll 2) fails: the next poll reads the full list again.
        if (answered === 2) server.faults.add({ kind: 'status', status: 500, path: 'skills/activity', count: 1 });
        // Request 5 (page 2 of poll 3) is empty: that full list is short.
        if (answered === 4) server.faults.add({ kind: 'status', status: 204, path: 'skills/activity', count: 1 });
      },
    });
    try {
      const r = start(['watch', '--queues', '--access-token', 'tok', '--api-endpoint', server.url, '--json', '--polls', '3']);
      expect(await r.done).toBe(0);
      expect(server.requests.map((q) => q.status)).toEqual([200, 200, 500, 200, 204]);
      const said = json(r.io.out);
      // Nothing changed in the simulated tenant (its clock stands still): the ten baseline lines only.
      expect(said).toHaveLength(10);
      for (const l of said) expect(l).toMatchObject({ type: 'queue', baseline: true });
      expect(lines(r.io.err).filter((l) => /HTTP 500/.test(l))).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('a skill no longer listed is said once, however many full lists leave it out', async () => {
    const startTime = Date.now() - 3600_000;
    const a = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 40, seed: 7, startTime }) });
    const port = new URL(a.url).port;
    let b: Awaited<ReturnType<typeof startSimulatorServer>> | null = null;
    try {
      const r = start(['watch', '--queues', '--access-token', 'tok', '--api-endpoint', a.url, '--json', '--interval', '5', '--polls', '5']);
      await until('the baseline lines', () => lines(r.io.out).length >= 10);
      // The tenant goes away (poll 2 fails), then answers on the same host with one skill fewer.
      await a.stop();
      await until('the failed poll', () => /could not be reached/.test(r.io.err), 30_000);
      const simB = new ContactCenterSimulator({ agents: 40, seed: 7, startTime });
      b = await startSimulatorServer({ simulator: simB, port: Number(port), skills: new SkillActivitySimulator({ agents: simB, skills: 9 }) });
      // Poll 3 reads the full list (after a failure). Then poll 4 fails, so poll 5 reads it again.
      await until('the skill that went', () => json(r.io.out).some((l) => l.type === 'queue-gone'), 30_000);
      b.faults.add({ kind: 'status', status: 500, path: 'skills/activity', count: 1 });
      expect(await r.done).toBe(0);
      expect(b.requests.filter((q) => q.path.endsWith('/skills/activity')).map((q) => q.status)).toEqual([200, 500, 200]);
      const gone = json(r.io.out).filter((l) => l.type === 'queue-gone');
      expect(gone.map((l) => l.skillId)).toEqual([DEMO_SKILLS[9]!.skillId]);
    } finally {
      await a.stop();
      await b?.stop();
    }
  }, 60_000);
});

describe('watch --queues: how it stops', () => {
  it('a refused token (401) ends it at once with exit 1 and one line, whatever --polls says', async () => {
    t.server.settings.acceptToken = () => false;
    // Bounded: were the refusal not noticed, Ctrl+C after 20 s ends the watch (exit 0).
    let timer: NodeJS.Timeout | undefined;
    const interrupted = new Promise<void>((resolve) => (timer = setTimeout(resolve, 20_000)));
    try {
      // --polls 1: the refusal is also the last poll, two reasons to stop that must say one line.
      for (const polls of ['1', '3']) {
        const r = start(['watch', '--queues', '--access-token', t.accessToken(), '--api-endpoint', t.server.url, '--polls', polls], interrupted);
        expect(await r.done, `--polls ${polls}`).toBe(1);
        const said = lines(r.io.err);
        expect(said.filter((l) => l.startsWith('watch stopped')), `--polls ${polls}`).toHaveLength(1);
        // The stop line is the last: nothing is said about a watch that is over.
        expect(said.at(-1), `--polls ${polls}`).toMatch(/^watch stopped: .*HTTP 401/);
      }
    } finally {
      clearTimeout(timer);
      t.server.settings.acceptToken = (tok) => tok.length > 0;
    }
  });

  it('an unreachable host: the reason of each failed poll but the last, then one "watch stopped" line last, exit 1', async () => {
    const url = await closedPortUrl();
    for (const polls of [1, 2]) {
      const r = start(['watch', '--queues', '--access-token', t.accessToken(), '--api-endpoint', url, '--polls', String(polls)]);
      expect(await r.done, `--polls ${polls}`).toBe(1);
      expect(r.io.out).toBe('');
      const said = lines(r.io.err);
      expect(said[0]).toMatch(/^Watching 127\.0\.0\.1:\d+ \(skills\/activity every 10 s\)/);
      // One reason line per failed poll before the last; the last one's reason is in the stop line.
      expect(said.slice(1, -1), `--polls ${polls}`).toEqual(Array.from({ length: polls - 1 }, () => expect.stringMatching(/could not be reached/)));
      expect(said.at(-1), `--polls ${polls}`).toMatch(new RegExp(`^watch stopped: the last poll \\(${polls} of ${polls}\\) failed: .*could not be reached`));
    }
  });
});
