// Who signed in, as read from the id_token of a real oidc-provider (test/harness/oidc-provider.ts):
// the shapes real tenants send (a numeric string business unit, a number for the agent id, empty
// claims, a name in parts) are read into the identity the UI shows; a claim that cannot be read
// refuses the sign-in with its name instead of signing in as someone half-known.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../main/auth/errors';
import { identityFromClaims } from '../../main/auth/identity';
import { createAuthService, refreshTokenAccount, type AuthConfig, type AuthService } from '../../main/auth/auth-service';
import { silentLogger } from '../../main/ports';
import { createMemorySecretStore } from '../../main/secrets';
import { DEFAULT_CLAIMS, headlessLogin, startTestProvider, type AccountClaims, type TestProvider } from '../harness/oidc-provider';
import { ManualClock, RecordingNotifier, ScriptedOpener } from './helpers';

const ACCOUNTS = {
  'user:bu-as-text': { icBUId: '4600002' },
  'user:bu-negative-text': { icBUId: '-17' },
  'user:bu-not-a-number': { icBUId: '46x' },
  'user:bu-fraction': { icBUId: 4.5 },
  'user:bu-with-prefix': { icBUId: 'BU46' },
  'user:no-bu': { icBUId: undefined },
  'user:null-claims': { icBUId: null, area: null },
  'user:agent-as-number': { icAgentId: 40112234 },
  'user:name-in-parts': { name: '', given_name: 'Bea', family_name: 'Stone' },
  'user:given-name-only': { name: '', given_name: 'Bea', family_name: '' },
  'user:no-name': { name: '', area: '', icClusterId: '' },
} satisfies Record<string, AccountClaims>;
type Login = keyof typeof ACCOUNTS;

let op: TestProvider;
const services: AuthService[] = [];
beforeAll(async () => {
  op = await startTestProvider({ accounts: ACCOUNTS });
});
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});
afterAll(async () => {
  await op.stop();
});

async function signInAs(login: Login) {
  const config: AuthConfig = { issuer: op.issuer, clientId: op.clientId, scopes: ['openid'], redirect: { mode: 'any-loopback' } };
  const secrets = createMemorySecretStore();
  const svc = createAuthService({
    config,
    secrets,
    opener: new ScriptedOpener((url) => headlessLogin(url, login)),
    notifier: new RecordingNotifier(),
    clock: new ManualClock(),
    logger: silentLogger,
  });
  services.push(svc);
  const result = await svc.signIn().then(
    (identity) => ({ identity, error: null }),
    (error: unknown) => ({ identity: null, error: error as Error }),
  );
  return { svc, result, stored: await secrets.get(refreshTokenAccount(config)) };
}

describe('the identity read from the id_token', () => {
  it.each([
    ['user:bu-as-text', 4600002],
    ['user:bu-negative-text', -17],
  ] as const)('%s: a business unit sent as a numeric string is read as that number', async (login, bu) => {
    const { result } = await signInAs(login);
    expect(result.error).toBeNull();
    expect(result.identity).toMatchObject({ subject: login, icBUId: bu, tenant: DEFAULT_CLAIMS.tenant });
  });

  it('an agent id sent as a number is kept as its digits', async () => {
    const { result } = await signInAs('user:agent-as-number');
    expect(result.identity).toMatchObject({ icAgentId: '40112234' });
  });

  it('a token without a business unit signs in with none', async () => {
    const { result } = await signInAs('user:no-bu');
    expect(result.error).toBeNull();
    expect(result.identity).toMatchObject({ icBUId: null, tenant: DEFAULT_CLAIMS.tenant });
  });

  it('claims sent as null are absent (null): no business unit 0, no area "null"', async () => {
    const { result } = await signInAs('user:null-claims');
    expect(result.error).toBeNull();
    expect(result.identity).toMatchObject({ icBUId: null, area: null, tenant: DEFAULT_CLAIMS.tenant });
  });

  it.each(['user:bu-not-a-number', 'user:bu-fraction', 'user:bu-with-prefix'] as const)(
    '%s: a business unit that is no whole number refuses the sign-in, naming the claim; nothing is kept',
    async (login) => {
      const { svc, result, stored } = await signInAs(login);
      expect(result.identity).toBeNull();
      // Not worth retrying: the same token would come back.
      expect(result.error).toBeInstanceOf(AuthError);
      expect((result.error as AuthError).kind).toBe('server');
      expect(result.error?.message).toBe('The sign-in server sent an identity this app cannot read (claim "icBUId").');
      expect(svc.identity()).toBeNull();
      expect(stored).toBeNull();
    },
  );

  it('an empty name is made from the given and family names', async () => {
    expect((await signInAs('user:name-in-parts')).result.identity?.name).toBe('Bea Stone');
    expect((await signInAs('user:given-name-only')).result.identity?.name).toBe('Bea');
  });

  it('empty claims are absent (null), never an empty string the UI would show as a blank', async () => {
    const { result } = await signInAs('user:no-name');
    expect(result.error).toBeNull();
    expect(result.identity).toMatchObject({ name: null, area: null, icClusterId: null, tenant: DEFAULT_CLAIMS.tenant });
  });

  it('a token answer without an id_token is refused with its own sentence, not as an unreadable claim', () => {
    // The code grant insists on an id_token; a renewal without one, with no identity yet, lands here.
    expect(() => identityFromClaims(null)).toThrow(new AuthError('server', 'The sign-in server did not say who signed in (no id_token). Sign in again.'));
  });
});
