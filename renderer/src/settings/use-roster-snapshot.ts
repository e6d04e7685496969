// The roster as main has it now, for pickers fed from the API (teams, agents). Fetched once per mount:
// the settings window needs names to choose from, not live updates.
import { useEffect, useMemo, useState } from 'react';
import { readSnapshotInParts } from '../../../main/monitor/snapshot-parts';
import type { RosterSnapshot } from '../../../main/monitor/status';
import { agentTray } from '../api';

export function useRosterSnapshot(): RosterSnapshot | null {
  const [roster, setRoster] = useState<RosterSnapshot | null>(null);
  useEffect(() => {
    let live = true;
    readSnapshotInParts((request) => agentTray().getRosterSnapshotPart(request))
      .then((r) => live && setRoster(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return roster;
}

/** The roster's teams by name. */
export function useSortedTeams(roster: RosterSnapshot | null): RosterSnapshot['teams'] {
  return useMemo(() => [...(roster?.teams ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [roster]);
}
