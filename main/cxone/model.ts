// The app's one internal shape of an agent's state. Every CXone response variant (v34, older
// versions, resultSet.agentState) is normalized into this by main/cxone before anything else sees it.
// Shared with the renderer through the IPC contract, so it must stay plain data and import only zod.
import { z } from 'zod';

/** CXone agent state ids (CXONE-API.md §3). Breaks, lunch and ACW are unavailable codes, not states. */
export const AGENT_STATE_NAMES = {
  0: 'LoggedOut',
  1: 'Available',
  2: 'Unavailable',
  3: 'InboundContact',
  4: 'OutboundContact',
  5: 'InboundConsult',
  6: 'OutboundConsult',
  7: 'Dialer',
  8: 'LoggedIn',
} as const satisfies Record<number, string>;

/** What a person groups agents by: the summary chips, tray counts, notification rules. */
export const stateCategorySchema = z.enum(['available', 'on-contact', 'unavailable', 'acw', 'logged-out', 'other']);
export type StateCategory = z.infer<typeof stateCategorySchema>;

export const agentStateSchema = z.object({
  agentId: z.number().int(),
  stateId: z.number().int(),
  /** The API's state name, e.g. "Available", "InboundContact". */
  stateName: z.string(),
  category: stateCategorySchema,
  /** Unavailable (break) code, when the agent is Unavailable. */
  outStateId: z.number().int().nullable(),
  outStateDescription: z.string().nullable(),
  isACW: z.boolean(),
  contactId: z.number().int().nullable(),
  skillName: z.string().nullable(),
  mediaTypeName: z.string().nullable(),
  /** When the current state began (server clock, ISO 8601). */
  startDate: z.string().nullable(),
  lastUpdateTime: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  userName: z.string().nullable(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  businessUnitId: z.number().int().nullable(),
  isActive: z.boolean(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

/** Category of a normalized state: ACW wins over the raw state, LoggedIn without a contact counts as other. */
const CATEGORY_BY_ID: readonly StateCategory[] = ['logged-out', 'available', 'unavailable', 'on-contact', 'on-contact', 'on-contact', 'on-contact', 'on-contact', 'other'];

export function categorize(stateId: number, stateName: string, isACW: boolean): StateCategory {
  if (isACW) return 'acw';
  // The usual case, a state id with its own name: the id decides (no lower-casing on the hot path).
  if (stateName === (AGENT_STATE_NAMES as Record<number, string>)[stateId]) return CATEGORY_BY_ID[stateId]!;
  const name = stateName.toLowerCase();
  if (stateId === 0 || name === 'loggedout') return 'logged-out';
  if (stateId === 1 || name === 'available') return 'available';
  if (stateId === 2 || name === 'unavailable') return 'unavailable';
  if ((stateId >= 3 && stateId <= 7) || /contact|consult|dialer/.test(name)) return 'on-contact';
  return 'other';
}

/** The words a person reads for a category (never colour alone: the renderer adds a glyph too). */
export const CATEGORY_LABELS: Record<StateCategory, string> = {
  available: 'Available',
  'on-contact': 'On contact',
  unavailable: 'Unavailable',
  acw: 'After-contact work',
  'logged-out': 'Logged out',
  other: 'Other',
};

export function displayName(a: Pick<AgentState, 'firstName' | 'lastName' | 'userName' | 'agentId'>): string {
  const full = `${a.firstName} ${a.lastName}`.trim();
  return full || a.userName || `Agent ${a.agentId}`;
}
