// How far this computer's clock is from the sign-in server's, measured from the `Date` header of the
// server's answers (discovery, token). ID tokens carry iat/exp on the server's clock: a few minutes of
// difference are tolerated; beyond that the user is told the clock is off, in minutes, instead of
// seeing a raw JWT message ("expiration is past current timestamp").
import { count } from '../words';
import { parseHttpDate } from '../net/http-date';

/** Clock difference tolerated when checking token times (openid-client's clockTolerance), in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 300;

/** server − local in ms from an RFC 7231 `Date` header (1 s resolution); null when absent or unreadable. */
export function skewFromDateHeader(dateHeader: string | null, localNowMs: number): number | null {
  const server = parseHttpDate(dateHeader);
  return server === null ? null : server - localNowMs;
}

/** The latest measured skew; fed by every answer of one sign-in server. */
export interface SkewGauge {
  /** server − local in ms, or null before any answer carried a Date header. */
  skewMs: number | null;
  observe(dateHeader: string | null, localNowMs: number): void;
}

export function createSkewGauge(): SkewGauge {
  const gauge: SkewGauge = {
    skewMs: null,
    observe(dateHeader, localNowMs) {
      const s = skewFromDateHeader(dateHeader, localNowMs);
      if (s !== null) gauge.skewMs = s;
    },
  };
  return gauge;
}

/** True when the measured skew is beyond what token checks tolerate. */
export function clockIsOff(skewMs: number | null): skewMs is number {
  return skewMs !== null && Math.abs(skewMs) > CLOCK_TOLERANCE_SECONDS * 1000;
}

/** "Your computer's clock is about 70 minutes ahead of the sign-in server's. …" */
export function clockOffMessage(skewMs: number | null): string {
  if (skewMs === null) {
    return "The sign-in server's answer was not valid at this computer's time: your computer's clock seems to be off. Set it right (automatic time) and sign in again.";
  }
  const minutes = Math.max(1, Math.round(Math.abs(skewMs) / 60_000));
  // skew = server − local: a negative skew means the local clock is ahead.
  const direction = skewMs < 0 ? 'ahead of' : 'behind';
  return `Your computer's clock is about ${count(minutes, 'minute')} ${direction} the sign-in server's, so the sign-in cannot be checked. Set the clock right (turn on automatic time) and sign in again.`;
}
