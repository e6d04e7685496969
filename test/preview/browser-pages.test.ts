// The preview's stand-in for the shell's windows, in process: a real core (demo tenant over HTTP) behind
// the preview server, pages connected as real event streams over loopback. A window the core opens comes
// to the page that asked — or, when that window is already open, that page is brought forward and
// switched to the asked section, as the app does with its windows.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/app';
import { createIpcRouter } from '../../main/ipc/router';
import { BrowserPages } from '../../main/preview/browser-pages';
import { startPreviewServer, type PreviewServer } from '../../main/preview/preview-server';
import type { StreamMessage } from '../../main/preview/protocol';
import { commands, events } from '../../preload/contract';
import { createTestPorts, type TestPorts } from '../harness/core-ports';

let server: PreviewServer | null = null;
let ports: TestPorts | null = null;
const aborts: AbortController[] = [];

afterEach(async () => {
  aborts.splice(0).forEach((a) => a.abort());
  await server?.close();
  ports?.cleanup();
  server = null;
  ports = null;
});

async function start(): Promise<{ server: PreviewServer; secret: string }> {
  const pages = new BrowserPages();
  ports = createTestPorts({ settings: { mode: 'demo', demo: { agents: 5, seed: 1 } } });
  // The preview's window actions instead of the test ports' recorder.
  ports.ui = pages.ui;
  const core = createCore(ports);
  server = await startPreviewServer({ core, router: createIpcRouter(core.handlers, ports.logger), rendererDir: ports.dir, bridgeScript: '', logger: ports.logger, pages });
  return { server, secret: new URL(server.pageUrl('tray')).searchParams.get('k')! };
}

/** A page's event stream: `next(kind)` reads until a message of that kind arrives (bounded by reads). */
async function connect(base: string, secret: string, client: string, page: 'tray' | 'settings') {
  const abort = new AbortController();
  aborts.push(abort);
  const response = await fetch(`${base}/__preview/events?page=${page}`, { headers: { 'x-preview-secret': secret, 'x-preview-client': client }, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const queue: StreamMessage[] = [];
  let buffered = '';
  return {
    async next(kind: StreamMessage['kind']): Promise<StreamMessage> {
      for (let reads = 0; reads < 100; reads++) {
        const i = queue.findIndex((m) => m.kind === kind);
        if (i >= 0) return queue.splice(i, 1)[0]!;
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        for (let n = buffered.indexOf('\n'); n >= 0; n = buffered.indexOf('\n')) {
          queue.push(JSON.parse(buffered.slice(0, n)) as StreamMessage);
          buffered = buffered.slice(n + 1);
        }
      }
      throw new Error(`no ${kind} message`);
    },
    queued: () => queue,
  };
}

function invoke(base: string, secret: string, client: string, channel: string, payload: unknown) {
  return fetch(`${base}/__preview/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-preview-secret': secret, 'x-preview-client': client },
    body: JSON.stringify({ channel, payload }),
  }).then((r) => r.json() as Promise<{ ok: boolean }>);
}

describe('the preview\'s windows', () => {
  it('a window that is not open yet opens beside the page that asked, at the asked section', async () => {
    const { server, secret } = await start();
    const tray = await connect(server.origin, secret, 'tray-client-1', 'tray');
    const other = await connect(server.origin, secret, 'tray-client-2', 'tray');
    await tray.next('ready');
    await other.next('ready');
    expect(await invoke(server.origin, secret, 'tray-client-1', commands.openWindow.channel, { window: 'diagnostics' })).toMatchObject({ ok: true });
    expect(await tray.next('open')).toEqual({ kind: 'open', page: 'settings', hash: 'diagnostics' });
    expect(other.queued().some((m) => m.kind === 'open')).toBe(false);
  });

  it('an open settings page is brought forward and switched to the section, not opened twice', async () => {
    const { server, secret } = await start();
    const tray = await connect(server.origin, secret, 'tray-client-1', 'tray');
    const settings = await connect(server.origin, secret, 'settings-client', 'settings');
    await tray.next('ready');
    await settings.next('ready');
    await invoke(server.origin, secret, 'tray-client-1', commands.openWindow.channel, { window: 'notifications' });
    expect(await settings.next('event')).toEqual({ kind: 'event', channel: events.showSection.channel, payload: { section: 'notifications' } });
    expect(await settings.next('focus')).toEqual({ kind: 'focus' });
    expect(tray.queued().some((m) => m.kind === 'open')).toBe(false);
  });

  it('copy and allowed https links go to the page that asked; a non-https link is refused', async () => {
    const { server, secret } = await start();
    const tray = await connect(server.origin, secret, 'tray-client-1', 'tray');
    await tray.next('ready');
    await invoke(server.origin, secret, 'tray-client-1', commands.copyText.channel, { text: 'copied words' });
    expect(await tray.next('copy')).toEqual({ kind: 'copy', text: 'copied words' });
    await invoke(server.origin, secret, 'tray-client-1', commands.openExternal.channel, { url: 'https://developer.niceincontact.com/help' });
    expect(await tray.next('external')).toEqual({ kind: 'external', url: 'https://developer.niceincontact.com/help' });
    expect(await invoke(server.origin, secret, 'tray-client-1', commands.openExternal.channel, { url: 'http://example.com/' })).toMatchObject({ ok: false });
  });
});

describe('the preview\'s notifications and sign-in page', () => {
  it('a notification shows on one page, not on every open tab; the sign-in page opens beside the page that asked last', async () => {
    const { server, secret } = await start();
    const first = await connect(server.origin, secret, 'tray-client-1', 'tray');
    await first.next('ready');
    const second = await connect(server.origin, secret, 'settings-client', 'settings');
    await second.next('ready');
    server.pages.notifier.show({ title: 'Agent available', body: 'Ann is available' });
    expect(await first.next('notify')).toEqual({ kind: 'notify', title: 'Agent available', body: 'Ann is available' });
    // No command yet: the page opened last is the one that asks.
    await server.pages.opener.openExternal('https://login.example/authorize');
    expect(await second.next('external')).toEqual({ kind: 'external', url: 'https://login.example/authorize' });
    await invoke(server.origin, secret, 'tray-client-1', commands.copyText.channel, { text: 'x' });
    await server.pages.opener.openExternal('https://login.example/again');
    expect(await first.next('external')).toEqual({ kind: 'external', url: 'https://login.example/again' });
    expect(second.queued().some((m) => m.kind === 'notify')).toBe(false);
    expect(first.queued().filter((m) => m.kind === 'external')).toEqual([]);
  });
});
