// The CXone error taxonomy (main/cxone/errors.ts): Retry-After, excerpts that never show a token,
// the kind of each HTTP status, and the sentence each kind shows when an error has no message of its own.
import { describe, expect, it } from 'vitest';
import type { CxoneErrorKind } from '../../main/cxone/errors';
import { CxoneError, excerptOf, kindForStatus, malformedError, parseRetryAfter, sentenceFor } from '../../main/cxone/errors';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds and an HTTP date; a date in the past means now', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter(' 7 ', NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('reads all three HTTP-date forms of RFC 9110', () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37);
    for (const v of ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994']) {
      expect(parseRetryAfter(v, at - 5000), v).toBe(5000);
    }
    // Shaped like a date but no day that exists: unreadable, not NaN ms.
    expect(parseRetryAfter('Sun, 06 Nov 1994 25:49:37 GMT', at)).toBeNull();
    expect(parseRetryAfter('Sun, 36 Nov 1994 08:49:37 GMT', at)).toBeNull();
  });

  it('a value that is neither delta-seconds nor an HTTP date is unreadable (null), not "retry now"', () => {
    // Date.parse reads "-5", "1.5" or "A 5" as days of 2001 ("120 GMT" as the year 120): before, these
    // came back as 0 ms, a wait the server "asked for" (the request budget keeps such a hold across a
    // network change).
    for (const v of ['-5', '1.5', '7 seconds', '7abc', 'soon', '', 'A 5', 'Foo 5', '-5 GMT', '120 GMT', 'Nov 5', '2']) {
      const got = parseRetryAfter(v, NOW);
      if (v === '2') expect(got).toBe(2000);
      else expect(got, JSON.stringify(v)).toBeNull();
    }
  });
});

describe('excerptOf', () => {
  it('is one line with single spaces, at most 80 characters, and says when it was cut', () => {
    expect(excerptOf('{\n\t"a":   1,\r\n  "b": 2\n}')).toBe('{ "a": 1, "b": 2 }');
    const exactly80 = 'x'.repeat(80);
    expect(excerptOf(exactly80)).toBe(exactly80);
    const cut = excerptOf('y'.repeat(81));
    expect(cut).toHaveLength(80);
    expect(cut.endsWith('…')).toBe(true);
    expect(excerptOf({ agentId: 'x' })).toBe('{"agentId":"x"}');
    expect(excerptOf(undefined)).toBe('undefined');
  });

  it('cuts out a bearer token and a JWT, and marks where', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const opaque = 'Op4que.t0ken~with+all/the=chars-ok_9';
    expect(excerptOf(`Authorization: Bearer ${opaque} refused`)).toBe('Authorization: Bearer … refused');
    expect(excerptOf(`authorization: bearer\n\t${opaque}`)).toBe('authorization: bearer …');
    expect(excerptOf(`{"access_token":"${jwt}"}`)).toBe('{"access_token":"…"}');
    expect(excerptOf(`token ${jwt}; more`)).toBe('token …; more');
  });
});

describe('kinds and sentences', () => {
  it('a status with no kind of its own is a bad request, never an outage the app would retry', () => {
    for (const s of [300, 400, 405, 410, 415, 418, 422, 499]) expect(kindForStatus(s), String(s)).toBe('bad-request');
    for (const s of [500, 502, 503, 504, 599]) expect(kindForStatus(s), String(s)).toBe('unavailable');
  });

  it('every kind has its own sentence (what a status line shows when an error has no message)', () => {
    const kinds: CxoneErrorKind[] = ['unauthorized', 'forbidden', 'not-found', 'conflict', 'rate-limited', 'unavailable', 'bad-request', 'timeout', 'network', 'malformed', 'invalid-url'];
    const sentences = kinds.map(sentenceFor);
    for (const s of sentences) expect(s).toMatch(/^[A-Z].{10,}\.$/);
    expect(new Set(sentences).size).toBe(kinds.length);
  });

  it("a malformed value is quoted when it is a string, so a number sent as text shows; a whole body is not; the message says why and where", () => {
    const e = malformedError('agentStates[3].agentId', '42', 'not a number');
    expect(e).toMatchObject({ kind: 'malformed', path: 'agentStates[3].agentId', excerpt: '"42"' });
    expect(e.message).toContain('not a number');
    expect(e.message).toContain('agentStates[3].agentId');
    expect(malformedError('agentStates[3].agentId', 42, 'not a string').excerpt).toBe('42');
    expect(malformedError('(body)', '<html>busy</html>', 'not JSON').excerpt).toBe('<html>busy</html>');
  });

  it('keeps the failure underneath as the cause, and names itself in a log line', () => {
    const under = new Error('ECONNRESET');
    const e = new CxoneError({ kind: 'network', message: 'CXone could not be reached.', cause: under });
    expect(e.cause).toBe(under);
    expect(String(e)).toBe('CxoneError: CXone could not be reached.');
  });
});
