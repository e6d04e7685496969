// Where the CLI's token and tenant come from: flags (or CXONE_ACCESS_TOKEN), the built-in demo tenant,
// or the app's own loopback PKCE sign-in with a memory-only secret store (nothing is kept on disk).
import { spawn } from 'node:child_process';
import { createAuthService, type AuthService } from '../auth/auth-service';
import { DEFAULT_API_VERSION } from '../cxone/discovery';
import { startDemoTenant, type DemoTenant } from '../demo/demo-tenant';
import type { FetchLike, Opener } from '../ports';
import { silentLogger, systemClock } from '../ports';
import { createMemorySecretStore } from '../secrets/memory-store';
import { ISSUER_PRESETS } from '../settings/schema';
import type { CliOptions } from './cli-options';
import type { DoctorIdentity, DoctorInput } from './doctor';
import { decodeJwt, readClaims } from './jwt';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  fetch?: FetchLike;
  /** Opens the system browser; default spawns xdg-open / open / start. */
  opener?: Opener;
  /** Resolves when the user asks to stop (Ctrl+C); used by watch. */
  interrupted?: Promise<void>;
}

export type SessionInput = Pick<
  DoctorInput,
  'accessToken' | 'idToken' | 'identity' | 'issuer' | 'apiEndpoint' | 'apiVersion' | 'getAccessToken' | 'onUnauthorized' | 'demo'
>;

export interface CliSession {
  input: SessionInput;
  /** Tenant facts for API discovery (watch), from the demo, the sign-in or the tokens' claims. */
  identity: DoctorIdentity | null;
  demo: DemoTenant | null;
  close(): Promise<void>;
}

/** The system browser, detached; a failure is fine because the URL is always printed as well. */
export const systemBrowser: Opener = {
  async openExternal(url) {
    const [cmd, args] =
      process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
    try {
      const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
      child.on('error', () => {});
      child.unref();
    } catch {
      // No browser launcher: the printed URL is the way in.
    }
  },
};

const noBrowser: Opener = { openExternal: async () => {} };

function identityFromTokens(idToken: string | undefined, accessToken: string | undefined): DoctorIdentity | null {
  for (const t of [idToken, accessToken]) {
    if (!t) continue;
    const d = decodeJwt(t);
    if (!d.ok) continue;
    const c = readClaims(d.claims);
    return { issuer: c.iss, tenantId: c.tenantId, icAgentId: c.icAgentId, userId: c.userId };
  }
  return null;
}

/** --demo: the app's demo tenant (same size, seed and names), not a smaller one of the CLI's own. */
async function demoSession(options: CliOptions, apiVersion: string): Promise<CliSession> {
  const demo = await startDemoTenant();
  const identity: DoctorIdentity = { issuer: demo.url, tenantId: demo.tenantId, icAgentId: null };
  return {
    input: { demo: true, identity, apiEndpoint: options['api-endpoint'], apiVersion },
    identity,
    demo,
    close: () => demo.stop(),
  };
}

/** The app's auth service for one CLI run: the secrets live in memory only, nothing is notified or logged. */
function cliAuthService(options: CliOptions, io: CliIo): AuthService {
  return createAuthService({
    config: {
      // CXone's production issuer (CXONE-API.md §1), as in Settings' default.
      issuer: options.issuer ?? ISSUER_PRESETS.cxone,
      clientId: options['client-id']!,
      scopes: ['openid'],
      redirect: options['redirect-uri'] ? { mode: 'exact', uri: options['redirect-uri'] } : { mode: 'any-loopback' },
    },
    secrets: createMemorySecretStore(),
    opener: options['no-browser'] ? noBrowser : (io.opener ?? systemBrowser),
    notifier: { show() {} },
    clock: systemClock,
    logger: silentLogger,
    fetch: io.fetch,
  });
}

/**
 * Signs in through the browser, printing the sign-in URL to stderr. Rejects as auth.signIn() does
 * (also when Ctrl+C cancels it), after disposing of the service.
 */
async function signInFromCli(auth: AuthService, io: CliIo): Promise<void> {
  const off = auth.onStatus((s) => {
    if (s.kind === 'signing-in') io.stderr(`Open this URL to sign in: ${s.url}\n`);
  });
  // Ctrl+C while the browser sign-in is awaited cancels it (and closes the redirect port). main()
  // listens for SIGINT, which turns off Node's own exit on it: without this the first Ctrl+C did
  // nothing and the command kept waiting up to the sign-in's 5-minute limit.
  void io.interrupted?.then(() => auth.cancelSignIn());
  try {
    await auth.signIn();
  } catch (err) {
    off();
    auth.dispose();
    throw err;
  }
  off();
}

/** --sign-in: the app's loopback PKCE sign-in; the session's tokens come from (and refresh through) it. */
async function signInSession(options: CliOptions, io: CliIo, apiVersion: string): Promise<CliSession> {
  const auth = cliAuthService(options, io);
  await signInFromCli(auth, io);
  const identity = auth.identity();
  return {
    input: {
      getAccessToken: () => auth.getAccessToken(),
      onUnauthorized: (refused) => auth.invalidateAccessToken(refused),
      identity,
      issuer: options.issuer,
      apiEndpoint: options['api-endpoint'],
      apiVersion,
    },
    identity: identity ? { issuer: options.issuer ?? identity.issuer, tenantId: identity.tenantId, icAgentId: identity.icAgentId, userId: identity.userId } : null,
    demo: null,
    close: async () => auth.dispose(),
  };
}

/** The tokens given as flags (or CXONE_ACCESS_TOKEN); the tenant facts come from their claims, --issuer first. */
function tokenSession(options: CliOptions, apiVersion: string): CliSession {
  const fromTokens = identityFromTokens(options['id-token'], options['access-token']);
  return {
    input: {
      accessToken: options['access-token'],
      idToken: options['id-token'],
      issuer: options.issuer,
      apiEndpoint: options['api-endpoint'],
      apiVersion,
    },
    identity: fromTokens ? { ...fromTokens, issuer: options.issuer ?? fromTokens.issuer } : null,
    demo: null,
    close: async () => {},
  };
}

/**
 * The CLI's session, by the first that applies: --demo, --sign-in, else the given tokens. Rejects when
 * the demo tenant cannot start or the sign-in fails or is cancelled; close() ends what it started.
 */
export async function openCliSession(options: CliOptions, io: CliIo): Promise<CliSession> {
  const apiVersion = options['api-version'] ?? DEFAULT_API_VERSION;
  if (options.demo) return demoSession(options, apiVersion);
  if (options['sign-in']) return signInSession(options, io, apiVersion);
  return tokenSession(options, apiVersion);
}
