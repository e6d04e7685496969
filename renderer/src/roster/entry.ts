// An agent with its sort keys, made once per agent object by the store (the one place that sees every
// agent arrive) and shared with the list's sections, so a snapshot computes each name key once.
import type { AgentState, StateCategory } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import { parseServerTime } from '../../../main/cxone/server-time';
import { AFTER, foldAccents, OWN_LETTER } from '../../../main/letter-fold';

/** The lower-cased display name: what sorting by name, search and "same name" compare. */
export function nameKey(a: AgentState): string {
  return displayName(a).toLowerCase();
}

const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * What sorting by name compares, given a name key: the name with accents taken off (and the letters
 * above spelled out), then — after U+0000, so below any letter — the name itself, so "Émile" sorts
 * among the E's, after "Emile" and before "Emilia", as a reader (and Intl.Collator) expects. A plain
 * code-unit comparison of these strings keeps the snapshot sort and every delta's insert cheap; a
 * collator per comparison cost several times as much (sort-entries.ts). ASCII names are their own key
 * (no work, no new string). A name with a letter of its own (AFTER, main/letter-fold.ts) has three parts:
 * as sorted, as searched, as spelled. Letters of other scripts keep their code-point order within the script.
 */
export function sortKeyOf(name: string): string {
  if (!NOT_ASCII.test(name)) return name;
  const folded = foldAccents(name);
  const sortAs = folded.replace(OWN_LETTER, (c) => `${AFTER[c]![0]}\uffff${c}`);
  if (sortAs !== folded) {
    // Sorted by the first part; search also finds the second (see matchesSearch).
    const searchAs = folded.replace(OWN_LETTER, (c) => AFTER[c]![1]);
    return `${sortAs}\u0000${searchAs}\u0000${name}`;
  }
  return folded === name ? name : `${folded}\u0000${name}`;
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
  /** Lower-cased display name: what search and "same name" compare. */
  readonly name: string;
  /** What sorting by name compares (sortKeyOf), by code unit. */
  readonly sortName: string;
  private sinceMs: number | null = null;

  /** `same`: the agent's previous entry when its name did not change (its keys are reused). */
  constructor(
    readonly agent: AgentState,
    same?: Entry,
  ) {
    this.name = same?.name ?? nameKey(agent);
    this.sortName = same?.sortName ?? sortKeyOf(this.name);
  }

  get rank(): number {
    return CATEGORY_RANK[this.agent.category];
  }

  /** Start of the current state in ms (unknown: +Infinity); parsed on first use, as only sorting by time needs it. */
  get since(): number {
    return (this.sinceMs ??= parseServerTime(this.agent.startDate) ?? Number.POSITIVE_INFINITY);
  }
}
