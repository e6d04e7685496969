// Settings persistence through the real `conf` package (electron-store's base) in a temp folder.
import Conf from 'conf';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/ports';
import { defaultSettings } from '../../main/settings/schema';
import { createSettingsStore, type SettingsBackend } from '../../main/settings/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function openStore(dir: string) {
  const filePath = join(dir, 'config.json');
  return createSettingsStore({
    filePath,
    logger: silentLogger,
    now: () => Date.UTC(2026, 10, 24, 12, 0, 0),
    openBackend: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'cxone-agent-tray-test' }) as unknown as SettingsBackend,
  });
}
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cxone-settings-'));
  dirs.push(d);
  return d;
};

describe('settings store', () => {
  it('starts with defaults and persists a valid save across reopen', () => {
    const dir = temp();
    const store = openStore(dir);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toBeNull();
    const next = { ...store.get(), pollIntervalSeconds: 15, mode: 'demo' as const };
    const r = store.save(next);
    expect(r.ok).toBe(true);
    expect(openStore(dir).get().pollIntervalSeconds).toBe(15);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('a listener that throws is logged; the save still succeeds and the other listeners hear it', () => {
    const dir = temp();
    const errors: string[] = [];
    const store = createSettingsStore({
      filePath: join(dir, 'config.json'),
      logger: { ...silentLogger, error: (m) => void errors.push(m) },
      openBackend: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'cxone-agent-tray-test' }) as unknown as SettingsBackend,
    });
    const heard: number[] = [];
    store.onChange(() => {
      throw new Error('a feed that could not retune');
    });
    store.onChange((s) => heard.push(s.pollIntervalSeconds));
    const r = store.save({ ...store.get(), pollIntervalSeconds: 20 });
    expect(r.ok).toBe(true);
    expect(heard).toEqual([20]);
    expect(errors).toEqual(['settings: a listener of a saved change failed']);
    expect(openStore(dir).get().pollIntervalSeconds).toBe(20);
  });

  it('refuses an invalid save, keeps the old settings and names the field', () => {
    const dir = temp();
    const store = openStore(dir);
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.pollIntervalSeconds));
    const r = store.save({ ...store.get(), pollIntervalSeconds: 1, tenant: { ...store.get().tenant, issuer: 'http://evil.example' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['pollIntervalSeconds', 'tenant.issuer']));
      expect(r.issues.find((i) => i.path === 'tenant.issuer')?.message).toMatch(/https/);
    }
    expect(store.get().pollIntervalSeconds).toBe(10);
    expect(seen).toEqual([]);
    expect(openStore(dir).get().pollIntervalSeconds).toBe(10);
  });

  it('moves an unparseable file aside, uses defaults and says so', () => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), '{ "mode": "demo", oops');
    const store = openStore(dir);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toMatch(/could not be read/);
    const backups = readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toContain('oops');
    expect(store.loadNotice).toContain(backups[0]);
  });

  it('resets only the invalid fields, keeps the rest, backs the file up and names the fields', () => {
    const dir = temp();
    const file = join(dir, 'config.json');
    const original = JSON.stringify({ schemaVersion: 1, mode: 'demo', theme: 'dark', pollIntervalSeconds: 3, notifications: { cooldownSeconds: 30, maxPerMinute: 999 } });
    writeFileSync(file, original);
    const store = openStore(dir);
    expect(store.get()).toMatchObject({ mode: 'demo', theme: 'dark', pollIntervalSeconds: 10, notifications: { cooldownSeconds: 30, maxPerMinute: 6 } });
    expect(store.loadNotice).toMatch(/reset to their defaults: pollIntervalSeconds, notifications\.maxPerMinute\. Your other settings were kept/);
    const backups = readdirSync(dir).filter((f) => f.startsWith('config.json.backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(original);
    expect(store.loadNotice).toContain(backups[0]);
    // The live file now holds the repaired settings, so the next start is quiet.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark', pollIntervalSeconds: 10 });
    expect(openStore(dir).loadNotice).toBeNull();
  });

  it('repairs a wrong type and a bad list element field by field', () => {
    const dir = temp();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ schemaVersion: 1, pollIntervalSeconds: 'fast', pinnedAgentIds: [1, 'x'], theme: 'light', tenant: { clientId: 'app-1', redirect: { mode: 'exact', uri: 'https://evil.example/cb' } } }),
    );
    const store = openStore(dir);
    expect(store.get()).toMatchObject({ pollIntervalSeconds: 10, pinnedAgentIds: [], theme: 'light', tenant: { clientId: 'app-1', redirect: { mode: 'any-loopback' } } });
    expect(store.loadNotice).toMatch(/pollIntervalSeconds/);
    expect(store.loadNotice).toMatch(/pinnedAgentIds/);
    expect(store.loadNotice).toMatch(/tenant\.redirect/);
  });

  it('two bad elements of one list reset that list alone, never the section around it', () => {
    const dir = temp();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        schemaVersion: 1,
        watch: { scope: 'teams', teamIds: ['a', 'b', 7], skillScope: 'none' },
        notifications: { toAcw: true, codeRules: [{ outStateId: 'x', minutes: 5 }, { outStateId: 3, minutes: -1 }] },
      }),
    );
    const store = openStore(dir);
    expect(store.get().watch).toMatchObject({ scope: 'teams', teamIds: [], skillScope: 'none' });
    expect(store.get().notifications).toMatchObject({ toAcw: true, codeRules: [] });
    expect(store.loadNotice).toMatch(/reset to their defaults: watch\.teamIds, notifications\.codeRules\. Your other/);
  });

  it('names six reset fields and counts the rest', () => {
    const dir = temp();
    const bad = { pollIntervalSeconds: 1, resyncMinutes: 0, theme: 'pink', trayBadge: 'x', autostart: 'yes', mode: 'other', pinnedAgentIds: 'all', demo: { agents: 0 } };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, ...bad }));
    const store = openStore(dir);
    expect(store.loadNotice).toMatch(/reset to their defaults: \S+, \S+, \S+, \S+, \S+, \S+ and 2 more\. /);
    expect(store.get()).toMatchObject({ pollIntervalSeconds: 10, theme: 'system', demo: { agents: defaultSettings().demo.agents } });
  });

  it('reads a file saved with a UTF-8 byte order mark (Notepad) without losing anything', () => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), '\uFEFF' + JSON.stringify({ schemaVersion: 1, mode: 'demo', pollIntervalSeconds: 42 }));
    const store = openStore(dir);
    expect(store.loadNotice).toBeNull();
    expect(store.get()).toMatchObject({ mode: 'demo', pollIntervalSeconds: 42 });
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-') || f.includes('.backup-'))).toEqual([]);
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a list', '[]'],
    ['a string', '"settings"'],
  ])('moves a file that holds %s aside and says so', (_what, content) => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), content);
    const store = openStore(dir);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toMatch(/could not be read/);
    const backups = readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(content);
  });

  it("leaves a newer version's file untouched, runs on defaults in memory and says so", () => {
    const dir = temp();
    const file = join(dir, 'config.json');
    const newer = '\uFEFF' + JSON.stringify({ schemaVersion: 2, mode: 'cxone', pollIntervalSeconds: 'adaptive', future: { x: 1 } });
    writeFileSync(file, newer);
    const store = openStore(dir);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toMatch(/newer version.*left untouched.*not saved/);
    expect(store.save({ ...store.get(), theme: 'dark' }).ok).toBe(true);
    expect(store.get().theme).toBe('dark');
    expect(readFileSync(file, 'utf8')).toBe(newer);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('removes temp files left by a save that was killed', () => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, theme: 'dark' }));
    writeFileSync(join(dir, 'config.json.tmp-17643504001a2b3c'), '{"theme":"li');
    writeFileSync(join(dir, 'other.json.tmp-1'), 'not ours');
    const store = openStore(dir);
    expect(store.get().theme).toBe('dark');
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'other.json.tmp-1']);
  });

  it('migrates a version-less file without losing values', () => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ pollIntervalSeconds: 30, theme: 'dark' }));
    const store = openStore(dir);
    expect(store.loadNotice).toBeNull();
    expect(store.get()).toMatchObject({ schemaVersion: 1, pollIntervalSeconds: 30, theme: 'dark' });
    // Written back at once in the current version's form, so the next start reads it as is.
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, pollIntervalSeconds: 30, theme: 'dark', watch: { scope: 'all' } });
  });

  /** A backend whose first open throws `why` (the library's failure, injected at the seam); later opens are real. */
  function failsFirstOpen(dir: string, why: string): () => SettingsBackend {
    let opens = 0;
    return () => {
      if (opens++ === 0) throw new Error(why);
      return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'cxone-agent-tray-test' }) as unknown as SettingsBackend;
    };
  }

  it('a backend that cannot open the file (the library refuses it) gets a fresh file, the old one kept aside', () => {
    // The file passes this module's own reading; the failure of the library behind the backend is
    // injected at the seam (conf refuses only files this module already moves aside itself).
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, theme: 'dark' }));
    const store = createSettingsStore({ filePath: join(dir, 'config.json'), logger: silentLogger, openBackend: failsFirstOpen(dir, 'the library could not read its file') });
    expect(store.loadNotice).toMatch(/could not be read, so defaults are in use\. The old file was kept as .*config\.json\.corrupt-/);
    expect(store.save({ ...store.get(), pollIntervalSeconds: 25 }).ok).toBe(true);
    // Saved to disk, not to memory only.
    expect(openStore(dir).get().pollIntervalSeconds).toBe(25);
  });

  it('a backend that cannot open while there is no file yet still starts on defaults (nothing to move aside)', () => {
    const dir = temp();
    const store = createSettingsStore({ filePath: join(dir, 'config.json'), logger: silentLogger, openBackend: failsFirstOpen(dir, 'the library could not create its file') });
    expect(store.get()).toEqual(defaultSettings());
    // No old file to speak of: the notice must not send the user looking for a backup.
    expect(store.loadNotice).toBe('Your settings file could not be read, so defaults are in use.');
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
    expect(store.save({ ...store.get(), theme: 'dark' }).ok).toBe(true);
    expect(openStore(dir).get().theme).toBe('dark');
  });

  it('a settings path that is a folder, not a file, is moved aside and defaults are used', () => {
    const dir = temp();
    mkdirSync(join(dir, 'config.json'));
    writeFileSync(join(dir, 'config.json', 'inside.txt'), 'kept');
    const store = openStore(dir);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toMatch(/could not be read/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!, 'inside.txt'), 'utf8')).toBe('kept');
    expect(store.save({ ...store.get(), theme: 'dark' }).ok).toBe(true);
    expect(openStore(dir).get().theme).toBe('dark');
  });

  it('names the kept copies by the load time, in characters every file system accepts', () => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, theme: 'pink', mode: 'demo' }));
    expect(openStore(dir).loadNotice).toContain('config.json.backup-2026-11-24T12-00-00-000Z');
    writeFileSync(join(dir, 'config.json'), 'not json');
    expect(openStore(dir).loadNotice).toContain('config.json.corrupt-2026-11-24T12-00-00-000Z');
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'config.json.backup-2026-11-24T12-00-00-000Z', 'config.json.corrupt-2026-11-24T12-00-00-000Z']);
  });

  it('an exact redirect without its URI resets the redirect alone; the rest of the tenant and every other setting are kept', () => {
    const dir = temp();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ schemaVersion: 1, mode: 'cxone', theme: 'dark', tenant: { clientId: 'app-1', tenantIdHint: 'acme', redirect: { mode: 'exact' } } }),
    );
    const store = openStore(dir);
    expect(store.get()).toMatchObject({ mode: 'cxone', theme: 'dark', tenant: { clientId: 'app-1', tenantIdHint: 'acme', redirect: { mode: 'any-loopback' } } });
    expect(store.loadNotice).toMatch(/reset to their defaults: tenant\.redirect\. Your other settings were kept/);
  });

  it('names exactly six reset fields without a count of more', () => {
    const dir = temp();
    const bad = { pollIntervalSeconds: 1, resyncMinutes: 0, theme: 'pink', trayBadge: 'x', autostart: 'yes', mode: 'other' };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, ...bad }));
    expect(openStore(dir).loadNotice).toMatch(/reset to their defaults: \S+, \S+, \S+, \S+, \S+, \S+\. Your other settings were kept/);
  });

  it('update() applies a change to the current settings and persists it; an invalid change is refused and nothing changes', () => {
    const dir = temp();
    const store = openStore(dir);
    const heard: string[] = [];
    store.onChange((s) => heard.push(s.theme));
    const r = store.update((s) => ({ ...s, theme: 'dark' }));
    expect(r).toMatchObject({ ok: true, settings: { theme: 'dark' } });
    expect(store.get().theme).toBe('dark');
    expect(heard).toEqual(['dark']);
    expect(openStore(dir).get().theme).toBe('dark');
    const refused = store.update((s) => ({ ...s, pollIntervalSeconds: 1 }));
    expect(refused.ok).toBe(false);
    expect(store.get()).toMatchObject({ theme: 'dark', pollIntervalSeconds: 10 });
    expect(heard).toEqual(['dark']);
  });
});

describe('settings store, when the disk refuses', () => {
  it('reports a write failure as an issue and keeps the settings in force', () => {
    // A backend whose file cannot be written (full disk, read-only folder). Running as root here,
    // file permissions cannot produce that, so the failure is injected at the backend seam.
    let stored: Record<string, unknown> = {};
    let failWrites = false;
    const backend = {
      path: '/nonexistent/settings.json',
      get store() {
        return stored;
      },
      set store(v: Record<string, unknown>) {
        if (failWrites) throw new Error('ENOSPC: no space left on device');
        stored = v;
      },
    };
    const store = createSettingsStore({ filePath: backend.path, logger: silentLogger, openBackend: () => backend });
    failWrites = true;
    const r = store.save({ ...store.get(), pollIntervalSeconds: 20 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      // No field path: the settings window shows it as a storage problem, not under one field.
      expect(r.issues[0]!.path).toBe('');
      expect(r.issues[0]!.message).toMatch(/could not be written \(ENOSPC: no space left on device\)\.$/);
    }
    expect(store.get().pollIntervalSeconds).toBe(10);
  });

  it('a valid file on a disk that refuses writes opens as it is: nothing needs writing at start', () => {
    const stored: Record<string, unknown> = { ...defaultSettings(), theme: 'dark', pollIntervalSeconds: 30 };
    const backend = {
      path: '/nonexistent/settings.json',
      get store() {
        return stored;
      },
      set store(_v: Record<string, unknown>) {
        throw new Error('EROFS: read-only file system');
      },
    };
    const store = createSettingsStore({ filePath: backend.path, logger: silentLogger, openBackend: () => backend });
    expect(store.loadNotice).toBeNull();
    expect(store.get()).toMatchObject({ theme: 'dark', pollIntervalSeconds: 30 });
  });

  it('a settings folder that cannot be used at all (its path runs through a file) starts on defaults kept in memory, with a notice', () => {
    // Real conf on a real path whose parent is a regular file: every open fails with ENOTDIR, as a folder
    // the user cannot write would (root here ignores permissions). Before, start-up threw.
    const dir = join(temp(), 'blocker');
    writeFileSync(dir, 'a file where the folder should be');
    const store = createSettingsStore({
      filePath: join(dir, 'config.json'),
      logger: silentLogger,
      openBackend: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'cxone-agent-tray-test' }) as unknown as SettingsBackend,
    });
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toMatch(/^Your settings file \S+blocker\/config\.json could not be opened \(ENOTDIR: not a directory\), so defaults are in use until the app quits: changes made now are not saved\./);
    // The path is said once: Node's message ends with it again (", open '…'"), which is cut.
    expect(store.loadNotice!.split('config.json')).toHaveLength(2);
    // Changes still take effect for this run; nothing is written anywhere.
    expect(store.save({ ...store.get(), theme: 'dark' })).toMatchObject({ ok: true, settings: { theme: 'dark' } });
    expect(store.get().theme).toBe('dark');
    expect(readFileSync(dir, 'utf8')).toBe('a file where the folder should be');
  });

  it('a good file the library cannot open even fresh is put back, and its settings are used for this run', () => {
    // The library's failure (a file another program holds) injected at the seam; the file and folder are real.
    const dir = temp();
    const text = JSON.stringify({ schemaVersion: 1, theme: 'dark', pollIntervalSeconds: 30 });
    writeFileSync(join(dir, 'config.json'), text);
    const store = createSettingsStore({
      filePath: join(dir, 'config.json'),
      logger: silentLogger,
      openBackend: () => {
        throw new Error('EBUSY: resource busy or locked');
      },
    });
    expect(store.get()).toMatchObject({ theme: 'dark', pollIntervalSeconds: 30 });
    expect(store.loadNotice).toMatch(/could not be opened \(EBUSY: resource busy or locked\), so its settings are in use until the app quits/);
    // Where the next start looks for it, unchanged, and no copy claimed anywhere.
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(text);
  });

  it('a file the library cannot open, with an invalid field: both are told — the reset and that changes are not saved', () => {
    const dir = temp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, theme: 'pink', pollIntervalSeconds: 30 }));
    const store = createSettingsStore({
      filePath: join(dir, 'config.json'),
      logger: silentLogger,
      now: () => Date.UTC(2026, 10, 24, 12, 0, 0),
      openBackend: () => {
        throw new Error('EBUSY: resource busy or locked');
      },
    });
    expect(store.get()).toMatchObject({ theme: defaultSettings().theme, pollIntervalSeconds: 30 });
    expect(store.loadNotice).toMatch(/^Your settings file \S+config\.json could not be opened \(EBUSY: resource busy or locked\), so its settings are in use until the app quits: changes made now are not saved\. .* Some settings were invalid and were reset to their defaults: theme\. Your other settings were kept\./);
  });

  it('a first start on a disk that refuses writes still starts, and says saving will fail', () => {
    const backend = {
      path: '/nonexistent/settings.json',
      get store() {
        return {};
      },
      set store(_v: Record<string, unknown>) {
        throw new Error('ENOSPC: no space left on device');
      },
    };
    const store = createSettingsStore({ filePath: backend.path, logger: silentLogger, openBackend: () => backend });
    expect(store.get()).toEqual(defaultSettings());
    expect(store.loadNotice).toBe('Your settings file /nonexistent/settings.json could not be written (ENOSPC: no space left on device): saving changes will fail until it can be.');
  });

  it('invalid fields on a disk that refuses writes: both the reset and the failed write are told, no backup claimed', () => {
    const dir = temp();
    // The backend's path is a folder: the copy before the repair fails (EISDIR), as on a disk that refuses.
    const backend = {
      path: dir,
      get store(): Record<string, unknown> {
        return { schemaVersion: 1, theme: 'pink' };
      },
      set store(_v: Record<string, unknown>) {
        throw new Error('EROFS: read-only file system');
      },
    };
    const store = createSettingsStore({ filePath: join(dir, 'config.json'), logger: silentLogger, openBackend: () => backend });
    expect(store.get().theme).toBe(defaultSettings().theme);
    expect(store.loadNotice).toBe(
      `Some settings were invalid and were reset to their defaults: theme. Your other settings were kept. Your settings file ${dir} could not be written (EROFS: read-only file system): saving changes will fail until it can be.`,
    );
  });
});
