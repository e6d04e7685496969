// Power and network events reach core.power(), against the fake electron module (no Electron binary).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PowerEvent } from '../../main/core/types';
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

  it('reports a change of network while online (new addresses), not while offline', () => {
    vi.useFakeTimers();
    const seen: PowerEvent[] = [];
    let addresses = 'wlan0/10.0.0.5';
    const stop = watchPower({ power: (e) => seen.push(e) }, { fingerprint: () => addresses });
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual([]);
    addresses = 'wlan0/192.168.1.7';
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(['network-change']);
    net.online = false;
    addresses = '';
    vi.advanceTimersByTime(60_000);
    // Still offline, the addresses move (an adapter comes and goes): no network is there to change.
    addresses = 'wlan0/169.254.3.9';
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(['network-change', 'offline']);
    net.online = true;
    addresses = 'eth0/10.1.1.2';
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(['network-change', 'offline', 'online']);
    stop();
  });

  it('samples on a timer that never keeps the process alive at quit', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const stop = watchPower({ power: () => {} }, { fingerprint: () => '' });
    const timer = setInterval.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
    setInterval.mockRestore();
  });

  it('fingerprints the real network interfaces, leaving out loopback', async () => {
    const { networkFingerprint } = await import('../../main/shell/power');
    expect(networkFingerprint()).not.toContain('127.0.0.1');
    expect(networkFingerprint()).toBe(networkFingerprint());
  });
});
