// Autostart: the Linux XDG .desktop file is real file logic in a temp folder; macOS/Windows go to the
// login-items function handed in (Electron's app.setLoginItemSettings in the app). No electron import.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/ports';
import { APP_ID } from '../../main/shell/app-id';
import {
  applyAutostart,
  AUTOSTART_FILE_NAME,
  autostartExecutable,
  desktopEntry,
  isLinuxAutostartEnabled,
  quoteExecArg,
  xdgAutostartDir,
} from '../../main/shell/autostart';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'autostart-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Linux XDG autostart', () => {
  it('writes and removes $XDG_CONFIG_HOME/autostart/<appId>.desktop', () => {
    const config = temp();
    const env = { XDG_CONFIG_HOME: config };
    const deps = { platform: 'linux' as const, env, execPath: '/opt/CXone Agent Tray/cxone-agent-tray', setLoginItemSettings: () => { throw new Error('not on Linux'); }, logger: silentLogger };
    const dir = join(config, 'autostart');

    applyAutostart(true, deps);
    expect(isLinuxAutostartEnabled(dir)).toBe(true);
    const file = join(dir, AUTOSTART_FILE_NAME);
    expect(AUTOSTART_FILE_NAME).toBe(`${APP_ID}.desktop`);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('[Desktop Entry]');
    expect(text).toContain('Type=Application\n');
    expect(text).toContain('Name=CXone Agent Tray\n');
    expect(text).toContain('Exec="/opt/CXone Agent Tray/cxone-agent-tray"\n');
    expect(text).toContain('X-GNOME-Autostart-enabled=true\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);

    applyAutostart(false, deps);
    expect(isLinuxAutostartEnabled(dir)).toBe(false);
    applyAutostart(false, deps); // removing twice is fine
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset or relative (the spec says ignore it)', () => {
    expect(xdgAutostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: 'rel/path' }, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/ana')).toBe('/x/cfg/autostart');
  });

  it('starts the AppImage itself, not its temporary mount', () => {
    expect(autostartExecutable({ APPIMAGE: '/home/ana/Apps/CXone.AppImage' }, '/tmp/.mount_CXoneX/cxone-agent-tray')).toBe('/home/ana/Apps/CXone.AppImage');
    expect(autostartExecutable({}, '/usr/bin/cxone-agent-tray')).toBe('/usr/bin/cxone-agent-tray');
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/usr/bin/app')).toBe('/usr/bin/app');
    expect(quoteExecArg('/a b/app')).toBe('"/a b/app"');
    expect(quoteExecArg('say "$HOME"')).toBe('"say \\"\\$HOME\\""');
    expect(quoteExecArg('100%')).toBe('100%%');
    expect(desktopEntry({ exec: '/usr/bin/app', args: ['--hidden'] })).toContain('Exec=/usr/bin/app --hidden\n');
  });

  it('a folder it cannot write is logged, not thrown', () => {
    // XDG_CONFIG_HOME points below a regular file: creating the folder fails.
    const blocker = join(temp(), 'file');
    writeFileSync(blocker, '');
    const warnings: string[] = [];
    applyAutostart(true, {
      platform: 'linux',
      env: { XDG_CONFIG_HOME: join(blocker, 'cfg') },
      execPath: '/usr/bin/app',
      setLoginItemSettings: () => {},
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
    });
    expect(warnings).toEqual(['autostart: could not apply']);
  });
});

describe('macOS and Windows login items', () => {
  it('go through setLoginItemSettings', () => {
    const seen: unknown[] = [];
    for (const platform of ['darwin', 'win32'] as const) {
      applyAutostart(true, { platform, env: {}, execPath: '/x', setLoginItemSettings: (s) => seen.push(s), logger: silentLogger });
      applyAutostart(false, { platform, env: {}, execPath: '/x', setLoginItemSettings: (s) => seen.push(s), logger: silentLogger });
    }
    expect(seen).toEqual([{ openAtLogin: true }, { openAtLogin: false }, { openAtLogin: true }, { openAtLogin: false }]);
  });
});
