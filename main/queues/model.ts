// What the app knows about CXone skill queues (GET …/skills/activity, CXONE-API.md §3b), as the core
// publishes it to the tray window, the tray icon, the notification rules and the CLI. One shape for all.
import { z } from 'zod';

/**
 * Service level against the skill's goal: `meeting` at or above the goal, `at-risk` within 5 points
 * below it, `breached` further below, `unknown` when CXone reports no level or no goal.
 */
export const serviceLevelStatusSchema = z.enum(['meeting', 'at-risk', 'breached', 'unknown']);
export type ServiceLevelStatus = z.infer<typeof serviceLevelStatusSchema>;

const count = z.number().int().min(0);

/** One watched skill's queue, read from one `skillActivity` item (field names are CXone's). */
export const skillQueueSchema = z.object({
  skillId: z.number().int(),
  skillName: z.string(),
  mediaTypeName: z.string(),
  isOutbound: z.boolean(),
  /** Contacts waiting in the skill's queue (CXone `queueCount`). */
  queueCount: count,
  /**
   * When the longest-waiting contact entered the queue (CXone `earliestQueueTime`), normalized ISO 8601
   * with a zone (server-time.ts); null when nobody waits. Longest wait = server now − this.
   */
  earliestQueueTime: z.string().nullable(),
  agentsAvailable: count,
  agentsUnavailable: count,
  agentsACW: count,
  agentsWorking: count,
  agentsLoggedIn: count,
  /** Percent 0–100 (CXone `serviceLevel`); null when CXone reports none. */
  serviceLevel: z.number().nullable(),
  /** Percent 0–100 (CXone `serviceLevelGoal`); null when none is set. */
  serviceLevelGoal: z.number().nullable(),
  /** Seconds within which an answer counts as in service level (CXone `serviceLevelThreshold`). */
  serviceLevelThreshold: z.number().nullable(),
  serviceLevelStatus: serviceLevelStatusSchema,
  /** Agents (icAgentId) who have this skill, when the app could learn it; null when unknown. */
  agentIds: z.array(z.number().int()).nullable(),
});
export type SkillQueue = z.infer<typeof skillQueueSchema>;

/**
 * The queue feature as a whole.
 * - `off`: the user watches no skills (Settings → Watch), or the app runs no tenant.
 * - `loading`: the first answer is pending.
 * - `live` / `stale`: data as of `updatedAt` (stale: the last polls failed; `reason` says why).
 * - `error`: no data yet and the last poll failed (`reason`); polling goes on with backoff.
 * - `unavailable`: CXone refused the endpoint (403/404): the feature is off and `reason` says why in one sentence.
 */
export const queueStateSchema = z.object({
  status: z.enum(['off', 'loading', 'live', 'stale', 'error', 'unavailable']),
  reason: z.string().nullable(),
  /** The watched skills, in CXone's order. */
  skills: z.array(skillQueueSchema),
  /** Local wall-clock ms when the data was last confirmed current; null before the first answer. */
  updatedAt: z.number().nullable(),
  /** Server clock − local wall clock, ms (server-clock.ts), so a window can tick the longest wait. */
  serverOffsetMs: z.number(),
  /**
   * Every skill in CXone's answer, watched or not (id and name only), so Settings → Watch can offer
   * skills to choose; absent when the feed does not know them.
   */
  knownSkills: z.array(z.object({ skillId: z.number().int(), skillName: z.string() })).optional(),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const QUEUES_OFF: QueueState = { status: 'off', reason: null, skills: [], updatedAt: null, serverOffsetMs: 0 };
