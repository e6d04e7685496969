// When to renew the access token and how long to wait between retries after a network failure.
// Pure functions of time so the schedule can be reasoned about and tested without waiting.

/** NICE's own SDK renews 600 s before the access token expires. */
export const DEFAULT_REFRESH_SKEW_SECONDS = 600;

export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_DELAY_MS = 60_000;
/** After this many failed retries in a row the app stops retrying on its own and says so. */
export const RETRY_MAX_ATTEMPTS = 8;

export interface AccessTokenTiming {
  /** When the token stops working; null when the server did not say (expires_in missing). */
  expiresAt: number | null;
  /** When to renew it; null = only on demand. */
  renewAt: number | null;
}

export function accessTokenTiming(receivedAt: number, expiresInSeconds: number | null, skewSeconds: number): AccessTokenTiming {
  if (expiresInSeconds === null) return { expiresAt: null, renewAt: null };
  const lifetimeMs = expiresInSeconds * 1000;
  // A token that lives shorter than the skew would be "due" at once, forever: renew at half-life then.
  const skewMs = Math.min(skewSeconds * 1000, lifetimeMs / 2);
  return { expiresAt: receivedAt + lifetimeMs, renewAt: receivedAt + lifetimeMs - skewMs };
}

/** Delay before retry number `attempt` (1-based): 2 s, 4 s, 8 s … capped at one minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_DELAY_MS);
}
