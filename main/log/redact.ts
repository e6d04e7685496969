// Redaction: the last line of defence that keeps tokens out of logs and reports. Applied to every log
// line and every copied diagnostics report, whatever the caller remembered to leave out.
//
// Secrets are found by their SHAPE as well as by their key, because the key is often spelt in a way
// nobody listed (URL-encoded, escaped twice inside JSON, `key: value`, `--access-token T`) or missing
// (an array of bare tokens, a JWT on its own, a token in a URL's user part). What is removed is only
// ever the secret itself: ordinary words stay ("Pass the bearer token your code uses" keeps "token").
// Libraries considered: @logtape/redaction ships a bare `eyJ…` JWT pattern and field-name redaction
// (what this file did before), nothing for the spellings above, so the patterns live here.

export const REDACTED = '[redacted]';
export const REDACTED_JWT = '[redacted-jwt]';

/** Object keys whose value is a secret, however it looks. */
const SECRET_KEYS =
  /^(?:(?:access|refresh|id)[_-]?tokens?|tokens?|code|code[_-]?verifier|client[_-]?secret|secret|password|passwd|authorization|cookie|set-cookie|api[_-]?key|id[_-]?token[_-]?hint|bearer)$/i;
/** The same names after a prefix: `cxone_access_token`, `DB-PASSWORD`, `oidcClientSecret` — not `code` (`errorCode`). */
const PREFIXED_SECRET_KEY = /[A-Za-z0-9][_-](?:tokens?|code[_-]?verifier|secret|password|passwd|api[_-]?key)$/i;
const CAMEL_SECRET_KEY = /[a-z0-9](?:Tokens?|CodeVerifier|Secret|Password|Passwd|ApiKey)$/;

// Key names in free text. Longer names first so `refresh_token` is not read as `token`.
const TEXT_KEY =
  '(?:(?:access|refresh|id)[_-]?token[_-]?hint|(?:access|refresh|id)[_-]?tokens?|code[_-]?verifier|client[_-]?secret|api[_-]?key|tokens?|code|secret|password|passwd)';
/** Keys whose value is removed even when it looks like a plain word (a password can be one), prefixed too (`dbPassword`). */
const ALWAYS_SECRET_KEY = /(?:^(?:client)?|[_-])(?:secret|password|passwd)$/i;
const ALWAYS_SECRET_CAMEL = /[a-z0-9](?:Secret|Password|Passwd)$/;

// A quote as it appears raw, escaped once or twice in JSON, or URL-encoded once or twice.
const QUOTE = `(?:\\\\*"|'|%22|%2522)`;
// `=`, `:` or `=>` (a Map or a Ruby hash as printed), raw or URL-encoded once or twice, with optional spaces.
const SEP = `\\s*(?:=>|[:=]|%3[ADad]|%253[ADad])\\s*`;
// Where a key may start: not inside a word; right after a percent-escape (`%22refresh_token%22`,
// `%3Fcode%3D`, `%26code_verifier%3D`: a quote, `?` or `&` URL-encoded once or twice); or after `_` as
// in `CXONE_ACCESS_TOKEN=` — but not `code` there: `error_code`, `reason_code` are no secrets.
const KEY_START = '(?:(?<![A-Za-z0-9_])|(?<=%[0-9A-Fa-f]{2}|%25[0-9A-Fa-f]{2})|(?<=[A-Za-z0-9]_)(?!code(?![_-]?verifier)))';
// A value: token characters and percent-escapes that are not an encoded quote, `&` or `,`.
const VALUE = '(?:[A-Za-z0-9._~+/=!$*-]|%(?!22|26|2C|2c|25)[0-9A-Fa-f]{2}|%25(?!22|26|2C|2c)[0-9A-Fa-f]{2})+';

// A value in quotes runs to the same quote, or to the end of its line when the quote is not closed (a
// cut-off line), whatever it holds: `"p@ss w0rd#1"` is one password, not `p`. A backslash-escaped
// character inside does not end it. `quote` is the number of the opening quote's capture group.
const quotedOrBare = (quote: number) => `(?:(${QUOTE})((?:(?!\\${quote})(?:\\\\[^\\r\\n]|[^\\r\\n]))+)|(${VALUE}))`;
const KEYED = new RegExp(`${KEY_START}(${TEXT_KEY})(${QUOTE}?)(${SEP})${quotedOrBare(4)}`, 'gi');
// A command line's `--access-token <value>`.
const FLAG = new RegExp(`(?<!\\S)(--?${TEXT_KEY})(\\s+)${quotedOrBare(3)}`, 'gi');

// A JWT: three base64url segments, the header always starting `eyJ`. A line break with indentation may
// sit anywhere inside (a wrapped log line or a pasted terminal), as long as the next line goes on with
// base64url characters up to its end or the next dot.
const B64 = '[A-Za-z0-9_-]';
const WRAP = '(?:\\r?\\n[ \\t]*)';
const JWT = new RegExp(`eyJ(?:${B64}|${WRAP}(?=${B64}))+${WRAP}?\\.${WRAP}?(?:${B64}|${WRAP}(?=${B64}+(?:\\.|\\s*$)))*${WRAP}?\\.${WRAP}?(?:${B64}|${WRAP}(?=${B64}+\\s*$))*`, 'gm');

// `Bearer <token>` / `Basic <credentials>`, with a space, `+` or `%20` between.
const SCHEME = /\b(Bearer|Basic)(\s+|\+|%20)([A-Za-z0-9._~+/=-]+)/gi;

// A URL's user part: scheme://user:password@host or scheme://token@host.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

// A long opaque string on its own (no key): 24+ token characters mixing upper case, lower case and digits.
const OPAQUE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{24,}={0,2}(?![A-Za-z0-9_-])/g;

/** A plain word, a short number or a CODE_LIKE_THIS — never a secret's shape. */
function isOrdinary(value: string): boolean {
  const v = decodeLoosely(value);
  if (/^\d{1,7}$/.test(v)) return true;
  if (/^[A-Z]+(?:_[A-Z]+)+$/.test(v)) return true;
  return v.length < 20 && /^[A-Za-z]+(?:[ _.-][A-Za-z]+)*$/.test(v);
}

function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(decodeURIComponent(value));
  } catch {
    return value;
  }
}

function looksOpaque(s: string): boolean {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  return count(/[A-Z]/g) >= 2 && count(/[a-z]/g) >= 2 && count(/[0-9]/g) >= 2;
}

/** `Basic` and base64 of `user:password`, even one that reads like a word (`dXNlcjpwYXNz` is user:pass). */
function isBasicCredentials(scheme: string, value: string): boolean {
  if (scheme.toLowerCase() !== 'basic' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(Buffer.from(value, 'base64').toString('latin1'));
}

/** A secret-named key keeps its value only when the value is an ordinary word or number. */
function keepsValue(key: string, value: string): boolean {
  if (value.startsWith('[redacted')) return true;
  return !ALWAYS_SECRET_KEY.test(key) && !ALWAYS_SECRET_CAMEL.test(key) && isOrdinary(value);
}

export function redactText(text: string): string {
  let out = text.replace(SCHEME, (all, scheme: string, gap: string, value: string) =>
    !isBasicCredentials(scheme, value) && (value.startsWith('[redacted') || isOrdinary(value) || value.length < 8) ? all : `${scheme}${gap}${REDACTED}`,
  );
  out = out.replace(JWT, REDACTED_JWT);
  // Groups of quotedOrBare: a quoted value's opening quote and the value, or a bare value.
  type Value = [q: string | undefined, quoted: string | undefined, bare: string | undefined];
  const valueOf = ([q, quoted, bare]: Value) => (quoted !== undefined ? { q: q ?? '', value: quoted } : { q: '', value: bare ?? '' });
  out = out.replace(KEYED, (all, key: string, q1: string, sep: string, ...rest: Value) => {
    const { q, value } = valueOf(rest);
    return keepsValue(key, value) ? all : `${key}${q1}${sep}${q}${REDACTED}`;
  });
  out = out.replace(FLAG, (all, flag: string, gap: string, ...rest: Value) => {
    const { q, value } = valueOf(rest);
    return keepsValue(flag, value) ? all : `${flag}${gap}${q}${REDACTED}`;
  });
  out = out.replace(USERINFO, `$1${REDACTED}@`);
  out = out.replace(OPAQUE, (s) => (looksOpaque(s) ? REDACTED : s));
  return out;
}

/** Deep copy with secret-named properties replaced and every string run through redactText. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && !keepsField(k, v) ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.test(key) || PREFIXED_SECRET_KEY.test(key) || CAMEL_SECRET_KEY.test(key);
}

/** A secret-named property keeps an empty value, a number, a flag or an ordinary word ({ code: 'FORBIDDEN' }). */
function keepsField(key: string, v: unknown): boolean {
  if (v === null || v === undefined || v === '' || typeof v === 'number' || typeof v === 'boolean') return true;
  return typeof v === 'string' && keepsValue(key, v);
}
