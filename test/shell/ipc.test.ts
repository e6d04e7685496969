// IPC registration against the fake electron module (no Electron binary runs here): every contract
// channel and nothing else, the sender check, payload validation and event forwarding.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { commands, events, type CommandName, type EventName } from '../../preload/contract';
import type { Core } from '../../main/core/types';
import type { CommandHandlers } from '../../main/ipc/router';
import { silentLogger } from '../../main/ports';
import { registerIpc } from '../../main/shell/ipc';
import { createPageLocator } from '../../main/shell/pages';
import { FakeWebContents, FakeWebFrame, fake, ipcMain } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const RENDERER = '/opt/app/out/renderer';
const trayUrl = pathToFileURL(join(RENDERER, 'tray.html')).href;

function setup(dev: string | null = null, otherWindows: FakeWebContents[] = []) {
  const received: { name: CommandName; payload: unknown }[] = [];
  const handlers = Object.fromEntries(
    (Object.keys(commands) as CommandName[]).map((name) => [
      name,
      (payload: unknown) => {
        received.push({ name, payload });
        return { ok: true };
      },
    ]),
  ) as unknown as CommandHandlers;
  const listeners = new Map<string, (payload: unknown) => void>();
  const core: Pick<Core, 'handlers' | 'onEvent'> = {
    handlers,
    onEvent: ((name: EventName, listener: (payload: unknown) => void) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    }) as Core['onEvent'],
  };
  const own = new FakeWebContents();
  own.mainFrame.url = trayUrl;
  const bridge = registerIpc({
    core,
    logger: silentLogger,
    senders: { pages: createPageLocator(RENDERER, dev), isAppWindow: (c) => (c as unknown) === own },
    windows: () => [...otherWindows, own] as never[],
  });
  return { received, listeners, own, bridge };
}

beforeEach(() => fake.reset());

describe('registerIpc', () => {
  it('registers a handler for every contract channel and no other', () => {
    setup();
    const expected = Object.values(commands).map((c) => c.channel).sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
  });

  it('an unknown channel reaches no handler', async () => {
    setup();
    await expect(ipcMain.invoke('fs:read-file', { contents: new FakeWebContents(), frame: new FakeWebFrame() }, {})).rejects.toThrow(/No handler/);
  });

  it('answers the app\'s own page and passes the validated payload to the core', async () => {
    const { received, own } = setup();
    const r = await ipcMain.invoke(commands.setPollingPaused.channel, { contents: own, frame: own.mainFrame }, { paused: true });
    expect(r).toEqual({ ok: true, value: { ok: true } });
    expect(received).toEqual([{ name: 'setPollingPaused', payload: { paused: true } }]);
  });

  it('refuses foreign senders: another window, a subframe, a page that navigated away, no frame', async () => {
    const { received, own } = setup();
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = trayUrl;
    const iframe = new FakeWebFrame();
    iframe.url = trayUrl;
    iframe.parent = own.mainFrame;
    const elsewhere = new FakeWebContents();
    elsewhere.mainFrame.url = 'https://evil.example/tray.html';
    const ownElsewhere = Object.assign(new FakeWebFrame(), { url: 'file:///tmp/tray.html' });

    const attempts = [
      { contents: stranger, frame: stranger.mainFrame },
      { contents: own, frame: iframe },
      { contents: own, frame: ownElsewhere },
      { contents: own, frame: null },
    ];
    for (const sender of attempts) {
      const r = await ipcMain.invoke(commands.refreshNow.channel, sender, undefined);
      expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    }
    expect(received).toEqual([]);
  });

  it('answers an invalid payload with a sentence instead of calling the core', async () => {
    const { received, own } = setup();
    const r = await ipcMain.invoke(commands.setPollingPaused.channel, { contents: own, frame: own.mainFrame }, { paused: 'yes' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } });
    expect((r as { error: { message: string } }).error.message).toContain('paused');
    expect(received).toEqual([]);
  });

  it('trusts the dev server origin only in development', async () => {
    const { own } = setup('http://localhost:5173/');
    own.mainFrame.url = 'http://localhost:5173/tray.html';
    expect(await ipcMain.invoke(commands.refreshNow.channel, { contents: own, frame: own.mainFrame }, undefined)).toMatchObject({ ok: true });
    own.mainFrame.url = trayUrl;
    expect(await ipcMain.invoke(commands.refreshNow.channel, { contents: own, frame: own.mainFrame }, undefined)).toMatchObject({ ok: false });
  });

  it('trusts a dev server only on loopback: any other host in that variable leaves the built pages trusted', async () => {
    for (const dev of ['http://evil.example:5173/', 'https://localhost:5173/']) {
      fake.reset();
      const { own, received } = setup(dev);
      own.mainFrame.url = new URL('/tray.html', dev).href;
      expect(await ipcMain.invoke(commands.refreshNow.channel, { contents: own, frame: own.mainFrame }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
      expect(received).toEqual([]);
      own.mainFrame.url = trayUrl;
      expect(await ipcMain.invoke(commands.refreshNow.channel, { contents: own, frame: own.mainFrame }, undefined)).toMatchObject({ ok: true });
    }
  });

  it('forwards core events to the app windows on the contract channel, and stops on dispose', () => {
    const { listeners, own, bridge } = setup();
    expect([...listeners.keys()].sort()).toEqual(Object.keys(events).sort());
    listeners.get('focusAgent')!({ agentId: 7 });
    expect(own.sent).toEqual([[events.focusAgent.channel, { agentId: 7 }]]);
    bridge.dispose();
    expect(listeners.size).toBe(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('skips a window whose contents are already destroyed (closing, crashed) and still reaches the others', () => {
    const closing = new FakeWebContents();
    closing.destroyed = true;
    const { listeners, own } = setup(null, [closing]);
    expect(() => listeners.get('focusAgent')!({ agentId: 7 })).not.toThrow();
    expect(own.sent).toEqual([[events.focusAgent.channel, { agentId: 7 }]]);
  });
});
