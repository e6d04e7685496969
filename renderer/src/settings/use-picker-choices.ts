// The teams, codes and agents Settings' pickers offer, asked of main as a query (getPickerChoices): the
// agents matching the filter text, and the chosen ones. Asked again when the text settles and when main
// says what the pickers offer changed (pickerChoicesChanged: agents added or gone — the first list, a
// new scope's roster —, a directory load with its teams and codes) — a window opened before the first
// list must not keep saying "none known yet", nor one left open miss an agent hired since.
// A change of the chosen asks again only when asked to (a rule added leaves the offered list): a box
// ticked in the Watch list keeps its place under the pointer.
import { useEffect, useRef, useState } from 'react';
import type { AgentChoice, PickerChoices } from '../../../main/monitor/picker-choices';
import { agentTray } from '../api';

/** How long the filter text must rest before main is asked (ms): one query per pause, not per key. */
export const FILTER_SETTLE_MS = 150;

/** The words for a chosen team or agent CXone no longer lists (kept in the pickers so it can be unticked). */
export const NOT_FOUND = '(not found in CXone)';

/**
 * The teams a picker offers: CXone's (`known`; null while main has not answered), then each of `keptIds`
 * CXone does not list, named "(not found in CXone)" so it can be unticked or its rule removed. Until
 * CXone's teams are known nothing is said to be gone (it may only not be loaded yet).
 */
export function teamsOffered(known: PickerChoices['teams'] | null, keptIds: Iterable<number>): { id: number; name: string }[] {
  if (known === null) return [];
  const listed = new Set(known.map((t) => t.id));
  const gone = [...new Set(keptIds)].filter((id) => !listed.has(id));
  return [...known.map((t) => ({ id: t.id, name: t.name })), ...gone.map((id) => ({ id, name: `Team ${id} ${NOT_FOUND}` }))];
}

/**
 * An agent as the pickers name it: its name, with its agent id when another agent has the same name (as
 * the tray's rows show it: "Ana Haddad · #40110976"), or its id and NOT_FOUND when nobody knows it any more.
 */
export function agentChoiceLabel(a: AgentChoice): string {
  if (a.name === null) return `Agent ${a.agentId} ${NOT_FOUND}`;
  return a.namesake ? `${a.name} · #${a.agentId}` : a.name;
}

/** Main's answer, with the filter text it answers (the window's may be newer: still being asked). */
export type AnsweredChoices = PickerChoices & { text: string };

/**
 * null until main first answers. `enabled` false (no picker shown) asks nothing: at 100,000 agents
 * the first question makes main build its index. `followChosen`: ask again when the chosen ids change.
 */
export function usePickerChoices(
  text: string,
  chosenAgentIds: readonly number[],
  limit: number,
  opts: { enabled?: boolean; followChosen?: boolean } = {},
): AnsweredChoices | null {
  const enabled = opts.enabled ?? true;
  const chosenKey = opts.followChosen ? chosenAgentIds.join(',') : '';
  const [choices, setChoices] = useState<AnsweredChoices | null>(null);
  // The ids as of the last render, read when a query goes out (ticking a box alone asks nothing).
  const chosen = useRef(chosenAgentIds);
  useEffect(() => {
    chosen.current = chosenAgentIds;
  });

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let inFlight = false;
    let again = false;
    const fetchChoices = () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      agentTray()
        .getPickerChoices({ text, chosenAgentIds: [...chosen.current], limit })
        .then((answer) => {
          if (!live) return;
          setChoices({ ...answer, text });
        })
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
          if (live && again) {
            again = false;
            fetchChoices();
          }
        });
    };
    const off = agentTray().onPickerChoicesChanged(fetchChoices);
    const settle = setTimeout(fetchChoices, text ? FILTER_SETTLE_MS : 0);
    return () => {
      live = false;
      clearTimeout(settle);
      off();
    };
  }, [text, limit, enabled, chosenKey]);

  return choices;
}
