// Who the agents and teams are: GET /agents (and /agents/{id}) and GET /teams, read as tolerantly as
// agents/states (CXONE-API.md §6): numbers and flags as strings, nulls, PascalCase keys of old versions,
// and one item that cannot be read (no readable id, not an object) left out and counted — never the
// whole list, which would leave the tray without names and the doctor without its agent.
//
// Field names are the contract's (cxone-contract/v34-subset.json): an agent's user UUID is `userID`
// (also read as `userId`); its business unit is the envelope's `businessUnitId` (an item's own, where an
// older answer has one, wins).
import { z } from 'zod';
import { malformedError } from './errors';
import { camelItem, isObj, lenientBool, lenientInt, lenientStr, nextLinkOf, readEachItem, envelopeValue, type ReadEach } from './lenient';

/** One agent from GET /agents or /agents/{id}: who they are (not their state). */
export interface AgentInfo {
  agentId: number;
  /** The user UUID (the id_token's userId / sub without "user:"); the contract's `userID`. */
  userId: string | null;
  firstName: string;
  lastName: string;
  userName: string | null;
  emailAddress: string | null;
  teamId: number | null;
  teamName: string | null;
  businessUnitId: number | null;
  isActive: boolean;
}

export interface TeamInfo {
  teamId: number;
  teamName: string;
  isActive: boolean;
}

/** One page of a directory list: what could be read, and how many items could not (and why the first). */
export interface DirectoryPage<T> extends ReadEach<T> {
  totalRecords: number | null;
  nextLink: string | null;
  lastPollTime: string | null;
}

/** The fields the app reads of an agent item; unknown keys are ignored, unreadable values are null. */
const rawAgentSchema = z.looseObject({
  agentId: lenientInt.optional(),
  userID: lenientStr.optional(),
  userId: lenientStr.optional(),
  firstName: lenientStr.optional(),
  lastName: lenientStr.optional(),
  userName: lenientStr.optional(),
  emailAddress: lenientStr.optional(),
  teamId: lenientInt.optional(),
  teamName: lenientStr.optional(),
  businessUnitId: lenientInt.optional(),
  isActive: lenientBool.optional(),
});

const rawTeamSchema = z.looseObject({
  teamId: lenientInt.optional(),
  teamName: lenientStr.optional(),
  isActive: lenientBool.optional(),
});

function readAgent(raw: Record<string, unknown>, envelopeBusinessUnitId: number | null): AgentInfo | null {
  const a = rawAgentSchema.parse(camelItem(raw, 'agentId', 'AgentId'));
  if (a.agentId === null || a.agentId === undefined) return null;
  return {
    agentId: a.agentId,
    userId: a.userID || a.userId || null,
    firstName: a.firstName ?? '',
    lastName: a.lastName ?? '',
    userName: a.userName || null,
    emailAddress: a.emailAddress || null,
    teamId: a.teamId ?? null,
    teamName: a.teamName || null,
    businessUnitId: a.businessUnitId ?? envelopeBusinessUnitId,
    isActive: a.isActive ?? true,
  };
}

function readTeam(raw: Record<string, unknown>): TeamInfo | null {
  const t = rawTeamSchema.parse(camelItem(raw, 'teamId', 'TeamId'));
  if (t.teamId === null || t.teamId === undefined) return null;
  return { teamId: t.teamId, teamName: t.teamName || `Team ${t.teamId}`, isActive: t.isActive ?? true };
}

/**
 * One page of GET /agents — `{agents, totalRecords, lastPollTime, _links, businessUnitId}`, the older
 * `{resultSet: {agents, …}}`, or one agent as `{agent}` or `{agents: [one]}` (GET /agents/{id}).
 * Throws a 'malformed' CxoneError only when no list is there at all.
 */
/** A directory page's count, next link and poll time, at the top level or in the older resultSet wrapper. */
function pageMeta(body: Record<string, unknown>): Omit<DirectoryPage<never>, keyof ReadEach<never>> {
  return {
    totalRecords: lenientInt.parse(envelopeValue(body, 'totalRecords')),
    nextLink: nextLinkOf(body),
    lastPollTime: lenientStr.parse(envelopeValue(body, 'lastPollTime')) || null,
  };
}

export function parseAgentsPage(body: unknown): DirectoryPage<AgentInfo> {
  if (!isObj(body)) throw malformedError('(body)', body, 'the body is not a JSON object');
  const unit = lenientInt.parse(envelopeValue(body, 'businessUnitId'));
  const meta = pageMeta(body);
  const single = envelopeValue(body, 'agent');
  if (single !== undefined) return { ...readEachItem([single], 'agent', 'agentId', (a) => readAgent(a, unit)), ...meta, totalRecords: 1 };
  const list = envelopeValue(body, 'agents');
  if (list === undefined) throw malformedError('agents', body, 'the body has no agents list');
  return { ...readEachItem(list, 'agents', 'agentId', (a) => readAgent(a, unit)), ...meta };
}

/** GET /teams — `{teams, …}` or the older `{resultSet: {teams}}`. Throws 'malformed' only when no list is there. */
export function parseTeamsBody(body: unknown): DirectoryPage<TeamInfo> {
  if (!isObj(body)) throw malformedError('(body)', body, 'the body is not a JSON object');
  const list = envelopeValue(body, 'teams');
  if (list === undefined) throw malformedError('teams', body, 'the body has no teams list');
  return {
    ...readEachItem(list, 'teams', 'teamId', readTeam),
    ...pageMeta(body),
  };
}
