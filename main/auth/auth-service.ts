// The session: sign-in through the system browser, silent restart from the keychain, renewal, sign-out.
// It owns the only copies of the tokens: the access token in memory, the refresh token in memory and in
// the SecretStore. Everything else gets status events, the identity, and getAccessToken().
import { createListeners, type Listeners } from '../listeners';
import type { Clock, FetchLike, Logger, Notifier, Opener, SecretStore, TimerHandle } from '../ports';
import { AuthError, errorText } from './errors';
import { clockIsOff, clockOffMessage } from './clock-skew';
import { identityFromClaims } from './identity';
import { startLoopbackListener, type RedirectSetting } from './loopback';
import {
  buildAuthorizationUrl,
  createAuthChecks,
  discoverProvider,
  endSessionUrl,
  exchangeCode,
  measuredSkewMs,
  refreshTokens,
  revokeRefreshToken,
  type OidcConfiguration,
  type TokenSet,
} from './oidc';
import { accessTokenTiming, DEFAULT_REFRESH_SKEW_SECONDS, RETRY_MAX_ATTEMPTS, retryDelayMs } from './renewal-policy';
import type { Identity, SessionStatus } from './status';

export { AuthError, type AuthErrorKind } from './errors';

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface AuthConfig {
  issuer: string;
  clientId: string;
  scopes: string[];
  redirect: RedirectSetting;
  tenantIdHint?: string;
  refreshSkewSeconds?: number;
  signInTimeoutMs?: number;
}

export interface AuthService {
  status(): SessionStatus;
  onStatus(cb: (s: SessionStatus) => void): () => void;
  identity(): Identity | null;
  /** Resolves when signed in; rejects with an AuthError whose message is a human sentence. */
  signIn(): Promise<Identity>;
  cancelSignIn(): void;
  /**
   * Silent restart from the stored refresh token. True when signed in, or when the sign-in server is
   * unreachable and the app keeps retrying; false when nothing is stored or the token was refused.
   */
  restore(): Promise<boolean>;
  /** The current access token, renewed ahead of expiry; concurrent callers share one refresh. */
  getAccessToken(): Promise<string>;
  /**
   * After an API 401: the next getAccessToken() refreshes once. Pass the token that was refused so a
   * burst of 401s for the same token causes one refresh, not one each.
   */
  invalidateAccessToken(refusedToken?: string): void;
  signOut(options?: { endSessionInBrowser?: boolean }): Promise<void>;
  dispose(): void;
}

export interface AuthDeps {
  config: AuthConfig;
  secrets: SecretStore;
  opener: Opener;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  fetch?: FetchLike;
}

export function createAuthService(deps: AuthDeps): AuthService {
  return new Session(deps);
}

/** The keychain account: one entry per issuer + client id + tenant (the configured tenant hint). */
export function refreshTokenAccount(config: Pick<AuthConfig, 'issuer' | 'clientId' | 'tenantIdHint'>): string {
  const issuer = config.issuer.trim().replace(/\/+$/, '');
  return `${config.clientId.trim()}@${issuer}${config.tenantIdHint ? `#${config.tenantIdHint.trim()}` : ''}`;
}

interface AccessToken {
  value: string;
  expiresAt: number | null;
  renewAt: number | null;
  /** Set by invalidateAccessToken(): an API refused it. */
  refused: boolean;
}

class Session implements AuthService {
  readonly #d: AuthDeps;
  readonly #account: string;
  readonly #skewSeconds: number;
  #status: SessionStatus = { kind: 'signed-out' };
  readonly #listeners: Listeners<SessionStatus>;
  #identity: Identity | null = null;
  #access: AccessToken | null = null;
  #refreshToken: string | null = null;
  /** Bumped whenever the token set is replaced or dropped, so a late answer for an old one is ignored. */
  #epoch = 0;
  #refreshing: Promise<string> | null = null;
  /**
   * A renewal the provider answered but the keychain refused to store. The provider has rotated the
   * old refresh token away, so it must never be sent again: the next attempt retries storing this
   * answer instead, and uses it only once it is stored.
   */
  #unstored: { tokens: TokenSet; identity: Identity; receivedAt: number } | null = null;
  #renewTimer: TimerHandle | null = null;
  #retryTimer: TimerHandle | null = null;
  #retryAttempt = 0;
  #signIn: { promise: Promise<Identity>; abort: AbortController } | null = null;
  #discovery: Promise<OidcConfiguration> | null = null;
  #disposed = false;

  constructor(deps: AuthDeps) {
    this.#d = deps;
    this.#listeners = createListeners(deps.logger, 'auth: a status listener threw');
    this.#account = refreshTokenAccount(deps.config);
    this.#skewSeconds = deps.config.refreshSkewSeconds ?? DEFAULT_REFRESH_SKEW_SECONDS;
  }

  status(): SessionStatus {
    return this.#status;
  }

  onStatus(cb: (s: SessionStatus) => void): () => void {
    return this.#listeners.add(cb);
  }

  identity(): Identity | null {
    return this.#identity;
  }

  // ── sign-in ────────────────────────────────────────────────────────────────────────────────────

  signIn(): Promise<Identity> {
    if (this.#disposed) return Promise.reject(new AuthError('cancelled', 'The app is shutting down.'));
    if (this.#signIn) return this.#signIn.promise;
    const abort = new AbortController();
    const promise = this.#runSignIn(abort.signal).then(
      (identity) => {
        this.#signIn = null;
        return identity;
      },
      (err: unknown) => {
        this.#signIn = null;
        const error = err instanceof AuthError ? err : new AuthError('server', `Sign-in failed: ${errorText(err)}`, { cause: err });
        this.#d.logger.warn('auth: sign-in did not complete', { kind: error.kind, reason: error.message });
        if (this.#disposed) throw error;
        // A failed or cancelled second sign-in leaves an existing session as it was.
        if (this.#identity && this.#refreshToken) this.#setStatus(this.#signedInStatus(this.#identity));
        else if (error.kind === 'cancelled') this.#setStatus({ kind: 'signed-out' });
        else this.#setStatus({ kind: 'error', message: error.message });
        throw error;
      },
    );
    this.#signIn = { promise, abort };
    return promise;
  }

  cancelSignIn(): void {
    this.#signIn?.abort.abort();
  }

  async #runSignIn(signal: AbortSignal): Promise<Identity> {
    const { config: cfg, clock, logger } = this.#d;
    const oidc = await this.#discover();
    if (signal.aborted) throw new AuthError('cancelled', 'Sign-in was cancelled.');
    // A clock far off would fail the token checks only after the user logged in: say so before.
    const skewMs = measuredSkewMs(oidc);
    if (clockIsOff(skewMs)) throw new AuthError('server', clockOffMessage(skewMs));
    const checks = await createAuthChecks();
    let identity: Identity | null = null;
    const listener = await startLoopbackListener({
      redirect: cfg.redirect,
      expectedState: checks.state,
      timeoutMs: cfg.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      clock,
      logger,
      signal,
      onCallback: async (callbackUrl) => {
        // The same redirect_uri string in both requests, as the authorization request sent it.
        const tokens = await exchangeCode(oidc, callbackUrl, checks, listener.redirectUri);
        const who = identityFromClaims(tokens.idClaims);
        if (signal.aborted || this.#disposed) throw new AuthError('cancelled', 'Sign-in was cancelled.');
        await this.#adopt(tokens, who, 'sign-in');
        identity = who;
      },
    });
    const url = buildAuthorizationUrl(oidc, {
      redirectUri: listener.redirectUri,
      scopes: cfg.scopes,
      codeChallenge: checks.codeChallenge,
      state: checks.state,
      nonce: checks.nonce,
      ...(cfg.tenantIdHint ? { tenantIdHint: cfg.tenantIdHint } : {}),
    });
    this.#setStatus({ kind: 'signing-in', url, startedAt: clock.now() });
    logger.info('auth: waiting for the browser sign-in', { redirectUri: listener.redirectUri });
    // No browser (common on Linux) is not fatal: the UI shows the URL from the status to copy.
    this.#d.opener.openExternal(url).catch((err: unknown) => logger.warn('auth: could not open the browser', { reason: errorText(err) }));
    await listener.done;
    if (!identity) throw new AuthError('server', 'Sign-in ended without an identity.');
    return identity;
  }

  // ── tokens ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Makes a token response the current session. The refresh token is stored first: if the keychain
   * refuses it, nothing of this response is used (a crash right after must not leave the app on a
   * token it could not resume with).
   */
  async #adopt(tokens: TokenSet, identity: Identity, why: 'sign-in' | 'refresh', receivedAt?: number): Promise<void> {
    const nextRefresh = tokens.refreshToken ?? (why === 'refresh' ? this.#refreshToken : null);
    if (tokens.refreshToken) {
      try {
        await this.#d.secrets.set(this.#account, tokens.refreshToken);
      } catch (err) {
        throw new AuthError(
          'storage',
          why === 'sign-in'
            ? `You signed in, but the sign-in could not be saved to the system keychain (${errorText(err)}). Sign in again.`
            : `The session was renewed, but the renewal could not be saved to the system keychain (${errorText(err)}). Sign in again if this keeps happening.`,
          { cause: err },
        );
      }
    }
    // A held-back answer stored later keeps the expiry it had when it arrived.
    const timing = accessTokenTiming(receivedAt ?? this.#d.clock.now(), tokens.expiresInSeconds, this.#skewSeconds);
    this.#epoch++;
    this.#access = { value: tokens.accessToken, ...timing, refused: false };
    this.#refreshToken = nextRefresh;
    this.#identity = identity;
    this.#retryAttempt = 0;
    this.#clearTimer('retry');
    this.#scheduleRenewal();
    this.#d.logger.info(why === 'sign-in' ? 'auth: signed in' : 'auth: session renewed', {
      tenant: identity.tenant,
      expiresInSeconds: tokens.expiresInSeconds,
      storage: this.#d.secrets.kind,
    });
    this.#setStatus(this.#signedInStatus(identity));
  }

  async getAccessToken(): Promise<string> {
    const access = this.#access;
    const now = this.#d.clock.now();
    if (access && !access.refused && (access.renewAt === null || now < access.renewAt)) return access.value;
    const stillValid = !!access && !access.refused && (access.expiresAt === null || now < access.expiresAt);
    // While retrying after a network failure, a token that still works is better than an error.
    if (stillValid && this.#retryTimer !== null) return access.value;
    if (!this.#refreshToken) throw this.#notSignedInError();
    try {
      return await this.#refreshOnce();
    } catch (err) {
      if (err instanceof AuthError && err.kind === 'network' && stillValid && this.#access === access) return access.value;
      throw err;
    }
  }

  invalidateAccessToken(refusedToken?: string): void {
    if (!this.#access) return;
    if (refusedToken !== undefined && refusedToken !== this.#access.value) return;
    this.#access.refused = true;
  }

  /** Single flight: every caller during a refresh shares its one request. */
  #refreshOnce(): Promise<string> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<string> {
    const refreshToken = this.#refreshToken;
    if (!refreshToken) throw this.#notSignedInError();
    const epoch = this.#epoch;
    if (this.#identity && this.#status.kind !== 'reconnecting') this.#setStatus({ kind: 'refreshing', identity: this.#identity });
    let tokens: TokenSet;
    let identity: Identity;
    let receivedAt: number;
    const pending = this.#unstored;
    if (pending) {
      ({ tokens, identity, receivedAt } = pending);
    } else {
      const attempt: { token: string } = { token: refreshToken };
      try {
        tokens = await this.#renewWithLatestToken(attempt, epoch);
        receivedAt = this.#d.clock.now();
        identity = tokens.idClaims ? identityFromClaims(tokens.idClaims) : (this.#identity ?? identityFromClaims(null));
      } catch (err) {
        const error = err instanceof AuthError ? err : new AuthError('server', `Renewing the session failed: ${errorText(err)}`, { cause: err });
        if (epoch === this.#epoch) this.#onRefreshFailure(error, attempt.token);
        throw error;
      }
    }
    if (epoch !== this.#epoch || this.#disposed) throw new AuthError('signed-out', 'The session changed while it was being renewed.');
    try {
      await this.#adopt(tokens, identity, 'refresh', receivedAt);
      this.#unstored = null;
    } catch (err) {
      const error = err as AuthError;
      if (epoch === this.#epoch) {
        this.#unstored = { tokens, identity, receivedAt };
        this.#d.logger.error('auth: renewed tokens held back because the refresh token could not be stored', { reason: error.message });
        this.#setStatus({ kind: 'error', message: error.message });
      }
      throw error;
    }
    return this.#access!.value;
  }

  /**
   * Two copies of the app (a second profile, a portable copy, the CLI's --sign-in) share one keychain
   * entry. When the other copy has rotated the refresh token, the one held here is spent: sending it
   * would be refused (and, with reuse detection, end the other copy's session too). So the stored token
   * is read first and used when it is newer; and when the provider still says invalid_grant (the other
   * copy renewed in between), the store is read once more. `attempt.token` is the last token sent.
   */
  async #renewWithLatestToken(attempt: { token: string }, epoch: number): Promise<TokenSet> {
    const useStored = async (): Promise<boolean> => {
      const stored = await this.#readStored();
      if (!stored || stored === attempt.token || epoch !== this.#epoch) return false;
      this.#d.logger.info('auth: the stored sign-in was renewed by another copy of the app; using it');
      attempt.token = stored;
      this.#refreshToken = stored;
      return true;
    };
    await useStored();
    try {
      return await refreshTokens(await this.#discover(), attempt.token);
    } catch (err) {
      if (!(err instanceof AuthError && err.kind === 'expired') || !(await useStored())) throw err;
      return await refreshTokens(await this.#discover(), attempt.token);
    }
  }

  /** The refresh token in the store now, or null when there is none or the store does not answer. */
  async #readStored(): Promise<string | null> {
    try {
      return await this.#d.secrets.get(this.#account);
    } catch (err) {
      this.#d.logger.warn('auth: could not read the stored sign-in', { reason: errorText(err) });
      return null;
    }
  }

  #onRefreshFailure(error: AuthError, refusedToken: string): void {
    const { logger } = this.#d;
    if (error.kind === 'expired') {
      logger.warn('auth: the refresh token was refused; the user must sign in again');
      this.#expire(error.message, refusedToken);
    } else if (error.kind === 'network') {
      this.#scheduleRetry(error);
    } else {
      logger.error('auth: renewing the session failed', { kind: error.kind, reason: error.message });
      this.#setStatus({ kind: 'error', message: error.message });
    }
  }

  #scheduleRetry(error: AuthError): void {
    this.#retryAttempt++;
    this.#clearTimer('retry');
    if (this.#retryAttempt > RETRY_MAX_ATTEMPTS) {
      this.#d.logger.warn('auth: giving up automatic retries', { attempts: RETRY_MAX_ATTEMPTS });
      this.#setStatus({
        kind: 'error',
        message: `${error.message} The app stopped retrying on its own; it will try again the next time it needs the session.`,
      });
      this.#retryAttempt = 0;
      return;
    }
    const delay = retryDelayMs(this.#retryAttempt);
    const retryAt = this.#d.clock.now() + delay;
    this.#d.logger.warn('auth: renewal failed on the network, retrying', { attempt: this.#retryAttempt, delayMs: delay, reason: error.message });
    this.#retryTimer = this.#d.clock.setTimeout(() => {
      this.#retryTimer = null;
      this.#refreshOnce().catch(() => {});
    }, delay);
    // Kept signed in even without an identity (a restart during the outage): the stored refresh token
    // is still good, and "error" would send the user to a sign-in that cannot work either.
    this.#setStatus({ kind: 'reconnecting', identity: this.#identity, retryAt, message: error.message });
  }

  #scheduleRenewal(): void {
    this.#clearTimer('renew');
    const renewAt = this.#access?.renewAt;
    if (renewAt === null || renewAt === undefined) return;
    const delay = Math.max(0, renewAt - this.#d.clock.now());
    this.#renewTimer = this.#d.clock.setTimeout(() => {
      this.#renewTimer = null;
      this.#refreshOnce().catch(() => {});
    }, delay);
  }

  /**
   * invalid_grant: the session is over. One notification, no retries. The stored entry is deleted only
   * while it still holds the refused token: a newer one belongs to another copy of the app.
   */
  #expire(message: string, refusedToken: string): void {
    const wasExpired = this.#status.kind === 'expired';
    this.#dropSession();
    void this.#readStored().then(async (stored) => {
      if (stored !== refusedToken) return;
      await this.#d.secrets.delete(this.#account).catch((err: unknown) => this.#d.logger.warn('auth: could not delete the stored sign-in', { reason: errorText(err) }));
    });
    this.#setStatus({ kind: 'expired', message });
    if (!wasExpired) {
      this.#d.notifier.show({ title: 'Signed out of CXone', body: 'Your CXone session has expired. Open CXone Agent Tray and sign in again.' });
    }
  }

  #dropSession(): void {
    this.#epoch++;
    this.#access = null;
    this.#refreshToken = null;
    this.#unstored = null;
    this.#identity = null;
    this.#retryAttempt = 0;
    this.#clearTimer('renew');
    this.#clearTimer('retry');
  }

  #notSignedInError(): AuthError {
    if (this.#status.kind === 'expired') return new AuthError('expired', this.#status.message);
    return new AuthError('signed-out', 'You are not signed in to CXone.');
  }

  // ── restart, sign-out ──────────────────────────────────────────────────────────────────────────

  async restore(): Promise<boolean> {
    let stored: string | null;
    try {
      stored = await this.#d.secrets.get(this.#account);
    } catch (err) {
      this.#d.logger.warn('auth: could not read the stored sign-in', { reason: errorText(err) });
      return false;
    }
    if (!stored || this.#disposed) return false;
    if (this.#refreshToken) return this.#identity !== null; // already signed in meanwhile
    this.#refreshToken = stored;
    this.#epoch++;
    try {
      await this.#refreshOnce();
      return true;
    } catch (err) {
      return err instanceof AuthError && err.kind === 'network' && this.#refreshToken !== null;
    }
  }

  async signOut(options: { endSessionInBrowser?: boolean } = {}): Promise<void> {
    this.cancelSignIn();
    // An answer held back (not stored) carries the only refresh token the provider still honours.
    const refreshToken = this.#unstored?.tokens.refreshToken ?? this.#refreshToken;
    this.#dropSession();
    this.#setStatus({ kind: 'signed-out' });
    const { logger } = this.#d;
    let oidc: OidcConfiguration | null = null;
    try {
      oidc = await this.#discover();
    } catch (err) {
      logger.warn('auth: sign-in server unreachable during sign-out; the token was not revoked', { reason: errorText(err) });
    }
    if (oidc && refreshToken) {
      try {
        const revoked = await revokeRefreshToken(oidc, refreshToken);
        logger.info(revoked ? 'auth: refresh token revoked' : 'auth: the sign-in server offers no revocation');
      } catch (err) {
        logger.warn('auth: revoking the refresh token failed', { reason: errorText(err) });
      }
    }
    try {
      await this.#d.secrets.delete(this.#account);
    } catch (err) {
      logger.warn('auth: could not delete the stored sign-in', { reason: errorText(err) });
    }
    const endUrl = options.endSessionInBrowser && oidc ? endSessionUrl(oidc) : null;
    if (endUrl) await this.#d.opener.openExternal(endUrl).catch((err: unknown) => logger.warn('auth: could not open the browser', { reason: errorText(err) }));
    logger.info('auth: signed out');
  }

  dispose(): void {
    this.#disposed = true;
    this.cancelSignIn();
    this.#epoch++;
    this.#clearTimer('renew');
    this.#clearTimer('retry');
    this.#listeners.clear();
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────

  #discover(): Promise<OidcConfiguration> {
    if (!this.#discovery) {
      const { issuer, clientId } = this.#d.config;
      this.#discovery = discoverProvider(issuer, clientId, this.#d.fetch);
      // A failed discovery is retried next time rather than cached.
      this.#discovery.catch(() => {
        this.#discovery = null;
      });
    }
    return this.#discovery;
  }

  #signedInStatus(identity: Identity): SessionStatus {
    return { kind: 'signed-in', identity, storage: this.#d.secrets.kind };
  }

  #clearTimer(which: 'renew' | 'retry'): void {
    const handle = which === 'renew' ? this.#renewTimer : this.#retryTimer;
    if (handle !== null) this.#d.clock.clearTimeout(handle);
    if (which === 'renew') this.#renewTimer = null;
    else this.#retryTimer = null;
  }

  #setStatus(next: SessionStatus): void {
    this.#status = next;
    this.#listeners.emit(next);
  }
}
