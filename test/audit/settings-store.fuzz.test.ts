// Fuzzing the settings store with whatever a file on disk can hold — any bytes, any JSON, plausible
// settings with any field wrong, a BOM, a newer version, a left-over temp file — through the real
// `conf` package in a temp folder: opening never throws, the settings in force are always valid, and a
// file is only ever replaced with a backup beside it (or left untouched).
import Conf from 'conf';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/ports';
import { defaultSettings, settingsSchema } from '../../main/settings/schema';
import { createSettingsStore, repairSettings, type SettingsBackend } from '../../main/settings/store';
import { AUDIT_RUNS, fcOptions } from './runs';

const root = mkdtempSync(join(tmpdir(), 'cxone-settings-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 3, 1e9, '', 'x', null, true, [], {}));
const defaults = defaultSettings() as unknown as Record<string, unknown>;
/** Default settings with some top-level or nested fields replaced by anything. */
const plausible = fc
  .record({
    top: fc.dictionary(fc.constantFrom(...Object.keys(defaults), 'unknownField'), anyValue, { maxKeys: 4 }),
    tenant: fc.dictionary(fc.constantFrom('issuer', 'clientId', 'redirect', 'scopes', 'apiVersion', 'apiEndpointOverride'), anyValue, { maxKeys: 3 }),
    notifications: fc.dictionary(fc.constantFrom('cooldownSeconds', 'maxPerMinute', 'teamRules', 'quietHours', 'enabled'), anyValue, { maxKeys: 3 }),
    version: fc.constantFrom(undefined, 0, 1, 2, 99, '1', -1),
  })
  .map(({ top, tenant, notifications, version }) => ({
    ...defaults,
    ...top,
    tenant: { ...(defaults.tenant as object), ...tenant },
    notifications: { ...(defaults.notifications as object), ...notifications },
    ...(version === undefined ? {} : { schemaVersion: version }),
  }));

const fileContent = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  plausible.map((v) => JSON.stringify(v)),
);

let n = 0;
describe(`settings store fuzzing (${AUDIT_RUNS} cases)`, () => {
  it('opens any file without throwing, always runs on valid settings, and never loses a file without a backup', () => {
    fc.assert(
      fc.property(fileContent, fc.boolean(), fc.boolean(), (content, bom, tempLeft) => {
        const dir = join(root, String(n++));
        mkdirSync(dir);
        const file = join(dir, 'config.json');
        const written = (bom ? '\uFEFF' : '') + content;
        writeFileSync(file, written);
        if (tempLeft) writeFileSync(`${file}.tmp-123`, content.slice(0, 5));
        const store = createSettingsStore({
          filePath: file,
          logger: silentLogger,
          openBackend: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'fuzz' }) as unknown as SettingsBackend,
        });
        expect(settingsSchema.safeParse(store.get()).success).toBe(true);
        const names = readdirSync(dir);
        expect(names.some((f) => f.includes('.tmp-'))).toBe(false);
        const now = readFileSync(file, 'utf8');
        if (now !== written && now !== written.replace(/^\uFEFF/, '')) {
          // Replaced: the original is kept beside it, and the user is told.
          const backups = names.filter((f) => f.includes('.corrupt-') || f.includes('.backup-'));
          const migratedQuietly = store.loadNotice === null;
          if (!migratedQuietly) {
            expect(backups.length).toBe(1);
            expect(readFileSync(join(dir, backups[0]!), 'utf8').replace(/^\uFEFF/, '')).toBe(written.replace(/^\uFEFF/, ''));
          }
        }
        // What was saved is what the next start reads.
        const r = store.save({ ...store.get(), pollIntervalSeconds: 30 });
        expect(r.ok).toBe(true);
        rmSync(dir, { recursive: true, force: true });
      }),
      fcOptions,
    );
  });

  // A repair resets what was wrong and nothing beside it. Found by hand (Dec 2): two bad elements of
  // watch.teamIds reset the whole watch section, because the second issue found the list gone and
  // deleted its parent. Settings that differ from the defaults everywhere, so a section reset by
  // mistake shows; lists with several bad elements, so that case is drawn often.
  it('a repair keeps every field it was not given wrong, in every section', () => {
    const base = settingsSchema.parse({
      mode: 'cxone',
      theme: 'dark',
      pollIntervalSeconds: 20,
      tenant: { clientId: 'app-1', tenantIdHint: 'tenant-7', scopes: ['openid', 'RealTimeApi'] },
      watch: { scope: 'teams', teamIds: [4], agentIds: [9], skillScope: 'none', skillIds: [12] },
      notifications: { toAcw: true, unavailableLongerThanMinutes: 15, teamRules: [{ teamId: 4, categories: ['available'] }], codeRules: [{ outStateId: 3, minutes: 5 }] },
    }) as unknown as Record<string, Record<string, unknown>>;
    const sections = ['tenant', 'watch', 'notifications'] as const;
    const badList = fc.array(fc.oneof(fc.integer(), anyValue), { minLength: 2, maxLength: 4 });
    const changes = fc.record({
      top: fc.dictionary(fc.constantFrom('theme', 'pollIntervalSeconds', 'pinnedAgentIds', 'mode'), fc.oneof(anyValue, badList), { maxKeys: 2 }),
      tenant: fc.dictionary(fc.constantFrom('scopes', 'issuer', 'redirect', 'apiVersion'), fc.oneof(anyValue, badList), { maxKeys: 2 }),
      watch: fc.dictionary(fc.constantFrom('teamIds', 'agentIds', 'skillIds', 'scope'), fc.oneof(anyValue, badList), { maxKeys: 2 }),
      notifications: fc.dictionary(fc.constantFrom('teamRules', 'codeRules', 'queueRules', 'maxPerMinute'), fc.oneof(anyValue, badList), { maxKeys: 2 }),
    });
    fc.assert(
      fc.property(changes, (c) => {
        const input: Record<string, unknown> = { ...structuredClone(base), ...c.top };
        for (const sec of sections) input[sec] = { ...structuredClone(base[sec]), ...c[sec] };
        const { settings } = repairSettings(input);
        const out = settings as unknown as Record<string, Record<string, unknown>>;
        for (const key of Object.keys(base)) if (!(key in c.top) && !sections.includes(key as (typeof sections)[number])) expect(out[key], key).toEqual(base[key]);
        for (const sec of sections) {
          for (const key of Object.keys(base[sec]!)) if (!(key in c[sec])) expect(out[sec]![key], `${sec}.${key}`).toEqual(base[sec]![key]);
        }
      }),
      fcOptions,
    );
  });
});
