// The one IPC contract: every channel between the renderer and main, with a zod schema for each
// payload. Main validates every incoming payload against it; the preload builds window.agentTray from
// it; the renderer's calls are typed by it, so a wrong name or payload shape is a compile error.
import { z } from 'zod';
import { sessionStatusSchema } from '../main/auth/status';
import { doctorReportSchema } from '../main/diagnostics/finding';
import { agentChangeSchema, monitorStatusSchema, rosterDeltaSchema, rosterSnapshotPartSchema, trendSchema } from '../main/monitor/status';
import { pickerQuerySchema, pickerChoicesSchema } from '../main/monitor/picker-choices';
import { queueStateSchema } from '../main/queues/model';
import { settingsSchema, tenantSettingsSchema } from '../main/settings/schema';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from './channels';

const none = z.undefined();
const done = z.object({ ok: z.literal(true) });

/** A message the app tells the user once (keychain missing, settings were reset, …). */
export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  /** A button the banner offers beside Dismiss (e.g. "Sign in" when CXone refused the token). */
  action: z.enum(['sign-in']).optional(),
  /** It says what is true now and goes by itself when that ends (a feed that could not start): no Dismiss. */
  lasting: z.literal(true).optional(),
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
  /** The OS's regional format, in which the window writes clock times ("en-GB"); null: the window's default locale. */
  clockLocale: z
    .string()
    .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/)
    .nullable(),
});
export type AppState = z.infer<typeof appStateSchema>;

export const saveResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: settingsSchema }),
  z.object({ ok: z.literal(false), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
]);

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** `skipped`: the step could not run yet (e.g. the API steps before sign-in); it neither passed nor failed. */
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), skipped: z.boolean().optional(), message: z.string() })),
});

export const signInResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

/** renderer → main, answered. The key is the preload's function name. */
export const commands = {
  getAppState: { channel: COMMAND_CHANNELS.getAppState, request: none, response: appStateSchema },
  /**
   * The roster snapshot in parts (main/monitor/snapshot-parts.ts): the only way a window reads it, so
   * no reply carries every agent (one reply of 100,000 took 340–425 ms of main-process CPU to serialize).
   */
  getRosterSnapshotPart: {
    channel: COMMAND_CHANNELS.getRosterSnapshotPart,
    request: z.object({ token: z.number().int().nullable(), from: z.number().int().min(0) }),
    response: rosterSnapshotPartSchema,
  },
  /** What Settings' watch pickers offer: the teams, and the agents matching what the user typed (main/monitor/picker-choices.ts). */
  getPickerChoices: { channel: COMMAND_CHANNELS.getPickerChoices, request: pickerQuerySchema, response: pickerChoicesSchema },
  getAgentHistory: {
    channel: COMMAND_CHANNELS.getAgentHistory,
    request: z.object({ agentId: z.number().int() }),
    response: z.array(agentChangeSchema),
  },
  getTrend: { channel: COMMAND_CHANNELS.getTrend, request: none, response: trendSchema },
  /** The watched skills' queues (main/queues/model.ts). */
  getQueues: { channel: COMMAND_CHANNELS.getQueues, request: none, response: queueStateSchema },
  saveSettings: { channel: COMMAND_CHANNELS.saveSettings, request: z.unknown(), response: saveResultSchema },
  testConnection: { channel: COMMAND_CHANNELS.testConnection, request: tenantSettingsSchema, response: connectionTestSchema },
  signIn: { channel: COMMAND_CHANNELS.signIn, request: none, response: signInResultSchema },
  cancelSignIn: { channel: COMMAND_CHANNELS.cancelSignIn, request: none, response: done },
  signOut: { channel: COMMAND_CHANNELS.signOut, request: none, response: done },
  startDemo: { channel: COMMAND_CHANNELS.startDemo, request: none, response: done },
  refreshNow: { channel: COMMAND_CHANNELS.refreshNow, request: none, response: done },
  setPollingPaused: { channel: COMMAND_CHANNELS.setPollingPaused, request: z.object({ paused: z.boolean() }), response: done },
  /** minutes: null pauses until resumed; 0 resumes. */
  pauseNotifications: {
    channel: COMMAND_CHANNELS.pauseNotifications,
    request: z.object({ minutes: z.number().int().min(0).max(24 * 60).nullable() }),
    response: done,
  },
  setAgentPinned: {
    channel: COMMAND_CHANNELS.setAgentPinned,
    request: z.object({ agentId: z.number().int(), pinned: z.boolean() }),
    response: done,
  },
  runDiagnostics: {
    channel: COMMAND_CHANNELS.runDiagnostics,
    request: z.object({ agentId: z.string().trim().max(64).optional() }),
    response: doctorReportSchema,
  },
  dismissNotice: { channel: COMMAND_CHANNELS.dismissNotice, request: z.object({ id: z.string() }), response: done },
  copyText: { channel: COMMAND_CHANNELS.copyText, request: z.object({ text: z.string().max(200_000) }), response: done },
  openExternal: { channel: COMMAND_CHANNELS.openExternal, request: z.object({ url: z.string().url() }), response: done },
  openWindow: {
    channel: COMMAND_CHANNELS.openWindow,
    /** diagnostics and notifications: the settings window on that section. */
    request: z.object({ window: z.enum(['tray', 'settings', 'diagnostics', 'notifications']) }),
    response: done,
  },
  hideWindow: { channel: COMMAND_CHANNELS.hideWindow, request: none, response: done },
} as const satisfies { [K in keyof typeof COMMAND_CHANNELS]: { channel: (typeof COMMAND_CHANNELS)[K]; request: z.ZodType; response: z.ZodType } };

/** main → renderer, pushed. */
export const events = {
  appState: { channel: EVENT_CHANNELS.appState, payload: appStateSchema },
  rosterDelta: { channel: EVENT_CHANNELS.rosterDelta, payload: rosterDeltaSchema },
  /** What Settings' pickers offer may have changed (an agent added or gone, the directory reloaded): ask getPickerChoices again. */
  pickerChoicesChanged: { channel: EVENT_CHANNELS.pickerChoicesChanged, payload: z.object({}) },
  /** The watched skills' queues changed (or their status did). */
  queues: { channel: EVENT_CHANNELS.queues, payload: queueStateSchema },
  /** A notification was clicked: show this agent. */
  focusAgent: { channel: EVENT_CHANNELS.focusAgent, payload: z.object({ agentId: z.number().int() }) },
  /** The open settings window is asked to show a section (no navigation, so unsaved edits stay). */
  showSection: { channel: EVENT_CHANNELS.showSection, payload: z.object({ section: z.enum(['diagnostics', 'notifications']) }) },
} as const satisfies { [K in keyof typeof EVENT_CHANNELS]: { channel: (typeof EVENT_CHANNELS)[K]; payload: z.ZodType } };

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
