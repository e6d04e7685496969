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

  const signIn = await checkSignInServer(tenant, deps.fetch);
  steps.push(signIn);
  if (!signIn.ok) return finish();

  if (!tenant.clientId) {
    steps.push({ name: 'Client id', ok: false, message: 'Enter the client id of your CXone app registration.' });
    return finish();
  }

  const identity = deps.session?.identity() ?? null;
  if (!deps.session || !identity) {
    steps.push({ name: 'API', ok: true, skipped: true, message: 'Sign in to test the tenant’s API host and the agent states call.' });
    return finish();
  }

  const host = await checkApiHost(deps, deps.session, identity);
  steps.push(host.step);
  if (!host.client) return finish();

  steps.push(await checkAgentStates(host.client));
  return finish();
}

type ConnectionTestDeps = Parameters<typeof testConnection>[0];

/** The issuer's OIDC discovery; a provider that does not list PKCE S256 passes with a warning. */
async function checkSignInServer(tenant: TenantSettings, fetch: FetchLike): Promise<ConnectionStep> {
  try {
    // Discovery needs a client id; a placeholder lets this step run before one is entered.
    const config = await discoverProvider(tenant.issuer, tenant.clientId || 'connection-test', fetch);
    const meta = config.serverMetadata();
    const pkce = meta.code_challenge_methods_supported;
    return {
      name: 'Sign-in server',
      ok: true,
      message: `${new URL(tenant.issuer).host} answered discovery${pkce && !pkce.includes('S256') ? ', but it does not list PKCE S256' : ''}.`,
    };
  } catch (err) {
    return { name: 'Sign-in server', ok: false, message: errorText(err) };
  }
}

/** The tenant's API host (the override, else discovered); `client` is null when it could not be opened. */
async function checkApiHost(
  deps: ConnectionTestDeps,
  session: SessionForTest,
  identity: Identity,
): Promise<{ step: ConnectionStep; client: CxoneClient | null }> {
  try {
    const { api, client } = await openTenantApi({ identity, tenant: deps.tenant, session, fetch: deps.fetch, clock: deps.clock, logger: deps.logger, cache: deps.cache });
    const message = api.source === 'override' ? `Using the override ${api.apiEndpoint}.` : `Discovered ${api.apiEndpoint} for tenant ${identity.tenant ?? identity.tenantId}.`;
    return { step: { name: 'API host', ok: true, message }, client };
  } catch (err) {
    return { step: { name: 'API host', ok: false, message: errorText(err) }, client: null };
  }
}

/** One agents/states call, the call the first poll makes. */
async function checkAgentStates(client: CxoneClient): Promise<ConnectionStep> {
  try {
    const r = await client.getAgentStates();
    return {
      name: 'Agent states',
      ok: true,
      message:
        r.kind === 'changes'
          ? `agents/states answered with ${count(r.states.length, 'agent')}.`
          : `agents/states answered ${r.status} with no agents. Open Diagnostics to find out why.`,
    };
  } catch (err) {
    return { name: 'Agent states', ok: false, message: errorText(err) };
  }
}
