// Tolerant readers for single JSON values as real CXone tenants send them (CXONE-API.md §6): numbers
// and booleans as strings ("77001", "True"), null or "" for "none". Each returns the value, null when
// it is absent, or undefined when it cannot be read as that type — the caller decides whether an
// unreadable value costs the item (an id) or just the field (a name). Also the shapes every list answer
// shares: PascalCase items, the older resultSet wrapper, an envelope without a list, the next-page link,
// and items read one by one, an unreadable one left out and counted.

import { z } from 'zod';
import { malformedError } from './errors';

const INT_TEXT = /^\s*[-+]?\d+\s*$/;

/** An integer, from a number or a numeric string; undefined for fractions, garbage and anything beyond 2^53. */
export function looseInt(v: unknown): number | null | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    if (v.trim() === '') return null;
    if (!INT_TEXT.test(v)) return undefined;
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/**
 * True when v is an integer too large to be kept exactly as a number. JSON.parse has already rounded
 * such a number (Node 20 gives no access to its source text), so it must never be used as an id.
 */
export function isBeyondSafeInteger(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v);
  return typeof v === 'string' && INT_TEXT.test(v) && !Number.isSafeInteger(Number(v));
}

/** A boolean, from true/false, "True"/"False" (any case), 1/0 or "1"/"0". */
export function looseBool(v: unknown): boolean | null | undefined {
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return t === '' ? null : undefined;
  }
  if (v === 1) return true;
  if (v === 0) return false;
  return undefined;
}

/** A string; a number or boolean is taken as its text (a numeric user name, say). */
export function looseStr(v: unknown): string | null | undefined {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return null;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return undefined;
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The object with its keys in camelCase ("AgentStateId" → "agentStateId", "IsACW" → "isACW"), as old
 * API versions spell them in PascalCase. Called only for objects that lack the expected camelCase key.
 */
export function camelKeys(o: Record<string, unknown>): Record<string, unknown> {
  // No prototype: a "__proto__" key from JSON.parse stays a plain key.
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const c = k.length > 0 ? k[0]!.toLowerCase() + k.slice(1) : k;
    // A camelCase key present as well wins over its PascalCase twin.
    if (!(c in out) || c === k) out[c] = o[k];
  }
  return out;
}

/**
 * The item with camelCase keys: camelKeys(item) when it lacks `key` but has its PascalCase twin
 * `pascalKey` (old versions: AgentId, SkillId …), else the item itself. Both keys are given rather than
 * derived: agents/states calls this per item on the hot path.
 */
export function camelItem(item: Record<string, unknown>, key: string, pascalKey: string): Record<string, unknown> {
  return item[key] === undefined && item[pascalKey] !== undefined ? camelKeys(item) : item;
}

/** The older `{resultSet: {…}}` wrapper of a list answer (either spelling), or null when there is none. */
export function resultSetOf(body: Record<string, unknown>): Record<string, unknown> | null {
  return isObj(body.resultSet) ? body.resultSet : isObj(body.ResultSet) ? body.ResultSet : null;
}

/**
 * An envelope field of a list answer (`totalRecords`, `lastPollTime`, the list itself…), given by its
 * camelCase name: at the top level or in the older resultSet wrapper, camelCase or PascalCase as old
 * versions spell it; the first that is neither missing nor null, else undefined. Every list reader
 * reads its envelope through this, so none looks in fewer places than another.
 */
export function envelopeValue(body: Record<string, unknown>, key: string): unknown {
  const pascal = key.charAt(0).toUpperCase() + key.slice(1);
  const rs = resultSetOf(body);
  for (const v of [body[key], body[pascal], rs?.[key], rs?.[pascal]]) if (v !== undefined && v !== null) return v;
  return undefined;
}

/** A list read item by item: what could be read, how many items could not, and why the first. */
export interface ReadEach<T> {
  items: T[];
  leftOut: number;
  leftOutReason: string | null;
}

/**
 * Reads each item of `list` (named `where` in reasons) with `read`; an item that is not an object, or
 * that `read` gives null for (it has no readable `what`), is left out and counted — never the whole
 * list. Throws a 'malformed' CxoneError when `list` is not a list.
 */
export function readEachItem<T>(list: unknown, where: string, what: string, read: (item: Record<string, unknown>) => T | null): ReadEach<T> {
  if (!Array.isArray(list)) throw malformedError(where, list, `${where} is not a list`);
  const items: T[] = [];
  let leftOut = 0;
  let leftOutReason: string | null = null;
  list.forEach((raw: unknown, i) => {
    const item = isObj(raw) ? read(raw) : null;
    if (item !== null) items.push(item);
    else {
      leftOut += 1;
      leftOutReason ??= `${where}[${i}] ${isObj(raw) ? `has no readable ${what}` : 'is not an object'}`;
    }
  });
  return { items, leftOut, leftOutReason };
}

const ENVELOPE_KEYS = new Set(['totalRecords', 'TotalRecords', 'lastPollTime', 'LastPollTime', '_links', '_Links', 'Links', 'businessUnitId']);

/**
 * True when a list answer's body holds only its envelope (count, poll time, links, business unit) and
 * no list at all: v34's schemas require no key, so that is an empty list; anything else (an error
 * page, a proxy's own JSON) is not the answer asked for.
 */
export const isEnvelopeOnly = (body: Record<string, unknown>): boolean => Object.keys(body).every((k) => ENVELOPE_KEYS.has(k));

/**
 * A body's `_links.next` (also `_Links`/`Links` and `Next`, as old versions spell them) as text: a full
 * URL or a path from the host root; null when there is none. Some gateways wrap a link as `{ href }`.
 */
export function nextLinkOf(body: Record<string, unknown>): string | null {
  const links = body._links ?? body._Links ?? body.Links;
  if (!isObj(links)) return null;
  const next = links.next ?? links.Next;
  if (typeof next === 'string') return next.trim() || null;
  return isObj(next) && typeof next.href === 'string' ? next.href.trim() || null : null;
}

// The same readers as zod fields, for the small schemas (unavailable codes, session events): an
// unreadable value is null there, so one odd field never costs the item.
/** An integer or a numeric string; anything else is null. */
export const lenientInt = z.unknown().transform((v): number | null => looseInt(v) ?? null);
/** A boolean or "True"/"False"/"1"/"0"; anything else is null. */
export const lenientBool = z.unknown().transform((v): boolean | null => looseBool(v) ?? null);
/** A string (a number or boolean as its text); anything else is null. */
export const lenientStr = z.unknown().transform((v): string | null => looseStr(v) ?? null);
