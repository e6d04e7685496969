// The browser preview keeps its settings and logs in a folder of its own, never the app's, and a sign-in
// in memory only (the app's keychain entry is never touched); its windows are the browser pages.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserPages } from '../../main/preview/browser-pages';
import { previewDir, previewPorts } from '../../main/preview/preview-ports';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('previewDir', () => {
  it('CXONE_AGENT_TRAY_PREVIEW_DIR wins on every platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) expect(previewDir({ CXONE_AGENT_TRAY_PREVIEW_DIR: '/chosen', APPDATA: '/ad', XDG_CONFIG_HOME: '/xdg' }, platform, '/home/u')).toBe('/chosen');
  });

  it('otherwise a folder of its own beside where each platform keeps application data', () => {
    expect(previewDir({ APPDATA: '/ad' }, 'win32', '/home/u')).toBe(join('/ad', 'cxone-agent-tray-preview'));
    expect(previewDir({}, 'win32', '/home/u')).toBe(join('/home/u', 'AppData', 'Roaming', 'cxone-agent-tray-preview'));
    expect(previewDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/home/u')).toBe(join('/home/u', 'Library', 'Application Support', 'cxone-agent-tray-preview'));
    expect(previewDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe(join('/xdg', 'cxone-agent-tray-preview'));
    expect(previewDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'cxone-agent-tray-preview'));
  });
});

describe('previewPorts', () => {
  it('settings and logs in the given folder, a memory-only secret store, the pages as windows, and the real fetch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-ports-'));
    dirs.push(dir);
    const pages = new BrowserPages();
    const ports = previewPorts(dir, pages);
    expect(ports.paths).toEqual({ settings: join(dir, 'settings.json'), logs: join(dir, 'logs') });
    expect(ports.ui).toBe(pages.ui);
    expect(ports.opener).toBe(pages.opener);
    expect(ports.notifier).toBe(pages.notifier);

    expect(ports.settings.save({ ...ports.settings.get(), mode: 'demo' })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ mode: 'demo' });
    ports.logger.info('preview ports test line');
    expect(existsSync(join(dir, 'logs'))).toBe(true);

    const first = await ports.openSecretStore();
    expect(first.warning).toBeNull();
    expect(first.store.kind).toBe('memory');
    await first.store.set('account', 'token');
    // The same store every time it is opened: a sign-in lasts as long as the preview.
    expect(await (await ports.openSecretStore()).store.get('account')).toBe('token');

    const server = createServer((_req, res) => res.end('fetched'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await (await ports.fetch(`http://127.0.0.1:${port}/`, { method: 'GET' })).text()).toBe('fetched');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(ports.clock.now()).toBeGreaterThan(0);
  });
});
