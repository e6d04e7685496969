// A real OpenID Provider (oidc-provider) on 127.0.0.1, configured to behave like CXone's sign-in:
// one native public client (no secret, PKCE S256 required), only the `openid` scope, a refresh token on
// every code and refresh grant, rotated on each refresh (reusing an old one revokes the grant, as
// oidc-provider does for public clients), CXone-style claims in the id_token, revocation and
// end-session enabled, and the provider's own dev login/consent pages.
//
// Reused by every area that needs a signed-in session:
//   const op = await startTestProvider({ accessTokenTtlSeconds: 60 });
//   ... sign in through Chromium (op.issuer's dev pages) or headlessLogin(authUrl) ...
//   op.tokenRequests  // what the token endpoint saw, with the provider's own handling time
//   await op.stop();
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripVTControlCharacters } from 'node:util';

/** The CXone claims the id_token carries (names as in CXONE-API.md §1). */
export interface CxoneClaims {
  tenantId: string;
  tenant: string;
  userId: string;
  /** Numeric ACD agent id, as a string like CXone sends it. */
  icAgentId: string;
  icBUId: number;
  icClusterId: string;
  area: string;
  name: string;
}

export const DEFAULT_CLAIMS: CxoneClaims = {
  tenantId: '11ea5f3c-0000-4000-8000-00000000a001',
  tenant: 'DemoTenant',
  userId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  icAgentId: '40112233',
  icBUId: 4600000,
  icClusterId: 'B32',
  area: 'na1',
  name: 'Ana Example',
};

/** The login typed on the dev login page; the provider uses it as `sub`. */
export const DEFAULT_LOGIN = 'user:0f8fad5b-d9cb-469f-a165-70867728950e';

/**
 * Claims of one account: CXone's, in the shapes some tokens carry them (icBUId as a numeric string,
 * null claims), plus the standard name parts, which the id_token carries when set.
 */
export type AccountClaims = Partial<Omit<CxoneClaims, 'icBUId' | 'icAgentId' | 'area'>> & {
  icBUId?: number | string | null;
  area?: string | null;
  icAgentId?: string | number;
  given_name?: string;
  family_name?: string;
};

export interface TestProviderOptions {
  clientId?: string;
  /**
   * Registered redirect URIs. Loopback http URIs match any port (native client). Default: the any-port
   * http://127.0.0.1/callback and NICE's sample registration http://localhost/auth-callback.
   */
  redirectUris?: string[];
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  idTokenTtlSeconds?: number;
  /** Claims for every account; `sub` is always the login. */
  claims?: Partial<CxoneClaims>;
  /** Claims per login, merged over `claims`; may also carry the odd shapes some tenants send. */
  accounts?: Record<string, AccountClaims>;
  /** Advertise and serve token revocation (default true). */
  revocation?: boolean;
  /**
   * Rotate the refresh token on every refresh (default true, like CXone). When false the refresh
   * token stays the same and may be used again.
   */
  rotateRefreshTokens?: boolean;
  /**
   * Serve CXone's API host discovery at `{issuer}/.well-known/cxone-configuration` (CXONE-API.md §2)
   * with this body, as CXone's sign-in host does; by default that path is a 404, like any OIDC server.
   */
  cxoneConfiguration?: Record<string, unknown>;
  /** The PKCE methods the discovery document lists instead of oidc-provider's own (S256). */
  advertisedPkceMethods?: string[];
}

export interface TokenRequestRecord {
  grantType: string;
  status: number;
  /** OAuth `error` of a refused request, e.g. "invalid_grant". */
  error?: string;
  /** The provider's own handling time (middleware entry to exit). */
  serverMs: number;
}

export interface TestProvider {
  /** e.g. http://127.0.0.1:41234 — no trailing slash, like CXone's issuer. */
  issuer: string;
  clientId: string;
  port: number;
  /** Every request to the token endpoint, in arrival order. */
  tokenRequests: TokenRequestRecord[];
  /** Every revocation request's token_type_hint (or "" when none was sent). */
  revocations: string[];
  /** The token each revocation request named, in the same order. */
  revokedTokens: string[];
  /** How many refresh_token grants the token endpoint has received. */
  refreshCount(): number;
  /** While on, every request to the provider has its socket destroyed (a network failure). */
  setOutage(on: boolean): void;
  stop(): Promise<void>;
}

// oidc-provider ships no type declarations; this is the small part of its surface the fixture uses.
interface KoaContext {
  path: string;
  method: string;
  status: number;
  body: unknown;
  oidc?: { route?: string; params?: Record<string, unknown> };
}
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  use(mw: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  on(event: string, fn: (...args: unknown[]) => void): void;
}
type ProviderCtor = new (issuer: string, config: Record<string, unknown>) => ProviderInstance;

/**
 * oidc-provider's warnings about how this test provider is set up on purpose: its in-memory adapter
 * and dev login pages (a test provider needs no others), and the runtime (oidc-provider 9 asks for
 * Node 22 LTS; it runs on the Node 20.19+ this project supports, which every sign-in test proves).
 * Printed by every test file that starts a provider, they read as faults in `npm test`'s output.
 */
const EXPECTED_WARNINGS = [/^oidc-provider WARNING: Unsupported runtime\./, /in-memory adapter is used/, /feature devInteractions is enabled/];

/** A fresh RS256 signing key (private JWK) for one provider. */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: `test-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
}

/** True for one of the warnings above (possibly wrapped in terminal colours); any other is shown. */
export function isExpectedProviderWarning(text: string): boolean {
  const plain = stripVTControlCharacters(text);
  return plain.startsWith('oidc-provider WARNING: ') && EXPECTED_WARNINGS.some((re) => re.test(plain));
}

/** Runs `make` with the expected warnings left out of console.warn; every other warning passes. */
export async function withoutExpectedProviderWarnings<T>(make: () => Promise<T> | T): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string' && isExpectedProviderWarning(args[0])) return;
    warn(...args);
  };
  try {
    return await make();
  } finally {
    console.warn = warn;
  }
}

export async function startTestProvider(options: TestProviderOptions = {}): Promise<TestProvider> {
  const clientId = options.clientId ?? 'cxone-agent-tray-test';
  const redirectUris = options.redirectUris ?? ['http://127.0.0.1/callback', 'http://localhost/auth-callback'];
  const tokenRequests: TokenRequestRecord[] = [];
  const revocations: string[] = [];
  const revokedTokens: string[] = [];
  let outage = false;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  // The issuer must contain the port, so listen first and attach the provider once the port is known.
  const server = createServer((req, res) => {
    if (outage || !handler) {
      req.socket.destroy();
      return;
    }
    // From the global Date, like the provider's token times: a process whose clock is shifted
    // (test/harness/shifted-provider.ts) tells it in the header, as a real server would.
    res.setHeader('date', new Date().toUTCString());
    if (options.cxoneConfiguration && new URL(req.url ?? '/', issuer).pathname === '/.well-known/cxone-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.cxoneConfiguration));
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const claimsFor = (login: string): AccountClaims => ({ ...DEFAULT_CLAIMS, ...options.claims, ...options.accounts?.[login] });

  const provider = await withoutExpectedProviderWarnings(async () => {
    const mod = (await import('oidc-provider' as string)) as { default: ProviderCtor };
    return new mod.default(issuer, {
      clients: [
        {
          client_id: clientId,
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: redirectUris,
          post_logout_redirect_uris: redirectUris,
        },
      ],
      scopes: ['openid'],
      // CXone puts its claims in the id_token for scope openid alone.
      claims: { openid: ['sub', 'tenantId', 'tenant', 'userId', 'icAgentId', 'icBUId', 'icClusterId', 'area', 'name', 'given_name', 'family_name'] },
      conformIdTokenClaims: false,
      findAccount: (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: () => ({ sub: id, ...claimsFor(id) }),
      }),
      pkce: { required: () => true },
      // CXone returns a refresh token for every code grant without offline_access, and rotates it.
      issueRefreshToken: () => true,
      rotateRefreshToken: () => options.rotateRefreshTokens ?? true,
      extraParams: ['tenantId'],
      ttl: {
        AccessToken: options.accessTokenTtlSeconds ?? 3600,
        IdToken: options.idTokenTtlSeconds ?? 3600,
        RefreshToken: options.refreshTokenTtlSeconds ?? 7200,
        AuthorizationCode: 60,
        Grant: 86400,
        Interaction: 600,
        Session: 86400,
      },
      cookies: { keys: ['cxone-agent-tray-test-cookie-key'] },
      // Its own RS256 key, as CXone signs with, rather than oidc-provider's built-in development keys.
      jwks: { keys: [signingKey()] },
      features: {
        devInteractions: { enabled: true },
        // A public client may revoke only its own tokens (oidc-provider's default rule, stated here
        // so the provider does not print a notice asking for it in every test file).
        revocation: { enabled: options.revocation ?? true, allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId },
        rpInitiatedLogout: { enabled: true },
      },
    });
  });

  provider.use(async (ctx, next) => {
    const t0 = performance.now();
    await next();
    const serverMs = performance.now() - t0;
    if (options.advertisedPkceMethods && ctx.oidc?.route === 'discovery') {
      ctx.body = { ...(ctx.body as Record<string, unknown>), code_challenge_methods_supported: options.advertisedPkceMethods };
    }
    if (ctx.oidc?.route === 'token') {
      const body = ctx.body as { error?: unknown } | undefined;
      tokenRequests.push({
        grantType: String(ctx.oidc.params?.grant_type ?? ''),
        status: ctx.status,
        ...(typeof body?.error === 'string' ? { error: body.error } : {}),
        serverMs,
      });
    } else if (ctx.oidc?.route === 'revocation') {
      revocations.push(String(ctx.oidc.params?.token_type_hint ?? ''));
      revokedTokens.push(String(ctx.oidc.params?.token ?? ''));
    }
  });
  // oidc-provider logs every refused request through this event; keep test output readable.
  provider.on('server_error', () => {});
  handler = provider.callback();

  return {
    issuer,
    clientId,
    port,
    tokenRequests,
    revocations,
    revokedTokens,
    refreshCount: () => tokenRequests.filter((r) => r.grantType === 'refresh_token').length,
    setOutage: (on) => {
      outage = on;
      if (on) server.closeAllConnections();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Plays a minimal browser without Chromium: follows the provider's redirects with a cookie jar, fills
 * the dev login page (any password) and consent page, and finally requests the redirect target (the
 * app's loopback callback). Returns that last response. For tests that need a session but are not
 * about the browser; the end-to-end sign-in test uses real Chromium instead.
 */
export async function headlessLogin(authUrl: string, login = DEFAULT_LOGIN): Promise<Response> {
  const jar = new Map<string, string>();
  const issuerOrigin = new URL(authUrl).origin;
  let url = authUrl;
  let init: RequestInit = { method: 'GET' };
  // A real sign-in needs at most ~8 hops (authorize → login → resume → consent → resume → callback).
  for (let hop = 0; hop < 20; hop++) {
    const target = new URL(url);
    if (target.origin !== issuerOrigin) return fetch(url, { redirect: 'manual' });
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    if (res.status !== 200 || !prompt) throw new Error(`headlessLogin: unexpected page ${res.status} at ${target.pathname}: ${html.slice(0, 200)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    init = { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('headlessLogin: too many redirects');
}
