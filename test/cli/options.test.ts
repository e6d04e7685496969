// Flag parsing in-process (fast): every usage error names the flag it is about.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../main/diagnostics/cli-options';

const parse = (argv: string[], env: Record<string, string> = {}) => parseCommandLine(argv, env);
function usage(argv: string[], env: Record<string, string> = {}): string {
  try {
    parse(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads every doctor option', () => {
    const { command, options } = parse([
      'doctor', '--access-token', 'tok', '--id-token', 'idt', '--issuer', 'https://cxone.niceincontact.com',
      '--api-endpoint', 'https://api-na1.niceincontact.com', '--api-version', 'v33.0', '--agent-id', '40112233',
      '--updated-since', '2025-01-15T14:05:02.317Z', '--fields', 'agentId, agentStateName', '--json', '--top', '100', '--skip', '0',
    ]);
    expect(command).toBe('doctor');
    expect(options).toMatchObject({
      'access-token': 'tok', 'id-token': 'idt', 'api-version': 'v33.0', 'agent-id': '40112233',
      fields: ['agentId', 'agentStateName'], json: true, top: 100, skip: 0,
    });
  });

  it('defaults: api version v34.0, the token from CXONE_ACCESS_TOKEN, help without a command', () => {
    expect(parse(['doctor'], { CXONE_ACCESS_TOKEN: 'from-env' }).options).toMatchObject({ 'api-version': 'v34.0', 'access-token': 'from-env' });
    expect(parse(['doctor', '--access-token', 'flag'], { CXONE_ACCESS_TOKEN: 'env' }).options['access-token']).toBe('flag');
    expect(parse([]).command).toBe('help');
    expect(parse(['doctor', '-h']).options.help).toBe(true);
  });

  it('accepts a user UUID (with or without "user:") as agent id, and sign-in options together', () => {
    expect(parse(['doctor', '--agent-id', 'user:0f8fad5b-d9cb-469f-a165-70867728950e']).options['agent-id']).toContain('0f8fad5b');
    expect(parse(['doctor', '--sign-in', '--client-id', 'c1', '--redirect-uri', 'http://localhost:3000/auth-callback', '--no-browser']).options).toMatchObject({ 'sign-in': true, 'no-browser': true });
  });

  it.each([
    [['doctor', '--bogus'], '--bogus'],
    [['doctor', '--agent-id'], '--agent-id'],
    [['doctor', '--json=yes'], '--json'],
    [['doctor', '--agent-id', 'ana'], '--agent-id'],
    [['doctor', '--api-endpoint', 'http://api-na1.niceincontact.com'], '--api-endpoint'],
    [['doctor', '--issuer', 'ftp://cxone.niceincontact.com'], '--issuer'],
    [['doctor', '--issuer', 'not a url'], '--issuer'],
    [['doctor', '--api-version', '34'], '--api-version'],
    [['doctor', '--updated-since', 'yesterday'], '--updated-since'],
    [['doctor', '--updated-since', '2025-13-45T00:00:00Z'], '--updated-since'],
    [['doctor', '--fields', ','], '--fields'],
    [['doctor', '--fields', 'agentId;drop'], '--fields'],
    [['doctor', '--top', '0'], '--top'],
    [['doctor', '--skip', '-1'], '--skip'],
    [['doctor', '--access-token', 'Bearer abc'], '--access-token'],
    [['doctor', '--sign-in'], '--client-id'],
    [['doctor', '--client-id', 'c1'], '--client-id'],
    [['doctor', '--sign-in', '--client-id', 'c', '--redirect-uri', 'https://example.com/cb'], '--redirect-uri'],
    [['doctor', '--interval', '5'], '--interval'],
    [['watch', '--updated-since', '2025-01-15T14:05:02Z'], '--updated-since'],
    [['watch', '--interval', '1'], '--interval'],
    [['watch', '--polls', 'many'], '--polls'],
  ])('usage error for %j names %s', (argv, flag) => {
    expect(usage(argv)).toContain(flag);
  });

  it('names the environment variable when the token from it is unusable', () => {
    expect(usage(['doctor'], { CXONE_ACCESS_TOKEN: 'Bearer x' })).toContain('CXONE_ACCESS_TOKEN');
  });

  it('refuses unknown commands and stray arguments', () => {
    expect(usage(['diagnose'])).toContain('"diagnose"');
    expect(usage(['doctor', '40112233'])).toContain('"40112233"');
  });
});
