// Durations in words, for the tray window and the doctor alike (both show how long an agent has been
// in a state). Pure: no clock of its own, no locale.

/**
 * A duration as it is shown to people: "42 s", "3 m 07 s", "5 h 02 m", "3 d 4 h". `ms`: milliseconds;
 * a negative duration shows as "0 s" (callers that can meet one say so in their own words: agoWords).
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} m`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * How long ago a server time was, by this computer's clock: "3 m 07 s ago". A time more than `skewMs`
 * (default 5 s) in the future cannot be a start time — the two clocks disagree — and is said so:
 * "12 s ahead of this computer's clock". `thenMs`, `nowMs`: epoch milliseconds.
 */
export function agoWords(thenMs: number, nowMs: number, skewMs = 5_000): string {
  const d = nowMs - thenMs;
  if (d < -skewMs) return `${formatDuration(-d)} ahead of this computer's clock`;
  return `${formatDuration(d)} ago`;
}
