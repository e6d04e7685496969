// A feed that could not start (no tenantId to find the API host by, the demo tenant's port taken): the
// core raises a banner with this id, and the tray and the window say "could not start" rather than
// "live" or "signed out" while the monitor stays in a state that has no data. Pure: the renderer too.
import type { MonitorStatus } from '../monitor/status';

/** The id of the banner that says why the mode's feed could not start. */
export const FEED_START_NOTICE = 'feed-start';

const NO_FEED: ReadonlySet<MonitorStatus['kind']> = new Set(['idle', 'signed-out', 'starting']);

/** The reason the feed could not start, while no feed runs (else null): the banner's words. */
export function feedStartFailure(notices: readonly { id: string; message: string }[], monitor: Pick<MonitorStatus, 'kind'>): string | null {
  if (!NO_FEED.has(monitor.kind)) return null;
  return notices.find((n) => n.id === FEED_START_NOTICE)?.message ?? null;
}
