// The AgentState event of one's own agent session (CXONE-API.md §3a), read into the roster's
// AgentState so one's own state shows the moment it changes, not at the next poll. Every value of the
// event is a string: CurrentState (a state name of §3), CurrentOutReason (the unavailable code's
// description, not its id), StartTimeUTC (UTC, often without a zone), IsAcw/IsACW ("True"/"False").
import { z } from 'zod';
import { AGENT_STATE_NAMES, categorize, type AgentState } from '../cxone/model';
import { lenientBool, lenientStr } from '../cxone/lenient';
import { normalizeServerTime } from '../cxone/server-time';

export interface OwnStateEvent {
  stateName: string;
  /** The unavailable code's description; null when none. */
  outReason: string | null;
  isAcw: boolean;
  /** ISO 8601 with a zone; null when the event had no readable time. */
  startTime: string | null;
}


const agentStateEventSchema = z.looseObject({
  CurrentState: lenientStr.optional(),
  CurrentOutReason: lenientStr.optional(),
  StartTimeUTC: lenientStr.optional(),
  IsAcw: lenientBool.optional(),
  IsACW: lenientBool.optional(),
});

/** The event's own fields, or null when it names no state (then a poll has to tell). */
export function readAgentStateEvent(raw: Record<string, unknown>): OwnStateEvent | null {
  const r = agentStateEventSchema.safeParse(raw);
  if (!r.success) return null;
  const e = r.data;
  const stateName = e.CurrentState?.trim();
  if (!stateName) return null;
  return {
    stateName,
    outReason: e.CurrentOutReason?.trim() || null,
    isAcw: e.IsAcw ?? e.IsACW ?? false,
    startTime: normalizeServerTime(e.StartTimeUTC),
  };
}

const STATE_IDS: ReadonlyMap<string, number> = new Map(Object.entries(AGENT_STATE_NAMES).map(([id, name]) => [name.toLowerCase(), Number(id)]));

/**
 * The agent's state after the event, built on what the roster holds (names, team, contact details).
 * `codeIdByName` maps a code's description to its id (the tenant's code list); a description it does
 * not know keeps the current id only when the description is the current one.
 */
export function applyOwnStateEvent(base: AgentState, e: OwnStateEvent, codeIdByName: (name: string) => number | null): AgentState {
  const stateId = STATE_IDS.get(e.stateName.toLowerCase()) ?? -1;
  const category = categorize(stateId, e.stateName, e.isAcw);
  const onContact = category === 'on-contact';
  const outStateId = e.outReason === null ? null : (codeIdByName(e.outReason) ?? (e.outReason === base.outStateDescription ? base.outStateId : null));
  const startDate = e.startTime ?? base.startDate;
  return {
    ...base,
    stateId,
    stateName: e.stateName,
    category,
    outStateId,
    outStateDescription: e.outReason,
    isACW: e.isAcw,
    // The event says nothing of the contact: keep what the last poll said only while still on one.
    contactId: onContact ? base.contactId : null,
    skillName: onContact ? base.skillName : null,
    mediaTypeName: onContact ? base.mediaTypeName : null,
    startDate,
    lastUpdateTime: startDate,
  };
}
