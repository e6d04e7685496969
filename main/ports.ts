// The ports the headless core takes from its host. The Electron app passes adapters from main/shell;
// tests and the CLI pass plain-Node ones. Nothing in the core reaches for a global instead.

export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export interface Clock {
  /** Wall-clock milliseconds since the epoch: for showing times and stamping, never for durations. */
  now(): number;
  /**
   * Monotonic milliseconds (arbitrary origin): never jumps when the wall clock is set. Durations and
   * schedules use it. Optional so simple test clocks can omit it (monotonicNow() falls back to now()).
   */
  monotonic?(): number;
  /** Any delay is allowed: a long one is waited out in chunks (see setLongTimeout). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The clock's monotonic time, or its wall time for a clock that has none. */
export function monotonicNow(clock: Clock): number {
  return clock.monotonic ? clock.monotonic() : clock.now();
}

/**
 * Node (and browsers) fire a timer whose delay exceeds 2^31−1 ms (~24.8 days) after 1 ms: a server
 * asking to wait 34 days would otherwise become a request storm. Waits longer than this go in chunks.
 */
export const MAX_TIMER_CHUNK_MS = 2 ** 31 - 1;

interface ChunkedTimer {
  inner: ReturnType<typeof setTimeout>;
}

/** setTimeout for any delay (chunked above MAX_TIMER_CHUNK_MS), unref'd; cancel with clearLongTimeout. */
export function setLongTimeout(fn: () => void, ms: number, chunkMs = MAX_TIMER_CHUNK_MS): ChunkedTimer {
  const delay = Number.isFinite(ms) ? Math.max(0, ms) : chunkMs;
  const handle = {} as ChunkedTimer;
  const arm = (left: number) => {
    const step = Math.min(left, chunkMs);
    handle.inner = setTimeout(() => (left > step ? arm(left - step) : fn()), step);
    // A pending poll or renewal must never keep a CLI or test process alive on its own.
    handle.inner.unref?.();
  };
  arm(delay);
  return handle;
}

export function clearLongTimeout(handle: ChunkedTimer): void {
  clearTimeout(handle.inner);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => setLongTimeout(fn, ms) as unknown as TimerHandle,
  clearTimeout: (h) => clearLongTimeout(h as unknown as ChunkedTimer),
};

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Where secrets live. The app keeps exactly one secret there: the refresh token. */
export interface SecretStore {
  /** 'keychain' when the OS keychain answered, 'memory' when it did not (secrets vanish on quit). */
  readonly kind: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export interface NotificationRequest {
  title: string;
  body: string;
  /** The agent the notification is about; a click opens the tray window on that agent. */
  agentId?: number;
}

export interface Notifier {
  show(n: NotificationRequest): void;
}

/** Opens a URL in the user's browser (shell.openExternal in the app). */
export interface Opener {
  openExternal(url: string): Promise<void>;
}
