// One reader per kind of list page the client fetches (agent states, agents, teams, unavailable codes,
// skill activity, skill assignments): each reads an answer's body tolerantly into a PageOf (paging.ts),
// turns a body it cannot read at all into a 'malformed' CxoneError (Transport.parseBody), and says in
// the log how many items it had to leave out and why — once per page, in one format.
import { parseAgentsPage, parseTeamsBody, type AgentInfo, type TeamInfo } from './directory';
import type { AgentState } from './model';
import type { PageOf } from './paging';
import { ListTexts, parseAgentStatesJson, type StatesRead } from './schemas';
import type { Exchange, Transport } from './transport';
import { parseUnavailableCodesPage, type UnavailableCode } from './unavailable-codes';
import { parseSkillActivityJson, type SkillActivity } from '../queues/skill-activity';
import { parseSkillAssignmentsPage, type SkillAssignment } from '../queues/skill-assignments';

export interface PageReaders {
  /**
   * The reader of one list's pages of agent states, as a full list or a delta (agent-states.ts,
   * StatesRead); a full list's pages share one copy of each repeated text (ListTexts). One per list.
   */
  statesPages(read: StatesRead): (x: Exchange) => PageOf<AgentState>;
  agentsPage(x: Exchange): PageOf<AgentInfo>;
  /** GET teams is paged like every v34 list (totalRecords, _links.next, top/skip). */
  teamsPage(x: Exchange): PageOf<TeamInfo>;
  codesPage(x: Exchange): PageOf<UnavailableCode>;
  skillsPage(x: Exchange): PageOf<SkillActivity>;
  assignmentsPage(x: Exchange): PageOf<SkillAssignment>;
}

export function createPageReaders(http: Transport): PageReaders {
  const { json, parseBody, logger } = http;

  /** Items a page could not read are left out, and the log says how many and the first reason. */
  function leftOut(x: Exchange, count: number, firstReason: string | null): void {
    if (count > 0) logger.warn('cxone items left out', { endpoint: x.endpoint, count, firstReason });
  }

  return {
    statesPages(read) {
      const list = read === 'full-list' ? new ListTexts() : undefined;
      return (x) => {
        const p = parseBody(x, () => parseAgentStatesJson(x.text, read, list));
        leftOut(x, p.leftOut, p.leftOutReason);
        return { items: p.states, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: p.lastPollTime, leftOut: p.leftOut, leftOutReason: p.leftOutReason };
      };
    },
    agentsPage(x) {
      const body = json(x);
      const p = parseBody(x, () => parseAgentsPage(body));
      leftOut(x, p.leftOut ?? 0, p.leftOutReason ?? null);
      return p;
    },
    teamsPage(x) {
      const body = json(x);
      const p = parseBody(x, () => parseTeamsBody(body));
      leftOut(x, p.leftOut, p.leftOutReason);
      return p;
    },
    codesPage(x) {
      const body = json(x);
      const p = parseBody(x, () => parseUnavailableCodesPage(body));
      leftOut(x, p.skipped, p.firstSkipReason);
      // Counted as received, so a page without a next link is followed at the right skip.
      return { items: p.codes, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: null, leftOut: p.skipped, leftOutReason: p.firstSkipReason };
    },
    skillsPage(x) {
      const p = parseBody(x, () => parseSkillActivityJson(x.text));
      leftOut(x, p.leftOut, p.leftOutReason);
      return { items: p.skills, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: p.lastPollTime, leftOut: p.leftOut, leftOutReason: p.leftOutReason };
    },
    assignmentsPage(x) {
      const body = json(x);
      const p = parseBody(x, () => parseSkillAssignmentsPage(body));
      leftOut(x, p.leftOut, p.leftOutReason);
      return { items: p.assignments, totalRecords: p.totalRecords, nextLink: p.nextLink, lastPollTime: null, leftOut: p.leftOut, leftOutReason: p.leftOutReason };
    },
  };
}
