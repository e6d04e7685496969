// Sign-in failures as values: a kind the code branches on and a sentence the UI shows as is.
// Messages never contain tokens, codes or full URLs with query strings.

export type AuthErrorKind =
  /** Bad or missing settings (issuer, client id, redirect URI). */
  | 'config'
  /** The fixed loopback port of the redirect URI is taken, or listening failed. */
  | 'port-in-use'
  | 'listener'
  | 'timeout'
  | 'cancelled'
  /** The sign-in server sent `error=` back to the callback. */
  | 'idp'
  /** The sign-in server could not be reached or answered 5xx: worth retrying. */
  | 'network'
  /** The refresh token was refused (invalid_grant): sign in again. */
  | 'expired'
  /** The sign-in server refused or sent something unacceptable; retrying will not help. */
  | 'server'
  /** The keychain refused to save the refresh token. */
  | 'storage'
  | 'signed-out';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly kind: AuthErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
