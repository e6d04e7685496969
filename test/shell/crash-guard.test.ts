// Crashes leave a trace and the app keeps running where that is safe: the process-level handlers with a
// real EventEmitter standing in for `process`, and the renderer guard on windows made by the real
// window factory against the fake electron module (a mock of Electron only: no binary runs here).
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../main/log/file-logger';
import { installCrashGuard } from '../../main/shell/crash-guard';
import { createSecureWindow } from '../../main/shell/windows';
import { createPageLocator } from '../../main/shell/pages';
import { fake, type FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

beforeEach(() => fake.reset());

function logger() {
  const dir = mkdtempSync(join(tmpdir(), 'crash-guard-'));
  const log = createFileLogger({ dir, level: 'debug' });
  return { log, text: () => readFileSync(log.file, 'utf8') };
}

describe('process crash guard', () => {
  it('logs unhandled rejections and uncaught exceptions (redacted) and keeps running', () => {
    const proc = new EventEmitter();
    const { log, text } = logger();
    const exit = vi.fn();
    const off = installCrashGuard({ process: proc as never, logger: log, exit });
    proc.emit('unhandledRejection', new Error('refresh failed for Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'));
    proc.emit('uncaughtException', new TypeError('cannot read properties of undefined'));
    expect(exit).not.toHaveBeenCalled();
    const lines = text();
    expect(lines).toMatch(/ERROR app: unhandled promise rejection \(the app keeps running\).*refresh failed/);
    expect(lines).toMatch(/ERROR app: uncaught exception.*TypeError.*cannot read properties/);
    expect(lines).not.toMatch(/eyJhbGciOiJSUzI1NiJ9\.eyJzdWIiOiJ4In0/);
    off();
    expect(proc.listenerCount('unhandledRejection') + proc.listenerCount('uncaughtException')).toBe(0);
  });

  it('quits on a burst of uncaught exceptions, not before', () => {
    const proc = new EventEmitter();
    const { log, text } = logger();
    const exit = vi.fn();
    let t = 0;
    installCrashGuard({ process: proc as never, logger: log, exit, now: () => t });
    for (let i = 0; i < 5; i++) proc.emit('uncaughtException', new Error(`boom ${i}`));
    expect(exit).not.toHaveBeenCalled();
    t += 61_000; // a minute later the count starts over
    for (let i = 0; i < 5; i++) proc.emit('uncaughtException', new Error(`again ${i}`));
    expect(exit).not.toHaveBeenCalled();
    proc.emit('uncaughtException', new Error('one too many'));
    expect(exit).toHaveBeenCalledWith(1);
    expect(text()).toMatch(/uncaught exceptions within a minute; quitting/);
  });
});

describe('renderer crash guard (every window from the factory)', () => {
  const make = (log: ReturnType<typeof logger>['log']) =>
    createSecureWindow({ preloadPath: '/app/preload.cjs', pages: createPageLocator('/app/renderer', null), logger: log }, 'tray', {}).webContents as unknown as FakeWebContents;

  it('logs a crashed renderer and reloads it; a clean exit is left alone', () => {
    const { log, text } = logger();
    const contents = make(log);
    contents.simulateRenderProcessGone('crashed', 139);
    expect(fake.count('webContents.reload')).toBe(1);
    expect(text()).toMatch(/ERROR window: renderer gone; reloading it.*"reason":"crashed".*"exitCode":139/);
    contents.simulateRenderProcessGone('clean-exit', 0);
    expect(fake.count('webContents.reload')).toBe(1);
  });

  it('stops reloading a renderer that keeps crashing', () => {
    const { log, text } = logger();
    const contents = make(log);
    for (let i = 0; i < 6; i++) contents.simulateRenderProcessGone('oom');
    expect(fake.count('webContents.reload')).toBe(3);
    expect(text()).toMatch(/renderer keeps crashing; not reloading it again/);
  });

  it('a link the system browser refuses is logged, not an unhandled rejection', async () => {
    const { log, text } = logger();
    const contents = make(log);
    fake.options.openExternalFails = true;
    const unhandled: unknown[] = [];
    const onUnhandled = (r: unknown) => unhandled.push(r);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(contents.openHandler!({ url: 'https://developer.niceincontact.com/help' })).toEqual({ action: 'deny' });
      contents.simulateNavigate('https://developer.niceincontact.com/other');
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(text().match(/could not open the link in the browser/g)).toHaveLength(2);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
