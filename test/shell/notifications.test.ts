// The Notifier adapter against the fake electron module (no Electron binary runs here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/ports';
import { APP_ID } from '../../main/shell/app-id';
import { createElectronNotifier, registerAppUserModelId } from '../../main/shell/notifications';
import { fake, Notification } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

beforeEach(() => fake.reset());

describe('createElectronNotifier', () => {
  it('shows an OS notification with title and body; a click reports the agent', () => {
    const clicked: (number | undefined)[] = [];
    const notifier = createElectronNotifier({ logger: silentLogger, onClick: (id) => clicked.push(id) });
    notifier.show({ title: 'Ana Silva is on Break', body: 'Unavailable · Break', agentId: 42 });
    notifier.show({ title: '5 agents changed', body: '3 on Break' });
    expect(fake.notifications.map((n) => n.options)).toEqual([
      { title: 'Ana Silva is on Break', body: 'Unavailable · Break', silent: false },
      { title: '5 agents changed', body: '3 on Break', silent: false },
    ]);
    fake.notifications[0]!.emit('click');
    fake.notifications[1]!.emit('click');
    expect(clicked).toEqual([42, undefined]);
  });

  it('logs a notification the system failed to show (Windows: no permission, no app id)', () => {
    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const notifier = createElectronNotifier({ logger: { ...silentLogger, warn: (m, d) => void warnings.push([m, d]) }, onClick: () => {} });
    notifier.show({ title: 't', body: 'b' });
    fake.notifications[0]!.emit('failed', {}, 'Notifications are turned off for this app');
    expect(warnings).toEqual([['notifications: failed', { error: 'Notifications are turned off for this app' }]]);
  });

  it("keeps a bounded number of notifications alive for their clicks, since Electron does not promise a 'close' for each", () => {
    const clicked: (number | undefined)[] = [];
    const notifier = createElectronNotifier({ logger: silentLogger, onClick: (id) => clicked.push(id) });
    // A day of notifications on macOS: each banner times out into Notification Center with no 'close'.
    for (let agentId = 1; agentId <= 1000; agentId++) {
      notifier.show({ title: `Agent ${agentId} is on Break`, body: 'Unavailable · Break', agentId });
      fake.notifications.at(-1)!.simulateTimeout();
    }
    expect(notifier.kept()).toBeLessThanOrEqual(100);
    // The most recent ones still answer a click (from Notification Center, later).
    fake.notifications.at(-1)!.emit('click');
    expect(clicked).toEqual([1000]);
    expect(notifier.kept()).toBeLessThan(100);
  });

  it('does nothing (and does not throw) where notifications are unsupported', () => {
    Notification.supported = false;
    const warnings: string[] = [];
    const notifier = createElectronNotifier({ logger: { ...silentLogger, warn: (m) => warnings.push(m) }, onClick: () => {} });
    notifier.show({ title: 't', body: 'b' });
    expect(fake.notifications).toHaveLength(0);
    expect(warnings).toHaveLength(1);
  });
});

describe('AppUserModelID', () => {
  it('is set to the appId on Windows only', () => {
    registerAppUserModelId('linux');
    registerAppUserModelId('darwin');
    expect(fake.count('app.setAppUserModelId')).toBe(0);
    registerAppUserModelId('win32');
    expect(fake.calls.find((c) => c.api === 'app.setAppUserModelId')?.args).toEqual([APP_ID]);
  });

  it('equals the appId in electron-builder.yml', () => {
    const yml = readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8');
    const appId = /^appId:\s*(\S+)\s*$/m.exec(yml)?.[1];
    expect(appId).toBe(APP_ID);
  });
});
