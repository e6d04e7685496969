// The doctor's checks from inside the app (Settings → Diagnostics): against the running demo tenant,
// or against CXone with the session's token and the watch scope the user set, so the doctor can say
// when it is the app's own filter that hides an agent.
import type { CorePorts } from './types';
import { runDoctor } from '../diagnostics/doctor';
import type { DoctorReport } from '../diagnostics/finding';
import type { FeedService } from './feed-service';
import { DEMO_TOKEN, type ModeSwitch } from './mode-switch';
import type { SessionHolder } from './session-holder';

/**
 * Runs the doctor for `agentId` (the agent whose state should be listed; undefined: none named).
 * Rejects when the demo mode is set but its tenant is not running.
 */
export type DiagnosticsRunner = (agentId: string | undefined) => Promise<DoctorReport>;

export function createDiagnosticsRunner(deps: {
  ports: Pick<CorePorts, 'settings' | 'fetch' | 'clock'>;
  feeds: Pick<FeedService, 'live'>;
  modes: Pick<ModeSwitch, 'demo'>;
  session: Pick<SessionHolder, 'current'>;
}): DiagnosticsRunner {
  const { ports, feeds, modes, session } = deps;
  return async (agentId) => {
    const s = ports.settings.get();
    const common = { agentId, appFilter: feeds.live()?.scopeFilter(), fetch: ports.fetch, clock: ports.clock, context: 'app' as const };
    if (s.mode !== 'cxone') {
      const d = modes.demo();
      if (!d) throw new Error('The demo tenant is not running.');
      return runDoctor({ ...common, demo: true, getAccessToken: async () => DEMO_TOKEN, identity: { issuer: d.url, tenantId: d.tenantId, icAgentId: null }, apiEndpoint: d.url });
    }
    const auth = session.current();
    const identity = auth?.identity() ?? null;
    return runDoctor({
      ...common,
      getAccessToken: auth && identity ? () => auth.getAccessToken() : undefined,
      onUnauthorized: auth ? (refused) => auth.invalidateAccessToken(refused) : undefined,
      identity: identity ? { issuer: identity.issuer, tenantId: identity.tenantId, icAgentId: identity.icAgentId, userId: identity.userId } : undefined,
      apiEndpoint: s.tenant.apiEndpointOverride || undefined,
      apiVersion: s.tenant.apiVersion,
    });
  };
}
