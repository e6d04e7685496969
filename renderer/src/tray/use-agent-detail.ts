// Which agent the tray's list has active and which one its detail shows: from the window's URL
// (#agent=<id>, a clicked notification), a row, the queue strip, or main's focus-agent event.
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { agentTray } from '../api';
import type { AgentListHandle } from './AgentList';

/** A window opened for a clicked notification carries the agent in its URL: #agent=<id>. */
function agentFromHash(): number | null {
  const m = /^#agent=(\d{1,15})$/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

export interface AgentDetailControls {
  activeId: number | null;
  setActiveId: (id: number | null) => void;
  detailId: number | null;
  openDetail: (agent: AgentState) => void;
  /** Back to the list, with the agent we came from scrolled into view and the list focused. */
  closeDetail: () => void;
  /** From the queue strip: the agent becomes the active row too, so closing lands on it. */
  openFromQueue: (agent: AgentState) => void;
}

/** `clearFilters`: main's focus-agent event clears them, so the agent is in the list behind the detail. */
export function useAgentDetail(listRef: RefObject<AgentListHandle | null>, clearFilters: () => void): AgentDetailControls {
  const [activeId, setActiveId] = useState<number | null>(agentFromHash);
  const [detailId, setDetailId] = useState<number | null>(agentFromHash);

  // The list was unmounted while the detail showed: bring the agent we came from back into view.
  const closeDetail = useCallback(() => {
    setDetailId(null);
    requestAnimationFrame(() => {
      if (activeId !== null) listRef.current?.scrollToAgent(activeId);
      listRef.current?.focus();
    });
  }, [activeId, listRef]);
  const openDetail = useCallback((agent: AgentState) => setDetailId(agent.agentId), []);
  const openFromQueue = useCallback((agent: AgentState) => {
    setActiveId(agent.agentId);
    setDetailId(agent.agentId);
  }, []);

  useEffect(
    () =>
      agentTray().onFocusAgent(({ agentId }) => {
        clearFilters();
        setActiveId(agentId);
        setDetailId(agentId);
      }),
    [clearFilters],
  );

  return { activeId, setActiveId, detailId, openDetail, closeDetail, openFromQueue };
}
