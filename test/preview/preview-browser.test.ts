// `npm run preview:browser` as a user runs it (in a fresh copy of the sources, because it builds the
// renderer into out/, which other test files read at the same time): one line on stdout, the real core
// on the demo tenant behind the contract, nothing served without the per-run secret or to another
// origin or host, and Ctrl+C ends it cleanly with the port closed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, events } from '../../preload/contract';
import { freshCheckout } from '../harness/fresh-checkout';
import { startPreviewProcess, type PreviewProcess } from '../harness/preview-process';

let checkout: ReturnType<typeof freshCheckout>;
let preview: PreviewProcess;
let base: string;
let secret: string;

beforeAll(async () => {
  checkout = freshCheckout();
  preview = await startPreviewProcess(checkout.dir);
  const url = new URL(preview.url);
  base = url.origin;
  secret = url.searchParams.get('k') ?? '';
}, 200_000);

afterAll(async () => {
  await preview?.stop();
  checkout?.remove();
});

const CLIENT = 'vitest-client-1';

function invoke(channel: string, payload: unknown, headers: Record<string, string> = { 'x-preview-secret': secret, 'x-preview-client': CLIENT }) {
  return fetch(`${base}/__preview/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ channel, payload }) });
}

/** A raw GET with a Host header of our choosing (fetch will not send a foreign Host). */
function getWithHost(path: string, host: string): Promise<number> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

/** Another `npm run preview:browser` in the same checkout with `env` added, run to its end (bounded: killed after 150 s). */
function anotherPreview(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const settingsDir = mkdtempSync(join(tmpdir(), 'preview-settings-'));
  const child = spawn('npm', ['run', '--silent', 'preview:browser'], { cwd: checkout.dir, env: { ...process.env, CXONE_AGENT_TRAY_PREVIEW_DIR: settingsDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      rmSync(settingsDir, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('npm run preview:browser', () => {
  it('prints exactly one line on stdout: Open http://127.0.0.1:<port>/tray.html?k=<secret>; says where its settings live on stderr', () => {
    expect(preview.stdout()).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+\/tray\.html\?k=[\w-]{20,}\n$/);
    expect(preview.stderr()).toContain(`Settings: ${preview.settingsDir}`);
  });

  it('serves the tray and settings pages only with the secret, with the bridge loaded and the app CSP kept but for connect-src', async () => {
    const page = await fetch(preview.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<script src="/__preview/bridge.js"></script>');
    expect(html).toContain("default-src 'none'; script-src 'self'");
    expect(html).toContain("connect-src 'self'");
    expect((await fetch(`${base}/settings.html?k=${secret}`)).status).toBe(200);

    expect((await fetch(`${base}/tray.html`)).status).toBe(403);
    // One character changed — never the same one (a fixed 'x' equals the secret's own last character 1 run in 64).
    const nearSecret = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect((await fetch(`${base}/settings.html?k=${nearSecret}`)).status).toBe(403);
    expect((await fetch(`${base}/tray.html?k=`)).status).toBe(403);
  });

  it('speaks the IPC contract to the real core — the demo tenant, live — only with the secret, from its own origin and host', async () => {
    let state: { mode: string; tenantLabel: string | null; monitor: { kind: string } } | undefined;
    for (let i = 0; i < 150 && state?.monitor.kind !== 'live'; i++) {
      const r = (await (await invoke(commands.getAppState.channel, undefined)).json()) as { ok: boolean; value: typeof state };
      expect(r.ok).toBe(true);
      state = r.value;
      if (state?.monitor.kind !== 'live') await new Promise((res) => setTimeout(res, 100));
    }
    expect(state).toMatchObject({ mode: 'unconfigured', tenantLabel: 'Demo tenant', monitor: { kind: 'live' } });
    const part = (await (await invoke(commands.getRosterSnapshotPart.channel, { token: null, from: 0 })).json()) as { ok: boolean; value: { agents: unknown[]; total: number } };
    expect(part.value.agents.length).toBeGreaterThan(0);
    expect(part.value.agents).toHaveLength(part.value.total);
    // No command answers with every agent at once (one reply of 100,000 blocked main for ~400 ms).
    expect(await (await invoke('roster:get-snapshot', undefined)).json()).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    // The router's contract validation is in the path.
    expect(await (await invoke(commands.setPollingPaused.channel, { paused: 'yes' })).json()).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } });
    expect(await (await invoke('app:no-such-command', undefined)).json()).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });

    // Refused: no secret, a wrong one, another origin (a web page elsewhere), another Host (DNS rebinding).
    expect((await invoke(commands.getAppState.channel, undefined, { 'x-preview-client': CLIENT })).status).toBe(403);
    expect((await invoke(commands.getAppState.channel, undefined, { 'x-preview-secret': `${secret}x`, 'x-preview-client': CLIENT })).status).toBe(403);
    expect((await invoke(commands.getAppState.channel, undefined, { 'x-preview-secret': secret, 'x-preview-client': CLIENT, origin: 'https://evil.example' })).status).toBe(403);
    expect(await getWithHost(`/tray.html?k=${secret}`, 'evil.example')).toBe(421);
    expect(await getWithHost(`/tray.html?k=${secret}`, `localhost:${new URL(base).port}`)).toBe(421);
    expect((await fetch(`${base}/__preview/events?page=tray`, { headers: { 'x-preview-client': CLIENT } })).status).toBe(403);
  });

  it('streams the core\'s events to a page with the secret: subscribed first, then the contract\'s events', async () => {
    const abort = new AbortController();
    const response = await fetch(`${base}/__preview/events?page=tray`, { headers: { 'x-preview-secret': secret, 'x-preview-client': CLIENT }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const lines: { kind: string; channel?: string }[] = [];
    let buffered = '';
    // A refresh makes the core publish its state; bounded by the number of reads, not by time.
    await invoke(commands.refreshNow.channel, undefined);
    for (let i = 0; i < 200 && !lines.some((l) => l.kind === 'event'); i++) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      for (let n = buffered.indexOf('\n'); n >= 0; n = buffered.indexOf('\n')) {
        lines.push(JSON.parse(buffered.slice(0, n)));
        buffered = buffered.slice(n + 1);
      }
    }
    abort.abort();
    expect(lines[0]).toEqual({ kind: 'ready' });
    const channels = Object.values(events).map((e) => e.channel as string);
    expect(channels).toContain(lines.find((l) => l.kind === 'event')?.channel);
  });

  it('a port already taken (this preview\'s) or not a port: exit 1, no Open line, one sentence that says what to do; a bad value before any build', async () => {
    const taken = await anotherPreview({ CXONE_AGENT_TRAY_PREVIEW_PORT: new URL(base).port });
    expect(taken.code).toBe(1);
    expect(taken.stdout).toBe('');
    // It said only 'listen EADDRINUSE: address already in use 127.0.0.1:<port>'.
    expect(taken.stderr).toContain(
      `The browser preview failed to start: port ${new URL(base).port} on 127.0.0.1 is already in use (another preview still running?). Stop that one, or choose another port with CXONE_AGENT_TRAY_PREVIEW_PORT (0 or unset: any free port).\n`,
    );
    const bad = await anotherPreview({ CXONE_AGENT_TRAY_PREVIEW_PORT: 'abc' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('The browser preview failed to start: CXONE_AGENT_TRAY_PREVIEW_PORT must be a port number (0–65535).\n');
    // The running preview is untouched.
    expect((await fetch(`${base}/tray.html?k=${secret}`)).status).toBe(200);
  }, 200_000);

  it('binds 127.0.0.1 only, and Ctrl+C stops it cleanly: the preview says so, the port is closed', async () => {
    const port = new URL(base).port;
    await expect(fetch(`http://[::1]:${port}/`)).rejects.toThrow();
    const stopped = await preview.stop();
    expect(stopped.killed).toBe(false);
    // npm ends itself with the SIGINT it got (as in a terminal); the preview's own end is clean.
    expect(stopped.code === 0 || stopped.signal === 'SIGINT', JSON.stringify(stopped)).toBe(true);
    expect(preview.stderr()).toMatch(/Preview stopped\.\n$/);
    await expect(fetch(`${base}/tray.html?k=${secret}`)).rejects.toThrow();
  });
});
