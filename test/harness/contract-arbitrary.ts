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
