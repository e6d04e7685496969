// The names an agents/states item may lack, joined in from the directory (GET /agents, /teams) and the
// unavailable codes (GET /unavailable-codes): a `fields` projection or an older API version leaves out
// names, teams and code names, and the tray still shows them (CXONE-API.md §3). Part of the roster.
import type { AgentState } from '../cxone/model';
import type { RosterSnapshot } from './status';

/** The parts of GET /agents and /teams joined in (the client's AgentInfo/TeamInfo satisfy them). */
export interface DirectoryAgent {
  agentId: number;
  firstName: string;
  lastName: string;
  userName: string | null;
  teamId: number | null;
  teamName: string | null;
}
export interface DirectoryTeam {
  teamId: number;
  teamName: string;
}
export interface UnavailableCodeName {
  outStateId: number;
  outStateDescription: string;
  /** The code's own time limit in minutes, when CXone gives one (passed on in the snapshot). */
  timeLimitMinutes?: number | null;
}

export class DirectoryJoin {
  private readonly directory = new Map<number, DirectoryAgent>();
  private readonly codeNames = new Map<number, string>();
  /** Team names by team id, from the directory's teams (the snapshot lists them). */
  readonly teamNames = new Map<number, string>();
  /** The codes as the snapshot passes them on; undefined until setUnavailableCodes. */
  codeList: RosterSnapshot['unavailableCodes'];

  setDirectory(agents: readonly DirectoryAgent[], teams: readonly DirectoryTeam[]): void {
    this.directory.clear();
    for (const a of agents) this.directory.set(a.agentId, a);
    this.teamNames.clear();
    for (const t of teams) this.teamNames.set(t.teamId, t.teamName);
  }

  /** The directory's agents (GET /agents), in the order it listed them. */
  agents(): IterableIterator<DirectoryAgent> {
    return this.directory.values();
  }

  setUnavailableCodes(codes: readonly UnavailableCodeName[]): void {
    this.codeNames.clear();
    for (const c of codes) this.codeNames.set(c.outStateId, c.outStateDescription);
    this.codeList = codes.map((c) => ({ id: c.outStateId, name: c.outStateDescription, timeLimitMinutes: c.timeLimitMinutes ?? null }));
  }

  /**
   * `s` with what it lacks filled in: names, user name and team id from its directory entry, the team
   * name from the teams (else the directory entry's, if it is of the same team), the code's name.
   * Returns `s` itself when nothing was missing or nothing is known; never changes `s`.
   */
  enrich(s: AgentState): AgentState {
    // The common case — a full v34 item — lacks nothing: no lookups, no allocation.
    if ((s.firstName || s.lastName) && s.userName !== null && s.teamId !== null && s.teamName && (s.outStateDescription || !s.outStateId)) return s;
    let out = s;
    const set = <K extends keyof AgentState>(k: K, v: AgentState[K]) => {
      if (out === s) out = { ...s };
      out[k] = v;
    };
    const dir = this.directory.get(s.agentId);
    if (dir) {
      if (!s.firstName && !s.lastName) {
        set('firstName', dir.firstName);
        set('lastName', dir.lastName);
      }
      if (s.userName === null && dir.userName !== null) set('userName', dir.userName);
      if (s.teamId === null && dir.teamId !== null) set('teamId', dir.teamId);
    }
    const teamId = out.teamId;
    if (!s.teamName && teamId !== null) {
      const name = this.teamNames.get(teamId) ?? (dir?.teamId === teamId ? dir.teamName : null);
      if (name) set('teamName', name);
    }
    if (!s.outStateDescription && s.outStateId !== null && s.outStateId !== 0) {
      const name = this.codeNames.get(s.outStateId);
      if (name) set('outStateDescription', name);
    }
    return out;
  }
}
