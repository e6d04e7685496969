// HTTP-dates (main/net/http-date.ts) in the three forms of RFC 9110 §5.6.7, all UTC — read here as if
// this computer were 12:45 ahead of UTC, where Date.parse read the zone-less asctime form as local time.
import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../../main/net/http-date';
import { parseRetryAfter } from '../../main/cxone/errors';
import { skewFromDateHeader } from '../../main/auth/clock-skew';
import { FAR_ZONE, inTimeZone } from '../harness/time-zone';

const AT = Date.UTC(1994, 10, 6, 8, 49, 37);
const FORMS = ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994'];

describe('an HTTP-date', () => {
  it('is the same instant in every form and in any time zone of this computer', () => {
    for (const zone of ['UTC', FAR_ZONE, 'America/New_York']) {
      inTimeZone(zone, () => {
        for (const v of FORMS) {
          expect(parseHttpDate(v), `${v} in ${zone}`).toBe(AT);
          // The Date header's clock skew and a Retry-After date read it the same way.
          expect(skewFromDateHeader(v, AT - 1000), `${v} in ${zone}`).toBe(1000);
          expect(parseRetryAfter(v, AT - 5000), `${v} in ${zone}`).toBe(5000);
        }
        // asctime with a two-digit day.
        expect(parseHttpDate('Wed Nov 16 08:49:37 1994')).toBe(Date.UTC(1994, 10, 16, 8, 49, 37));
      });
    }
  });

  it('of another shape, or no time that exists, is unreadable (null), not a day of 2001', () => {
    for (const v of [null, undefined, '', '5', '-5', '1.5', 'A 5', '2026-12-03T10:00:00Z', 'Sun, 06 Nov 1994 25:49:37 GMT', 'Sun, 36 Nov 1994 08:49:37 GMT', 'soon']) {
      expect(parseHttpDate(v), String(v)).toBeNull();
    }
    expect(skewFromDateHeader('5', AT)).toBeNull();
    // Surrounding blanks are not part of it.
    expect(parseHttpDate('  Sun, 06 Nov 1994 08:49:37 GMT ')).toBe(AT);
  });
});
