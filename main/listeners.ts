// A listener set whose fan-out survives a failing listener: one that throws is logged (and `onFailure`
// told), and the others still hear the value. Every fan-out in main goes through it, so a failing
// window, tray or notification listener cannot silence the ones after it, nor fail the code that
// emitted (a settings save that was written, a poll that was read). The roster is the one exception:
// its listener's throw reaches the poller on purpose, which then reads a full list (poller.ts).
import type { Logger } from './ports';

export interface Listeners<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
  /** Forgets every listener (the emitter is disposed). */
  clear(): void;
}

export function createListeners<T>(logger: Logger, failureMessage: string, onFailure?: () => void): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value) {
      for (const l of set) {
        try {
          l(value);
        } catch (err) {
          logger.error(failureMessage, { error: String(err) });
          onFailure?.();
        }
      }
    },
    clear: () => set.clear(),
  };
}
