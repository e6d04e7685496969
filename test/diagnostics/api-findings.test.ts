// findingForError on its own: every kind of CxoneError becomes its own code, an error, a title that
// names the status, the shared evidence ("call → HTTP status. CXone says …") and advice of its own.
import { describe, expect, it } from 'vitest';
import { CxoneError, type CxoneErrorKind } from '../../main/cxone/errors';
import { findingForError } from '../../main/diagnostics/api-findings';

const call = 'GET agents/states (full list, no updatedSince)';
const err = (kind: CxoneErrorKind, status: number | null, more: Partial<ConstructorParameters<typeof CxoneError>[0]> = {}) =>
  new CxoneError({ kind, status, message: `m-${kind}`, ...more });

describe('findingForError', () => {
  const table: Array<[CxoneErrorKind, number | null, string, string, RegExp]> = [
    ['unauthorized', 401, 'UNAUTHORIZED', 'CXone refused the access token (401)', /^Get a fresh access token/],
    ['forbidden', 403, 'FORBIDDEN', 'CXone refused access to the data (403)', /security profile/],
    ['conflict', 409, 'BUSINESS_UNIT_CONFLICT', 'CXone reported a business-unit conflict (409)', /reqBUIds/],
    ['rate-limited', 429, 'RATE_LIMITED', 'CXone asked to slow down (429)', /back off on 429/],
    ['unavailable', 502, 'SERVICE_UNAVAILABLE', 'CXone is unavailable (HTTP 502)', /CXone status page/],
    ['bad-request', 400, 'BAD_REQUEST', 'CXone rejected the request as invalid (HTTP 400)', /parameter CXone names/],
    ['not-found', 404, 'API_PATH_NOT_FOUND', 'The API path does not exist on this host (404)', /--api-endpoint .*--api-version/],
    ['malformed', 200, 'UNEXPECTED_RESPONSE', 'CXone answered with data the doctor cannot read', /--api-version/],
    ['timeout', null, 'NETWORK_ERROR', 'CXone did not answer in time', /network, proxy and firewall/],
    ['network', null, 'NETWORK_ERROR', 'CXone could not be reached', /network, proxy and firewall/],
    ['invalid-url', null, 'URL_NOT_ALLOWED', 'The address is not allowed', /https URL/],
  ];
  for (const [kind, status, code, title, fix] of table) {
    it(`${kind} → ${code}`, () => {
      const f = findingForError(err(kind, status), { call });
      expect(f).toMatchObject({ code, severity: 'error', title });
      expect(f.fix).toMatch(fix);
    });
  }

  it('evidence: the call and status, then CXone\'s own words only when it sent some, Retry-After only when given', () => {
    expect(findingForError(err('unavailable', 500), { call }).detail).toBe(`${call} → HTTP 500. The API host answered with a server error; this is on CXone's side.`);
    expect(findingForError(err('unavailable', 503, { statusDescription: 'Down', retryAfterMs: 29_600 }), { call }).detail).toBe(
      `${call} → HTTP 503. CXone says (icStatusDescription): "Down". Retry-After: 30 s. The API host answered with a server error; this is on CXone's side.`,
    );
    expect(findingForError(err('unauthorized', 401), { call, unauthorizedHint: 'The token expired.' }).detail).toMatch(/^GET .* → HTTP 401\. The token expired\. A 401 means/);
    expect(findingForError(err('unauthorized', 401), { call }).detail).toMatch(/^GET .* → HTTP 401\. A 401 means/);
  });

  it('without an HTTP answer the error\'s own sentence is the evidence', () => {
    expect(findingForError(err('network', null), { call }).detail).toBe(`${call}: m-network`);
    expect(findingForError(err('invalid-url', null), { call }).detail).toBe(`${call}: m-invalid-url`);
    expect(findingForError(err('malformed', 200, { path: 'agentStates[3].agentId', excerpt: '{"x":1}' }), { call }).detail).toBe(
      `${call}: m-malformed Where: agentStates[3].agentId. Excerpt: {"x":1}`,
    );
    expect(findingForError(err('malformed', 200), { call }).detail).toBe(`${call}: m-malformed`);
  });

  it('anything that is not a CxoneError is an unexpected failure of that call, with its text', () => {
    const f = findingForError(new Error('boom'), { call: 'The doctor' });
    // Strict: no "fix" key at all (not one set to undefined) when there is no advice.
    expect(f).toStrictEqual({ code: 'UNEXPECTED_RESPONSE', severity: 'error', title: 'The doctor failed unexpectedly', detail: 'The doctor: boom' });
  });
});
