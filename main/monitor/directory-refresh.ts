// The names the roster joins into the agents' states — the directory (GET /agents, /teams) and the
// unavailable codes — loaded when a feed starts and again every DIRECTORY_REFRESH_MS, as they change
// rarely. A failed load is logged and tried again at the next refresh: agents/states carries names too.
import { errorText } from '../auth/errors';
import type { CxoneClient, UnavailableCode } from '../cxone/client';
import type { Clock, Logger } from '../ports';
import type { Roster } from './roster';

/** Names of agents, teams and unavailable codes change rarely: reload them this often. */
export const DIRECTORY_REFRESH_MS = 30 * 60_000;

export interface DirectoryRefresh {
  /** Loads now, then every DIRECTORY_REFRESH_MS until stop(). */
  start(): void;
  stop(): void;
  /** An unavailable code's id by its description (any case), as the session's AgentState event names the code; null when unknown. */
  codeIdByName(name: string): number | null;
}

export function createDirectoryRefresh(deps: {
  client: Pick<CxoneClient, 'getAgents' | 'getTeams' | 'getUnavailableCodes'>;
  roster: Pick<Roster, 'setDirectory' | 'setUnavailableCodes'>;
  clock: Clock;
  logger: Logger;
  /** Each time the codes are (re)loaded: their names and their own time limits. */
  onCodes: (codes: readonly UnavailableCode[]) => void;
}): DirectoryRefresh {
  const { client, roster, clock, logger } = deps;
  let timer: ReturnType<Clock['setTimeout']> | null = null;
  let stopped = false;
  let codeIds = new Map<string, number>();

  const load = async () => {
    if (stopped) return;
    try {
      const [agents, teams, codes] = await Promise.all([client.getAgents(), client.getTeams(), client.getUnavailableCodes()]);
      if (stopped) return;
      roster.setDirectory(agents.agents, teams);
      roster.setUnavailableCodes(codes);
      codeIds = new Map(codes.map((c) => [c.outStateDescription.toLowerCase(), c.outStateId] as const));
      deps.onCodes(codes);
    } catch (err) {
      logger.warn('feed: could not load the agent directory', { error: errorText(err) });
    } finally {
      if (!stopped) timer = clock.setTimeout(() => void load(), DIRECTORY_REFRESH_MS);
    }
  };

  return {
    start: () => void load(),
    stop() {
      stopped = true;
      if (timer) clock.clearTimeout(timer);
    },
    codeIdByName: (name) => codeIds.get(name.toLowerCase()) ?? null,
  };
}
