// The one reader of CXone times. CXone's clock is UTC and real tenants spell times several ways
// (CXONE-API.md §6): "2025-01-15T14:03:27.000Z", "2025-01-15T14:03:27" (no zone: UTC, never the
// user's local time), 0–7 fraction digits, "+00:00" offsets. Date.parse would read a time without a
// zone as local time, so nothing that reads a CXone time may use it: roster, alerts, renderer,
// doctor and CLI all come through here. Pure and dependency-free: the renderer imports it too.

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/**
 * True for CXone's canonical spelling ("…:27.000Z" or "…:27Z", years 1000–9999, days up to 28 — the
 * rest take the general path, which checks them properly). Digits only, no Date: the hot path.
 */
function isCanonical(v: string): boolean {
  const n = v.length;
  if ((n !== 24 && n !== 20) || v.charCodeAt(n - 1) !== 90 /* Z */ || v.charCodeAt(10) !== 84 /* T */) return false;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
  for (let k = 0; k < DIGITS.length; k++) {
    const c = v.charCodeAt(DIGITS[k]!);
    if (c < 48 || c > 57) return false;
  }
  if (n === 24) {
    if (v.charCodeAt(19) !== 46) return false;
    for (let i = 20; i < 23; i++) if (v.charCodeAt(i) < 48 || v.charCodeAt(i) > 57) return false;
  }
  const month = d2(v, 5);
  const day = d2(v, 8);
  return d2(v, 0) >= 10 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && d2(v, 11) <= 23 && d2(v, 14) <= 59 && d2(v, 17) <= 59;
}

/** ms of CXone's canonical spelling, else null (then parseServerTime reads the other spellings). */
export function canonicalMs(v: string): number | null {
  if (!isCanonical(v)) return null;
  const ms = v.length === 24 ? (v.charCodeAt(20) - 48) * 100 + d2(v, 21) : 0;
  return Date.UTC(d2(v, 0) * 100 + d2(v, 2), d2(v, 5) - 1, d2(v, 8), d2(v, 11), d2(v, 14), d2(v, 17), ms);
}

const GENERAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear puts them back.
  const date = new Date(t);
  if (y < 100) date.setUTCFullYear(y);
  // A 30th of February rolls over into March: not a real date.
  if (date.getUTCDate() !== d) return undefined;
  return date.getTime();
}

/**
 * Epoch ms of a CXone time, or undefined when the value is not a time. A time without a zone is UTC;
 * 0–7 fraction digits (beyond milliseconds they are cut, never rounded up); "Z" or an offset
 * (±hh:mm, ±hhmm, ±hh); a bare date is midnight UTC. Numbers, garbage and impossible dates: undefined.
 */
export function parseServerTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const fast = canonicalMs(value);
  if (fast !== null) return fast;
  const v = value.trim();
  const m = GENERAL.exec(v);
  if (!m) {
    const d = DATE_ONLY.exec(v);
    return d ? utcMs(Number(d[1]), Number(d[2]), Number(d[3]), 0, 0, 0, 0) : undefined;
  }
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const t = utcMs(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms);
  if (t === undefined) return undefined;
  const zone = m[8];
  if (!zone || zone === 'Z' || zone === 'z') return t;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 23 || om > 59) return undefined;
  return t - sign * (oh * 60 + om) * 60_000;
}

/**
 * The same time as ISO 8601 with "Z" ("2025-01-15T14:03:27.000Z"), or null when it is not a time.
 * CXone's canonical spelling comes back as the very same string (no allocation on the hot path).
 */
export function normalizeServerTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (value.length === 24 && isCanonical(value)) return value;
  // Whole seconds without a fraction ("…:27Z", common in real tenants): the same text with ".000", no Date.
  if (value.length === 20 && isCanonical(value)) return `${value.slice(0, 19)}.000Z`;
  const t = parseServerTime(value);
  return t === undefined ? null : new Date(t).toISOString();
}

/**
 * `read` remembered per time text: epoch ms, NaN where `read` gives none. Bounded: past `limit` texts
 * it forgets them all at once. For hot paths that meet the same few times again and again: a delta's
 * changes fall on the whole seconds of one poll interval, and the page's reader hands every agent of a
 * second the same string, so a lookup is a hash the string already carries instead of a parse (issue 15).
 */
export function timeMemo(read: (text: string) => number | null | undefined, limit = 4_096): (text: string) => number {
  const seen = new Map<string, number>();
  return (text) => {
    let ms = seen.get(text);
    if (ms === undefined) {
      ms = read(text) ?? NaN;
      if (seen.size >= limit) seen.clear();
      seen.set(text, ms);
    }
    return ms;
  };
}
