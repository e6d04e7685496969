// Power and network events reach core.power(), against the fake electron module (no Electron binary).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PowerEvent } from '../../main/core-types';
import { watchPower } from '../../main/shell/power';
import { fake, net, powerMonitor } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

beforeEach(() => fake.reset());
afterEach(() => vi.useRealTimers());

describe('watchPower', () => {
  it('forwards suspend, resume, lock and unlock, then stops forwarding when disposed', () => {
    const seen: PowerEvent[] = [];
    const stop = watchPower({ power: (e) => seen.push(e) });
    for (const e of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) powerMonitor.emit(e);
    expect(seen).toEqual(['suspend', 'resume', 'lock-screen', 'unlock-screen']);
    stop();
    powerMonitor.emit('suspend');
    expect(seen).toHaveLength(4);
    expect(powerMonitor.eventNames()).toEqual([]);
  });

  it('reports offline and online once per change of net.isOnline()', () => {
    vi.useFakeTimers();
    const seen: PowerEvent[] = [];
    const stop = watchPower({ power: (e) => seen.push(e) });
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual([]);
    net.online = false;
    vi.advanceTimersByTime(60_000);
    net.online = true;
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(['offline', 'online']);
    stop();
    net.online = false;
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(['offline', 'online']);
  });
});
