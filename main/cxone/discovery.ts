// Finding the tenant's API host: `{iss}/.well-known/cxone-configuration?tenantId=…` (CXONE-API.md §2).
// The answer is cached per tenant in a cache object the caller owns (one per session), and a manual
// override in settings skips discovery entirely.
import { z } from 'zod';
import type { Clock, FetchLike } from '../ports';
import { systemClock } from '../ports';
import { unansweredWords } from '../net/fetch-failure';
import { resendingDropped } from '../net/resend-dropped';
import { lenientBool, lenientStr } from './lenient';
import { CxoneError, cxoneUrlOrThrow, excerptOf, kindForStatus, sentenceFor } from './errors';

export const DEFAULT_API_VERSION = 'v34.0';

// Read as tolerantly as every other answer (CXONE-API.md §6): "True" is true, a number where a text
// belongs is its text, and a value that still does not fit is absent (null), never the whole answer.
const optionalString = lenientStr.optional().transform((v) => v ?? null);

/** The documented fields; unknown extra fields are kept out, missing optional ones become null. */
export const cxoneConfigurationSchema = z.object({
  api_endpoint: z.string().trim().min(1),
  area: optionalString,
  cluster: optionalString,
  domain: optionalString,
  acdDomain: optionalString,
  uhDomain: optionalString,
  ui_endpoint: optionalString,
  auth_endpoint: optionalString,
  tenantId: optionalString,
  private: lenientBool.optional().transform((v) => v ?? null),
});

export interface CxoneConfiguration {
  apiEndpoint: string;
  area: string | null;
  cluster: string | null;
  domain: string | null;
  acdDomain: string | null;
  uhDomain: string | null;
  uiEndpoint: string | null;
  authEndpoint: string | null;
  tenantId: string | null;
  private: boolean | null;
}

/** Per-session discovery cache, keyed by issuer + tenant. Pass the same object to every call. */
export interface DiscoveryCache {
  entries: Map<string, { config: CxoneConfiguration; fetchedAt: number }>;
}

export function createDiscoveryCache(): DiscoveryCache {
  return { entries: new Map() };
}

export interface DiscoverOptions {
  issuer: string;
  tenantId: string;
  fetch?: FetchLike;
  cache?: DiscoveryCache;
  clock?: Clock;
  timeoutMs?: number;
  /** Cache lifetime; default 12 h (the host of a tenant changes only on migrations). */
  maxAgeMs?: number;
}

/** `{api_endpoint}/inContactAPI/services/{version}` without a trailing slash. */
export function apiBaseUrl(apiEndpoint: string, apiVersion: string = DEFAULT_API_VERSION): string {
  return `${apiEndpoint.replace(/\/+$/, '')}/inContactAPI/services/${apiVersion}`;
}

export async function discoverCxoneConfiguration(opts: DiscoverOptions): Promise<CxoneConfiguration> {
  const clock = opts.clock ?? systemClock;
  const key = `${opts.issuer.replace(/\/+$/, '')}|${opts.tenantId}`;
  const cached = opts.cache?.entries.get(key);
  if (cached && clock.now() - cached.fetchedAt < (opts.maxAgeMs ?? 12 * 3600_000)) return cached.config;

  const issuer = cxoneUrlOrThrow(opts.issuer, 'issuer');
  const url = new URL(`${issuer.href.replace(/\/+$/, '')}/.well-known/cxone-configuration`);
  url.searchParams.set('tenantId', opts.tenantId);
  const answer = await fetchAnswer(url, issuer, clock, opts);
  if (answer.status === 404) {
    throw new CxoneError({
      kind: 'not-found',
      status: answer.status,
      statusDescription: answer.statusDescription,
      endpoint: answer.endpoint,
      message: `${issuer.host} does not know the tenant ${opts.tenantId} (wrong issuer or tenant id).`,
    });
  }
  if (answer.status < 200 || answer.status > 299) {
    const kind = kindForStatus(answer.status);
    throw new CxoneError({ kind, status: answer.status, statusDescription: answer.statusDescription, endpoint: answer.endpoint, message: `API discovery failed: ${sentenceFor(kind)}` });
  }
  const config = readConfiguration(answer);
  opts.cache?.entries.set(key, { config, fetchedAt: clock.now() });
  return config;
}

/** The configuration service's answer as received: status, CXone's icStatusDescription, body text. */
interface Answer {
  status: number;
  statusDescription: string | null;
  text: string;
  /** The path asked, for errors. */
  endpoint: string;
}

/** One GET of the configuration service, bounded by the timeout. Throws CxoneError 'timeout' or 'network'. */
async function fetchAnswer(url: URL, issuer: URL, clock: Clock, opts: DiscoverOptions): Promise<Answer> {
  const endpoint = url.pathname;
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(), opts.timeoutMs ?? 15_000);
  try {
    // A dropped kept-alive connection is sent again, as for every GET to CXone (resend-dropped.ts).
    const res = await resendingDropped(opts.fetch ?? ((input, init) => fetch(input, init)))(url, { headers: { accept: 'application/json' }, signal: controller.signal });
    return { status: res.status, statusDescription: res.headers.get('icStatusDescription'), text: await res.text(), endpoint };
  } catch (err) {
    const timedOut = controller.signal.aborted;
    throw new CxoneError({
      kind: timedOut ? 'timeout' : 'network',
      message: timedOut
        ? `The CXone configuration service at ${issuer.host} did not answer in time.`
        : `The CXone configuration service at ${issuer.host} could not be reached: ${unansweredWords(err)}.`,
      endpoint,
      cause: err,
    });
  } finally {
    clock.clearTimeout(timer);
  }
}

/** A 2xx answer's body read into a configuration whose API host passes the URL policy. Throws CxoneError. */
function readConfiguration({ status, text, endpoint }: Answer): CxoneConfiguration {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CxoneError({ kind: 'malformed', status, endpoint, excerpt: excerptOf(text), message: 'The CXone configuration answer is not JSON.' });
  }
  const parsed = cxoneConfigurationSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CxoneError({
      kind: 'malformed',
      status,
      endpoint,
      path: issue ? issue.path.join('.') : null,
      excerpt: excerptOf(json),
      message: 'The CXone configuration answer has no usable api_endpoint.',
    });
  }
  const c = parsed.data;
  // The discovered host will receive bearer tokens: it must pass the same URL policy as a typed one.
  cxoneUrlOrThrow(c.api_endpoint, 'discovered API endpoint');
  return {
    apiEndpoint: c.api_endpoint.replace(/\/+$/, ''),
    area: c.area,
    cluster: c.cluster,
    domain: c.domain,
    acdDomain: c.acdDomain,
    uhDomain: c.uhDomain,
    uiEndpoint: c.ui_endpoint,
    authEndpoint: c.auth_endpoint,
    tenantId: c.tenantId,
    private: c.private,
  };
}

export interface ResolvedApi {
  /** `{api_endpoint}/inContactAPI/services/{version}` — the client's baseUrl. */
  apiBase: string;
  apiEndpoint: string;
  apiVersion: string;
  source: 'override' | 'discovery';
  /** The discovery answer; null when the override was used. */
  config: CxoneConfiguration | null;
}

export interface ResolveApiOptions extends Omit<DiscoverOptions, 'issuer' | 'tenantId'> {
  /** The id_token's `iss` (not the access token's). */
  issuer: string;
  tenantId: string;
  /** settings.tenant.apiEndpointOverride ('' = discover) and settings.tenant.apiVersion. */
  tenant: { apiEndpointOverride: string; apiVersion?: string };
}

/** The API base the client should use: the override when set, else discovery (cached). */
export async function resolveApiBase(opts: ResolveApiOptions): Promise<ResolvedApi> {
  const apiVersion = opts.tenant.apiVersion || DEFAULT_API_VERSION;
  const override = opts.tenant.apiEndpointOverride.trim();
  if (override) {
    const u = cxoneUrlOrThrow(override, 'API endpoint');
    const apiEndpoint = u.href.replace(/\/+$/, '');
    return { apiBase: apiBaseUrl(apiEndpoint, apiVersion), apiEndpoint, apiVersion, source: 'override', config: null };
  }
  const config = await discoverCxoneConfiguration(opts);
  return { apiBase: apiBaseUrl(config.apiEndpoint, apiVersion), apiEndpoint: config.apiEndpoint, apiVersion, source: 'discovery', config };
}
