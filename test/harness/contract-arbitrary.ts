// Bodies generated from NICE's published v34.0 contract (test/harness/contract.ts finds the file), for
// property tests of the parsers: `arbitraryOf(contractSchema(key))` is a fast-check arbitrary of bodies
// the schema allows. Shared by every contract property test so each endpoint is generated the same way.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CONTRACT_PATH } from './contract';

/** The subset of JSON Schema (OpenAPI 3) the contract uses. */
export type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  additionalProperties?: boolean;
};
type Endpoint = { responses: Record<string, { content?: { 'application/json'?: { schema?: Schema } } }> };

const API = '/inContactAPI/services/v34.0';

let contract: Record<string, Endpoint> | null = null;

/** The response schema of `key` ("GET /inContactAPI/services/v34.0/unavailable-codes") for `status`; throws when the contract has none. */
export function contractSchema(key: string, status = '200'): Schema {
  contract ??= JSON.parse(readFileSync(CONTRACT_PATH, 'utf8')) as Record<string, Endpoint>;
  const s = contract[key]?.responses[status]?.content?.['application/json']?.schema;
  if (!s) throw new Error(`The contract has no ${status} schema for ${key}`);
  return s;
}

/**
 * The schema with `patch` merged into every property of that name, wherever it is: where the contract
 * says less than CXone documents (skills/activity's earliestQueueTime is a plain "string", yet a time).
 */
export function patchProperties(s: Schema, patch: Record<string, Schema>): Schema {
  const out: Schema = { ...s };
  if (s.properties) {
    out.properties = {};
    for (const [k, p] of Object.entries(s.properties)) out.properties[k] = patchProperties(patch[k] ? { ...p, ...patch[k] } : p, patch);
  }
  if (s.items) out.items = patchProperties(s.items, patch);
  return out;
}

/** The schema's type; the contract leaves it off some items that have properties (unavailable codes, session events). */
export const typeOf = (s: Schema): string | undefined => s.type ?? (s.properties ? 'object' : undefined);

const T0 = Date.UTC(2020, 0, 1);
/** A time of the 2020s in CXone's canonical spelling ("2025-01-15T14:03:27.317Z"). */
export const timeArb = fc.integer({ min: T0, max: T0 + 10 * 365 * 86_400_000 }).map((ms) => new Date(ms).toISOString());

/** Keys of `_links`: a link may be a full URL or a path from the host root (CXONE-API.md §6). */
const LINK_KEYS = new Set(['self', 'next', 'previous']);

/** A fast-check arbitrary of values valid under a (response) schema: the subset of JSON Schema the contract uses. */
export function arbitraryOf(s: Schema, key = ''): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'object': {
      const props = s.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, p] of Object.entries(props)) record[k] = arbitraryOf(p, k);
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    case 'array':
      return fc.array(arbitraryOf(s.items ?? {}, key), { maxLength: 6 });
    case 'integer':
      // Ids are int64; beyond 2^53 is its own test (left out, never rounded): here, every id CXone uses.
      return fc.integer({ min: s.minimum ?? (key.endsWith('Id') ? 0 : -1000), max: s.maximum ?? (key.endsWith('Id') ? 2 ** 40 : 100_000) });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (s.format === 'date-time' || s.format === 'date') return timeArb;
      if (s.format?.toLowerCase() === 'url') {
        return LINK_KEYS.has(key)
          ? fc.constantFrom(`https://api-na1.niceincontact.com${API}/agents/states?skip=100&top=100`, `${API}/agents/states?skip=5`)
          : fc.constantFrom('https://api-na1.niceincontact.com', 'https://api-b32.nice-incontact.com/', 'https://na1.nice-incontact.com', 'https://cxone.niceincontact.com');
      }
      // Short texts keep the cases small, but never shorter than the schema's minimum (a UUID's 36).
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? 12, 12)) });
    default:
      return fc.constant(null);
  }
}

// ---- the same bodies as real tenants spell them (CXONE-API.md §6) ---------------------------------------

/** A body as a tenant may send it, and the contract-valid body it means: read, both must give the same. */
export interface Spelled {
  sent: unknown;
  means: unknown;
}

const same = (v: unknown): Spelled => ({ sent: v, means: v });
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * One instant (CXone's canonical "…:27.317Z") in the spellings tenants use: without milliseconds
 * (meaning "….000Z"), with "+00:00", with seven fraction digits (the extra ones cut, never rounded),
 * with another zone's offset and its local time, and without a zone (UTC by CXone's clock).
 */
function timeSpellings(iso: string): fc.Arbitrary<Spelled> {
  const whole = iso.slice(0, 19);
  const withMs = iso.slice(0, 23);
  const ms = new Date(iso).getTime();
  const offset = (minutes: number): string => {
    const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
    const a = Math.abs(minutes);
    return `${local}${minutes < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
  };
  return fc.constantFrom<Spelled>(
    same(iso),
    { sent: `${whole}Z`, means: `${whole}.000Z` },
    { sent: `${withMs}+00:00`, means: iso },
    { sent: `${withMs}0000Z`, means: iso },
    { sent: `${withMs}9999Z`, means: iso },
    { sent: offset(120), means: iso },
    { sent: offset(-300), means: iso },
    { sent: offset(330), means: iso },
    { sent: withMs, means: iso },
    { sent: `${withMs}4567`, means: iso },
  );
}

/** Keys no version of the contract defines: a field CXone added since, in any casing. */
const UNKNOWN_KEYS = ['futureField', 'FutureFlag', 'x_trace_id', '_meta'];

/**
 * The §6 spellings of `value` (valid under `s`): integers as numeric strings ("12"), booleans as
 * "true"/"True"/"false"/"False" or 1/0, a non-required field null or missing (both mean "absent"), unknown
 * extra fields on any object, times in every spelling of timeSpellings. `means` is what `sent` says, in
 * the contract's own spelling.
 */
export function spelledAsTenantsDo(s: Schema, value: unknown): fc.Arbitrary<Spelled> {
  if (value === null || value === undefined) return fc.constant(same(value));
  switch (typeOf(s)) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return fc.constant(same(value));
      const o = value as Record<string, unknown>;
      const required = new Set(s.required ?? []);
      const keys = Object.keys(o);
      const each = keys.map((k) => {
        const spelled = spelledAsTenantsDo(s.properties?.[k] ?? {}, o[k]).map((p) => ({ ...p, present: true }));
        if (required.has(k)) return spelled;
        return fc.oneof(
          { arbitrary: spelled, weight: 4 },
          { arbitrary: fc.constant({ sent: null, means: undefined, present: true }), weight: 1 },
          { arbitrary: fc.constant({ sent: undefined, means: undefined, present: false }), weight: 1 },
        );
      });
      const extra = fc.option(fc.dictionary(fc.constantFrom(...UNKNOWN_KEYS), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), { nil: undefined });
      return fc.tuple(fc.tuple(...each), extra).map(([parts, more]) => {
        const sent: Record<string, unknown> = {};
        const means: Record<string, unknown> = {};
        parts.forEach((p, i) => {
          if (p.present) sent[keys[i]!] = p.sent;
          if (p.means !== undefined) means[keys[i]!] = p.means;
        });
        return { sent: { ...sent, ...more }, means };
      });
    }
    case 'array': {
      if (!Array.isArray(value)) return fc.constant(same(value));
      if (value.length === 0) return fc.constant({ sent: [], means: [] });
      return fc.tuple(...value.map((v) => spelledAsTenantsDo(s.items ?? {}, v))).map((parts) => ({ sent: parts.map((p) => p.sent), means: parts.map((p) => p.means) }));
    }
    case 'integer':
    case 'number':
      return fc.constantFrom(same(value), { sent: String(value), means: value });
    case 'boolean': {
      const b = value === true;
      return fc.constantFrom(same(b), { sent: b ? 'true' : 'false', means: b }, { sent: b ? 'True' : 'False', means: b }, { sent: b ? 1 : 0, means: b });
    }
    case 'string':
      if ((s.format === 'date-time' || s.format === 'date') && typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)) return timeSpellings(value);
      return fc.constant(same(value));
    default:
      return fc.constant(same(value));
  }
}

/**
 * Bodies valid under `s`, each with one of its §6 spellings. `listKey`: a list answer's list, which the
 * list readers take at its word: a null list is not "none" to agents/states (a schema drift, refused as
 * malformed: test/cxone/schemas.test.ts), so it is left off instead; and a body without it that has a
 * key no envelope has is an error page or a proxy's own JSON to them (isEnvelopeOnly in
 * main/cxone/lenient.ts), not an empty list, so such a body gets no unknown key at the top.
 */
export function spelledBodiesOf(s: Schema, opts: { listKey?: string } = {}): fc.Arbitrary<Spelled> {
  const { listKey } = opts;
  return arbitraryOf(s)
    .chain((v) => spelledAsTenantsDo(s, v))
    .map(({ sent, means }) => {
      if (listKey === undefined || typeof sent !== 'object' || sent === null) return { sent, means };
      const body = sent as Record<string, unknown>;
      if (body[listKey] !== undefined && body[listKey] !== null) return { sent, means };
      return { sent: Object.fromEntries(Object.entries(body).filter(([k]) => k !== listKey && !UNKNOWN_KEYS.includes(k))), means };
    });
}

/** `list` with `bad` put in at some place (the others keep their order), and that place. */
export function withOneAmong<T>(list: readonly T[], bad: fc.Arbitrary<unknown>): fc.Arbitrary<{ list: unknown[]; at: number }> {
  return fc.tuple(fc.nat({ max: list.length }), bad).map(([at, b]) => ({ list: [...list.slice(0, at), b, ...list.slice(at)], at }));
}
