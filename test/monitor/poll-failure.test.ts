// One reading of a failed poll for every poller of a tenant (main/monitor/poll-failure.ts): which faults
// pass by themselves, the server's wait honoured up to a bound and said so, and a sentence even when an
// error carries no message. Plain data: real CxoneErrors, as the client makes them.
import { describe, expect, it } from 'vitest';
import { CxoneError, sentenceFor, type CxoneErrorKind } from '../../main/cxone/errors';
import { formatServerWait, pollFailure } from '../../main/monitor/poll-failure';

const o = { maxServerWaitMs: 10 * 60_000, unexpected: 'Reading failed unexpectedly.' };

describe('pollFailure', () => {
  it('calls transient exactly the faults that pass by themselves', () => {
    const kinds: CxoneErrorKind[] = ['unauthorized', 'forbidden', 'not-found', 'bad-request', 'rate-limited', 'unavailable', 'timeout', 'network', 'malformed'];
    const transient = kinds.filter((kind) => pollFailure(new CxoneError({ kind, message: 'x' }), o).transient);
    expect(transient).toEqual(['rate-limited', 'unavailable', 'timeout', 'network']);
    expect(pollFailure(new CxoneError({ kind: 'unauthorized', message: 'x' }), o).unauthorized).toBe(true);
    expect(pollFailure(new CxoneError({ kind: 'forbidden', message: 'x' }), o).unauthorized).toBe(false);
  });

  it('honours a Retry-After up to the bound, and says when it cut one', () => {
    const short = pollFailure(new CxoneError({ kind: 'rate-limited', message: 'Slow down.', retryAfterMs: 40_000 }), o);
    expect(short).toMatchObject({ message: 'Slow down.', retryAfterMs: 40_000 });
    const long = pollFailure(new CxoneError({ kind: 'rate-limited', message: 'Slow down.', retryAfterMs: 2_998_080_000 }), o);
    expect(long.retryAfterMs).toBe(600_000);
    expect(long.message).toBe('Slow down. CXone asked the app to wait 34.7 days; it tries again after 10 min instead.');
    // Exactly the bound is honoured as asked.
    expect(pollFailure(new CxoneError({ kind: 'unavailable', message: 'Down.', retryAfterMs: 600_000 }), o).message).toBe('Down.');
  });

  it('gives a sentence for an error without a message, and for one that is not a CxoneError', () => {
    expect(pollFailure(new CxoneError({ kind: 'timeout', message: '' }), o).message).toBe(sentenceFor('timeout'));
    expect(pollFailure(new TypeError('boom'), o)).toEqual({ kind: 'unexpected', message: 'Reading failed unexpectedly.', transient: false, retryAfterMs: null, unauthorized: false });
  });

  it('says a server\'s wait in words a person reads', () => {
    const waits = [45_000, 89_000, 90_000, 12 * 60_000, 90 * 60_000, 3.5 * 3_600_000, 48 * 3_600_000, 34.7 * 86_400_000];
    expect(waits.map(formatServerWait)).toEqual(['45 s', '89 s', '2 min', '12 min', '1.5 h', '3.5 h', '2.0 days', '34.7 days']);
  });
});
