// Start at login. macOS and Windows: the OS login items (app.setLoginItemSettings, handed in by
// main/index.ts). Linux, where setLoginItemSettings does nothing: an XDG autostart .desktop file in
// $XDG_CONFIG_HOME/autostart. No electron import: everything here runs under plain Node in tests.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../ports';
import { APP_ID, PRODUCT_NAME } from './app-id';

export const AUTOSTART_FILE_NAME = `${APP_ID}.desktop`;

export function xdgAutostartDir(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

/** Quotes one Exec argument per the Desktop Entry spec ("…" with \ " ` $ escaped; % doubled). */
export function quoteExecArg(arg: string): string {
  const escapedPercent = arg.replace(/%/g, '%%');
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(arg) && arg.length > 0) return escapedPercent;
  return `"${escapedPercent.replace(/([\\"`$])/g, '\\$1')}"`;
}

export function desktopEntry(opts: { exec: string; args?: readonly string[] }): string {
  const exec = [opts.exec, ...(opts.args ?? [])].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${PRODUCT_NAME}`,
    'Comment=Live NICE CXone agent states in the tray',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The executable to start at login: the AppImage itself (its mount path changes every run) or the binary. */
export function autostartExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && env.APPIMAGE.startsWith('/') ? env.APPIMAGE : execPath;
}

export function setLinuxAutostart(enabled: boolean, opts: { dir: string; exec: string; args?: readonly string[] }): void {
  const file = join(opts.dir, AUTOSTART_FILE_NAME);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(opts.dir, { recursive: true });
  writeFileSync(file, desktopEntry(opts), { mode: 0o644 });
}

export function isLinuxAutostartEnabled(dir: string): boolean {
  return existsSync(join(dir, AUTOSTART_FILE_NAME));
}

export interface AutostartDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** app.setLoginItemSettings on macOS/Windows. */
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  logger: Logger;
}

/** Applies the autostart setting; never throws (a read-only home must not break saving settings). */
export function applyAutostart(enabled: boolean, deps: AutostartDeps): void {
  try {
    if (deps.platform === 'linux') {
      setLinuxAutostart(enabled, { dir: xdgAutostartDir(deps.env), exec: autostartExecutable(deps.env, deps.execPath) });
    } else {
      deps.setLoginItemSettings({ openAtLogin: enabled });
    }
    deps.logger.info('autostart: applied', { enabled });
  } catch (err) {
    deps.logger.warn('autostart: could not apply', { enabled, error: err instanceof Error ? err.message : String(err) });
  }
}
