// Unavailable (break) codes: the BU list (GET …/unavailable-codes) and a team's list
// (GET …/teams/{teamId}/unavailable-codes) in every form CXone sends (CXONE-API.md §3, §6, and
// cxone-contract/v34-subset.json):
//   v34 BU list    {businessUnitId, totalRecords, _links, unavailableCodes:[{id, name, isACW, isActive, agentTimeout}]}
//   v34 team list  {teamId, teamName, unavailableCodes:[{outstateId, outstateName, isAcw, isActive, agentTimeoutMins: "15"}]}
//   old spec       {…, unavailableCodes:[{OutStateId, OutStateName, IsAcw, IsActive, AgentTimeoutMins}]}
// plus the app's older reading (outStateId/outStateDescription, resultSet.unavailableCodes).
// Numbers may come as numeric strings, flags as "True"/"False", absent values as null; one code that
// cannot be read (no id) is left out and counted, never the whole list.
import { z } from 'zod';
import { malformedError } from './errors';
import { envelopeValue, isObj, lenientInt, lenientBool, lenientStr, nextLinkOf, readEachItem } from './lenient';

export interface UnavailableCode {
  outStateId: number;
  outStateDescription: string;
  isActive: boolean;
  /** Whether this code is the after-contact-work code. */
  isAcw: boolean;
  /**
   * The code's own time limit in minutes (agentTimeout / agentTimeoutMins), or null when the tenant
   * sets none (absent, empty or 0). The default threshold of "on <code> longer than N minutes".
   */
  timeLimitMinutes: number | null;
}


const first = <T>(...vs: (T | null | undefined)[]): T | null => {
  for (const v of vs) if (v !== null && v !== undefined) return v;
  return null;
};

/** Every spelling of one code item; unknown keys are ignored. */
const rawCodeSchema = z.looseObject({
  id: lenientInt.optional(),
  outstateId: lenientInt.optional(),
  outStateId: lenientInt.optional(),
  OutStateId: lenientInt.optional(),
  unavailableCodeId: lenientInt.optional(),
  name: lenientStr.optional(),
  outstateName: lenientStr.optional(),
  OutStateName: lenientStr.optional(),
  outStateDescription: lenientStr.optional(),
  outstateDescription: lenientStr.optional(),
  unavailableCodeName: lenientStr.optional(),
  isActive: lenientBool.optional(),
  IsActive: lenientBool.optional(),
  isACW: lenientBool.optional(),
  isAcw: lenientBool.optional(),
  IsAcw: lenientBool.optional(),
  /** Minutes in both spellings: the contract gives no unit for agentTimeout, and the admin UI sets it in minutes. */
  agentTimeout: lenientInt.optional(),
  agentTimeoutMins: lenientInt.optional(),
  AgentTimeoutMins: lenientInt.optional(),
});
type RawCode = z.infer<typeof rawCodeSchema>;

export function normalizeUnavailableCode(c: RawCode): UnavailableCode | null {
  const id = first(c.id, c.outstateId, c.outStateId, c.OutStateId, c.unavailableCodeId);
  if (id === null) return null;
  const limit = first(c.agentTimeout, c.agentTimeoutMins, c.AgentTimeoutMins);
  return {
    outStateId: id,
    outStateDescription: first(c.name, c.outstateName, c.OutStateName, c.outStateDescription, c.outstateDescription, c.unavailableCodeName) ?? '',
    isActive: first(c.isActive, c.IsActive) ?? true,
    isAcw: first(c.isACW, c.isAcw, c.IsAcw) ?? false,
    timeLimitMinutes: limit !== null && limit > 0 ? limit : null,
  };
}

export interface UnavailableCodesPage {
  codes: UnavailableCode[];
  /** Items that could not be read (not an object, or no id), and the first reason. */
  skipped: number;
  firstSkipReason: string | null;
  totalRecords: number | null;
  nextLink: string | null;
}



/** One page of either endpoint's body. Throws 'malformed' only when no list can be found at all. */
export function parseUnavailableCodesPage(body: unknown): UnavailableCodesPage {
  if (!isObj(body)) throw malformedError('(body)', body, 'the body is not a JSON object');
  // The envelope in either spelling, as agent states and the directory read it (old versions: PascalCase).
  const list = envelopeValue(body, 'unavailableCodes');
  // The team endpoint may name the team and list nothing: an empty list, not an error.
  if (list === undefined) return { codes: [], skipped: 0, firstSkipReason: null, totalRecords: null, nextLink: null };
  const read = readEachItem(list, 'unavailableCodes', 'id', (item) => {
    const parsed = rawCodeSchema.safeParse(item);
    return parsed.success ? normalizeUnavailableCode(parsed.data) : null;
  });
  const total = lenientInt.parse(envelopeValue(body, 'totalRecords'));
  return { codes: read.items, skipped: read.leftOut, firstSkipReason: read.leftOutReason, totalRecords: total, nextLink: nextLinkOf(body) };
}

/** One list per code id (pages may overlap): the later answer wins. */
export function dedupeCodes(codes: readonly UnavailableCode[]): UnavailableCode[] {
  return [...new Map(codes.map((c) => [c.outStateId, c] as const)).values()];
}
