// What Settings' pickers choose from (whom to watch, whom a rule is for, which code a limit is for):
// the tenant's teams and unavailable codes, and the agents whose name matches what the user typed —
// from the roster AND the directory (GET /agents). Watching "Only me", a CXone tenant's roster holds
// one agent (the feed reads GET /agents/{id}/states), yet the picker must offer everyone. A query
// rather than a list: 100,000 names never travel in one IPC reply, and the window never holds them.
import { z } from 'zod';
import { displayName, type AgentState } from '../cxone/model';
import { searchFold } from '../letter-fold';
import type { DirectoryAgent } from './directory-join';
import { teamSchema, unavailableCodeInfoSchema, type RosterSnapshot } from './status';

/** The most agents one answer lists in each of its two lists (typing narrows the rest). */
export const PICKER_CHOICES_MAX = 200;

export const pickerQuerySchema = z.object({
  /** Matched, case- and accent-insensitively, within the name, the user name (before any "@") or the agent id. */
  text: z.string().max(200),
  /** Listed whether they match or not, so a chosen agent can always be unticked. */
  chosenAgentIds: z.array(z.number().int()).max(100_000),
  /** The most agents in each list of the answer. */
  limit: z.number().int().min(1).max(PICKER_CHOICES_MAX),
});
export type PickerQuery = z.input<typeof pickerQuerySchema>;

export const agentChoiceSchema = z.object({
  agentId: z.number().int(),
  /** The display name; null for a chosen agent neither the roster nor the directory knows (any more). */
  name: z.string().nullable(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  /** Another agent the index holds has the same name (case aside): the pickers show the agent id beside it, as the tray's rows do. */
  namesake: z.boolean().optional(),
});
export type AgentChoice = z.infer<typeof agentChoiceSchema>;

export const pickerChoicesSchema = z.object({
  /** Every team known: the directory's and any a state names; by name. */
  teams: z.array(teamSchema),
  /** The tenant's unavailable codes with their own time limits; empty until they load. */
  unavailableCodes: z.array(unavailableCodeInfoSchema),
  /** The chosen agents by name, those nobody knows any more last; at most `limit`. */
  chosen: z.array(agentChoiceSchema),
  /** The agents not chosen whose texts contain the query's (all of them for none), by name; at most `limit`. */
  matches: z.array(agentChoiceSchema),
  /** How many agents not chosen match: more than matches.length when that list was cut. */
  matched: z.number().int().min(0),
});
export type PickerChoices = z.infer<typeof pickerChoicesSchema>;

type Named = Pick<AgentState, 'agentId' | 'firstName' | 'lastName' | 'userName' | 'teamId' | 'teamName'>;

/** One agent as the index keeps it: `key` is what a query's text is looked for in. */
interface Entry {
  choice: AgentChoice;
  /**
   * The folded name, user name and id, apart by a character no text has and which sorts before every
   * other: ordered by it, entries are ordered by folded name first.
   */
  key: string;
}

const SEP = '\u0000';

/** A user name's part before any "@": the tenant's domain, in every user name, would match every agent. */
const localPart = (userName: string | null) => (userName ?? '').split('@', 1)[0]!;

function entryOf(a: Named): Entry {
  const name = displayName(a);
  return { choice: { agentId: a.agentId, name, teamId: a.teamId, teamName: a.teamName || null }, key: `${searchFold(name)}${SEP}${searchFold(localPart(a.userName))}${SEP}${a.agentId}` };
}

/** Everyone the roster and the directory know, each agent's texts folded once, so a query is one scan. */
export interface PickerIndex {
  teams: PickerChoices['teams'];
  unavailableCodes: PickerChoices['unavailableCodes'];
  entries: readonly Entry[];
}

/** How long an index is kept after the last query (ms): held only while someone is picking. */
export const PICKER_CHOICES_IDLE_MS = 60_000;

const byTeamName = (a: { id: number; name: string }, b: { id: number; name: string }) => {
  const x = searchFold(a.name);
  const y = searchFold(b.name);
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
};
/** Folded names by code unit (case and accents are folded away already, so "Émile" sorts with "Emile"), then user name and id. */
const byName = (a: Entry, b: Entry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Agents indexed between two turns of the event loop: ~10 ms here, where 100,000 at once took 110–240. */
export const INDEX_SLICE = 10_000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Builds the index from `roster` (its states, already joined with the directory's names, and its
 * teams) and `directory` (GET /agents: whoever the roster does not hold), letting the event loop run
 * after every INDEX_SLICE agents so the main process never blocks on it. O(n).
 */
export async function indexPickerChoices(
  roster: Pick<RosterSnapshot, 'agents' | 'teams' | 'unavailableCodes'>,
  directory: Iterable<DirectoryAgent>,
  yieldNow: () => Promise<void> = nextTask,
): Promise<PickerIndex> {
  const seen = new Set<number>();
  const entries: Entry[] = [];
  // The first agent of each name (lower-cased, as the tray's duplicateNames): a second one marks both.
  const firstOfName = new Map<string, Entry>();
  let count = 0;
  for (const list of [roster.agents, directory] as Iterable<Named>[]) {
    for (const a of list) {
      if (seen.has(a.agentId)) continue;
      seen.add(a.agentId);
      const e = entryOf(a);
      entries.push(e);
      const name = e.choice.name!.toLowerCase();
      const first = firstOfName.get(name);
      if (first) first.choice.namesake = e.choice.namesake = true;
      else firstOfName.set(name, e);
      if (++count % INDEX_SLICE === 0) await yieldNow();
    }
  }
  return { teams: [...roster.teams].sort(byTeamName), unavailableCodes: roster.unavailableCodes ?? [], entries };
}

/** The first `limit` entries by name of those offered, kept sorted as they come: O(n log limit). */
function firstByName(limit: number) {
  const kept: Entry[] = [];
  return {
    kept,
    offer(e: Entry) {
      if (kept.length === limit && byName(e, kept[limit - 1]!) >= 0) return;
      let lo = 0;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byName(kept[mid]!, e) <= 0) lo = mid + 1;
        else hi = mid;
      }
      kept.splice(lo, 0, e);
      if (kept.length > limit) kept.pop();
    },
  };
}

/**
 * The teams; the chosen agents (whether they match or not; one neither the roster nor the directory
 * knows last, nameless); and the other agents whose name, user name or id contains `text` (case and
 * accents aside), by name, `matched` counting them all. Each list at most `limit`. One scan:
 * O(n log limit). Throws (ZodError) on a malformed query.
 */
export function queryPickerChoices(index: PickerIndex, query: PickerQuery): PickerChoices {
  const { text, chosenAgentIds, limit } = pickerQuerySchema.parse(query);
  const needle = searchFold(text.trim());
  const unknown = new Set(chosenAgentIds);
  const chosen = firstByName(limit);
  const others = firstByName(limit);
  let matched = 0;
  for (const e of index.entries) {
    if (unknown.delete(e.choice.agentId)) chosen.offer(e);
    else if (!needle || e.key.includes(needle)) {
      matched += 1;
      others.offer(e);
    }
  }
  const gone = [...unknown].map((agentId): AgentChoice => ({ agentId, name: null, teamId: null, teamName: null }));
  return {
    teams: index.teams,
    unavailableCodes: index.unavailableCodes,
    chosen: [...chosen.kept.map((e) => e.choice), ...gone].slice(0, limit),
    matches: others.kept.map((e) => e.choice),
    matched,
  };
}

/** indexPickerChoices then queryPickerChoices: for one query. */
export async function findPickerChoices(roster: Pick<RosterSnapshot, 'agents' | 'teams' | 'unavailableCodes'>, directory: Iterable<DirectoryAgent>, query: PickerQuery): Promise<PickerChoices> {
  return queryPickerChoices(await indexPickerChoices(roster, directory), query);
}

/** What the roster offers the index: its states and teams, its directory, and when either changed. */
export interface PickerSource {
  snapshot(): Pick<RosterSnapshot, 'agents' | 'teams' | 'unavailableCodes'>;
  directory(): Iterable<DirectoryAgent>;
  /** Changes whenever the index would: an agent added or gone, a directory (re)load. */
  namesVersion(): string;
}

export interface PickerChoicesFinder {
  find(query: PickerQuery): Promise<PickerChoices>;
  /** Lets the index go now (the feed stops). */
  drop(): void;
}

/**
 * The index kept between queries while someone is picking — built anew when `source.namesVersion()`
 * moved on, let go PICKER_CHOICES_IDLE_MS after the last query (at 100,000 agents it holds 23–35 MB
 * of folded texts, which a feed that is only polling has no use for). A name changed in CXone between
 * two directory loads shows after the next load (every 30 minutes).
 */
export function createPickerChoices<Timer>(source: PickerSource, clock: { setTimeout(fn: () => void, ms: number): Timer; clearTimeout(timer: Timer): void }): PickerChoicesFinder {
  // The build in progress or done: queries that come while it runs wait for the same one.
  let built: { version: string; index: Promise<PickerIndex> } | null = null;
  let idle: Timer | null = null;
  const drop = () => {
    if (idle) clock.clearTimeout(idle);
    idle = null;
    built = null;
  };
  return {
    async find(query) {
      const version = source.namesVersion();
      if (built?.version !== version) {
        const build = { version, index: indexPickerChoices(source.snapshot(), source.directory()) };
        built = build;
        // A build that failed is not kept: the next query tries again instead of getting the same failure.
        build.index.catch(() => {
          if (built === build) built = null;
        });
      }
      const answer = queryPickerChoices(await built.index, query);
      if (idle) clock.clearTimeout(idle);
      idle = clock.setTimeout(drop, PICKER_CHOICES_IDLE_MS);
      return answer;
    },
    drop,
  };
}
