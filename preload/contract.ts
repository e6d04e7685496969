// The one IPC contract: every channel between the renderer and main, with a zod schema for each
// payload. Main validates every incoming payload against it; the preload builds window.agentTray from
// it; the renderer's calls are typed by it, so a wrong name or payload shape is a compile error.
import { z } from 'zod';
import { sessionStatusSchema } from '../main/auth/status';
import { doctorReportSchema } from '../main/diagnostics/finding';
import { agentChangeSchema, monitorStatusSchema, rosterDeltaSchema, rosterSnapshotSchema, trendSchema } from '../main/monitor/status';
import { settingsSchema, tenantSettingsSchema } from '../main/settings/schema';

const none = z.undefined();
const done = z.object({ ok: z.literal(true) });

/** A message the app tells the user once (keychain missing, settings were reset, …). */
export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const appStateSchema = z.object({
  mode: z.enum(['unconfigured', 'demo', 'cxone']),
  /** "Demo tenant", the tenant's short name, or null before sign-in. */
  tenantLabel: z.string().nullable(),
  session: sessionStatusSchema,
  monitor: monitorStatusSchema,
  settings: settingsSchema,
  notices: z.array(noticeSchema),
  /** Notifications are paused until this time (ms); Infinity is sent as null + indefinitely. */
  notificationsPausedUntil: z.number().nullable(),
  notificationsPausedIndefinitely: z.boolean(),
  pollingPaused: z.boolean(),
  /** Where settings and logs live, shown in Settings. */
  paths: z.object({ settings: z.string(), logs: z.string() }),
});
export type AppState = z.infer<typeof appStateSchema>;

export const saveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: settingsSchema }),
  z.object({ ok: z.literal(false), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
]);

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
});

export const signInResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

/** renderer → main, answered. The key is the preload's function name. */
export const commands = {
  getAppState: { channel: 'app:get-state', request: none, response: appStateSchema },
  getRosterSnapshot: { channel: 'roster:get-snapshot', request: none, response: rosterSnapshotSchema },
  getAgentHistory: {
    channel: 'roster:get-history',
    request: z.object({ agentId: z.number().int() }),
    response: z.array(agentChangeSchema),
  },
  getTrend: { channel: 'trend:get', request: none, response: trendSchema },
  saveSettings: { channel: 'settings:save', request: z.unknown(), response: saveResultSchema },
  testConnection: { channel: 'settings:test-connection', request: tenantSettingsSchema, response: connectionTestSchema },
  signIn: { channel: 'session:sign-in', request: none, response: signInResultSchema },
  cancelSignIn: { channel: 'session:cancel-sign-in', request: none, response: done },
  signOut: { channel: 'session:sign-out', request: none, response: done },
  startDemo: { channel: 'demo:start', request: none, response: done },
  refreshNow: { channel: 'monitor:refresh-now', request: none, response: done },
  setPollingPaused: { channel: 'monitor:set-paused', request: z.object({ paused: z.boolean() }), response: done },
  /** minutes: null pauses until resumed; 0 resumes. */
  pauseNotifications: {
    channel: 'notifications:pause',
    request: z.object({ minutes: z.number().int().min(0).max(24 * 60).nullable() }),
    response: done,
  },
  setAgentPinned: {
    channel: 'agents:set-pinned',
    request: z.object({ agentId: z.number().int(), pinned: z.boolean() }),
    response: done,
  },
  runDiagnostics: {
    channel: 'diagnostics:run',
    request: z.object({ agentId: z.string().trim().max(64).optional() }),
    response: doctorReportSchema,
  },
  dismissNotice: { channel: 'notices:dismiss', request: z.object({ id: z.string() }), response: done },
  copyText: { channel: 'clipboard:write-text', request: z.object({ text: z.string().max(200_000) }), response: done },
  openExternal: { channel: 'shell:open-external', request: z.object({ url: z.string().url() }), response: done },
  openWindow: {
    channel: 'window:open',
    request: z.object({ window: z.enum(['tray', 'settings', 'diagnostics']) }),
    response: done,
  },
  hideWindow: { channel: 'window:hide', request: none, response: done },
} as const;

/** main → renderer, pushed. */
export const events = {
  appState: { channel: 'app:state', payload: appStateSchema },
  rosterDelta: { channel: 'roster:delta', payload: rosterDeltaSchema },
  /** A notification was clicked: show this agent. */
  focusAgent: { channel: 'ui:focus-agent', payload: z.object({ agentId: z.number().int() }) },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type Events = typeof events;
export type EventName = keyof Events;

export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

/** Errors travel as values, never as thrown exceptions lost in the IPC layer. */
export const ipcErrorSchema = z.object({
  kind: z.enum(['unknown-channel', 'forbidden-sender', 'invalid-payload', 'failed']),
  message: z.string(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const commandByChannel: ReadonlyMap<string, CommandName> = new Map(
  (Object.keys(commands) as CommandName[]).map((name) => [commands[name].channel, name]),
);
