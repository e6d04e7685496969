// Plain-Node ports for building the real core in tests and in the renderer harness: settings through
// `conf` in a temp folder, an in-memory secret store, and recorders for notifications and UI actions.
import Conf from 'conf';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorePorts, UiPort } from '../../main/core/types';
import { createFileLogger } from '../../main/log/file-logger';
import { systemClock, type Clock, type FetchLike, type NotificationRequest, type Opener, type SecretStore } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { createSettingsStore, type SettingsBackend } from '../../main/settings/store';

export interface TestPorts extends CorePorts {
  dir: string;
  notifications: NotificationRequest[];
  uiCalls: { method: keyof UiPort; arg?: unknown }[];
  opened: string[];
  logFile: string;
  cleanup(): void;
}

export function createTestPorts(
  opts: {
    clock?: Clock;
    fetch?: FetchLike;
    secrets?: SecretStore;
    opener?: Opener;
    settings?: Record<string, unknown>;
    rawSettingsFile?: string;
    /** The settings folder's path runs through a regular file: every open fails (ENOTDIR), as an unwritable profile would. */
    unusableSettingsFolder?: boolean;
    /** The tooltip's clock times (CorePorts.formatTime); the system locale's when not given. */
    formatTime?: (ms: number) => string;
    /** The OS's regional format for clock times (CorePorts.clockLocale); the default locale when not given. */
    clockLocale?: string;
  } = {},
): TestPorts {
  const dir = mkdtempSync(join(tmpdir(), 'cxone-core-'));
  // Named as the app's profile is (…/.config/CXone Agent Tray/settings.json), so a screenshot reads true.
  if (opts.unusableSettingsFolder) writeFileSync(join(dir, '.config'), 'a file where the config folder should be');
  const settingsDir = opts.unusableSettingsFolder ? join(dir, '.config', 'CXone Agent Tray') : dir;
  const configName = opts.unusableSettingsFolder ? 'settings' : 'config';
  const openBackend = () => new Conf<Record<string, unknown>>({ cwd: settingsDir, configName, projectName: 'cxone-agent-tray-test' }) as unknown as SettingsBackend;
  if (opts.settings) openBackend().store = opts.settings;
  if (opts.rawSettingsFile !== undefined) writeFileSync(join(dir, 'config.json'), opts.rawSettingsFile);
  const logger = createFileLogger({ dir: join(dir, 'logs'), level: 'debug' });
  const settings = createSettingsStore({ openBackend, logger, filePath: join(settingsDir, `${configName}.json`) });
  const notifications: NotificationRequest[] = [];
  const uiCalls: TestPorts['uiCalls'] = [];
  const opened: string[] = [];
  const secrets = opts.secrets ?? createMemorySecretStore();
  return {
    dir,
    notifications,
    uiCalls,
    opened,
    logFile: logger.file,
    clock: opts.clock ?? systemClock,
    fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    logger,
    openSecretStore: async () => ({ store: secrets, warning: null }),
    settings,
    notifier: { show: (n) => notifications.push(n) },
    opener: opts.opener ?? { openExternal: async (url) => void opened.push(url) },
    ui: {
      openWindow: (window) => void uiCalls.push({ method: 'openWindow', arg: window }),
      hideWindow: () => void uiCalls.push({ method: 'hideWindow' }),
      copyText: (text) => void uiCalls.push({ method: 'copyText', arg: text }),
      openExternal: async (url) => void uiCalls.push({ method: 'openExternal', arg: url }),
    },
    paths: { settings: join(dir, 'config.json'), logs: join(dir, 'logs') },
    ...(opts.formatTime ? { formatTime: opts.formatTime } : {}),
    ...(opts.clockLocale !== undefined ? { clockLocale: opts.clockLocale } : {}),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
