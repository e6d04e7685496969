// Redaction: the last line of defence that keeps tokens out of logs and reports. Applied to every log
// line and every copied diagnostics report, whatever the caller remembered to leave out.

const SECRET_KEYS = /^(access_?token|refresh_?token|id_?token|token|code|code_?verifier|client_?secret|password|authorization|cookie|set-cookie)$/i;

const PATTERNS: [RegExp, string][] = [
  // Authorization headers: "Bearer <anything>"
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // JWTs wherever they appear (header.payload.signature, base64url; header always starts with eyJ)
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // URL query and form parameters
  [/\b(code|code_verifier|refresh_token|access_token|id_token|client_secret|token)=[^&\s"'<>]+/gi, '$1=[redacted]'],
  // JSON properties
  [/"(code|code_verifier|refresh_token|access_token|id_token|client_secret|token|refreshToken|accessToken|idToken)"\s*:\s*"[^"]*"/gi, '"$1":"[redacted]"'],
];

export function redactText(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
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
    out[k] = SECRET_KEYS.test(k) && v !== null && v !== undefined && v !== '' ? '[redacted]' : redactValue(v, depth + 1);
  }
  return out;
}
