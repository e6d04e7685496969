// The listener fan-out every emitter in main uses (main/listeners.ts).
import { describe, expect, it } from 'vitest';
import { createListeners } from '../../main/listeners';
import type { Logger } from '../../main/ports';

describe('listener fan-out', () => {
  it('a failing listener is logged and reported, and the others still hear; unsubscribe works', () => {
    const errors: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m) };
    let failures = 0;
    const listeners = createListeners<number>(logger, 'test listener failed', () => failures++);
    const heard: number[] = [];
    listeners.add(() => {
      throw new Error('boom');
    });
    const off = listeners.add((v) => heard.push(v));
    listeners.emit(1);
    off();
    listeners.emit(2);
    expect(heard).toEqual([1]);
    expect(errors).toEqual(['test listener failed', 'test listener failed']);
    expect(failures).toBe(2);
    listeners.clear();
    listeners.emit(3);
    expect(errors).toHaveLength(2);
  });
});
