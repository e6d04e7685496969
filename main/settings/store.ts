// Settings persistence. The app hands in electron-store, tests hand in conf (same API, temp cwd); both
// are opened without a schema of their own so that this module alone decides what is valid.
// A settings file that cannot be parsed or validated is moved aside to `<file>.corrupt-<timestamp>`,
// defaults are used, and a notice tells the user — nothing crashes and nothing is silently lost.
import { existsSync, renameSync } from 'node:fs';
import type { z } from 'zod';
import type { Logger } from '../ports';
import { SETTINGS_SCHEMA_VERSION, defaultSettings, settingsSchema, type Settings } from './schema';

/** The part of conf / electron-store this module uses. */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

export type SaveResult = { ok: true; settings: Settings } | { ok: false; issues: { path: string; message: string }[] };

export interface SettingsStore {
  readonly path: string;
  get(): Settings;
  /** Validates the whole object; on failure nothing is written and the issues say what to fix. */
  save(input: unknown): SaveResult;
  /** Applies a change to the current settings (validated like save). */
  update(change: (current: Settings) => Settings): SaveResult;
  onChange(listener: (settings: Settings) => void): () => void;
  /** A sentence for the user when the file had to be reset at load; null otherwise. */
  readonly loadNotice: string | null;
}

/** Older files are brought to the current schema here, one step per version. */
export function migrateSettings(raw: Record<string, unknown>): Record<string, unknown> {
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  let data = { ...raw };
  if (version < 1) {
    // v0 (pre-release) had no version field and the same shape otherwise.
    data = { ...data, schemaVersion: 1 };
  }
  return data;
}

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function moveAside(path: string, now: number): string | null {
  if (!existsSync(path)) return null;
  const backup = `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, backup);
  return backup;
}

export function createSettingsStore(deps: {
  /** Opens the backend; may throw when the file is not valid JSON. */
  openBackend: () => SettingsBackend;
  logger: Logger;
  now?: () => number;
  /** Where the backend keeps its file, for moving a file aside that the backend cannot even open. */
  filePath: string;
}): SettingsStore {
  const now = deps.now ?? Date.now;
  let loadNotice: string | null = null;
  let backend: SettingsBackend;
  try {
    backend = deps.openBackend();
  } catch (err) {
    const backup = moveAside(deps.filePath, now());
    deps.logger.warn('settings: file unreadable, moved aside', { backup, error: String(err) });
    loadNotice = `Your settings file could not be read, so defaults are in use. The old file was kept as ${backup ?? 'a backup'}.`;
    backend = deps.openBackend();
  }

  let current: Settings;
  const raw = backend.store;
  const parsed = settingsSchema.safeParse(migrateSettings(raw));
  if (parsed.success) {
    current = parsed.data;
  } else {
    const backup = moveAside(backend.path, now());
    const what = issuesOf(parsed.error)
      .slice(0, 3)
      .map((i) => `${i.path || 'file'}: ${i.message}`)
      .join('; ');
    deps.logger.warn('settings: invalid, moved aside', { backup, issues: what });
    loadNotice = `Some settings were invalid (${what}), so defaults are in use. The old file was kept as ${backup ?? 'a backup'}.`;
    current = defaultSettings();
  }
  if (raw.schemaVersion !== SETTINGS_SCHEMA_VERSION || loadNotice) backend.store = current;

  const listeners = new Set<(s: Settings) => void>();

  const save = (input: unknown): SaveResult => {
    const result = settingsSchema.safeParse(input);
    if (!result.success) return { ok: false, issues: issuesOf(result.error) };
    try {
      backend.store = result.data;
    } catch (err) {
      // A full disk or a read-only folder: the caller keeps the user's input and shows this sentence.
      deps.logger.error('settings: could not write the file', { path: backend.path, error: String(err) });
      return { ok: false, issues: [{ path: '', message: `The settings file ${backend.path} could not be written (${(err as Error).message}).` }] };
    }
    current = result.data;
    for (const l of listeners) l(current);
    return { ok: true, settings: current };
  };

  return {
    path: backend.path,
    loadNotice,
    get: () => current,
    save,
    update: (change) => save(change(structuredClone(current))),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
