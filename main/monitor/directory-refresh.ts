// The names the roster joins into the agents' states — the directory (GET /agents, /teams) and the
// unavailable codes — loaded when a feed starts and again every DIRECTORY_REFRESH_MS, as they change
// rarely. A failed load is logged and tried again sooner (DIRECTORY_RETRY_MS): agents/states carries
// names too, but the codes' own time limits (the rows' warnings, the code alerts) come only from here.
import { errorText } from '../auth/errors';
import type { CxoneClient, UnavailableCode } from '../cxone/client';
import type { Clock, Logger } from '../ports';
import type { Roster } from './roster';

/** Names of agents, teams and unavailable codes change rarely: reload them this often. */
export const DIRECTORY_REFRESH_MS = 30 * 60_000;
/** After a failed load, the waits before the next tries (ms); then DIRECTORY_REFRESH_MS again. */
export const DIRECTORY_RETRY_MS = [30_000, 60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000] as const;

export interface DirectoryRefresh {
  /** Loads now, then every DIRECTORY_REFRESH_MS (sooner after a failure) until stop(). Once: a second call does nothing. */
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
  /** start() was called: one chain of loads per refresh, however often it is called. */
  let started = false;
  let codeIds = new Map<string, number>();
  /** Failed loads in a row. */
  let failures = 0;

  const load = async () => {
    if (stopped) return;
    try {
      const [agents, teams, codes] = await Promise.all([client.getAgents(), client.getTeams(), client.getUnavailableCodes()]);
      if (stopped) return;
      roster.setDirectory(agents.agents, teams);
      roster.setUnavailableCodes(codes);
      codeIds = new Map(codes.map((c) => [c.outStateDescription.toLowerCase(), c.outStateId] as const));
      failures = 0;
      deps.onCodes(codes);
    } catch (err) {
      failures += 1;
      logger.warn('feed: could not load the agent directory', { error: errorText(err), failures });
    } finally {
      const wait = failures === 0 ? DIRECTORY_REFRESH_MS : (DIRECTORY_RETRY_MS[failures - 1] ?? DIRECTORY_REFRESH_MS);
      if (!stopped) timer = clock.setTimeout(() => void load(), wait);
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      void load();
    },
    stop() {
      stopped = true;
      if (timer) clock.clearTimeout(timer);
    },
    codeIdByName: (name) => codeIds.get(name.toLowerCase()) ?? null,
  };
}
