// The roster as main has it now, for the pickers fed from the API (teams, agents, codes). Fetched when
// the section mounts, and again when main sends a reset (a new scope, the codes' limits loaded or
// changed) or while it holds no agent yet and the first ones arrive — a section opened before the
// first list must not keep saying "none known yet".
import { useEffect, useMemo, useState } from 'react';
import { readSnapshotInParts } from '../../../main/monitor/snapshot-parts';
import { RESET_BASE, type RosterSnapshot } from '../../../main/monitor/status';
import { agentTray } from '../api';

/** The roster narrowed to the watch scope (the scope's own pickers ask main instead: use-picker-choices.ts). */
export function useRosterSnapshot(): RosterSnapshot | null {
  const [roster, setRoster] = useState<RosterSnapshot | null>(null);
  useEffect(() => {
    let live = true;
    let inFlight = false;
    let again = false;
    let empty = true;
    const fetchSnapshot = () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      readSnapshotInParts((request) => agentTray().getRosterSnapshotPart(request))
        .then((r) => {
          if (!live) return;
          empty = r.agents.length === 0;
          setRoster(r);
        })
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
          if (live && again) {
            again = false;
            fetchSnapshot();
          }
        });
    };
    const off = agentTray().onRosterDelta((delta) => {
      if (delta.base === RESET_BASE || (empty && delta.upserts.length > 0)) fetchSnapshot();
    });
    fetchSnapshot();
    return () => {
      live = false;
      off();
    };
  }, []);
  return roster;
}

/** The roster's teams by name. */
export function useSortedTeams(roster: RosterSnapshot | null): RosterSnapshot['teams'] {
  return useMemo(() => [...(roster?.teams ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [roster]);
}
