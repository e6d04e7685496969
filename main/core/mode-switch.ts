// Which tenant the feeds run against, and the switches between them: the demo tenant (started on
// first need, stopped when left), the CXone tenant once signed in (API discovery, then the feed), and
// the session's own events (an expired session stops the feed, a session that comes back connects
// it). Every switch runs in one queue (inTransition), so demo ⇄ CXone, sign-in and sign-out never
// interleave.
import type { AuthService } from '../auth/auth-service';
import { errorText } from '../auth/errors';
import type { SessionStatus } from '../auth/status';
import type { CorePorts } from './types';
import { createCxoneClient } from '../cxone/client';
import type { DiscoveryCache } from '../cxone/discovery';
import { startDemoTenant, type DemoTenant } from '../demo/demo-tenant';
import { openTenantApi } from './tenant-api';
import type { FeedService } from './feed-service';
import { FEED_START_NOTICE } from './feed-start';
import type { NoticeBoard } from './notice-board';
import type { SessionHolder } from './session-holder';

/** The demo simulator accepts any bearer token; this one is not a secret. */
export const DEMO_TOKEN = 'demo-tenant-token';

export interface ModeSwitchDeps {
  ports: Pick<CorePorts, 'settings' | 'clock' | 'logger' | 'fetch'>;
  feeds: FeedService;
  session: SessionHolder;
  notices: NoticeBoard;
  discoveryCache: DiscoveryCache;
  /** Every client's answers' Date header (the notifications' server clock). */
  onServerDate: (date: string) => void;
  /** Something the UI shows changed. */
  changed: () => void;
}

export interface ModeSwitch {
  /** Runs `work` after every switch queued before it (whether that one failed or not). */
  inTransition<T>(work: () => Promise<T>): Promise<T>;
  /** Starts the feed of the mode the settings name; a failure becomes a banner, never a rejection. */
  applyMode(): Promise<void>;
  /** Connects the CXone feed for a signed-in session (discovery first); rejects with words for the user. */
  connectCxone(service: AuthService): Promise<void>;
  /** The session holder's status events for `service`. */
  onSessionStatus(service: AuthService, status: SessionStatus): void;
  /** The running demo tenant, if any. */
  demo(): DemoTenant | null;
  stopDemo(): Promise<void>;
  /** Resolves when every queued switch has run. */
  settled(): Promise<void>;
}

/** What the switches share, built once by createModeSwitch. */
interface ModeState {
  readonly deps: ModeSwitchDeps;
  /** The running demo tenant, if any. */
  demo: DemoTenant | null;
  /** The last queued switch. */
  transition: Promise<void>;
}

export function createModeSwitch(deps: ModeSwitchDeps): ModeSwitch {
  const m: ModeState = { deps, demo: null, transition: Promise.resolve() };
  return {
    inTransition: (work) => inTransition(m, work),
    applyMode: () => applyMode(m),
    connectCxone: (service) => connectCxone(m, service),
    onSessionStatus: (service, status) => onSessionStatus(m, service, status),
    demo: () => m.demo,
    stopDemo: () => stopDemo(m),
    settled: () => m.transition,
  };
}

const modeOf = (m: ModeState) => m.deps.ports.settings.get().mode;

function inTransition<T>(m: ModeState, work: () => Promise<T>): Promise<T> {
  // `transition` never rejects (a failure is swallowed below), so `work` runs after a failed switch too.
  const next = m.transition.then(work);
  m.transition = next.then(
    () => undefined,
    () => undefined,
  );
  return next;
}

async function stopDemo(m: ModeState): Promise<void> {
  const d = m.demo;
  m.demo = null;
  await d?.stop();
}

/** Starts the feed of the mode the settings name; a failure becomes a banner, never a rejection. */
function applyMode(m: ModeState): Promise<void> {
  const { notices, ports } = m.deps;
  return inTransition(m, async () => {
    try {
      // A new try: the last one's failure no longer says why (a demo that starts now would keep it up).
      notices.drop(FEED_START_NOTICE);
      if (modeOf(m) === 'cxone') await runCxone(m);
      else await runDemo(m);
    } catch (err) {
      ports.logger.error('core: could not start the feed', { error: errorText(err) });
      notices.add('error', errorText(err), FEED_START_NOTICE, undefined, true);
    }
    m.deps.changed();
  });
}

/** The demo feed: the session stops, the demo tenant starts (unless it runs already), the feed reads it. */
async function runDemo(m: ModeState): Promise<void> {
  const { feeds, session, ports } = m.deps;
  const { settings, clock, logger } = ports;
  feeds.stop();
  session.stop();
  if (!m.demo) {
    const s = settings.get();
    m.demo = await startDemoTenant({ agents: s.demo.agents, seed: s.demo.seed, clock });
    logger.info('demo: tenant started', { url: m.demo.url, agents: s.demo.agents });
  }
  const client = createCxoneClient({
    baseUrl: m.demo.apiBase,
    getAccessToken: async () => DEMO_TOKEN,
    onUnauthorized: () => {},
    fetch: ports.fetch,
    clock,
    logger,
    onServerDate: m.deps.onServerDate,
  });
  feeds.start('demo', client, null);
}

/** The CXone feed: the demo stops; a session signed in (or restored) connects it, else the sign-in will. */
async function runCxone(m: ModeState): Promise<void> {
  const { feeds, session, notices } = m.deps;
  await stopDemo(m);
  feeds.stop();
  let service: AuthService;
  try {
    service = await session.ensure();
  } catch (err) {
    notices.add('info', errorText(err), 'tenant-incomplete');
    m.deps.changed();
    return;
  }
  if (service.status().kind !== 'signed-in') await service.restore();
  // Not signed in yet: nothing stored (the user signs in), or a renewal retrying in the background —
  // the session's signed-in event connects the feed then.
  if (service.status().kind === 'signed-in') await connectCxone(m, service);
  m.deps.changed();
}

/** Connects the CXone feed for a signed-in session (discovery first); rejects with words for the user. */
async function connectCxone(m: ModeState, service: AuthService): Promise<void> {
  const { ports, feeds, notices } = m.deps;
  const { settings, clock, logger } = ports;
  const identity = service.identity();
  if (!identity) throw new Error('Signed in, but the sign-in server sent no identity.');
  if (!identity.tenantId && !settings.get().tenant.apiEndpointOverride) {
    throw new Error('The sign-in carried no tenantId, so the API host cannot be discovered. Set an API endpoint override in Settings.');
  }
  const { api, client } = await openTenantApi({
    identity,
    tenant: settings.get().tenant,
    session: service,
    fetch: ports.fetch,
    clock,
    logger,
    cache: m.deps.discoveryCache,
    onServerDate: m.deps.onServerDate,
  });
  logger.info('cxone: API resolved', { apiEndpoint: api.apiEndpoint, source: api.source });
  const me = identity.icAgentId && /^\d+$/.test(identity.icAgentId) ? Number(identity.icAgentId) : null;
  feeds.start('cxone', client, me);
  notices.drop('tenant-incomplete', FEED_START_NOTICE);
}

/** The session's events: an expired one stops the feed, a renewed one lets it retry or connects it. */
function onSessionStatus(m: ModeState, service: AuthService, status: SessionStatus): void {
  const { feeds, session, notices } = m.deps;
  if (status.kind === 'expired') feeds.stop();
  // A renewal (scheduled, or a new sign-in) brings a new token: a feed waiting on a refused one tries it.
  if (status.kind === 'signed-in') feeds.authRenewed();
  // The session came back (a restart while the sign-in server was down, a sign-in after the session
  // expired): connect the feed it could not connect before. A feed that runs on a refused token needs
  // no new one: authRenewed above lets it try the new token.
  if (status.kind === 'signed-in' && modeOf(m) === 'cxone' && feeds.needsSession()) {
    void inTransition(m, async () => {
      if (session.current() !== service || !feeds.needsSession()) return;
      await connectCxone(m, service).catch((err: unknown) => notices.add('error', errorText(err), FEED_START_NOTICE, undefined, true));
    });
  }
  m.deps.changed();
}
