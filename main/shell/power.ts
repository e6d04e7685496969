// Sleep, wake, screen lock and network changes reach the core as PowerEvents, so it pauses polling while
// nobody can look, resyncs (without a notification storm) afterwards, and retries at once when the
// network comes back or changes instead of waiting out a backoff of up to five minutes.
import { networkInterfaces } from 'node:os';
import { net, powerMonitor } from 'electron';
import type { Core, PowerEvent } from '../core/types';

/**
 * Electron's main process has no network-change event, and the renderer's online/offline events exist
 * only while a window does (a tray app mostly has none). So main samples, cheaply (no I/O, no requests):
 * net.isOnline() for online/offline, and the set of the machine's non-internal addresses for a change of
 * network while online (another Wi-Fi, a VPN coming up), which is when a connection fault often clears.
 */
export const NETWORK_SAMPLE_MS = 5_000;

/** The machine's external addresses, sorted: changes when the network does. */
export function networkFingerprint(): string {
  const addresses: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal) addresses.push(`${name}/${a.address}`);
  }
  return addresses.sort().join(',');
}

export function watchPower(core: Pick<Core, 'power'>, opts: { fingerprint?: () => string } = {}): () => void {
  const fingerprint = opts.fingerprint ?? networkFingerprint;
  const forward = (event: PowerEvent) => () => core.power(event);
  const onSuspend = forward('suspend');
  const onResume = forward('resume');
  const onLock = forward('lock-screen');
  const onUnlock = forward('unlock-screen');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('unlock-screen', onUnlock);

  let online = net.isOnline();
  let addresses = fingerprint();
  const timer = setInterval(() => {
    const now = net.isOnline();
    const nowAddresses = fingerprint();
    if (now !== online) {
      online = now;
      core.power(now ? 'online' : 'offline');
    } else if (now && nowAddresses !== addresses) {
      core.power('network-change');
    }
    addresses = nowAddresses;
  }, NETWORK_SAMPLE_MS);
  // The sampler alone must never keep the process alive at quit.
  timer.unref?.();

  return () => {
    clearInterval(timer);
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    powerMonitor.removeListener('lock-screen', onLock);
    powerMonitor.removeListener('unlock-screen', onUnlock);
  };
}
