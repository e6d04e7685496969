// The signed-in tenant's API: its host (the settings' override, else discovery for the identity's
// tenant) and a client that takes its token from the session and tells the session about a refused
// one. The core's feed and Settings' "Test connection" both reach CXone this way.
import type { Identity } from '../auth/status';
import { createCxoneClient, type CxoneClient } from '../cxone/client';
import { resolveApiBase, type DiscoveryCache, type ResolvedApi } from '../cxone/discovery';
import type { Clock, FetchLike, Logger } from '../ports';
import type { TenantSettings } from '../settings/schema';

/** What the client needs from a session (AuthService satisfies it). */
export interface TokenSession {
  getAccessToken(): Promise<string>;
  invalidateAccessToken(refusedToken?: string): void;
}

/** Resolves the API host (errors: CxoneError from discovery or the URL policy), then builds the client. */
export async function openTenantApi(deps: {
  identity: Pick<Identity, 'issuer' | 'tenantId'>;
  tenant: Pick<TenantSettings, 'apiEndpointOverride' | 'apiVersion'>;
  session: TokenSession;
  fetch: FetchLike;
  clock: Clock;
  logger: Logger;
  cache?: DiscoveryCache;
  /** Each answer's Date header (see CxoneClientOptions.onServerDate). */
  onServerDate?: (dateHeader: string) => void;
}): Promise<{ api: ResolvedApi; client: CxoneClient }> {
  const { identity, tenant, session } = deps;
  const api = await resolveApiBase({
    issuer: identity.issuer,
    tenantId: identity.tenantId ?? '',
    tenant: { apiEndpointOverride: tenant.apiEndpointOverride, apiVersion: tenant.apiVersion },
    fetch: deps.fetch,
    clock: deps.clock,
    cache: deps.cache,
  });
  const client = createCxoneClient({
    baseUrl: api.apiBase,
    getAccessToken: () => session.getAccessToken(),
    onUnauthorized: (refused) => session.invalidateAccessToken(refused),
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.onServerDate ? { onServerDate: deps.onServerDate } : {}),
  });
  return { api, client };
}
