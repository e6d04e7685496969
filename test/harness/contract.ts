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
