// The browser preview's server in process, on 127.0.0.1, over a small renderer folder of its own: what
// another web page in the same browser (or a DNS-rebinding one) could try — no secret, a near one, a
// foreign Host or Origin, a path out of the folder in every spelling, a page under another name, a huge
// body — is refused; the answers carry the headers that keep a browser from sniffing or framing them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import { createIpcRouter } from '../../main/ipc/router';
import { MAX_BODY_BYTES, previewHtml, startPreviewServer, type PreviewServer } from '../../main/preview/preview-server';
import { contentType, resolveStaticFile, serveStatic } from '../../main/preview/static-files';
import { commands, events } from '../../preload/contract';
import { createTestPorts, type TestPorts } from '../harness/core-ports';

const PAGE = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'none'" />
<script type="module" src="./assets/app.js"></script><script src="./assets/second.js"></script>
</head><body></body></html>`;
const OUTSIDE = 'the contents of a file outside the renderer';
const BRIDGE = '/* the page bridge */';

let tmp: string;
let renderer: string;
let ports: TestPorts;
let server: PreviewServer;
let secret: string;
let port: string;
const commandsSeen: string[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'preview-server-'));
  renderer = join(tmp, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'tray.html'), PAGE);
  writeFileSync(join(renderer, 'settings.html'), PAGE);
  // A page whose CSP the preview cannot adapt: serving it throws inside the request handler.
  writeFileSync(join(renderer, 'broken.html'), '<html><script></script></html>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(renderer, 'assets', 'app.css'), 'body {}');
  writeFileSync(join(renderer, 'assets', 'notes.txt'), 'not an asset the pages load');
  writeFileSync(join(tmp, 'outside.txt'), OUTSIDE);
  writeFileSync(join(tmp, 'outside.js'), OUTSIDE);
  // A sibling folder whose name starts with the renderer's.
  mkdirSync(join(tmp, 'renderer-evil'));
  writeFileSync(join(tmp, 'renderer-evil', 'x.js'), OUTSIDE);
  symlinkSync(join(tmp, 'outside.js'), join(renderer, 'assets', 'link.js'));
  symlinkSync(tmp, join(renderer, 'up'));

  ports = createTestPorts();
  const core = createCore(ports);
  server = await startPreviewServer({
    core,
    router: createIpcRouter(core.handlers, ports.logger),
    rendererDir: renderer,
    bridgeScript: BRIDGE,
    logger: ports.logger,
    onCommand: (channel) => commandsSeen.push(channel),
  });
  const url = new URL(server.pageUrl('tray'));
  secret = url.searchParams.get('k')!;
  port = url.port;
});

afterAll(async () => {
  await server?.close();
  ports?.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request sent as written (no client normalises its target, Host or body); HTTP/1.0, so the body comes unchunked. */
function raw(target: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...opts.headers };
  if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
  const head = `${opts.method ?? 'GET'} ${target} HTTP/1.0\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve, reject) => {
    // Not half-closed: the server would drop an answer still being streamed; it closes (HTTP/1.0).
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head + (opts.body ?? ''), 'latin1'));
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [top = '', ...rest] = text.split('\r\n\r\n');
      const [status = '', ...lines] = top.split('\r\n');
      const parsed = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(status.split(' ')[1]), headers: parsed, body: rest.join('\r\n\r\n') });
    });
  });
}

const api = (extra: Record<string, string> = {}) => ({ 'x-preview-secret': secret, 'x-preview-client': 'client-0001', 'content-type': 'application/json', ...extra });

describe('the preview server', () => {
  it('serves a page only with the secret: none, empty, one character off, or one too many is 403', async () => {
    expect((await raw(`/tray.html?k=${secret}`)).status).toBe(200);
    expect((await raw(`/settings.html?k=${secret}`)).status).toBe(200);
    const near = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const q of ['', '?k=', `?k=${near}`, `?k=${secret}x`, `?k=${secret.slice(0, -1)}`, `?secret=${secret}`]) {
      const answer = await raw(`/tray.html${q}`);
      expect(answer.status, q).toBe(403);
      expect(answer.body).toContain('npm run preview:browser');
    }
    // A page that does not exist says so only to who has the secret.
    expect((await raw('/nope.html')).status).toBe(403);
    expect(await raw(`/nope.html?k=${secret}`)).toMatchObject({ status: 404, body: 'No such page.\n' });
    expect((await raw(`/tray.html?k=${secret}`, { method: 'POST', body: '' })).status).toBe(404);
  });

  it('a page under another spelling of its name is not served without the secret (it would skip the page\'s gate and headers)', async () => {
    for (const target of ['/tray.htm%6C', '/tray%2Ehtml', '/%74ray.htm%6c', '/tray.html%00', '/tray.html/', '/tray.html%2F']) {
      const answer = await raw(target);
      expect(answer.status, target).not.toBe(200);
      expect(answer.body, target).not.toContain('Content-Security-Policy');
    }
  });

  it('a page: no-store, no Referer, never framed or sniffed; the bridge before the first script, connect-src only to itself', async () => {
    const answer = await raw(`/tray.html?k=${secret}`);
    expect(answer.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    });
    expect(answer.body).toBe(previewHtml(PAGE));
    expect(answer.body).toContain(`connect-src 'self'"`);
    expect(answer.body.indexOf('<script src="/__preview/bridge.js"></script>\n    <script type="module"')).toBeGreaterThan(0);
    expect(answer.body.match(/bridge\.js/g)).toHaveLength(1);
  });

  it('previewHtml refuses a page whose CSP it cannot adapt, rather than serve it unable to reach the core', () => {
    expect(() => previewHtml('<html><script></script></html>')).toThrow(/connect-src 'none'/);
  });

  it('a request that fails inside is a 500 and a log line, and the server goes on serving', async () => {
    const answer = await raw(`/broken.html?k=${secret}`);
    expect(answer.status).toBe(500);
    expect(answer.body).toBe('The preview failed to answer.\n');
    expect(readFileSync(ports.logFile, 'utf8')).toMatch(/preview: request failed.*connect-src 'none'/);
    expect((await raw(`/tray.html?k=${secret}`)).status).toBe(200);
  });

  it('every path, even a public file, is refused to another Host (DNS rebinding) or Origin', async () => {
    for (const target of [`/tray.html?k=${secret}`, '/assets/app.js', '/__preview/bridge.js', '/__preview/invoke']) {
      for (const host of ['evil.example', `localhost:${port}`, `127.0.0.1:${Number(port) + 1}`, `127.0.0.1`, `evil.example:${port}`]) {
        const answer = await raw(target, { headers: { host, ...api() } });
        expect(answer.status, `${target} ${host}`).toBe(421);
        expect(answer.body).toBe('Wrong host.\n');
      }
      for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${port}.evil.example`, `http://localhost:${port}`]) {
        expect(await raw(target, { headers: { origin, ...api() } }), `${target} ${origin}`).toMatchObject({ status: 403, body: 'Foreign origin.\n' });
      }
    }
    expect((await raw('/assets/app.js', { headers: { origin: server.origin } })).status).toBe(200);
  });

  it('the renderer\'s scripts and styles are public, typed, unsniffable and uncached; the bridge script too', async () => {
    const js = await raw('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.body).toBe('export {};');
    expect(js.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect((await raw('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const bridge = await raw('/__preview/bridge.js');
    expect(bridge.body).toBe(BRIDGE);
    expect(bridge.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect((await raw('/assets/app.js', { method: 'POST', body: '' })).status).toBe(404);
    expect((await raw('/assets')).status).toBe(404);
    expect((await raw('/')).status).toBe(404);
    // A file of a kind the pages never load is not served either.
    expect((await raw('/assets/notes.txt')).status).toBe(404);
  });

  it('nothing outside the renderer folder, in any spelling of the way out', async () => {
    const absolute = join(tmp, 'outside.js');
    const targets = [
      '/../outside.js',
      '/assets/../../outside.js',
      '/%2e%2e/outside.js',
      '/%2E%2E%2Foutside.js',
      '/..%2foutside.js',
      '/assets%2f..%2f..%2foutside.js',
      '/..%5coutside.js',
      '/..\\outside.js',
      '/assets\\..\\..\\outside.js',
      '/%252e%252e/outside.js',
      `/${encodeURIComponent(absolute)}`,
      `/${absolute}`,
      `//${absolute}`,
      '/../renderer-evil/x.js',
      '/..%2frenderer-evil%2fx.js',
      // Symbolic links inside the folder that lead out of it.
      '/assets/link.js',
      '/up/outside.js',
      '/up/renderer-evil/x.js',
      '/assets/app.js%00',
    ];
    for (const target of targets) {
      const answer = await raw(target);
      expect([400, 404], `${target} → ${answer.status}`).toContain(answer.status);
      expect(answer.body, target).not.toContain(OUTSIDE);
    }
    expect((await raw('/assets/app.js')).status).toBe(200);
    // A target no URL can be made of (the full set: test/audit/malformed-targets.test.ts).
    expect(await raw('http://[')).toMatchObject({ status: 400, body: 'Malformed request target.\n' });
  });

  it('the API wants the secret in its header (compared whole), then a client id, then the right method', async () => {
    const body = JSON.stringify({ channel: commands.getAppState.channel });
    const near = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const s of [undefined, '', near, `${secret}x`, secret.slice(1)]) {
      const headers = api();
      if (s === undefined) delete (headers as Partial<typeof headers>)['x-preview-secret'];
      else headers['x-preview-secret'] = s;
      expect(await raw('/__preview/invoke', { method: 'POST', headers, body }), String(s)).toMatchObject({ status: 403, body: 'This preview needs its per-run secret.\n' });
      expect((await raw('/__preview/events?page=tray', { headers })).status, String(s)).toBe(403);
    }
    // The secret in the query is for pages only.
    expect((await raw(`/__preview/invoke?k=${secret}`, { method: 'POST', headers: { 'x-preview-client': 'client-0001' }, body })).status).toBe(403);
    for (const client of [undefined, 'short', 'has space in it', 'x'.repeat(65)]) {
      const headers = api();
      if (client === undefined) delete (headers as Partial<typeof headers>)['x-preview-client'];
      else headers['x-preview-client'] = client;
      const answer = await raw('/__preview/invoke', { method: 'POST', headers, body });
      expect(answer.status, String(client)).toBe(400);
      expect(answer.body).toBe('Missing client id.\n');
    }
    const get = await raw('/__preview/invoke', { headers: api() });
    expect(get).toMatchObject({ status: 405, body: 'POST only.\n' });
    expect(get.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    for (const [method, target] of [['POST', '/__preview/events?page=tray'], ['GET', '/__preview/events?page=other'], ['GET', '/__preview/events']] as const) {
      expect(await raw(target, { method, headers: api(), body: '' }), `${method} ${target}`).toMatchObject({ status: 400, body: 'Malformed event stream request.\n' });
    }
  });

  it('a command is validated (zod) before the router: not JSON, no channel, an empty or overlong one is 400 and never routed', async () => {
    const before = commandsSeen.length;
    for (const body of ['', 'not json', '[]', '{}', '{"channel":""}', JSON.stringify({ channel: 'c'.repeat(101) }), '{"channel":5}']) {
      const answer = await raw('/__preview/invoke', { method: 'POST', headers: api(), body });
      expect(answer.status, body).toBe(400);
      expect(answer.body).toBe('Malformed command.\n');
    }
    expect(commandsSeen.length).toBe(before);
    const ok = await raw('/__preview/invoke', { method: 'POST', headers: api(), body: JSON.stringify({ channel: commands.getAppState.channel }) });
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { mode: 'unconfigured' } });
    expect(commandsSeen.at(-1)).toBe(commands.getAppState.channel);
    // The router's own contract check stays in the path.
    const bad = await raw('/__preview/invoke', { method: 'POST', headers: api(), body: JSON.stringify({ channel: commands.setPollingPaused.channel, payload: { paused: 'yes' } }) });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } });
  });

  it('a command body is bounded: MAX_BODY_BYTES is read, one byte more is refused unrouted, and the server goes on', async () => {
    const sized = (n: number) => {
      const shell = JSON.stringify({ channel: 'app:no-such-command', payload: '' });
      return JSON.stringify({ channel: 'app:no-such-command', payload: 'a'.repeat(n - shell.length) });
    };
    expect(Buffer.byteLength(sized(MAX_BODY_BYTES))).toBe(MAX_BODY_BYTES);
    const atLimit = await raw('/__preview/invoke', { method: 'POST', headers: api(), body: sized(MAX_BODY_BYTES) });
    expect(JSON.parse(atLimit.body)).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    const before = commandsSeen.length;
    const over = await raw('/__preview/invoke', { method: 'POST', headers: api(), body: sized(MAX_BODY_BYTES + 1) }).catch(() => null);
    // Refused, or the connection cut while the client still sends: either way never routed.
    if (over) expect(over.status).toBe(400);
    expect(commandsSeen.length).toBe(before);
    expect((await raw('/assets/app.js')).status).toBe(200);
  });

  it('pageUrl: the page with the secret, and the hash only when one is given', () => {
    expect(server.pageUrl('settings', 'diagnostics')).toBe(`${server.origin}/settings.html?k=${secret}#diagnostics`);
    expect(server.pageUrl('tray')).toBe(`${server.origin}/tray.html?k=${secret}`);
    expect(server.origin).toBe(`http://127.0.0.1:${port}`);
    expect(secret).toMatch(/^[\w-]{32}$/);
  });
});

describe('resolveStaticFile', () => {
  it('a file inside, with or without a trailing separator on the root; null for a folder, a missing file or a malformed escape', () => {
    expect(resolveStaticFile(renderer, '/assets/app.js')).toBe(join(renderer, 'assets', 'app.js'));
    expect(resolveStaticFile(`${renderer}/`, '/assets/app%2Ejs')).toBe(join(renderer, 'assets', 'app.js'));
    expect(resolveStaticFile(renderer, '/assets')).toBeNull();
    expect(resolveStaticFile(renderer, '/assets/none.js')).toBeNull();
    expect(resolveStaticFile(renderer, '/assets/%E0%A4%A')).toBeNull();
    expect(resolveStaticFile(renderer, '/assets/link.js')).toBeNull();
  });

  it('with extensions, only files of those kinds, judged on the decoded name', () => {
    const js = new Set(['.js']);
    expect(resolveStaticFile(renderer, '/assets/app.js', js)).toBe(join(renderer, 'assets', 'app.js'));
    expect(resolveStaticFile(renderer, '/assets/app.css', js)).toBeNull();
    expect(resolveStaticFile(renderer, '/tray.htm%6C', new Set(['.js', '.css']))).toBeNull();
    expect(resolveStaticFile(renderer, '/tray.htm%6C')).toBe(join(renderer, 'tray.html'));
  });

  it('serveStatic (the renderer benchmark\'s): the folder\'s files on 127.0.0.1 only, unsniffable, until closed', async () => {
    const files = await serveStatic(renderer);
    const { port: filesPort } = new URL(files.url);
    try {
      expect(files.url).toBe(`http://127.0.0.1:${filesPort}/`);
      const js = await fetch(`${files.url}assets/app.js`);
      expect(js.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await js.text()).toBe('export {};');
      expect((await fetch(`${files.url}assets/link.js`)).status).toBe(404);
      await expect(fetch(`http://[::1]:${filesPort}/assets/app.js`)).rejects.toThrow();
    } finally {
      await files.close();
    }
    await expect(fetch(`${files.url}assets/app.js`)).rejects.toThrow();
  });

  it('contentType: by extension, anything else as bytes', () => {
    expect(contentType('a.html')).toBe('text/html; charset=utf-8');
    expect(contentType('a.svg')).toBe('image/svg+xml');
    expect(contentType('a.png')).toBe('image/png');
    expect(contentType('a.json')).toBe('application/json');
    expect(contentType('a.woff2')).toBe('font/woff2');
    expect(contentType('a.exe')).toBe('application/octet-stream');
  });
});

describe('the preview server\'s event streams', () => {
  it('a page\'s stream: ndjson, unsniffable, ready first, then the core\'s events; close() ends it and the port', async () => {
    const own = createTestPorts();
    const core = createCore(own);
    const preview = await startPreviewServer({ core, router: createIpcRouter(core.handlers, own.logger), rendererDir: renderer, bridgeScript: '', logger: own.logger });
    try {
      const k = new URL(preview.pageUrl('tray')).searchParams.get('k')!;
      const headers = { 'x-preview-secret': k, 'x-preview-client': 'stream-client-1' };
      const response = await fetch(`${preview.origin}/__preview/events?page=tray`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(preview.pages.count).toBe(1);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      const lines = () => text.split('\n').slice(0, -1).map((l) => JSON.parse(l) as { kind: string; channel?: string });
      await fetch(`${preview.origin}/__preview/invoke`, { method: 'POST', headers, body: JSON.stringify({ channel: commands.setPollingPaused.channel, payload: { paused: true } }) });
      // Bounded by reads, not time: the stream ends at close() at the latest.
      for (let reads = 0; reads < 100 && !lines().some((l) => l.kind === 'event'); reads++) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      expect(lines()[0]).toEqual({ kind: 'ready' });
      expect(lines().find((l) => l.kind === 'event')?.channel).toBe(events.appState.channel);
      await preview.close();
      for (let reads = 0; reads < 100; reads++) if ((await reader.read()).done) break;
      expect(preview.pages.count).toBe(0);
      await expect(fetch(`${preview.origin}/assets/app.js`)).rejects.toThrow();
    } finally {
      await preview.close();
      own.cleanup();
    }
  });
});

describe('the preview server\'s port', () => {
  it('a port already taken is an error at start, not a server that never answers; it listens on 127.0.0.1 only', async () => {
    const own = createTestPorts();
    const core = createCore(own);
    try {
      await expect(startPreviewServer({ core, router: createIpcRouter(core.handlers, own.logger), rendererDir: renderer, bridgeScript: '', logger: own.logger, port: Number(port) })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      own.cleanup();
    }
    await expect(fetch(`http://[::1]:${port}/assets/app.js`)).rejects.toThrow();
  });
});
