// Redaction by the shape of a secret, table-driven: every spelling of a token that has turned up in
// logs, reports or pasted terminals, and a list of ordinary sentences that must come out unchanged.
import { describe, expect, it } from 'vitest';
import { redactString } from '../../main/diagnostics/report';
import { REDACTED, REDACTED_JWT, redactText, redactValue } from '../../main/log/redact';

// An opaque token as oidc-provider issues them (43 base64url characters) and a real-looking JWT.
const T = 'Zk3q9VxW2mP7rT8sL4nB6cD1eF5gH0jKa9Qw7Er5Ty3';
const T2 = 'aB4cD5eF6gH7iJ8kL9mN0oP1qR2sT3uV4wX5yZ6aB7c';
const JWT_H = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0';
const JWT_P = 'eyJzdWIiOiJ1c2VyOjBmOGZhZDViIiwidGVuYW50SWQiOiIxMWVhNWYzYyJ9';
const JWT_S = 'c2lnbmF0dXJlLXBhcnQtdGhhdC1pcy1sb25nLWVub3VnaC10by1sb29rLXJlYWw';
const JWT = `${JWT_H}.${JWT_P}.${JWT_S}`;
const enc = encodeURIComponent;

/** [name, text]; the secret in each is T or the JWT (or T2 beside T). */
const SPELLINGS: [string, string][] = [
  ['authorization header', `Authorization: Bearer ${T}`],
  ['lower-case bearer', `authorization: bearer ${T}`],
  ['bearer with %20', `authorization=Bearer%20${T}`],
  ['bearer with +', `authorization=Bearer+${T}`],
  ['bearer JWT', `Bearer ${JWT}`],
  ['basic credentials', `Authorization: Basic ${Buffer.from(`client:${T}`).toString('base64')}`],
  // base64 of user:pass is all letters, like a word: only decoding it tells.
  ['basic credentials that read like a word', `Authorization: Basic ${Buffer.from('user:pass').toString('base64')}`],
  ['query parameter', `GET /cb?access_token=${T}&x=1`],
  ['form body', `grant_type=refresh_token&refresh_token=${T}&client_id=app`],
  ['URL-encoded key=value', `next=${enc(`refresh_token=${T}`)}`],
  ['double URL-encoded key=value', `next=${enc(enc(`refresh_token=${T}`))}`],
  ['JSON property', `{"access_token":"${T}","expires_in":3600}`],
  ['JSON with spaces', `{ "refresh_token" : "${T}" }`],
  ['double-encoded JSON', JSON.stringify(JSON.stringify({ refresh_token: T }))],
  ['triple-encoded JSON', JSON.stringify(JSON.stringify(JSON.stringify({ id_token: T })))],
  ['URL-encoded JSON', enc(JSON.stringify({ refresh_token: T }))],
  ['camelCase JSON key', `{"refreshToken":"${T}"}`],
  ['key: value', `refresh_token: ${T}`],
  ['key = value', `access_token = ${T}`],
  ['key:value no space', `id_token:${T}`],
  ['single-quoted value', `token='${T}'`],
  ['key tokens', `tokens=${T}`],
  ['key access-token', `access-token: ${T}`],
  ['CLI flag with space', `cxone-agent-tray doctor --access-token ${T}`],
  ['CLI flag with =', `cxone-agent-tray doctor --refresh-token=${T}`],
  ['array of bare tokens', `tokens: ["${T}", "${T2}"]`],
  ['bare tokens in a list', `seen ${T}, ${T2}`],
  ['token in URL user part', `https://${T}@api.example.com/x`],
  ['user:password in URL', `https://ana:${T}@api.example.com/x`],
  ['bare JWT', `id ${JWT} seen`],
  ['JWT split across lines', `id_token ${JWT_H}.${JWT_P.slice(0, 30)}\n    ${JWT_P.slice(30)}.${JWT_S}`],
  ['JWT wrapped at a dot', `${JWT_H}.\n${JWT_P}.\n${JWT_S}\nnext line here`],
  ['id_token_hint in end-session URL', `https://op/session/end?id_token_hint=${JWT}&client_id=a`],
  ['authorization code in callback', `GET /callback?code=${T}&state=s1`],
  ['code_verifier', `code_verifier=${T}`],
  ['client_secret plain word', `client_secret=swordfish`],
  ['password key', `password: hunter`],
  ['XML element', `<refresh_token>${T}</refresh_token>`],
  ['Map rendering', `Map(1) { 'refresh_token' => '${T}' }`],
];

describe('redaction finds secrets by shape and by key', () => {
  it.each(SPELLINGS)('%s', (_name, text) => {
    const out = redactText(text);
    for (const secret of [T, T2, JWT, JWT_P, JWT_S, 'swordfish', 'hunter', enc(T), 'dXNlcjpwYXNz']) expect(out).not.toContain(secret);
    expect(out).toMatch(/\[redacted/);
  });

  it('has at least 32 spellings', () => expect(SPELLINGS.length).toBeGreaterThanOrEqual(32));

  it('keeps the words around a secret', () => {
    expect(redactText(`GET /callback?code=${T}&state=s1`)).toBe('GET /callback?code=[redacted]&state=s1');
    expect(redactText(`{"access_token":"${T}","expires_in":3600}`)).toBe('{"access_token":"[redacted]","expires_in":3600}');
    expect(redactText(`Authorization: Bearer ${T} sent`)).toBe('Authorization: Bearer [redacted] sent');
    expect(redactText(`https://ana:${T}@api.example.com/x`)).toBe('https://[redacted]@api.example.com/x');
  });

  it('redacts structured data by key and by shape', () => {
    const out = JSON.stringify(redactValue({ tokens: [T, T2], 'access-token': T, nested: { list: [T] }, code: 'FORBIDDEN', status: 401 }));
    expect(out).not.toContain(T);
    expect(out).not.toContain(T2);
    expect(out).toContain('"code":"FORBIDDEN"');
    expect(out).toContain('"status":401');
  });
});

/** Ordinary text that must come out exactly as it went in. */
const WORDS = [
  'Pass the bearer token your code uses with --access-token (or set CXONE_ACCESS_TOKEN), or get one with --sign-in --client-id <id>.',
  'The refresh token was refused: token expired.',
  'Authorization Code + PKCE (S256), no client secret.',
  'code: NO_CHANGE_SINCE',
  'finding code = AGENT_ID_IS_USER_UUID',
  'HTTP status code: 429',
  'tokens: 3',
  'token = expired',
  'Basic auth is off; Bearer realm="cxone"',
  'WWW-Authenticate: Bearer error="invalid_token"',
  'tenant 11ea5f3c-0000-4000-8000-00000000a001 user 0f8fad5b-d9cb-469f-a165-70867728950e',
  'https://cxone.niceincontact.com/auth/authorize?client_id=app&scope=openid',
  'https://api-na1.niceincontact.com/inContactAPI/services/v34.0/agents/states?updatedSince=2026-11-24T12:00:00.000Z',
  'agent 40112233 is on Break since 14:05',
  'grant_type=refresh_token&client_id=cxone-agent-tray',
  'The access token expires in 3600 seconds.',
  'Sign in with --sign-in, or pass --id-token so the tenant can be read.',
  'mailto:support@example.com',
  'commit 9f2c4e1a7b3d5f6e8a0c1b2d3e4f5a6b7c8d9e0f',
  'cxone-agent-tray-test',
  'Cannot create an item in a locked collection',
  // A secret-named key with a hyphenated word, an upper-case hex id, a long CamelCase name (no digits):
  // none is a token's shape.
  'token: not-yet-issued',
  'build 9F2C4E1A7B3D5F6E8A0C1B2D3E4F5A6B',
  'event AgentStateSnapshotReceivedFromFeed',
  'Basic authentication is turned off.',
];

describe('redaction never removes ordinary words', () => {
  it.each(WORDS)('%s', (text) => expect(redactText(text)).toBe(text));

  it("keeps the doctor's advice readable through the report's redaction", () => {
    const fix = WORDS[0]!;
    expect(redactString(fix, ['some-other-secret-value'])).toBe(fix);
    expect(redactString(`${fix} Token: ${T}`, [])).toBe(`${fix} Token: [redacted]`);
  });
});

// A lower-case hex token: not the mixed-case shape OPAQUE finds on its own, so only its key gives it away.
const HEX = '9f2c4e1a7b3d5f6e8a0c1b2d3e4f5a6b7c8d9e0f';

describe('redaction finds a key however its surroundings spell it', () => {
  it('removes a quoted secret whole, whatever characters it holds (not only up to the first @ or space)', () => {
    expect(redactText('{"password":"p@ss \\"w0rd\\" #1","user":"ana"}')).toBe('{"password":"[redacted]","user":"ana"}');
    expect(redactText(JSON.stringify(JSON.stringify({ password: 'p@ss w0rd#1', user: 'ana' })))).toBe(
      JSON.stringify(JSON.stringify({ password: '[redacted]', user: 'ana' })),
    );
    expect(redactText(enc(JSON.stringify({ client_secret: 'a&b c', user: 'ana' })))).toBe('%7B%22client_secret%22%3A%22[redacted]%22%2C%22user%22%3A%22ana%22%7D');
    expect(redactText("cxone-agent-tray doctor --password 'p@ss w0rd' --json")).toBe("cxone-agent-tray doctor --password '[redacted]' --json");
    // A line cut off before the closing quote loses the rest of the line, not just the first word.
    expect(redactText('{"password":"p@ss w0rd#1…')).toBe('{"password":"[redacted]');
    // util.inspect of a Map, and a Ruby-style hash: `=>` between key and value.
    expect(redactText("Map(1) { 'password' => 'p@ss w0rd' }")).toBe("Map(1) { 'password' => '[redacted]' }");
  });

  it('finds a key right after a percent-escape: URL-encoded JSON, and a query inside a URL-encoded URL', () => {
    for (const text of [
      enc(JSON.stringify({ refresh_token: HEX })),
      enc(enc(JSON.stringify({ refresh_token: HEX }))),
      `redirect=${enc(`/callback?code=${HEX}&state=s1`)}`,
      `next=${enc(`/x?a=1&code_verifier=${HEX}`)}`,
      `next=${enc(enc(`/x?a=1&code_verifier=${HEX}`))}`,
    ]) {
      expect(redactText(text), text).not.toContain(HEX);
    }
  });

  it('finds a key after a prefix and an underscore (an environment variable), but leaves error_code alone', () => {
    expect(redactText(`CXONE_ACCESS_TOKEN=${HEX}`)).toBe('CXONE_ACCESS_TOKEN=[redacted]');
    expect(redactText('APP_SECRET=hunter')).toBe('APP_SECRET=[redacted]');
    expect(redactText(`OIDC_CODE_VERIFIER=${HEX}`)).toBe('OIDC_CODE_VERIFIER=[redacted]');
    for (const text of ['error_code=abc123', 'ERROR_CODE=E42x', 'unavailable_code: 4x2']) expect(redactText(text)).toBe(text);
  });

  it('redacts a property named for a secret after a prefix (cxoneAccessToken, db_password), but not errorCode', () => {
    const secrets = {
      cxoneAccessToken: 'abc123',
      cxone_refresh_token: 'abc123',
      'x-api-key': 'abc123',
      x_apikey: 'abc123',
      oidc_codeverifier: 'abc123',
      userPassword: 'hunter',
      db_password: 'hunter',
      oidcClientSecret: 'swordfish',
    };
    const kept = {
      errorCode: 'E42x',
      reason_code: 'x1',
      codeChallengeMethod: 'S256',
      tokenEndpoint: 'https://op.example.com/token',
      maxTokens: 4096,
      // A sign-in server's metadata: a secret's name inside a key is not the secret.
      id_token_signing_alg_values_supported: ['RS256'],
      idTokenSigningAlg: 'RS256',
    };
    expect(redactValue({ ...secrets, ...kept })).toEqual({ ...Object.fromEntries(Object.keys(secrets).map((k) => [k, REDACTED])), ...kept });
  });
});

describe('redaction removes exactly the secret', () => {
  it('replaces each bare token whole, leaving the text between them; two of each kind of character make a token', () => {
    expect(redactText(`seen ${T}, ${T2}.`)).toBe('seen [redacted], [redacted].');
    expect(redactText('seen Ab1Cd2efghijklmnopqrstuvwxyz')).toBe('seen [redacted]');
    expect(redactText('seen ab12CDEFGHIJKLMNOPQRSTUV')).toBe('seen [redacted]');
  });

  it('replaces every JWT, wrapped or not, as one', () => {
    expect(redactText(`a ${JWT} b ${JWT}`)).toBe(`a ${REDACTED_JWT} b ${REDACTED_JWT}`);
    expect(redactText(`${JWT_H}.\n${JWT_P}.\n${JWT_S}\nnext line here`)).toBe(`${REDACTED_JWT}\nnext line here`);
    // The signature's last characters on a line of their own: too short to look like a token alone.
    expect(redactText(`id_token ${JWT_H}.${JWT_P}.${JWT_S.slice(0, 50)}\n  ${JWT_S.slice(50)}`)).toBe(`id_token ${REDACTED_JWT}`);
    // A JWT under a secret key stays marked as one.
    expect(redactText(`{"id_token":"${JWT}"}`)).toBe(`{"id_token":"${REDACTED_JWT}"}`);
  });

  it('a value with a lone % (no URL escape) is still judged, not thrown on', () => {
    expect(redactText('{"token":"100%"}')).toBe('{"token":"[redacted]"}');
  });

  it('removes a value that is only partly an ordinary word or code, or a long run of letters', () => {
    for (const value of [`AB_CD${HEX.slice(0, 8)}`, `${HEX.slice(0, 8)}_AB_CD`, 'abcdefghijklmnopqrstuvwxyzab', HEX]) {
      expect(redactText(`token=${value}`), value).toBe('token=[redacted]');
    }
  });

  it('reads keys in any case, every one on a line, and a password flag whatever the password looks like', () => {
    expect(redactText(`ACCESS_TOKEN=${HEX}&Refresh_Token=${HEX}`)).toBe('ACCESS_TOKEN=[redacted]&Refresh_Token=[redacted]');
    expect(redactText('cxone-agent-tray doctor --password hunter')).toBe('cxone-agent-tray doctor --password [redacted]');
    expect(redactText(`doctor --access-token ${HEX} --ID-TOKEN ${HEX}`)).toBe('doctor --access-token [redacted] --ID-TOKEN [redacted]');
    expect(redactText(`Authorization: Bearer   ${HEX}`)).toBe('Authorization: Bearer   [redacted]');
  });

  it('redacts every spelling of a secret property, even a value of no secret shape', () => {
    const keys = ['access_token', 'accessToken', 'accesstoken', 'clientsecret', 'refresh-token', 'refreshTokens', 'idToken', 'token', 'tokens', 'code', 'code_verifier', 'codeVerifier',
      'client_secret', 'clientSecret', 'secret', 'password', 'passwd', 'authorization', 'cookie', 'set-cookie', 'api_key', 'apiKey', 'id_token_hint', 'idTokenHint', 'bearer'];
    const out = redactValue(Object.fromEntries(keys.map((k) => [k, 'abc123'])));
    expect(out).toStrictEqual(Object.fromEntries(keys.map((k) => [k, REDACTED])));
  });

  it('keeps a secret property that holds nothing secret (empty, a number, a flag), and the shape of the data', () => {
    const value = { code: 401, token: null, password: '', refresh_token: undefined, secret: false, nested: null, list: [T, 'ok'] };
    expect(redactValue(value)).toStrictEqual({ code: 401, token: null, password: '', refresh_token: undefined, secret: false, nested: null, list: [REDACTED, 'ok'] });
    expect(redactValue(new TypeError(`refused ${T}`))).toStrictEqual({ name: 'TypeError', message: 'refused [redacted]' });
  });

  it('stops at nine levels deep, so a cycle ends, through objects and arrays alike', () => {
    const loop: Record<string, unknown> = { name: 'a' };
    loop.self = loop;
    let at = redactValue(loop) as Record<string, unknown>;
    for (let i = 0; i < 8; i++) {
      expect(at.name).toBe('a');
      at = at.self as Record<string, unknown>;
    }
    expect(at.self).toBe('[…]');
    const list: unknown[] = ['a'];
    list.push(list);
    let item = redactValue(list) as unknown[];
    for (let i = 0; i < 8; i++) {
      expect(item[0]).toBe('a');
      item = item[1] as unknown[];
    }
    expect(item).toEqual(['[…]', '[…]']);
  });
});
