// The ports the headless core takes from its host. The Electron app passes adapters from main/shell;
// tests and the CLI pass plain-Node ones. Nothing in the core reaches for a global instead.

export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending poll or renewal must never keep a CLI or test process alive on its own.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
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
