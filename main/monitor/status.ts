// Plain-data shapes the monitor publishes: its status, roster snapshots and deltas, change events and
// the trend series. Shared with the renderer through the IPC contract.
import { z } from 'zod';
import { agentStateSchema, stateCategorySchema } from '../cxone/model';

export const monitorErrorSchema = z.object({
  /** The CXone error kind (unauthorized, forbidden, rate-limited, …). */
  kind: z.string(),
  /** A sentence a person can act on. */
  message: z.string(),
});
export type MonitorError = z.infer<typeof monitorErrorSchema>;

/** Why polling is paused: the user, the machine sleeping, the screen locked, or no network. */
export const pauseReasonSchema = z.enum(['user', 'suspend', 'lock', 'offline']);
export type PauseReason = z.infer<typeof pauseReasonSchema>;

/** What was wrong with the data of a successful poll (the log has the same). */
export const readIssueSchema = z.object({
  /** Items CXone sent that could not be read and were left out (every other agent is kept). */
  leftOut: z.number().int(),
  /** Why the first one could not be read, or why the full list was not whole. */
  reason: z.string(),
  /** False when the last full list was not whole: nobody was retired, last known states are kept. */
  complete: z.boolean(),
});
export type ReadIssue = z.infer<typeof readIssueSchema>;

export const monitorStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle') }),
  z.object({ kind: z.literal('signed-out') }),
  z.object({ kind: z.literal('starting') }),
  z.object({ kind: z.literal('live'), lastSuccessAt: z.number(), issue: readIssueSchema.optional() }),
  /** The last success is older than three intervals, or the last full list was not whole. */
  z.object({ kind: z.literal('stale'), lastSuccessAt: z.number().nullable(), issue: readIssueSchema.optional() }),
  z.object({ kind: z.literal('paused'), reason: pauseReasonSchema, lastSuccessAt: z.number().nullable() }),
  z.object({ kind: z.literal('backing-off'), nextAttemptAt: z.number(), error: monitorErrorSchema, lastSuccessAt: z.number().nullable() }),
  z.object({ kind: z.literal('error'), error: monitorErrorSchema, lastSuccessAt: z.number().nullable() }),
]);
export type MonitorStatus = z.infer<typeof monitorStatusSchema>;

/**
 * What a poller, and so a running feed, says of itself: every MonitorStatus but 'signed-out'. Only the
 * core says that one (core/ui-state.ts), for a CXone tenant with no feed running — before sign-in, after
 * a sign-out or an expired session: a feed is stopped then, never left running signed out.
 */
export type PollerStatus = Exclude<MonitorStatus, { kind: 'signed-out' }>;

/** One agent whose state actually changed (state, unavailable code, ACW flag or contact). */
export const agentChangeSchema = z.object({
  agentId: z.number().int(),
  from: agentStateSchema.nullable(),
  to: agentStateSchema,
  /** The server's startDate of the new state, or the poll time when the server gave none (ms). */
  at: z.number(),
  /** True for changes found by a baseline snapshot (start, resume, resync): never notified. */
  baseline: z.boolean(),
});
export type AgentChange = z.infer<typeof agentChangeSchema>;

export const teamSchema = z.object({ id: z.number().int(), name: z.string() });

/** An unavailable code as the settings window offers it: its name and CXone's own time limit (minutes). */
export const unavailableCodeInfoSchema = z.object({ id: z.number().int(), name: z.string(), timeLimitMinutes: z.number().int().nullable() });

export const rosterSnapshotSchema = z.object({
  revision: z.number().int(),
  agents: z.array(agentStateSchema),
  teams: z.array(teamSchema),
  /** The tenant's unavailable codes, once loaded (absent before). */
  unavailableCodes: z.array(unavailableCodeInfoSchema).optional(),
});
export type RosterSnapshot = z.infer<typeof rosterSnapshotSchema>;

/** A part of a snapshot (main/monitor/snapshot-parts.ts): `agents` from `from` on, of `total`, all of the snapshot named by `token`. */
export const rosterSnapshotPartSchema = rosterSnapshotSchema.extend({
  token: z.number().int(),
  from: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type RosterSnapshotPart = z.infer<typeof rosterSnapshotPartSchema>;

/**
 * The base of a reset delta, which follows no revision: what only a snapshot carries has changed (the
 * watch scope, the unavailable codes' limits), and a renderer fetches a fresh snapshot even when it
 * holds the delta's revision already.
 */
export const RESET_BASE = -1;

/** What the renderer receives after the snapshot: only the agents that changed. */
export const rosterDeltaSchema = z.object({
  /** The revision this delta applies on top of; a renderer that missed one asks for a new snapshot. */
  base: z.number().int(),
  revision: z.number().int(),
  upserts: z.array(agentStateSchema),
  removed: z.array(z.number().int()),
});
export type RosterDelta = z.infer<typeof rosterDeltaSchema>;

/** Counts per category, one bucket per minute, for the trend strip. */
export const trendSchema = z.object({
  bucketMs: z.number().int(),
  buckets: z.array(z.object({ t: z.number(), counts: z.record(stateCategorySchema, z.number().int()) })),
});
export type Trend = z.infer<typeof trendSchema>;
