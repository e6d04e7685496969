// Which tenant the feeds run against, and the switches between them: the demo tenant (started on
// first need, stopped when left), the CXone tenant once signed in (API discovery, then the feed), and
// the session's own events (an expired session stops the feed, a session that comes back connects
// it). Every switch runs in one queue (inTransition), so demo ⇄ CXone, sign-in and sign-out never
// interleave.
import type { AuthService } from '../auth/auth-service';
import { errorText } from '../auth/errors';
import type { SessionStatus } from '../auth/status';
import type { CorePorts } from '../core-types';
import { createCxoneClient } from '../cxone/client';
import type { DiscoveryCache } from '../cxone/discovery';
import { startDemoTenant, type DemoTenant } from '../demo/demo-tenant';
import { openTenantApi } from '../tenant-api';
import type { FeedService } from './feed-service';
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

export function createModeSwitch(deps: ModeSwitchDeps): ModeSwitch {
  const { ports, feeds, session, notices } = deps;
  const { settings, clock, logger } = ports;
  const mode = () => settings.get().mode;
  let demo: DemoTenant | null = null;
  let transition: Promise<void> = Promise.resolve();

  const inTransition = <T>(work: () => Promise<T>): Promise<T> => {
    // `transition` never rejects (a failure is swallowed below), so `work` runs after a failed switch too.
    const next = transition.then(work);
    transition = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  const stopDemo = async () => {
    const d = demo;
    demo = null;
    await d?.stop();
  };

  const runDemo = async () => {
    feeds.stop();
    session.stop();
    if (!demo) {
      const s = settings.get();
      demo = await startDemoTenant({ agents: s.demo.agents, seed: s.demo.seed, clock });
      logger.info('demo: tenant started', { url: demo.url, agents: s.demo.agents });
    }
    const client = createCxoneClient({
      baseUrl: demo.apiBase,
      getAccessToken: async () => DEMO_TOKEN,
      onUnauthorized: () => {},
      fetch: ports.fetch,
      clock,
      logger,
      onServerDate: deps.onServerDate,
    });
    feeds.start('demo', client, null);
  };

  const connectCxone = async (service: AuthService) => {
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
      cache: deps.discoveryCache,
      onServerDate: deps.onServerDate,
    });
    logger.info('cxone: API resolved', { apiEndpoint: api.apiEndpoint, source: api.source });
    const me = identity.icAgentId && /^\d+$/.test(identity.icAgentId) ? Number(identity.icAgentId) : null;
    feeds.start('cxone', client, me);
    notices.drop('tenant-incomplete', 'feed-start');
  };

  const runCxone = async () => {
    await stopDemo();
    feeds.stop();
    let service: AuthService;
    try {
      service = await session.ensure();
    } catch (err) {
      notices.add('info', errorText(err), 'tenant-incomplete');
      deps.changed();
      return;
    }
    if (service.status().kind !== 'signed-in') await service.restore();
    // Not signed in yet: nothing stored (the user signs in), or a renewal retrying in the background —
    // the session's signed-in event connects the feed then.
    if (service.status().kind === 'signed-in') await connectCxone(service);
    deps.changed();
  };

  const applyMode = () =>
    inTransition(async () => {
      try {
        if (mode() === 'cxone') await runCxone();
        else await runDemo();
      } catch (err) {
        logger.error('core: could not start the feed', { error: errorText(err) });
        notices.add('error', errorText(err), 'feed-start');
      }
      deps.changed();
    });

  const onSessionStatus = (service: AuthService, status: SessionStatus) => {
    if (status.kind === 'expired') feeds.stop();
    // A renewal (scheduled, or a new sign-in) brings a new token: a feed waiting on a refused one tries it.
    if (status.kind === 'signed-in') feeds.authRenewed();
    // The session came back (a restart while the sign-in server was down, or a renewal after the
    // poller stopped on a refused token): connect the feed it could not connect before.
    if (status.kind === 'signed-in' && mode() === 'cxone' && feeds.needsSession()) {
      void inTransition(async () => {
        if (session.current() !== service || !feeds.needsSession()) return;
        await connectCxone(service).catch((err: unknown) => notices.add('error', errorText(err), 'feed-start'));
      });
    }
    deps.changed();
  };

  return { inTransition, applyMode, connectCxone, onSessionStatus, demo: () => demo, stopDemo, settled: () => transition };
}
