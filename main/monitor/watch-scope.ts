// The watch scope, applied on the client because /agents/states has no team or agent filters.
// Pure: a filter built from settings, plus helpers that narrow a roster snapshot or delta to it.
// Diagnostics asks `hiddenReason` to explain HIDDEN_BY_APP_FILTER.
import type { AgentState } from '../cxone/model';
import type { WatchSettings } from '../settings/schema';
import type { RosterDelta, RosterSnapshot } from './status';

type Scoped = Pick<AgentState, 'agentId' | 'teamId'>;

export interface WatchFilter {
  readonly scope: WatchSettings['scope'];
  includes(agent: Scoped): boolean;
  /** Null when the agent is in scope; otherwise a sentence saying which setting hides it. */
  hiddenReason(agent: Scoped): string | null;
}

/**
 * @param meAgentId the signed-in user's numeric icAgentId; null when unknown (then "me" shows nobody
 * and says why, rather than silently showing everyone).
 */
export function createWatchFilter(settings: Pick<WatchSettings, 'scope' | 'teamIds' | 'agentIds'>, meAgentId: number | null): WatchFilter {
  const teams = new Set(settings.teamIds);
  const ids = new Set(settings.agentIds);
  // Asked for every agent of a list and every change: a yes or no, with no sentence built for it.
  const includes = (a: Scoped): boolean => {
    switch (settings.scope) {
      case 'all':
        return true;
      case 'teams':
        return a.teamId !== null && teams.has(a.teamId);
      case 'agents':
        return ids.has(a.agentId);
      case 'me':
        return meAgentId !== null && a.agentId === meAgentId;
    }
  };
  const hiddenReason = (a: Scoped): string | null => {
    if (includes(a)) return null;
    switch (settings.scope) {
      case 'all':
        return null;
      case 'teams':
        return teams.size === 0
          ? 'The watch scope is "chosen teams", but no team is chosen.'
          : `The watch scope shows only the chosen teams, and this agent's team (${a.teamId ?? 'none'}) is not one of them.`;
      case 'agents':
        return 'The watch scope shows only the chosen agents, and this agent is not one of them.';
      case 'me':
        return meAgentId === null
          ? 'The watch scope is "me", but the signed-in user has no agent id (icAgentId).'
          : `The watch scope is "me" (agent ${meAgentId}); this is another agent.`;
    }
  };
  return { scope: settings.scope, includes, hiddenReason };
}

export function filterSnapshot(snapshot: RosterSnapshot, filter: WatchFilter): RosterSnapshot {
  if (filter.scope === 'all') return snapshot;
  return { ...snapshot, agents: snapshot.agents.filter((a) => filter.includes(a)) };
}

/**
 * Narrows a delta to the scope. An upserted agent outside the scope is sent as removed: it may have
 * just left the scope (a team change), and removing an id the renderer never had is a no-op.
 */
export function filterDelta(delta: RosterDelta, filter: WatchFilter): RosterDelta {
  if (filter.scope === 'all') return delta;
  const upserts: AgentState[] = [];
  const removed = [...delta.removed];
  for (const a of delta.upserts) {
    if (filter.includes(a)) upserts.push(a);
    else removed.push(a.agentId);
  }
  return { ...delta, upserts, removed };
}
