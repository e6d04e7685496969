import { memo } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { CATEGORY_LABELS, displayName } from '../../../main/cxone/model';
import { formatDuration, sinceMs } from '../format';
import { StateGlyph } from './StateGlyph';

export function rowId(agentId: number): string {
  return `agent-${agentId}`;
}

export { sinceMs };

/** The state's word: the API's reason for Unavailable, the category otherwise. */
export function stateWord(agent: AgentState): string {
  if (agent.category === 'unavailable') return agent.outStateDescription?.trim() || 'Unavailable';
  return CATEGORY_LABELS[agent.category];
}

function contactLine(agent: AgentState): string | null {
  if (agent.category !== 'on-contact' && agent.category !== 'acw') return null;
  return agent.skillName ?? agent.mediaTypeName ?? null;
}

interface Props {
  agent: AgentState;
  pinned: boolean;
  active: boolean;
  /** Current time, or null when times are not shown (benchmarks). */
  now: number | null;
  onSelect(agent: AgentState): void;
  onTogglePin(agent: AgentState): void;
}

/** One agent, two lines: name + time in state; state glyph and word, reason, team, skill. */
export const AgentRow = memo(function AgentRow({ agent, pinned, active, now, onSelect, onTogglePin }: Props) {
  const since = sinceMs(agent);
  const contact = contactLine(agent);
  const word = stateWord(agent);
  return (
    <div
      role="option"
      id={rowId(agent.agentId)}
      aria-selected={active}
      className={`agent-row${active ? ' active' : ''}`}
      onClick={() => onSelect(agent)}
    >
      <div className="agent-line1">
        <span
          className={`pin${pinned ? ' pinned' : ''}`}
          title={pinned ? 'Unpin' : 'Pin to the top'}
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            onTogglePin(agent);
          }}
        >
          {pinned ? '★' : '☆'}
        </span>
        <span className="agent-name">{displayName(agent)}</span>
        {pinned && <span className="sr-only">, pinned</span>}
        <span className="agent-time">
          {since !== null && now !== null ? formatDuration(now - since) : ''}
        </span>
      </div>
      <div className="agent-line2">
        <span className={`state cat-${agent.category}`}>
          <StateGlyph category={agent.category} />
          {agent.category === 'unavailable' && word !== 'Unavailable' ? `Unavailable: ${word}` : word}
        </span>
        {contact && <span className="agent-contact">{contact}</span>}
        <span className="agent-team">{agent.teamName ?? 'No team'}</span>
      </div>
    </div>
  );
});
