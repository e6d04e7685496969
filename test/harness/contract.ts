// NICE's published v34.0 contract (../shared/cxone-contract/v34-subset.json, beside the repository) as
// a validator: `validateAgainstContract('GET /…/unavailable-codes', 200, body)` returns ajv's errors
// (empty when the body honours the schema). Formats are not checked (int32/int64 are OpenAPI's, not
// JSON Schema's); types, required keys and additionalProperties are.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const CONTRACT_FILE = join('shared', 'cxone-contract', 'v34-subset.json');

/**
 * shared/ beside the repository, looked for in each folder above this one: a checkout, a worktree or
 * Stryker's sandbox copy (.stryker-tmp/sandbox-…/, two levels deeper) all find the same file. Throws,
 * naming where it looked, when there is none.
 */
function findContract(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, CONTRACT_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`NICE's v34.0 contract (${CONTRACT_FILE}) was not found in any folder above ${start}`);
  }
}

export const CONTRACT_PATH = findContract();

interface Endpoint {
  responses: Record<string, { content?: { 'application/json'?: { schema?: object } } }>;
}

const contract = JSON.parse(readFileSync(CONTRACT_PATH, 'utf8')) as Record<string, Endpoint>;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

/** The schema key of a served request: "GET /inContactAPI/services/v34.0/teams/{teamId}/unavailable-codes". */
export function contractKey(method: string, path: string): string | null {
  for (const key of Object.keys(contract)) {
    const [m, template] = key.split(' ') as [string, string];
    if (m !== method) continue;
    const re = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(path)) return key;
  }
  return null;
}

/** Whether the contract lists this status for the endpoint at all. */
export function contractHasStatus(key: string, status: number): boolean {
  return contract[key]?.responses[String(status)] !== undefined;
}

export function validateAgainstContract(key: string, status: number, body: unknown): ErrorObject[] {
  const endpoint = contract[key];
  if (!endpoint) throw new Error(`The contract has no endpoint ${key}`);
  const response = endpoint.responses[String(status)];
  if (!response) return [{ instancePath: '', schemaPath: '', keyword: 'status', params: { status }, message: `status ${status} is not in the contract` }];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [];
  const id = `${key} ${status}`;
  let validate = compiled.get(id);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(id, validate);
  }
  return validate(body) ? [] : [...(validate.errors ?? [])];
}

/** GET `path` from a simulator at `baseUrl` as a contract test reads it: the status and the parsed body (null when empty). */
export async function servedBody(baseUrl: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: 'Bearer contract-test' } });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

// ---- strict in what we send: a request against the endpoint's parameters ----------------------------------

interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  required?: boolean;
  schema?: { type?: string; format?: string; enum?: unknown[]; minimum?: number; maximum?: number };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with one parameter's value under its schema, or null. */
function valueFault(p: Parameter, value: string): string | null {
  const s = p.schema ?? {};
  const where = `${p.in} parameter ${p.name}=${JSON.stringify(value)}`;
  if (s.enum && !s.enum.map(String).includes(value)) return `${where} is not one of ${s.enum.map(String).join(', ')}`;
  switch (s.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(value)) return `${where} is not an integer`;
      const n = Number(value);
      if (s.format === 'int32' && (n < -(2 ** 31) || n >= 2 ** 31)) return `${where} is beyond int32`;
      if (!Number.isSafeInteger(n)) return `${where} is beyond what an int64 id can be exactly`;
      if (s.minimum !== undefined && n < s.minimum) return `${where} is below ${s.minimum}`;
      return null;
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? null : `${where} is not true or false`;
    case 'string':
      if (s.format === 'date-time' && !RFC3339.test(value)) return `${where} is not an RFC 3339 date-time`;
      if (s.format === 'uuid' && !UUID.test(value)) return `${where} is not a UUID`;
      return null;
    default:
      return null;
  }
}

/**
 * Everything a request the app sends does that the contract does not allow: a path or query parameter
 * the endpoint does not define (by the name the spec spells), a value that
 * is not of its type, format or enum, a parameter given twice, a required one missing. Empty when the
 * request honours the contract. Throws for a request to an endpoint the contract does not have.
 */
export function requestFaults(method: string, url: string | URL): string[] {
  const u = new URL(url);
  const key = contractKey(method, u.pathname);
  if (!key) throw new Error(`The contract has no endpoint for ${method} ${u.pathname}`);
  const params = ((contract[key] as Endpoint & { parameters?: Parameter[] }).parameters ?? []).filter((p) => p.in !== 'header');
  const faults: string[] = [];
  // Path parameters: each {name} of the template against the request's segment in its place.
  const template = key.split(' ')[1]!.split('/');
  const segments = u.pathname.split('/');
  template.forEach((t, i) => {
    const m = /^\{(.+)\}$/.exec(t);
    if (!m) return;
    const p = params.find((x) => x.in === 'path' && x.name === m[1]);
    const fault = p ? valueFault(p, decodeURIComponent(segments[i] ?? '')) : `path parameter ${m[1]} is not defined`;
    if (fault) faults.push(fault);
  });
  const names = [...u.searchParams.keys()];
  for (const name of new Set(names)) {
    const p = params.find((x) => x.in === 'query' && x.name === name);
    if (!p) faults.push(`query parameter ${name} is not defined for ${key}`);
    else if (names.filter((n) => n === name).length > 1) faults.push(`query parameter ${name} is sent twice`);
    else {
      const fault = valueFault(p, u.searchParams.get(name)!);
      if (fault) faults.push(fault);
    }
  }
  for (const p of params) if (p.in === 'query' && p.required && !u.searchParams.has(p.name)) faults.push(`required query parameter ${p.name} is missing`);
  return faults;
}

/** The item properties of the list the endpoint's 200 answer holds (agents/states → agentStates[]'s): what `fields` may name. */
export function listItemProperties(key: string): string[] {
  const schema = contract[key]?.responses['200']?.content?.['application/json']?.schema as { properties?: Record<string, { type?: string; items?: { properties?: Record<string, unknown> } }> } | undefined;
  const list = Object.values(schema?.properties ?? {}).find((p) => p.type === 'array');
  return Object.keys(list?.items?.properties ?? {});
}
