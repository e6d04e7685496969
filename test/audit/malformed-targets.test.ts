// Request targets no URL can be made of, sent raw to every loopback server the app and its tests run
// (the demo tenant, the browser preview, its static files): `new URL()` throws on them, and a throw in
// a request listener ends the whole process. Each server answers 400 and goes on serving.
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import { startSimulatorServer } from '../../main/demo/server';
import { ContactCenterSimulator } from '../../main/demo/simulator';
import { createIpcRouter } from '../../main/ipc/router';
import { startPreviewServer } from '../../main/preview/preview-server';
import { serveStatic } from '../../main/preview/static-files';
import { requestUrl } from '../../main/net/request-target';
import { createTestPorts } from '../harness/core-ports';

/** Targets Node's HTTP parser lets through but `new URL(target, base)` refuses. */
const MALFORMED = ['http://[', 'http://', 'http://a:b:c/', 'https://[::1/x'];

function rawGet(origin: string, target: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(`GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`, 'latin1'));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${target} within 5 s`)));
  });
}

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('malformed request targets', () => {
  it('the targets are ones new URL() refuses (so the servers meet the throw they are guarded from)', () => {
    for (const t of MALFORMED) {
      expect(() => new URL(t, 'http://127.0.0.1:1')).toThrow();
      expect(requestUrl({ url: t }, 'http://127.0.0.1:1')).toBeNull();
    }
    expect(requestUrl({ url: '/a?b=1' }, 'http://127.0.0.1:1')?.href).toBe('http://127.0.0.1:1/a?b=1');
    expect(requestUrl({ url: undefined }, 'http://127.0.0.1:1')?.pathname).toBe('/');
  });

  it('the demo tenant answers 400, counts none in flight, records them, and goes on serving', async () => {
    const server = await startSimulatorServer({ simulator: new ContactCenterSimulator({ agents: 5, seed: 1 }) });
    cleanups.push(() => server.stop());
    for (const t of MALFORMED) expect(await rawGet(server.url, t)).toMatch(/^HTTP\/1\.1 400 /);
    expect(server.stats.inFlight).toBe(0);
    expect(server.requests.slice(-MALFORMED.length).map((r) => [r.path, r.status])).toEqual(MALFORMED.map((t) => [t, 400]));
    const ok = await fetch(`${server.apiBase}/agents/states`, { headers: { authorization: 'Bearer t' } });
    expect(ok.status).toBe(200);
  });

  it('the browser preview and the static file server answer 400 and go on serving', async () => {
    const ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 5, seed: 1 } } });
    cleanups.push(() => ports.cleanup());
    const core = createCore(ports);
    const preview = await startPreviewServer({ core, router: createIpcRouter(core.handlers, ports.logger), rendererDir: ports.dir, bridgeScript: '', logger: ports.logger });
    cleanups.push(() => preview.close());
    for (const t of MALFORMED) expect(await rawGet(preview.origin, t)).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${preview.origin}/__preview/bridge.js`)).status).not.toBe(400);

    const dir = mkdtempSync(join(tmpdir(), 'static-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'a.txt'), 'hello');
    const files = await serveStatic(dir);
    cleanups.push(() => files.close());
    for (const t of MALFORMED) expect(await rawGet(files.url, t)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await (await fetch(`${files.url}a.txt`)).text()).toBe('hello');
  });
});
