// The settings file's one schema. Main validates what it loads and what the settings window sends;
// the settings window validates each field with the very same schema before Save is enabled.
import { z } from 'zod';
import { stateCategorySchema } from '../cxone/model';
import { DEMO_TENANT_DEFAULTS } from '../demo/demo-defaults';
import { checkRedirectUri, checkServiceUrl, type UrlCheck } from '../net/url-policy';

export const SETTINGS_SCHEMA_VERSION = 1;

export const ISSUER_PRESETS = {
  cxone: 'https://cxone.niceincontact.com',
  'cxone-gov': 'https://cxone-gov.niceincontact.com',
} as const;

/** A trimmed string that passes one of url-policy's checks; the check's sentence is the issue. */
const checkedUrl = (check: (value: string) => UrlCheck) =>
  z.string().trim().superRefine((value, ctx) => {
    const r = check(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

const serviceUrl = (what: string) => checkedUrl((value) => checkServiceUrl(value, what));

const redirectUriSchema = z.discriminatedUnion('mode', [
  /** RFC 8252 §7.3: any port on 127.0.0.1, path /callback. */
  z.object({ mode: z.literal('any-loopback') }),
  /** An exact URI that matches the CXone app registration, e.g. http://localhost:3000/auth-callback. */
  z.object({
    mode: z.literal('exact'),
    uri: checkedUrl(checkRedirectUri),
  }),
]);

export const tenantSettingsSchema = z.object({
  issuerPreset: z.enum(['cxone', 'cxone-gov', 'custom']).default('cxone'),
  issuer: serviceUrl('issuer').default(ISSUER_PRESETS.cxone),
  clientId: z.string().trim().max(200).default(''),
  redirect: redirectUriSchema.default({ mode: 'any-loopback' }),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'A scope is one word without spaces or quotes.')).min(1).default(['openid']),
  /** Known tenant id, sent as the `tenantId` hint on authorize. */
  tenantIdHint: z.string().trim().max(100).default(''),
  apiVersion: z.string().trim().regex(/^v\d+\.\d+$/, 'The API version looks like v34.0.').default('v34.0'),
  /** Manual API host, bypassing discovery. Empty = discover. */
  apiEndpointOverride: z.union([z.literal(''), serviceUrl('API endpoint')]).default(''),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const watchSettingsSchema = z.object({
  scope: z.enum(['all', 'teams', 'agents', 'me']).default('all'),
  teamIds: z.array(z.number().int()).default([]),
  agentIds: z.array(z.number().int()).default([]),
  /**
   * Which skills' queues to watch: every skill the user may see, the ones chosen (skillIds), the skills
   * of the agents in the watched teams, or none (the queue strip is off).
   */
  skillScope: z.enum(['all', 'chosen', 'teams', 'none']).default('all'),
  skillIds: z.array(z.number().int()).default([]),
});
export type WatchSettings = z.infer<typeof watchSettingsSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour time, e.g. 22:00.');

export const notificationSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  toAvailable: z.boolean().default(true),
  toUnavailable: z.boolean().default(true),
  toLoggedOut: z.boolean().default(true),
  toOnContact: z.boolean().default(false),
  toAcw: z.boolean().default(false),
  /** Notify once when an agent has been Unavailable longer than this many minutes (0 = off). */
  unavailableLongerThanMinutes: z.number().int().min(0).max(24 * 60).default(0),
  /**
   * "On <code> longer than N minutes", per unavailable code (0 = off for that code). A code without a
   * rule uses its own time limit from CXone (agentTimeout), else unavailableLongerThanMinutes.
   */
  /** Whether a code without a rule takes CXone's own time limit for it (agentTimeout) as its threshold. */
  codeLimitsFromCxone: z.boolean().default(true),
  codeRules: z.array(z.object({ outStateId: z.number().int(), minutes: z.number().int().min(0).max(24 * 60) })).default([]),
  pinnedOnly: z.boolean().default(false),
  /** Rules per team: a team listed here notifies only for the categories given. */
  // Category names are checked: a misspelt one in a hand-edited file would silently mute a team.
  teamRules: z.array(z.object({ teamId: z.number().int(), categories: z.array(stateCategorySchema) })).default([]),
  /** Rules per agent, stronger than the agent's team rule: only these categories; none mutes the agent. */
  agentRules: z.array(z.object({ agentId: z.number().int(), categories: z.array(stateCategorySchema) })).default([]),
  cooldownSeconds: z.number().int().min(0).max(3600).default(60),
  maxPerMinute: z.number().int().min(1).max(60).default(6),
  /**
   * Queue rules: notify when a skill (skillId, or null for each watched skill) has more than `threshold`
   * contacts waiting (`waiting-over`), or its longest wait passes `threshold` seconds (`longest-wait-over`).
   */
  queueRules: z
    .array(z.object({ skillId: z.number().int().nullable(), kind: z.enum(['waiting-over', 'longest-wait-over']), threshold: z.number().int().min(0).max(24 * 3600) }))
    .default([]),
  quietHours: z
    .object({ enabled: z.boolean().default(false), start: hhmm.default('22:00'), end: hhmm.default('07:00') })
    .default({ enabled: false, start: '22:00', end: '07:00' }),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION),
  /** unconfigured: first run, nothing chosen yet (the app runs the demo and offers to connect). */
  mode: z.enum(['unconfigured', 'demo', 'cxone']).default('unconfigured'),
  tenant: tenantSettingsSchema.default(() => tenantSettingsSchema.parse({})),
  watch: watchSettingsSchema.default(() => watchSettingsSchema.parse({})),
  pollIntervalSeconds: z.number().int().min(5, 'The poll interval is at least 5 seconds.').max(600).default(10),
  /**
   * The shortest period between safety resyncs (full lists read only as a safety net; see
   * main/monitor/poller.ts). The period used is 1 h per 10,000 agents (1–6 h) unless this is longer;
   * before issue 15 it was the period itself. Old files stay valid: their 5 now means "at least 5 min".
   * For the skill queues (a few hundred items at most, so a full list is cheap) it IS the resync period.
   */
  resyncMinutes: z.number().int().min(1).max(120).default(5),
  notifications: notificationSettingsSchema.default(() => notificationSettingsSchema.parse({})),
  pinnedAgentIds: z.array(z.number().int()).default([]),
  autostart: z.boolean().default(false),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** What the tray icon's badge counts: available agents, or contacts waiting in the watched queues. */
  trayBadge: z.enum(['available', 'waiting']).default('available'),
  demo: z
    .object({ agents: z.number().int().min(1).max(20000).default(DEMO_TENANT_DEFAULTS.agents), seed: z.number().int().default(DEMO_TENANT_DEFAULTS.seed) })
    .default({ ...DEMO_TENANT_DEFAULTS }),
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
