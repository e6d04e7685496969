// The core's ports for the browser preview: settings and logs in the preview's own folder (never the
// app's), a sign-in in memory only (the app's keychain entry is never touched), and the browser pages
// (main/preview/browser-pages.ts) as the shell's windows, notifications and link opener.
import Conf from 'conf';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CorePorts } from '../core/types';
import { createFileLogger } from '../log/file-logger';
import { systemClock } from '../ports';
import { createMemorySecretStore } from '../secrets';
import { createSettingsStore, type SettingsBackend } from '../settings/store';
import type { BrowserPages } from './browser-pages';

const FOLDER = 'cxone-agent-tray-preview';

/** CXONE_AGENT_TRAY_PREVIEW_DIR, else a per-user folder beside where the app keeps its own. */
export function previewDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.CXONE_AGENT_TRAY_PREVIEW_DIR) return env.CXONE_AGENT_TRAY_PREVIEW_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), FOLDER);
}

export function previewPorts(dir: string, pages: BrowserPages): CorePorts {
  const logs = join(dir, 'logs');
  const logger = createFileLogger({ dir: logs, level: 'debug' });
  const settingsFile = join(dir, 'settings.json');
  const settings = createSettingsStore({
    logger,
    filePath: settingsFile,
    openBackend: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: FOLDER }) as unknown as SettingsBackend,
  });
  const secrets = createMemorySecretStore();
  return {
    clock: systemClock,
    fetch: (input, init) => fetch(input, init),
    logger,
    openSecretStore: async () => ({ store: secrets, warning: null }),
    settings,
    notifier: pages.notifier,
    opener: pages.opener,
    ui: pages.ui,
    paths: { settings: settingsFile, logs },
  };
}
