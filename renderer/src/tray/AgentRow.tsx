import { memo } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { CATEGORY_LABELS, displayName } from '../../../main/cxone/model';
import { formatDuration, sinceMs } from '../format';
import { disambiguator, isOverLimit } from '../roster/view';
import type { LimitOf } from './tray-options';
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
  /** One line per agent (default) or two (with team and skill). */
  density?: 'compact' | 'comfortable';
  /** Another agent has the same name: show what tells them apart. */
  duplicate?: boolean;
  /** How long this agent may stay in its state before the row warns (null: no limit). */
  overLimitMs?: LimitOf | null;
}

function StateText({ agent }: { agent: AgentState }) {
  const word = stateWord(agent);
  return (
    <span className={`state cat-${agent.category}`}>
      <StateGlyph category={agent.category} />
      {agent.category === 'unavailable' && word !== 'Unavailable' ? `Unavailable: ${word}` : word}
    </span>
  );
}

function TimeInState({ agent, now, limitOf }: { agent: AgentState; now: number | null; limitOf: LimitOf | null }) {
  const since = sinceMs(agent);
  if (since === null || now === null) return <span className="agent-time" />;
  const limitMs = limitOf?.(agent) ?? null;
  const over = isOverLimit(agent, now, limitMs);
  return (
    <span className={`agent-time${over ? ' over-limit' : ''}`} title={over ? `Longer than the ${Math.round(limitMs! / 60_000)}-minute limit` : undefined}>
      {over && (
        <>
          <span aria-hidden="true">⚠ </span>
          <span className="sr-only">over the limit, </span>
        </>
      )}
      {formatDuration(now - since)}
    </span>
  );
}

/** One agent: name, state glyph and word, time in state; two lines add team and skill. */
export const AgentRow = memo(function AgentRow({ agent, pinned, active, now, onSelect, onTogglePin, density = 'comfortable', duplicate = false, overLimitMs = null }: Props) {
  const contact = contactLine(agent);
  const pin = (
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
  );
  const name = (
    <span className="agent-name">
      {displayName(agent)}
      {duplicate && <span className="agent-disambig"> · {disambiguator(agent)}</span>}
      {pinned && <span className="sr-only">, pinned</span>}
    </span>
  );
  const time = <TimeInState agent={agent} now={now} limitOf={overLimitMs} />;
  const common = {
    role: 'option',
    id: rowId(agent.agentId),
    'aria-selected': active,
    onClick: () => onSelect(agent),
  } as const;
  if (density === 'compact') {
    return (
      <div {...common} className={`agent-row compact${active ? ' active' : ''}`}>
        {pin}
        {name}
        <StateText agent={agent} />
        {time}
      </div>
    );
  }
  return (
    <div {...common} className={`agent-row${active ? ' active' : ''}`}>
      <div className="agent-line1">
        {pin}
        {name}
        {time}
      </div>
      <div className="agent-line2">
        <StateText agent={agent} />
        {contact && <span className="agent-contact">{contact}</span>}
        <span className="agent-team">{agent.teamName ?? 'No team'}</span>
      </div>
    </div>
  );
});
