// "Test connection" in Settings: checks, in order and in words, what a sign-in and the first poll need —
// the sign-in server's discovery, then (once signed in) the tenant's API host and one agents/states call.
// Each step says what it found; the first failing step says what to fix, and later steps are skipped.
import { errorText } from '../auth/errors';
import { discoverProvider } from '../auth/oidc';
import type { Identity } from '../auth/status';
import type { CxoneClient } from '../cxone/client';
import type { DiscoveryCache } from '../cxone/discovery';
import type { Clock, FetchLike, Logger } from '../ports';
import type { TenantSettings } from '../settings/schema';
import { openTenantApi, type TokenSession } from './tenant-api';
import { count } from '../words';

export interface ConnectionStep {
  name: string;
  ok: boolean;
  /** Could not run yet (no session): neither a pass nor a failure. */
  skipped?: boolean;
  message: string;
}

export interface SessionForTest extends TokenSession {
  identity(): Identity | null;
}

export async function testConnection(deps: {
  tenant: TenantSettings;
  fetch: FetchLike;
  clock: Clock;
  logger: Logger;
  /** The signed-in session, when there is one; without it the API steps cannot run. */
  session: SessionForTest | null;
  cache?: DiscoveryCache;
}): Promise<{ ok: boolean; steps: ConnectionStep[] }> {
  const steps: ConnectionStep[] = [];
  const finish = () => ({ ok: steps.every((s) => s.ok), steps });
  const { tenant } = deps;

  try {
    const config = await discoverProvider(tenant.issuer, tenant.clientId || 'connection-test', deps.fetch);
    const meta = config.serverMetadata();
    const pkce = meta.code_challenge_methods_supported;
    steps.push({
      name: 'Sign-in server',
      ok: true,
      message: `${new URL(tenant.issuer).host} answered discovery${pkce && !pkce.includes('S256') ? ', but it does not list PKCE S256' : ''}.`,
    });
  } catch (err) {
    steps.push({ name: 'Sign-in server', ok: false, message: errorText(err) });
    return finish();
  }

  if (!tenant.clientId) {
    steps.push({ name: 'Client id', ok: false, message: 'Enter the client id of your CXone app registration.' });
    return finish();
  }

  const identity = deps.session?.identity() ?? null;
  if (!deps.session || !identity) {
    steps.push({ name: 'API', ok: true, skipped: true, message: 'Sign in to test the tenant’s API host and the agent states call.' });
    return finish();
  }

  let client: CxoneClient;
  try {
    const opened = await openTenantApi({ identity, tenant, session: deps.session, fetch: deps.fetch, clock: deps.clock, logger: deps.logger, cache: deps.cache });
    client = opened.client;
    const { api } = opened;
    steps.push({
      name: 'API host',
      ok: true,
      message: api.source === 'override' ? `Using the override ${api.apiEndpoint}.` : `Discovered ${api.apiEndpoint} for tenant ${identity.tenant ?? identity.tenantId}.`,
    });
  } catch (err) {
    steps.push({ name: 'API host', ok: false, message: errorText(err) });
    return finish();
  }

  try {
    const r = await client.getAgentStates();
    steps.push({
      name: 'Agent states',
      ok: true,
      message:
        r.kind === 'changes'
          ? `agents/states answered with ${count(r.states.length, 'agent')}.`
          : `agents/states answered ${r.status} with no agents. Open Diagnostics to find out why.`,
    });
  } catch (err) {
    steps.push({ name: 'Agent states', ok: false, message: errorText(err) });
  }
  return finish();
}
