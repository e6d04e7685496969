// An agent with its sort keys, made once per agent object by the store (the one place that sees every
// agent arrive) and shared with the list's sections, so a snapshot computes each name key once.
import type { AgentState, StateCategory } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import { parseServerTime } from '../../../main/cxone/server-time';

/** The lower-cased display name: what sorting by name, search and "same name" compare. */
export function nameKey(a: AgentState): string {
  return displayName(a).toLowerCase();
}

/** Reading order of categories when sorting by state. */
export const CATEGORY_RANK: Record<StateCategory, number> = {
  available: 0,
  'on-contact': 1,
  acw: 2,
  unavailable: 3,
  other: 4,
  'logged-out': 5,
};

export class Entry {
  /** Lower-cased display name: plain comparison, as a collator is several times slower. */
  readonly name: string;
  private sinceMs: number | null = null;

  /** `name`: the agent's name key when the caller knows it already (the same person as before). */
  constructor(
    readonly agent: AgentState,
    name?: string,
  ) {
    this.name = name ?? nameKey(agent);
  }

  get rank(): number {
    return CATEGORY_RANK[this.agent.category];
  }

  /** Start of the current state in ms (unknown: +Infinity); parsed on first use, as only sorting by time needs it. */
  get since(): number {
    return (this.sinceMs ??= parseServerTime(this.agent.startDate) ?? Number.POSITIVE_INFINITY);
  }
}
