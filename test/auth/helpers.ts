// Small real stand-ins for the ports the auth tests drive: a clock the test moves by hand, a notifier
// and opener that record, a file logger (to prove no token reaches a log), and a SecretStore wrapper
// that can be told to fail. No mocks of the components under test.
import { appendFileSync } from 'node:fs';
import type { Clock, Logger, NotificationRequest, Notifier, Opener, SecretStore, TimerHandle } from '../../main/ports';

/** Time moves only when the test says so; due timers run in order. */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();
  constructor(start = Date.now()) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn });
    return id as unknown as TimerHandle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as unknown as number);
  }
  pending(): number {
    return this.#timers.size;
  }
  /** Moves time forward WITHOUT running timers, like a machine waking from sleep before they fire. */
  jump(ms: number): void {
    this.#now += ms;
  }
  /** Moves time forward and runs every timer that falls due, earliest first. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].at);
      due[1].fn();
    }
    this.#now = until;
  }
}

export class RecordingNotifier implements Notifier {
  readonly shown: NotificationRequest[] = [];
  show(n: NotificationRequest): void {
    this.shown.push(n);
  }
}

export class FileLogger implements Logger {
  constructor(readonly path: string) {}
  #write(level: string, message: string, data?: Record<string, unknown>) {
    appendFileSync(this.path, JSON.stringify({ level, message, ...data }) + '\n');
  }
  debug(m: string, d?: Record<string, unknown>) {
    this.#write('debug', m, d);
  }
  info(m: string, d?: Record<string, unknown>) {
    this.#write('info', m, d);
  }
  warn(m: string, d?: Record<string, unknown>) {
    this.#write('warn', m, d);
  }
  error(m: string, d?: Record<string, unknown>) {
    this.#write('error', m, d);
  }
}

/**
 * Wraps a real store; `failSets` / `failDeletes` make the next set() / delete() calls throw, like a
 * keychain dying mid-write.
 */
export class FlakySecretStore implements SecretStore {
  failSets = 0;
  failDeletes = 0;
  readonly sets: string[] = [];
  constructor(readonly inner: SecretStore) {}
  get kind() {
    return this.inner.kind;
  }
  get(account: string) {
    return this.inner.get(account);
  }
  async set(account: string, secret: string) {
    if (this.failSets > 0) {
      this.failSets--;
      throw new Error('the keychain went away');
    }
    await this.inner.set(account, secret);
    this.sets.push(secret);
  }
  async delete(account: string) {
    if (this.failDeletes > 0) {
      this.failDeletes--;
      throw new Error('the keychain went away');
    }
    return this.inner.delete(account);
  }
}

/** An Opener that plays the browser through a callback and records every URL it was given. */
export class ScriptedOpener implements Opener {
  readonly opened: string[] = [];
  constructor(private readonly browse: (url: string) => Promise<unknown>) {}
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
    // Like shell.openExternal: returns once the browser was asked, not when the user finished.
    void this.browse(url).catch(() => {});
  }
}
