// An HTTP-date (RFC 9110 §5.6.7: the Date and Retry-After headers) as epoch ms. Every form is UTC, but
// the obsolete asctime form ("Sun Nov  6 08:49:37 1994") names no zone, and Date.parse reads a time
// without a zone as this computer's local time: hours off everywhere but UTC.

/** The three forms' shape: the day's name first, the time of day between spaces. */
const HTTP_DATE_SHAPE = /^[A-Za-z]{3}.* \d\d:\d\d:\d\d /;
/** asctime-date: "Sun Nov  6 08:49:37 1994" (the day of the month space-padded). */
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;

/**
 * Epoch ms of an HTTP-date in any of its three forms ("Sun, 06 Nov 1994 08:49:37 GMT", "Sunday,
 * 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"); null when absent, of another shape (Date.parse
 * alone reads "5" or "1.5" as days of 2001) or no time that exists.
 */
export function parseHttpDate(value: string | null | undefined): number | null {
  if (!value) return null;
  const v = value.trim();
  if (!HTTP_DATE_SHAPE.test(`${v} `)) return null;
  const t = Date.parse(ASCTIME.test(v) ? `${v} GMT` : v);
  return Number.isNaN(t) ? null : t;
}
