// What a route module of the simulated tenant (tenant-routes.ts, skills-routes.ts, session-routes.ts)
// answers, and the small rules they share; server.ts sends it, an error (one with a description) with
// its icStatusDescription and error body.
import { parseServerTime } from '../cxone/server-time';

/** A status and body; `description` (errors only) goes into icStatusDescription and the error body. */
export interface RouteAnswer {
  status: number;
  body: unknown;
  description?: string;
}

/** How the simulated server says "nothing changed since updatedSince" (real tenants differ: CXONE-API.md). */
export type NoChangeAnswer = '200-empty' | '204' | '304';

/** An error answer: `description` becomes icStatusDescription. */
export const failed = (status: number, description: string): RouteAnswer => ({ status, body: null, description });

/** True for an answer (an error) where a parameter's value (a number, null or a plain record without `status`) was expected. */
export const isAnswer = (v: unknown): v is RouteAnswer => typeof v === 'object' && v !== null && 'status' in v;

/** A query parameter that must be a whole number ≥ min: null when absent or empty, else the number or a 400 "Invalid <name>". */
export function intParam(q: URLSearchParams, name: string, min: number): number | null | RouteAnswer {
  const v = q.get(name);
  if (v === null || v === '') return null;
  return /^\d+$/.test(v) && Number(v) >= min ? Number(v) : failed(400, `Invalid ${name}`);
}

/**
 * A query parameter that must be a time (updatedSince, updateSince): null when absent or empty, else ms
 * or a 400 "Invalid <name>". CXone's clock is UTC: a time without a zone is read as UTC, as the app
 * reads the server's.
 */
export function timeParam(q: URLSearchParams, name: string): number | null | RouteAnswer {
  const v = q.get(name);
  if (v === null || v === '') return null;
  return parseServerTime(v) ?? failed(400, `Invalid ${name}`);
}

/** The "no change" answer the server is set to give: 204 or 304 without a body, or 200 with the empty list's body. */
export function noChangeAnswer(kind: NoChangeAnswer, emptyBody: unknown): RouteAnswer {
  if (kind === '204' || kind === '304') return { status: Number(kind), body: null };
  return { status: 200, body: emptyBody };
}

/** A page's `_links` as the server spells them (full URLs, or paths when messy); a link that does not apply is absent. */
export type PageLinks = (u: URL, skip: number, top: number | null, total: number) => Record<string, string>;
