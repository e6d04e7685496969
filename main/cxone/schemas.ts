// Response schemas for the CXone endpoints and their normalization into the app's own types.
// agents/states, the hot path, has its own tolerant reader (agent-states.ts); the small, infrequent
// endpoints below are zod all the way.
import { z } from 'zod';
import { malformedError } from './errors';
import { looseStr } from './lenient';

export { ListTexts, parseAgentStatesJson, parseAgentStatesPage, type AgentStatesPage, type StatesRead } from './agent-states';

// Tolerant like agents/states (CXONE-API.md §6): a number where a text belongs is read as its text.
const coerce = (read: (v: unknown) => unknown) => (v: unknown) => {
  const r = read(v);
  return r === undefined ? v : r;
};
const optStr = z.preprocess(coerce(looseStr), z.string().nullish());

// ---- the other endpoints (small, infrequent: zod all the way; agents and teams: directory.ts) -----

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
 * One event of get-next-event. Their fields are not part of the facts the app relies on (any event
 * only means "look again"), so only `Type` is read and everything else is kept as it came.
 */
export const agentSessionEventSchema = z.looseObject({ Type: optStr });

/** get-next-event answers `{ sessionId, events[] }`; the sessionId is the one to ask with next time. */
export const agentSessionEventsBodySchema = z.object({
  sessionId: sessionIdSchema.nullish(),
  events: z.array(agentSessionEventSchema).nullish(),
});
