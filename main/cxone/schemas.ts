// Response schemas for the agent-session endpoints, and parseWith (a zod failure as a 'malformed'
// CxoneError). Every list has its own tolerant reader: agents/states (agent-states.ts), the directory
// (directory.ts), unavailable codes, skills and skill assignments.
import { z } from 'zod';
import { malformedError } from './errors';
import { isObj, lenientStr, looseStr } from './lenient';

export { ListTexts, parseAgentStatesJson, parseAgentStatesPage, type AgentStatesPage, type StatesRead } from './agent-states';

export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '(body)';
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = body;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return v;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Parse with a zod schema and turn a failure into a 'malformed' CxoneError with path and excerpt. */
export function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = formatPath(issue.path);
  throw malformedError(path, valueAt(body, issue.path), `${what}: ${issue.message}`);
}

// ---- agent sessions (the long poll for one agent's own events) --------------------------------

/** CXone spells session ids as strings; accept a number too and keep it as text. */
const sessionIdSchema = z.union([z.string().min(1), z.number()]).transform(String);

/** POST agent-sessions/join answers `{ sessionId }`. */
export const agentSessionJoinBodySchema = z.object({ sessionId: sessionIdSchema });

/**
 * One event of get-next-event: its `Type` (null when it has none that reads as text) and the event as it
 * came. Any event also means "look again", so an odd one (no Type, a Type that is not text) is kept; only
 * an entry that is not an object at all is dropped — never the batch.
 */
const agentSessionEventSchema = z.unknown().transform((e) => (isObj(e) ? { type: looseStr(e.Type) ?? null, raw: e } : null));

/**
 * get-next-event answers `{ sessionId, events[] }`; the sessionId is the one to ask with next time. One
 * that is absent, null or "" (§6: "none"), or not text at all, is none: the caller keeps the id it asked
 * with, and the events still count — the schema allows "", and refusing it lost the answer's events.
 */
export const agentSessionEventsBodySchema = z.object({
  sessionId: lenientStr.optional().transform((id) => id || null),
  events: z
    .array(agentSessionEventSchema)
    .nullish()
    .transform((list) => (list ?? []).filter((e) => e !== null)),
});
