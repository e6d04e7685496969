// One agent up close: state, reason, time in state, team, contact, and this session's state changes.
import { useEffect, useRef, useState } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { CATEGORY_LABELS, displayName } from '../../../main/cxone/model';
import { NOTIFIABLE_CATEGORIES, notifyingCategories } from '../../../main/monitor/alerts';
import type { AgentChange } from '../../../main/monitor/status';
import type { NotificationSettings } from '../../../main/settings/schema';
import { runAction } from '../actions';
import { agentTray } from '../api';
import { errorMessage, formatClock, formatDuration } from '../format';
import { isOverLimit } from '../roster/view';
import { sinceMs, stateWord } from './AgentRow';
import { overLimitMs } from './tray-options';
import { StateGlyph } from './StateGlyph';

/** Which of this agent's changes notify, and which setting says so (the policy's own precedence). */
export function notificationSummary(n: NotificationSettings, agent: AgentState, pinned: boolean): string {
  if (!n.enabled) return 'Nothing: notifications are off';
  if (n.pinnedOnly && !pinned) return 'Nothing: only pinned agents notify';
  const { categories, source } = notifyingCategories(n, agent.agentId, agent.teamId);
  const by = source === 'agent-rule' ? 'its own rule' : source === 'team-rule' ? `the rule for ${agent.teamName ?? 'its team'}` : 'the general switches';
  const notified = NOTIFIABLE_CATEGORIES.filter((c) => categories.includes(c));
  return notified.length === 0 ? `Nothing: muted by ${by}` : `${notified.map((c) => CATEGORY_LABELS[c]).join(', ')} (${by})`;
}

/** The agent's changes this session, fetched again when its state changes while the detail is open. */
function useAgentHistory(agent: AgentState): { history: AgentChange[] | null; error: string | null } {
  const [history, setHistory] = useState<AgentChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    agentTray()
      .getAgentHistory({ agentId: agent.agentId })
      .then((h) => live && setHistory(h))
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [agent.agentId, agent.lastUpdateTime, agent.stateId, agent.outStateId]);
  return { history, error };
}

/** The detail's facts, label and value: time in state (⚠ past its limit), team, ids, what notifies, and the contact's skill, channel and id when there is one. */
function agentFacts(agent: AgentState, notifications: NotificationSettings, codes: Props['codes'], pinned: boolean, now: number): [string, string][] {
  const since = sinceMs(agent);
  const limit = overLimitMs(notifications, codes)(agent);
  const over = isOverLimit(agent, now, limit) ? ` ⚠ longer than the ${Math.round(limit! / 60_000)}-minute limit` : '';
  const facts: [string, string][] = [
    ['Time in state', since !== null ? formatDuration(now - since) + over : 'Unknown'],
    ['Team', agent.teamName ?? 'No team'],
    ['User name', agent.userName ?? '—'],
    ['Agent id', String(agent.agentId)],
    ['Notifies for', notificationSummary(notifications, agent, pinned)],
  ];
  if (agent.skillName) facts.push(['Skill', agent.skillName]);
  if (agent.mediaTypeName) facts.push(['Channel', agent.mediaTypeName]);
  if (agent.contactId !== null) facts.push(['Contact id', String(agent.contactId)]);
  return facts;
}

/** "Recent state changes": the latest 50, newest first, or why there are none to show. */
function RecentChanges({ history, error, clockLocale }: { history: AgentChange[] | null; error: string | null; clockLocale: string | null }) {
  const changes = history ? [...history].reverse().slice(0, 50) : [];
  return (
    <>
      <h3 className="section-title">Recent state changes</h3>
      {error && <p className="error-text">Could not load the history: {error}</p>}
      {history && changes.length === 0 && <p className="muted">No changes seen since the app started.</p>}
      {changes.length > 0 && (
        <ol className="history">
          {changes.map((c, i) => (
            <li key={`${c.at}-${i}`}>
              <time className="history-time" dateTime={new Date(c.at).toISOString()}>
                {formatClock(c.at, clockLocale)}
              </time>
              <span className={`state cat-${c.to.category}`}>
                <StateGlyph category={c.to.category} />
                {stateWord(c.to)}
              </span>
              {c.from && <span className="muted history-from">from {stateWord(c.from)}</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

interface Props {
  agent: AgentState;
  pinned: boolean;
  notifications: NotificationSettings;
  /** The tenant's unavailable codes (their own time limits); empty while unknown. */
  codes?: Parameters<typeof overLimitMs>[1];
  now: number;
  /** AppState.clockLocale: the OS's regional format for the changes' times. */
  clockLocale: string | null;
  onClose(): void;
  onTogglePin(agent: AgentState): void;
}

export function AgentDetail({ agent, pinned, notifications, codes, now, clockLocale, onClose, onTogglePin }: Props) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [agent.agentId]);
  const { history, error } = useAgentHistory(agent);

  return (
    <section className="detail" role="dialog" aria-modal="false" aria-labelledby="detail-title">
      <div className="detail-head">
        <button ref={closeRef} type="button" className="link-button" onClick={onClose}>
          ← Back to list
        </button>
        <button type="button" className="button" aria-pressed={pinned} onClick={() => onTogglePin(agent)}>
          {pinned ? '★ Pinned' : '☆ Pin to top'}
        </button>
      </div>
      <h2 id="detail-title" className="detail-name">
        {displayName(agent)}
      </h2>
      <p className={`state state-large cat-${agent.category}`}>
        <StateGlyph category={agent.category} />
        {agent.category === 'unavailable' ? `Unavailable: ${stateWord(agent)}` : stateWord(agent)}
      </p>
      <dl className="facts">
        {agentFacts(agent, notifications, codes, pinned, now).map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {/* Rules live in Settings → Notifications ("Rules for agents"), with every other notification setting. */}
      <button type="button" className="link-button notify-link" onClick={() => void runAction(agentTray().openWindow({ window: 'notifications' }))}>
        Notify me about this agent…
      </button>
      <RecentChanges history={history} error={error} clockLocale={clockLocale} />
    </section>
  );
}
