// Flag parsing in-process (fast): every usage error names the flag it is about.
import { describe, expect, it } from 'vitest';
import { OPTION_NAMES, parseCommandLine, tokensOf, USAGE, UsageError } from '../../main/diagnostics/cli-options';

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
    [['watch', '--polls', '0'], '--polls'],
    [['doctor', '--agent-id', 'x-user:0f8fad5b-d9cb-469f-a165-70867728950e'], '--agent-id'],
    [['doctor', '--api-version', 'v34.0-beta'], '--api-version'],
    [['doctor', '--fields', '1agentId'], '--fields'],
    [['doctor', '--id-token', 'a b'], '--id-token'],
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

  it('the smallest values each flag allows are accepted', () => {
    expect(parse(['doctor', '--top', '1', '--skip', '0']).options).toMatchObject({ top: 1, skip: 0 });
    expect(parse(['watch', '--interval', '5', '--polls', '1']).options).toMatchObject({ interval: 5, polls: 1 });
    expect(parse(['help']).command).toBe('help');
  });

  it('says plainly what is wrong: an unknown flag, a value given to a switch, a URL the policy refuses', () => {
    expect(usage(['doctor', '--bogus'])).toBe('Unknown option --bogus.');
    // A flag that is the start of one known flag, or has one as its start, names it; two or none, nothing.
    expect(usage(['doctor', '--agent', '5'])).toBe('Unknown option --agent. Did you mean --agent-id?');
    expect(usage(['watch', '--intervals', '5'])).toBe('Unknown option --intervals. Did you mean --interval?');
    expect(usage(['doctor', '--api', 'x'])).toBe('Unknown option --api.');
    expect(usage(['doctor', '--ag', '5'])).toBe('Unknown option --ag.');
    expect(usage(['doctor', '--json=yes'])).toBe('--json does not take a value.');
    expect(usage(['doctor', '--agent-id'])).toBe('--agent-id needs a value.');
    // A value that starts with a dash is read as another flag by the shell's convention: say how to give it.
    expect(usage(['doctor', '--skip', '-1'])).toBe('--skip needs a value; one that starts with a dash is written --skip=<value>.');
    expect(usage(['doctor', '--skip=-1'])).toBe('--skip must be a whole number.');
    // The URL checks say a whole sentence of their own, put after the flag.
    expect(usage(['doctor', '--api-endpoint', 'http://api-na1.niceincontact.com'])).toMatch(/^--api-endpoint: The API endpoint .*https/);
    expect(usage(['doctor', '--issuer', 'ftp://cxone.niceincontact.com'])).toBe('--issuer: The issuer must be an https URL, not ftp.');
    expect(usage(['doctor', '--top', '0'])).toBe('--top must be at least 1 (page size).');
  });

  it('refuses flags that only mean something with --sign-in, naming the one given', () => {
    expect(usage(['doctor', '--redirect-uri', 'http://127.0.0.1:3000/callback'])).toBe('--redirect-uri only applies with --sign-in.');
    expect(usage(['doctor', '--no-browser'])).toBe('--no-browser only applies with --sign-in.');
  });

  it('refuses --sign-in with a second source of the token, but not with a token left in the environment', () => {
    expect(usage(['doctor', '--sign-in', '--client-id', 'c1', '--demo'])).toMatch(/^--sign-in and --demo cannot be combined/);
    expect(usage(['doctor', '--sign-in', '--client-id', 'c1', '--access-token', 'tok'])).toMatch(/^--access-token and --sign-in cannot be combined/);
    // A token exported for other runs must not stop a sign-in asked for on the command line.
    expect(parse(['doctor', '--sign-in', '--client-id', 'c1'], { CXONE_ACCESS_TOKEN: 'from-env' }).options['sign-in']).toBe(true);
    // Nor one exported the way an Authorization header spells it: a sign-in or the demo never reads it.
    expect(parse(['doctor', '--sign-in', '--client-id', 'c1'], { CXONE_ACCESS_TOKEN: 'Bearer abc' }).options['access-token']).toBeUndefined();
    expect(parse(['watch', '--demo'], { CXONE_ACCESS_TOKEN: 'Bearer abc' }).options['access-token']).toBeUndefined();
  });

  it('a flag left out is off: every switch defaults to false, so a bare command neither prints help nor runs the demo', () => {
    expect(parse(['doctor']).options).toMatchObject({ json: false, 'sign-in': false, 'no-browser': false, demo: false, queues: false, help: false, version: false });
  });

  it('--version and --help work alone and after a command', () => {
    expect(parse(['--version'])).toMatchObject({ command: 'help', options: { version: true } });
    expect(parse(['--help'])).toMatchObject({ command: 'help', options: { help: true } });
    expect(parse(['watch', '--version']).options.version).toBe(true);
    expect(parse(['doctor', '--version']).options.version).toBe(true);
  });

  it('reads the watch options: --fields, --queues, and an interval in seconds with or without a fraction', () => {
    expect(parse(['watch', '--fields', 'agentId,agentStateName', '--interval', '15', '--polls', '12']).options).toMatchObject({ fields: ['agentId', 'agentStateName'], interval: 15, polls: 12 });
    expect(parse(['watch', '--queues', '--interval', '7.25']).options).toMatchObject({ queues: true, interval: 7.25 });
    expect(usage(['watch', '--queues', '--agent-id', '5'])).toBe('--agent-id does not apply with --queues: watch --queues streams skill queues, not agents.');
  });

  it('--help lists every flag the parser takes and names none it does not', () => {
    const listed = new Set([...USAGE.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!));
    for (const name of OPTION_NAMES) expect(listed, `--${name} is missing from --help`).toContain(name);
    for (const name of listed) expect(OPTION_NAMES, `--help names --${name}, which no command takes`).toContain(name);
    // watch takes --fields too (it was accepted but listed only under doctor).
    const watchPart = USAGE.slice(USAGE.indexOf('\nwatch:'));
    expect(watchPart).toMatch(/^ {2}--fields <a,b,c> /m);
    expect(parse(['watch', '--fields', 'agentId']).options.fields).toEqual(['agentId']);
  });

  it('--help names every exit code a run can end with, 130 for Ctrl+C included', () => {
    // 130 (the doctor or a sign-in interrupted: doctor-run, sign-in-run tests) was missing from the list.
    for (const code of ['0 no error found', '1 an error finding', '2 usage error', '130 the doctor or a sign-in stopped by Ctrl+C']) expect(USAGE.replace(/\s+/g, ' ')).toContain(code);
  });

  it('agent ids: a number or a user UUID with or without "user:", spaces around dropped, nothing else', () => {
    expect(parse(['doctor', '--agent-id', '0F8FAD5B-D9CB-469F-A165-70867728950E']).options['agent-id']).toBe('0F8FAD5B-D9CB-469F-A165-70867728950E');
    expect(parse(['doctor', '--agent-id', ' 40112233 ']).options['agent-id']).toBe('40112233');
    for (const bad of ['x40112233', '40112233x', 'user:0f8fad5b-d9cb-469f-a165-70867728950e-1']) {
      expect(usage(['doctor', '--agent-id', bad])).toBe('--agent-id must be a numeric agent id or a user UUID.');
    }
  });

  it('--updated-since takes the ISO 8601 forms a delta query uses, and says which rule a value breaks', () => {
    for (const ok of ['2025-01-15', '2025-01-15T14:05Z', '2025-01-15T14:05:02', '2025-01-15T14:05:02+02:00', '2025-01-15T14:05:02.317-0500']) {
      expect(parse(['doctor', '--updated-since', ok]).options['updated-since']).toBe(ok);
    }
    expect(parse(['doctor', '--updated-since', ' 2025-01-15T14:05:02.317Z ']).options['updated-since']).toBe('2025-01-15T14:05:02.317Z');
    for (const bad of ['since 2025-01-15', '2025-01-15T14:05:02Z!', '2025-01-15T14:05:02+2:00', '2025-01-15T14:05:02+02:0']) {
      expect(usage(['doctor', '--updated-since', bad])).toBe('--updated-since must be an ISO 8601 date-time, e.g. 2025-01-15T14:05:02.317Z.');
    }
    expect(usage(['doctor', '--updated-since', '2025-13-45T00:00:00Z'])).toBe('--updated-since is not a real date.');
  });

  it('tokens and the client id: spaces around dropped; empty, or with spaces inside, said so', () => {
    expect(parse(['doctor', '--access-token', ' tok ', '--id-token', ' idt ']).options).toMatchObject({ 'access-token': 'tok', 'id-token': 'idt' });
    expect(parse(['doctor', '--sign-in', '--client-id', ' c1 ']).options['client-id']).toBe('c1');
    expect(usage(['doctor', '--access-token', ' '])).toBe('--access-token is empty.');
    expect(usage(['doctor', '--id-token', ''])).toBe('--id-token is empty.');
    expect(usage(['doctor', '--sign-in', '--client-id', ' '])).toBe('--client-id is empty.');
    // The token given as a flag is not blamed on the environment.
    expect(usage(['doctor', '--access-token', 'Bearer abc'], { CXONE_ACCESS_TOKEN: 'env' })).toBe('--access-token contains spaces (pass the token alone, without "Bearer").');
    expect(usage(['doctor', '--id-token', 'a b'])).toBe('--id-token contains spaces.');
  });

  it('numbers: whole numbers only, each message naming what the number is', () => {
    for (const bad of ['x10', '10x', '1.5']) expect(usage(['doctor', '--top', bad])).toBe('--top must be a whole number.');
    expect(usage(['watch', '--polls', '0'])).toBe('--polls must be at least 1 (number of polls).');
    for (const bad of ['x10', '10s']) expect(usage(['watch', '--interval', bad])).toBe('--interval must be a number of seconds.');
    expect(usage(['watch', '--interval', '4.9'])).toBe('--interval must be at least 5 seconds.');
  });

  it('--fields: a trailing comma is no empty name; each name must be a property name', () => {
    expect(parse(['doctor', '--fields', 'agentId, agentStateName,']).options.fields).toEqual(['agentId', 'agentStateName']);
    expect(usage(['doctor', '--fields', 'agentId,drop table'])).toBe('--fields must be a comma-separated list of property names.');
    expect(usage(['doctor', '--fields', ' , '])).toBe('--fields needs at least one property name.');
  });

  it('--api-version: v and a number, the minor optional', () => {
    expect(parse(['doctor', '--api-version', 'v34']).options['api-version']).toBe('v34');
    expect(usage(['doctor', '--api-version', 'api-v34.0'])).toBe('--api-version must look like v34.0.');
  });

  it('URLs pasted with spaces around them are handed on without them', () => {
    expect(parse(['watch', '--api-endpoint', ' https://api-na1.niceincontact.com ', '--issuer', ' https://cxone.niceincontact.com\n']).options).toMatchObject({
      'api-endpoint': 'https://api-na1.niceincontact.com',
      issuer: 'https://cxone.niceincontact.com',
    });
  });

  it('a redirect URI the policy refuses is refused in the policy\'s own words', () => {
    expect(usage(['doctor', '--sign-in', '--client-id', 'c', '--redirect-uri', 'https://example.com/cb'])).toBe(
      '--redirect-uri: The redirect URI must be http on 127.0.0.1, localhost or [::1].',
    );
  });

  it('a mistyped flag of three letters already names the one it most likely meant', () => {
    expect(usage(['doctor', '--jso'])).toBe('Unknown option --jso. Did you mean --json?');
  });

  it('a typo inside a flag (a letter dropped, added, changed or two swapped) names the flag it is nearest to, when only one is', () => {
    // These were named with no suggestion: only a flag's start or a flag with more after it was recognised.
    expect(usage(['watch', '--intervl', '5'])).toBe('Unknown option --intervl. Did you mean --interval?');
    expect(usage(['doctor', '--agnet-id', '5'])).toBe('Unknown option --agnet-id. Did you mean --agent-id?');
    expect(usage(['doctor', '--acess-token', 't'])).toBe('Unknown option --acess-token. Did you mean --access-token?');
    expect(usage(['watch', '--qeues'])).toBe('Unknown option --qeues. Did you mean --queues?');
    expect(usage(['doctor', '--jsn'])).toBe('Unknown option --jsn. Did you mean --json?');
    expect(usage(['doctor', '--dmeo'])).toBe('Unknown option --dmeo. Did you mean --demo?');
    expect(usage(['doctor', '--tip', '5'])).toBe('Unknown option --tip. Did you mean --top?');
    // More typos than the name's length allows (one up to five letters, two from six): nothing guessed.
    expect(usage(['doctor', '--spik', '5'])).toBe('Unknown option --spik.');
    expect(usage(['doctor', '--bogus'])).toBe('Unknown option --bogus.');
    expect(usage(['doctor', '--verbose'])).toBe('Unknown option --verbose.');
  });

  it('tokensOf gives both tokens the command line carries, for redaction, and nothing else', () => {
    const { options } = parse(['doctor', '--access-token', 'acc-123', '--id-token', 'id-456', '--json']);
    expect(tokensOf(options).sort()).toEqual(['acc-123', 'id-456']);
    expect(tokensOf(parse(['doctor', '--json']).options)).toEqual([]);
  });
});
