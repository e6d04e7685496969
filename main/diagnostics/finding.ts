// The doctor's output vocabulary: stable codes (documented, used by scripts via --json), severities
// and findings. Shared by the engine, the CLI, the IPC contract and the Diagnostics view.
import { z } from 'zod';

export const FINDING_CODES = [
  'TOKEN_MISSING',
  'TOKEN_NOT_JWT',
  'TOKEN_EXPIRED',
  'TOKEN_NO_TENANT',
  'DISCOVERY_FAILED',
  // Kept for scripts that match on it; no longer produced: a given API host is used without discovery.
  'API_HOST_MISMATCH',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'NETWORK_ERROR',
  'AGENT_ID_IS_USER_UUID',
  'AGENT_NOT_FOUND',
  'AGENT_INACTIVE',
  'AGENT_LOGGED_OUT',
  'NO_CHANGE_SINCE',
  'PAGED_OUT',
  'FIELDS_TOO_NARROW',
  'HIDDEN_BY_APP_FILTER',
  'AGENT_VISIBLE',
  // Added by the doctor engine: the checklist's passing steps and causes the table above does not name.
  'TOKEN_VALID',
  'SCOPES_IRRELEVANT',
  'API_HOST_FOUND',
  'URL_NOT_ALLOWED',
  'API_PATH_NOT_FOUND',
  'BAD_REQUEST',
  'BUSINESS_UNIT_CONFLICT',
  'UNEXPECTED_RESPONSE',
  'NO_AGENT_ID',
  'AGENT_NOT_IN_LIST',
  'LIST_EMPTY',
  'LIST_SUMMARY',
  'DEMO_TENANT',
  'API_HOST_NOT_CXONE',
  // What a tolerant read of agents/states could not use: items left out, a full list not whole.
  'ITEMS_LEFT_OUT',
  'LIST_INCOMPLETE',
  // The queue feature (issue 14): does skills/activity answer for this user?
  'SKILL_ACTIVITY_OK',
  'SKILL_ACTIVITY_FORBIDDEN',
  'SKILL_ACTIVITY_UNAVAILABLE',
  'SKILL_ACTIVITY_FAILED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const findingCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/);
export const severitySchema = z.enum(['ok', 'info', 'warning', 'error']);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  code: findingCodeSchema,
  severity: severitySchema,
  title: z.string(),
  detail: z.string(),
  fix: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const doctorReportSchema = z.object({
  ok: z.boolean(),
  findings: z.array(findingSchema),
  agent: z.record(z.string(), z.unknown()).optional(),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;
