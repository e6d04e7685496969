// The queue strip above the agents: per watched skill the contacts waiting, the longest wait (ticking on
// the server's clock), and service level against its goal as a glyph and a word, never colour alone.
// A totals line heads it (and is all that shows when collapsed, the default until opened once); many
// skills scroll inside a bounded box. Choosing a skill (click, or Enter/Space on its name) lists the agents with that skill who are
// Available. Without data it says why in one line.
import { useCallback, useState } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import { displayName } from '../../../main/cxone/model';
import type { QueueState, ServiceLevelStatus, SkillQueue } from '../../../main/queues/model';
import { SERVICE_LEVEL_WORDS, formatWait, queueEntryMs, serviceLevelPercent, serviceLevelText } from '../../../main/queues/queue-summary';
import { formatClock } from '../format';
import { availableForSkill, orderQueues, queueServerNow, queueSummaryLine, queueTotals, whyNoQueueRows, type SkillScope } from './queue-view';
import { StateGlyph } from './StateGlyph';

const COLLAPSED_KEY = 'cxone-agent-tray.queues-collapsed';

const SL_SHAPES: Record<ServiceLevelStatus, React.ReactNode> = {
  meeting: <path d="M1.5 6.5 4.7 9.5 10.5 2.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />,
  'at-risk': (
    <>
      <circle cx="6" cy="6" r="4.8" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M6 3.2v3.4M6 8.6v.2" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
    </>
  ),
  breached: <path d="M2 2 10 10M10 2 2 10" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />,
  unknown: <path d="M2 6h8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
};

function ServiceLevel({ skill }: { skill: SkillQueue }) {
  const status = skill.serviceLevelStatus;
  const text = serviceLevelText(skill);
  return (
    <span className={`sl sl-${status}`} title={text ?? 'CXone reports no service level for this skill'}>
      <svg className="sl-glyph" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
        {SL_SHAPES[status]}
      </svg>
      {skill.serviceLevel !== null && <span className="sl-pct">{serviceLevelPercent(skill.serviceLevel)}</span>}
      <span className="sl-word">{SERVICE_LEVEL_WORDS[status]}</span>
      {skill.serviceLevelGoal !== null && <span className="sr-only">, goal {Math.round(skill.serviceLevelGoal)}%</span>}
    </span>
  );
}

function useCollapsed(): [boolean, () => void] {
  // Collapsed (the totals line only) until the user opens it once: the window must keep twelve agent
  // rows at its default size (issue 16), which leaves room for one line above them, not a table.
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) !== '0');
  const toggle = useCallback(() => {
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      return !c;
    });
  }, []);
  return [collapsed, toggle];
}

function AvailableAgents({ skill, getAgent, onOpenAgent, onClose }: { skill: SkillQueue; getAgent(id: number): AgentState | undefined; onOpenAgent(a: AgentState): void; onClose(): void }) {
  const agents = availableForSkill(skill, getAgent);
  const cxoneCount = `CXone counts ${skill.agentsAvailable} available for it`;
  return (
    <div
      id="queue-agents"
      className="queue-agents"
      role="region"
      aria-label={`Available for ${skill.skillName}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="queue-agents-head">
        <h2 className="queue-agents-title">
          Available for {skill.skillName}
          {agents !== null && `: ${agents.length}`}
        </h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {agents === null ? (
        <p className="queue-note">CXone did not say which agents have this skill, so none can be listed; {cxoneCount}.</p>
      ) : agents.length === 0 ? (
        <p className="queue-note">Nobody you watch with this skill is Available now; {cxoneCount}.</p>
      ) : (
        <>
          <ul className="queue-agent-list">
            {agents.map((a) => (
              <li key={a.agentId}>
                <button type="button" className="queue-agent" onClick={() => onOpenAgent(a)}>
                  <StateGlyph category="available" />
                  {displayName(a)}
                </button>
              </li>
            ))}
          </ul>
          {agents.length !== skill.agentsAvailable && <p className="queue-note">Of those you watch; {cxoneCount}.</p>}
        </>
      )}
    </div>
  );
}

/** The one line that says why there is nothing to show. */
function QueueNote({ text, action }: { text: string; action?: React.ReactNode }) {
  return (
    <section className="queues queues-note" aria-label="Queues">
      <p className="queue-note">
        <span className="queues-title">Queues</span> {text} {action}
      </p>
    </section>
  );
}

/** The strip's head: the open/close toggle and the totals line. */
function QueuesHead({ collapsed, onToggle, summary }: { collapsed: boolean; onToggle(): void; summary: string }) {
  return (
    <div className="queues-head">
      <button type="button" className="trend-toggle" aria-expanded={!collapsed} onClick={onToggle}>
        <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> Queues
      </button>
      <span className="queues-summary">{summary}</span>
    </div>
  );
}

/** Says the figures are not current: as of when, and why. */
function StaleNote({ queues, clockLocale }: { queues: QueueState; clockLocale: string | null }) {
  return (
    <p className="queue-note queue-stale">
      Not current: as of {queues.updatedAt === null ? 'the last answer' : formatClock(queues.updatedAt, clockLocale)}
      {queues.reason ? ` — ${queues.reason}` : ''}
    </p>
  );
}

/** A skill's longest wait on the server's clock, or a dash that reads "nobody waiting". */
function LongestWait({ skill, serverNow }: { skill: SkillQueue; serverNow: number }) {
  const entry = queueEntryMs(skill);
  return (
    <td className="num queue-wait">
      {entry === null ? (
        <>
          <span aria-hidden="true">—</span>
          <span className="sr-only">nobody waiting</span>
        </>
      ) : (
        formatWait(serverNow - entry)
      )}
    </td>
  );
}

interface QueueRowProps {
  skill: SkillQueue;
  isSelected: boolean;
  serverNow: number;
  onSelect(skillId: number): void;
}

/** One skill's row; the row or its name button (Enter/Space) chooses the skill. */
function QueueRow({ skill: s, isSelected, serverNow, onSelect }: QueueRowProps) {
  return (
    <tr className={`queue-row sl-row-${s.serviceLevelStatus}${isSelected ? ' selected' : ''}`} onClick={() => onSelect(s.skillId)}>
      <th scope="row">
        <button
          type="button"
          className="queue-skill"
          id={`queue-skill-${s.skillId}`}
          aria-expanded={isSelected}
          aria-controls={isSelected ? 'queue-agents' : undefined}
          title={`${s.skillName} (${s.mediaTypeName}${s.isOutbound ? ', outbound' : ''}) — show who is available`}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(s.skillId);
          }}
        >
          {s.skillName}
        </button>
      </th>
      <td className="num queue-count">{s.queueCount}</td>
      <LongestWait skill={s} serverNow={serverNow} />
      <td>
        <ServiceLevel skill={s} />
      </td>
    </tr>
  );
}

/** The open strip's table of skills, in a box that scrolls beyond five rows. */
function QueueTable({ skills, selectedId, serverNow, onSelect }: { skills: readonly SkillQueue[]; selectedId: number | null; serverNow: number; onSelect(skillId: number): void }) {
  const rows = orderQueues(skills);
  return (
    <div className={`queue-scroll${rows.length > 5 ? ' queue-scroll-many' : ''}`}>
      <table className="queue-table">
        <caption className="sr-only">Watched skills: contacts waiting, the longest wait and service level. Choose a skill to see who is available for it.</caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col" className="num">
              Waiting
            </th>
            <th scope="col" className="num">
              Longest
            </th>
            <th scope="col">Service level</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <QueueRow key={s.skillId} skill={s} isSelected={s.skillId === selectedId} serverNow={serverNow} onSelect={onSelect} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  queues: QueueState | null;
  /** The ask for the first state failed (the app did not answer). */
  error: string | null;
  /** Local wall-clock ms, ticking. */
  now: number;
  skillScope: SkillScope;
  /** AppState.clockLocale: the OS's regional format for the 'as of' time. */
  clockLocale: string | null;
  getAgent(agentId: number): AgentState | undefined;
  onOpenAgent(agent: AgentState): void;
  onOpenSettings(): void;
}

export function QueueStrip({ queues, error, now, skillScope, clockLocale, getAgent, onOpenAgent, onOpenSettings }: Props) {
  const [collapsed, toggleCollapsed] = useCollapsed();
  const [selectedId, setSelectedId] = useState<number | null>(null);

  if (queues === null) return <QueueNote text={error ? `could not be loaded: ${error}` : 'Loading…'} />;
  const why = whyNoQueueRows(queues, skillScope);
  if (why) {
    const settingsLink = (
      <button type="button" className="link-button" onClick={onOpenSettings}>
        Choose skills
      </button>
    );
    return <QueueNote text={why.text} action={why.chooseSkills ? settingsLink : undefined} />;
  }

  const stale = queues.status === 'stale';
  const serverNow = queueServerNow(queues, now);
  const selected = selectedId === null ? undefined : queues.skills.find((s) => s.skillId === selectedId);
  const select = (id: number) => setSelectedId((cur) => (cur === id ? null : id));
  return (
    <section className={`queues${stale ? ' queues-stale' : ''}`} aria-label="Queues">
      <QueuesHead collapsed={collapsed} onToggle={toggleCollapsed} summary={queueSummaryLine(queueTotals(queues.skills), serverNow)} />
      {stale && <StaleNote queues={queues} clockLocale={clockLocale} />}
      {!collapsed && <QueueTable skills={queues.skills} selectedId={selectedId} serverNow={serverNow} onSelect={select} />}
      {selected && (
        <AvailableAgents
          skill={selected}
          getAgent={getAgent}
          onOpenAgent={onOpenAgent}
          onClose={() => {
            setSelectedId(null);
            // Back to the skill the list was opened from.
            document.getElementById(`queue-skill-${selected.skillId}`)?.focus();
          }}
        />
      )}
    </section>
  );
}
