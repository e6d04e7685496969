// Settings persistence. The app hands in electron-store, tests hand in conf (same API, temp cwd); both
// are opened without a schema of their own so that this module alone decides what is valid.
// A file that cannot be parsed, or is not a settings object, is moved aside to `<file>.corrupt-<time>`
// and defaults are used; a file with some invalid fields keeps the rest (a copy of the original is kept
// as `<file>.backup-<time>`); a newer version's file is left alone. A notice tells the user each time —
// nothing crashes and nothing is silently lost.
import { copyFileSync, existsSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { createListeners } from '../listeners';
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

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

function moveAside(path: string, now: number): string | null {
  if (!existsSync(path)) return null;
  const backup = `${path}.corrupt-${stamp(now)}`;
  renameSync(path, backup);
  return backup;
}

/** A copy of the file as it was, before the repaired settings replace it. */
function backUp(path: string, now: number): string | null {
  if (!existsSync(path)) return null;
  const backup = `${path}.backup-${stamp(now)}`;
  copyFileSync(path, backup);
  return backup;
}

/** A save killed between writing the temp file and renaming it (conf/atomically) leaves `<file>.tmp-*`. */
function removeStaleTempFiles(path: string, logger: Logger): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    try {
      unlinkSync(join(dir, name));
      logger.info('settings: removed a temp file left by an interrupted save', { file: name });
    } catch (err) {
      logger.warn('settings: could not remove a stale temp file', { file: name, error: String(err) });
    }
  }
}

/** What the file on disk holds, read before the backend opens it. */
type FileContent =
  | { kind: 'missing' }
  /** withoutBom: the text to write back so the backend can read it, when the file had a BOM. */
  | { kind: 'object'; data: Record<string, unknown>; withoutBom: string | null }
  | { kind: 'unreadable'; why: string };

function readSettingsFile(path: string): FileContent {
  if (!existsSync(path)) return { kind: 'missing' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { kind: 'unreadable', why: String(err) };
  }
  // Notepad and other editors save UTF-8 with a byte order mark, which JSON.parse refuses.
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { kind: 'unreadable', why: String(err) };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { kind: 'unreadable', why: `the file holds ${Array.isArray(data) ? 'a list' : JSON.stringify(data)}, not a settings object` };
  }
  return { kind: 'object', data: data as Record<string, unknown>, withoutBom: bom ? text : null };
}

/**
 * The object keys an issue's path names, up to its first list index: a bad element resets its whole
 * list (a list with a hole would mean something else).
 */
function fieldKeys(path: readonly PropertyKey[]): string[] {
  const firstIndex = path.findIndex((k) => typeof k !== 'string');
  return (firstIndex === -1 ? path : path.slice(0, firstIndex)) as string[];
}

/** Whether `keys` is `field` or lies inside it. */
const isWithin = (keys: readonly string[], field: readonly string[]) => field.every((k, i) => keys[i] === k);

/** Deletes the value at `keys`, or its nearest parent that exists; returns the keys deleted, or null. */
function deleteAt(data: Record<string, unknown>, keys: readonly string[]): string[] | null {
  for (let n = keys.length; n > 0; n--) {
    let node: unknown = data;
    for (const k of keys.slice(0, n - 1)) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
    const last = keys[n - 1]!;
    if (node !== null && typeof node === 'object' && Object.hasOwn(node, last)) {
      delete (node as Record<string, unknown>)[last];
      return keys.slice(0, n);
    }
  }
  return null;
}

/**
 * Repairs only what is invalid: each invalid field is removed, so that its default takes its place,
 * and the rest of the user's settings survive. Returns the settings and the fields that were reset.
 */
export function repairSettings(raw: Record<string, unknown>): { settings: Settings; reset: string[] } {
  const data = structuredClone(raw);
  const reset: string[] = [];
  // Each round removes at least one key, so the loop ends; the bound is a guard, not a limit in use.
  for (let round = 0; round < 200; round++) {
    const parsed = settingsSchema.safeParse(data);
    if (parsed.success) return { settings: parsed.data, reset };
    const removed: string[][] = [];
    for (const issue of parsed.error.issues) {
      const keys = fieldKeys(issue.path);
      // Already gone with a field this round removed (a second bad element of one list): deleting
      // again would find the list missing and take its parent, the user's other settings with it.
      if (removed.some((field) => isWithin(keys, field))) continue;
      const field = deleteAt(data, keys);
      if (field !== null) {
        removed.push(field);
        reset.push(field.join('.'));
      }
    }
    if (removed.length === 0) break;
  }
  return { settings: defaultSettings(), reset: ['all settings'] };
}

/** The notice's last sentence: where the old file went; nothing when there was no file to keep. */
function keptAs(backup: string | null): string {
  return backup === null ? '' : ` The old file was kept as ${backup}.`;
}

/** A backend that keeps the settings in memory only (a newer version's file, or a folder that cannot be used). */
function memoryBackend(path: string, initial: Record<string, unknown>): SettingsBackend {
  return { path, store: initial };
}

/**
 * An error's message for a sentence that already names the file: Node's file errors end with the call
 * and the path (`ENOTDIR: not a directory, open '/…/settings.json'`), which would say the path twice.
 */
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/, [a-z]+ '[^']*'( -> '[^']*')?$/, '');

/** The notices that apply, in order, as one text; null when none does. */
const sentences = (...notices: (string | null)[]): string | null => notices.filter((n) => n !== null).join(' ') || null;

const unreadableNotice = (backup: string | null) => `Your settings file could not be read, so defaults are in use.${keptAs(backup)}`;

interface Opened {
  backend: SettingsBackend;
  /** A sentence for the user when the settings in use are not simply the file's. */
  notice: string | null;
}

/**
 * The file's backend: a BOM removed first, a file this module or the library cannot read moved aside
 * (one retry on a fresh file). Throws when even that fails (the folder cannot be used at all).
 */
function openFileBackend(deps: SettingsStoreDeps, file: FileContent, now: number): Opened {
  if (file.kind === 'object' && file.withoutBom !== null) writeFileSync(deps.filePath, file.withoutBom);
  let notice: string | null = null;
  if (file.kind === 'unreadable') {
    const backup = moveAside(deps.filePath, now);
    deps.logger.warn('settings: file unreadable, moved aside', { backup, error: file.why });
    notice = unreadableNotice(backup);
  }
  try {
    return { backend: deps.openBackend(), notice };
  } catch (err) {
    const backup = moveAside(deps.filePath, now);
    deps.logger.warn('settings: file unreadable, moved aside', { backup, error: String(err) });
    try {
      return { backend: deps.openBackend(), notice: unreadableNotice(backup) };
    } catch (again) {
      // Not the file's fault after all (a fresh one fails too): put it back where the next start looks.
      if (backup !== null) renameSync(backup, deps.filePath);
      throw again;
    }
  }
}

/**
 * The backend the settings live in. Never throws: a newer version's file is left alone, and a folder
 * that cannot be used (not a folder, not writable, a file another program holds) leaves the settings in
 * memory for this run, with a notice — the app still starts.
 */
function openSettingsBackend(deps: SettingsStoreDeps, now: number): Opened {
  const file = readSettingsFile(deps.filePath);
  const fileVersion = file.kind === 'object' && typeof file.data.schemaVersion === 'number' ? file.data.schemaVersion : null;
  if (fileVersion !== null && fileVersion > SETTINGS_SCHEMA_VERSION) {
    // A newer version wrote this file: its fields may mean things this version does not know. Leave
    // it exactly as it is and run on defaults; nothing is saved over it.
    deps.logger.warn('settings: file is from a newer version, left untouched', { fileVersion, ours: SETTINGS_SCHEMA_VERSION });
    const notice =
      `Your settings file was written by a newer version of CXone Agent Tray (settings version ${fileVersion}; this one reads up to ${SETTINGS_SCHEMA_VERSION}). ` +
      `It is left untouched and defaults are in use; changes made now are not saved. Update the app to use your settings.`;
    return { backend: memoryBackend(deps.filePath, {}), notice };
  }
  try {
    return openFileBackend(deps, file, now);
  } catch (err) {
    deps.logger.error('settings: the file cannot be opened; settings are kept in memory for this run', { path: deps.filePath, error: String(err) });
    const readable = file.kind === 'object';
    const notice =
      `Your settings file ${deps.filePath} could not be opened (${messageOf(err)}), so ${readable ? 'its settings' : 'defaults'} are in use until the app quits: ` +
      `changes made now are not saved. Check that its folder exists and can be written to.`;
    return { backend: memoryBackend(deps.filePath, readable ? file.data : {}), notice };
  }
}

/** The backend's settings brought to the current schema, invalid fields reset (a copy of the file kept first). */
function loadSettings(deps: SettingsStoreDeps, backend: SettingsBackend, now: number): { settings: Settings; notice: string | null; migrated: boolean } {
  const raw = backend.store;
  const { settings, reset } = repairSettings(migrateSettings(raw));
  const migrated = raw.schemaVersion !== SETTINGS_SCHEMA_VERSION;
  if (!reset.length) return { settings, notice: null, migrated };
  let backup: string | null = null;
  try {
    backup = backUp(backend.path, now);
  } catch (err) {
    deps.logger.warn('settings: could not keep a copy of the file before repairing it', { error: String(err) });
  }
  const fields = reset.slice(0, 6).join(', ') + (reset.length > 6 ? ` and ${reset.length - 6} more` : '');
  deps.logger.warn('settings: invalid fields reset to defaults', { backup, fields: reset });
  const notice = `Some settings were invalid and were reset to their defaults: ${fields}. Your other settings were kept.${keptAs(backup)}`;
  return { settings, notice, migrated };
}

export interface SettingsStoreDeps {
  /** Opens the backend; may throw when the file is not valid JSON or its folder cannot be used. */
  openBackend: () => SettingsBackend;
  logger: Logger;
  now?: () => number;
  /** Where the backend keeps its file, for moving a file aside that the backend cannot even open. */
  filePath: string;
}

/**
 * The settings, loaded and repaired (see the top of this file). Never throws at start: whatever the
 * file or its folder, the app gets settings and `loadNotice` says what the user should know.
 */
export function createSettingsStore(deps: SettingsStoreDeps): SettingsStore {
  const now = deps.now ?? Date.now;
  removeStaleTempFiles(deps.filePath, deps.logger);
  const { backend, notice: openNotice } = openSettingsBackend(deps, now());
  const loaded = loadSettings(deps, backend, now());
  let current: Settings = loaded.settings;
  // Both can be true at once (a folder that cannot be used, a file with invalid fields): say both.
  let loadNotice = sentences(openNotice, loaded.notice);
  if (loaded.migrated || loadNotice) {
    try {
      backend.store = current;
    } catch (err) {
      // A full disk or a read-only folder at start: run on what was read; each save tries again and says so.
      deps.logger.error('settings: could not write the file at start', { path: backend.path, error: String(err) });
      loadNotice = sentences(loadNotice, `Your settings file ${backend.path} could not be written (${messageOf(err)}): saving changes will fail until it can be.`);
    }
  }

  // The file is written before anyone hears of it: a listener that fails is logged, never the save.
  const listeners = createListeners<Settings>(deps.logger, 'settings: a listener of a saved change failed');

  const save = (input: unknown): SaveResult => {
    const result = settingsSchema.safeParse(input);
    if (!result.success) return { ok: false, issues: issuesOf(result.error) };
    try {
      backend.store = result.data;
    } catch (err) {
      // A full disk or a read-only folder: the caller keeps the user's input and shows this sentence.
      deps.logger.error('settings: could not write the file', { path: backend.path, error: String(err) });
      return { ok: false, issues: [{ path: '', message: `The settings file ${backend.path} could not be written (${messageOf(err)}).` }] };
    }
    current = result.data;
    listeners.emit(current);
    return { ok: true, settings: current };
  };

  return {
    path: backend.path,
    loadNotice,
    get: () => current,
    save,
    update: (change) => save(change(structuredClone(current))),
    onChange: (listener) => listeners.add(listener),
  };
}
