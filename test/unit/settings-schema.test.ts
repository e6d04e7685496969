// The settings schema (main/settings/schema.ts) on its own: what a fresh install starts with, what a
// section or field left out of a file becomes, and the edges of each value the file and the settings
// window may hold. The store's tests cover reading, repairing and writing the file around it.
import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema, type Settings } from '../../main/settings/schema';
import { repairSettings } from '../../main/settings/store';

/** Default settings with one field (a dotted path) set to `value`, checked by the schema. */
function withField(path: string, value: unknown) {
  const data = structuredClone(defaultSettings()) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at = data;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return settingsSchema.safeParse(data);
}
/** The messages the settings window shows for `value` in the field at `path`. */
const messages = (path: string, value: unknown) => withField(path, value).error?.issues.map((i) => i.message) ?? [];

describe('settings schema', () => {
  it("a fresh install's settings: the demo's first run, the CXone cloud, every agent watched, the usual notifications", () => {
    const expected: Settings = {
      schemaVersion: 1,
      mode: 'unconfigured',
      tenant: {
        issuerPreset: 'cxone',
        issuer: 'https://cxone.niceincontact.com',
        clientId: '',
        redirect: { mode: 'any-loopback' },
        scopes: ['openid'],
        tenantIdHint: '',
        apiVersion: 'v34.0',
        apiEndpointOverride: '',
      },
      watch: { scope: 'all', teamIds: [], agentIds: [], skillScope: 'all', skillIds: [] },
      pollIntervalSeconds: 10,
      resyncMinutes: 5,
      notifications: {
        enabled: true,
        toAvailable: true,
        toUnavailable: true,
        toLoggedOut: true,
        toOnContact: false,
        toAcw: false,
        unavailableLongerThanMinutes: 0,
        codeLimitsFromCxone: true,
        codeRules: [],
        pinnedOnly: false,
        teamRules: [],
        agentRules: [],
        cooldownSeconds: 60,
        maxPerMinute: 6,
        queueRules: [],
        quietHours: { enabled: false, start: '22:00', end: '07:00' },
      },
      pinnedAgentIds: [],
      autostart: false,
      theme: 'system',
      trayBadge: 'available',
      demo: { agents: 200, seed: 1 },
    };
    expect(defaultSettings()).toEqual(expected);
    // A section written as {} by hand gets the same values field by field.
    const empty = settingsSchema.parse({ tenant: {}, watch: {}, notifications: { quietHours: {} }, demo: {} });
    expect(empty).toEqual(expected);
  });

  // [field, lowest accepted, highest accepted]: one past either end is refused (and a file holding it
  // has that field alone reset to its default).
  it.each([
    ['pollIntervalSeconds', 5, 600],
    ['resyncMinutes', 1, 120],
    ['notifications.unavailableLongerThanMinutes', 0, 24 * 60],
    ['notifications.cooldownSeconds', 0, 3600],
    ['notifications.maxPerMinute', 1, 60],
    ['demo.agents', 1, 20_000],
  ])('%s takes %i to %i', (path, lo, hi) => {
    expect(withField(path, lo).success).toBe(true);
    expect(withField(path, hi).success).toBe(true);
    expect(withField(path, lo - 1).success).toBe(false);
    expect(withField(path, hi + 1).success).toBe(false);
  });

  it('the minutes of a code rule and the threshold of a queue rule stay within a day', () => {
    const code = (minutes: number) => withField('notifications.codeRules', [{ outStateId: 3, minutes }]).success;
    expect([code(0), code(24 * 60), code(-1), code(24 * 60 + 1)]).toEqual([true, true, false, false]);
    const queue = (threshold: number, kind = 'longest-wait-over') => withField('notifications.queueRules', [{ skillId: null, kind, threshold }]).success;
    expect([queue(0), queue(24 * 3600), queue(-1), queue(24 * 3600 + 1), queue(3, 'waiting-over')]).toEqual([true, true, false, false, true]);
  });

  it('tells the settings window why a poll interval, an API version, a scope or a quiet-hours time is refused', () => {
    expect(messages('pollIntervalSeconds', 4)).toEqual(['The poll interval is at least 5 seconds.']);
    expect(messages('tenant.apiVersion', '34.0')).toEqual(['The API version looks like v34.0.']);
    expect(messages('tenant.scopes', ['openid', 'Real Time'])).toEqual(['A scope is one word without spaces or quotes.']);
    expect(messages('notifications.quietHours', { enabled: true, start: '24:00', end: '07:00' })).toEqual(['Use 24-hour time, e.g. 22:00.']);
    // A URL's sentence is url-policy's own; here that it reaches the field and names which URL it is.
    expect(messages('tenant.issuer', 'http://cxone.example')).toEqual([expect.stringMatching(/^The issuer must use https/)]);
    expect(messages('tenant.apiEndpointOverride', 'http://api.example')).toEqual(expect.arrayContaining([expect.stringMatching(/^The API endpoint must use https/)]));
    const badUri = withField('tenant.redirect', { mode: 'exact', uri: 'https://evil.example/cb' }).error?.issues ?? [];
    expect(badUri.map((i) => i.path.join('.'))).toEqual(['tenant.redirect.uri']);
  });

  it('quiet hours take every 24-hour time from 00:00 to 23:59 with two-digit hours', () => {
    const ok = (start: string) => withField('notifications.quietHours', { enabled: true, start, end: '07:00' }).success;
    expect(['00:00', '09:59', '19:30', '23:59'].map(ok)).toEqual([true, true, true, true]);
    expect(['24:00', '7:00', '07:60', '22:00 ', 'x22:00', '7:000'].map(ok)).toEqual([false, false, false, false, false, false]);
  });

  it('an API version is v<major>.<minor> and nothing around it', () => {
    const ok = (v: string) => withField('tenant.apiVersion', v).success;
    expect(['v34.0', 'v1.10', ' v35.2 '].map(ok)).toEqual([true, true, true]);
    expect(['v34', 'v34.0-beta', 'api/v34.0', 'vX.0'].map(ok)).toEqual([false, false, false, false]);
  });

  it('keeps every choice a file or the window may name: watch scopes, skill scopes, redirects, queue rule kinds', () => {
    for (const scope of ['all', 'teams', 'agents', 'me']) expect(withField('watch.scope', scope).success, scope).toBe(true);
    for (const skillScope of ['all', 'chosen', 'teams', 'none']) expect(withField('watch.skillScope', skillScope).success, skillScope).toBe(true);
    for (const preset of ['cxone', 'cxone-gov', 'custom']) expect(withField('tenant.issuerPreset', preset).success, preset).toBe(true);
    expect(settingsSchema.parse({ tenant: { redirect: { mode: 'any-loopback' } } }).tenant.redirect).toEqual({ mode: 'any-loopback' });
    const rule = { skillId: 5, kind: 'waiting-over', threshold: 3 };
    expect(settingsSchema.parse({ notifications: { queueRules: [rule], agentRules: [{ agentId: 9, categories: ['acw'] }] } }).notifications).toMatchObject({
      queueRules: [rule],
      agentRules: [{ agentId: 9, categories: ['acw'] }],
    });
  });

  it('scopes: at least one, each a single word of printable characters without spaces, quotes or backslashes', () => {
    const ok = (scopes: string[]) => withField('tenant.scopes', scopes).success;
    expect([ok(['openid', 'RealTimeApi', 'a!#[]~']), ok([])]).toEqual([true, false]);
    expect([ok(['']), ok(['a"b']), ok(['a\\b']), ok(['a b']), ok(['é'])]).toEqual([false, false, false, false, false]);
  });

  it('trims the text fields at both ends and keeps the client id and tenant hint to their lengths', () => {
    const parsed = settingsSchema.parse({
      tenant: { issuer: '  https://cxone.niceincontact.com  ', clientId: '  app-1  ', tenantIdHint: ' acme ', apiVersion: ' v35.0 ', apiEndpointOverride: ' https://api-na1.niceincontact.com ' },
    });
    expect(parsed.tenant).toMatchObject({ issuer: 'https://cxone.niceincontact.com', clientId: 'app-1', tenantIdHint: 'acme', apiVersion: 'v35.0', apiEndpointOverride: 'https://api-na1.niceincontact.com' });
    expect([withField('tenant.clientId', 'c'.repeat(200)).success, withField('tenant.clientId', 'c'.repeat(201)).success]).toEqual([true, false]);
    expect([withField('tenant.tenantIdHint', 't'.repeat(100)).success, withField('tenant.tenantIdHint', 't'.repeat(101)).success]).toEqual([true, false]);
  });

  it('a hand-edited file with an unknown choice or a misspelt category has that field alone reset', () => {
    const { settings, reset } = repairSettings({
      schemaVersion: 1,
      theme: 'dark',
      trayBadge: 'queues',
      watch: { scope: 'agents', agentIds: [3], skillScope: 'some' },
      notifications: { toAcw: true, teamRules: [{ teamId: 4, categories: ['Available'] }], agentRules: [{ agentId: 9, categories: ['acw', 'break'] }], queueRules: [{ skillId: 5, kind: 'waiting-under', threshold: 3 }] },
      tenant: { issuerPreset: 'cxone-gov', issuer: 'https://cxone-gov.niceincontact.com', redirect: { mode: 'exact', uri: 'http://localhost:3000/auth-callback' } },
    });
    expect(reset.sort()).toEqual(['notifications.agentRules', 'notifications.queueRules', 'notifications.teamRules', 'trayBadge', 'watch.skillScope']);
    expect(settings).toMatchObject({
      theme: 'dark',
      trayBadge: 'available',
      watch: { scope: 'agents', agentIds: [3], skillScope: 'all' },
      notifications: { toAcw: true, teamRules: [], agentRules: [], queueRules: [] },
      tenant: { issuerPreset: 'cxone-gov', issuer: 'https://cxone-gov.niceincontact.com', redirect: { mode: 'exact', uri: 'http://localhost:3000/auth-callback' } },
    });
  });
});
