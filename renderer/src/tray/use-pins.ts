// The pinned agents: as main knows them, with the user's latest clicks applied until main confirms.
import { useCallback, useMemo, useState } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import type { AppState } from '../../../preload/contract';
import { runAction } from '../actions';
import { agentTray } from '../api';

export function usePins(state: AppState | null): { pinned: ReadonlySet<number>; toggle: (agent: AgentState) => void } {
  const [overrides, setOverrides] = useState<Map<number, boolean>>(new Map());
  const confirmed = state?.settings.pinnedAgentIds;
  // A new list from main supersedes the optimistic clicks (adjusted during render, not in an effect).
  const [seen, setSeen] = useState(confirmed);
  if (seen !== confirmed) {
    setSeen(confirmed);
    setOverrides(new Map());
  }
  const pinned = useMemo(() => {
    const s = new Set(confirmed ?? []);
    for (const [id, on] of overrides) {
      if (on) s.add(id);
      else s.delete(id);
    }
    return s;
  }, [confirmed, overrides]);
  const toggle = useCallback(
    (agent: AgentState) => {
      const next = !pinned.has(agent.agentId);
      setOverrides((m) => new Map(m).set(agent.agentId, next));
      // Not saved: the star goes back to what main knows, and the window says why.
      void runAction(agentTray().setAgentPinned({ agentId: agent.agentId, pinned: next })).then((ok) => {
        if (!ok)
          setOverrides((m) => {
            const undone = new Map(m);
            undone.delete(agent.agentId);
            return undone;
          });
      });
    },
    [pinned],
  );
  return { pinned, toggle };
}
