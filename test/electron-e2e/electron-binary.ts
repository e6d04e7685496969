// Finds a runnable Electron for the _electron suite, or says in one line why there is none. Electron
// cannot be downloaded or run on the machines this project is developed on, so there the suite skips.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type ElectronBinary = { path: string; reason: null } | { path: null; reason: string };

function executableIn(dist: string): string {
  if (process.platform === 'darwin') return join(dist, 'Electron.app/Contents/MacOS/Electron');
  return join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let path: string;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    path = executableIn(override);
    if (!existsSync(path)) return { path: null, reason: `no Electron binary at ELECTRON_OVERRIDE_DIST_PATH (${path})` };
  } else {
    try {
      // The electron package's main export is the path of the binary it downloaded at install time.
      path = createRequire(import.meta.url)('electron') as string;
    } catch (err) {
      return { path: null, reason: `the electron package has no binary (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
    }
    if (!existsSync(path)) return { path: null, reason: `no Electron binary at ${path}` };
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { path: null, reason: 'no display for Electron (run the suite under xvfb-run)' };
  }
  return { path, reason: null };
}
