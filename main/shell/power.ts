// Sleep, wake, screen lock and network changes reach the core as PowerEvents, so it pauses polling while
// nobody can look and resyncs (without a notification storm) afterwards.
import { net, powerMonitor } from 'electron';
import type { Core, PowerEvent } from '../core-types';

/** Electron's main process has no online/offline event; net.isOnline() is sampled at this interval. */
const ONLINE_SAMPLE_MS = 15_000;

export function watchPower(core: Pick<Core, 'power'>): () => void {
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
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now !== online) {
      online = now;
      core.power(now ? 'online' : 'offline');
    }
  }, ONLINE_SAMPLE_MS);
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
