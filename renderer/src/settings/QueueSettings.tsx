// Queue settings: which skills to watch (Settings → Watch) and the queue notification rules (Settings →
// Notifications). Values go into the same draft as every other field and are checked by main's own
// settingsSchema before Save; a bad number stays in its box with its message, nothing is lost.
import { useMemo, useState } from 'react';
import type { QueueState } from '../../../main/queues/model';
import type { NotificationSettings, Settings } from '../../../main/settings/schema';
import { QUEUE_RULE_KINDS, type QueueRule, type QueueRuleKind } from '../../../main/monitor/queue-alerts';
import { useQueues } from '../tray/use-queues';
import { NumberField, RadioGroup, SelectField } from './fields';
import { numberFromInput, type FieldErrors, type SetSetting } from './form';

/** A filter box appears above the skill list from this many skills on. */
const FILTER_FROM = 12;

interface KnownSkill {
  skillId: number;
  skillName: string;
}

/** The skills the settings can offer: all CXone named, else the watched ones, plus any chosen id not (yet) seen. */
export function skillChoices(queues: QueueState | null, extraIds: readonly number[]): KnownSkill[] {
  const known = new Map<number, string>();
  for (const s of queues?.knownSkills ?? queues?.skills ?? []) known.set(s.skillId, s.skillName);
  for (const id of extraIds) if (!known.has(id)) known.set(id, `Skill ${id}`);
  return [...known].map(([skillId, skillName]) => ({ skillId, skillName })).sort((a, b) => a.skillName.localeCompare(b.skillName) || a.skillId - b.skillId);
}

export function SkillScope({ draft, set }: { draft: Settings; set: SetSetting }) {
  const { queues } = useQueues();
  const [filter, setFilter] = useState('');
  const w = draft.watch;
  // A chosen skill CXone does not list stays offered while the window is open, so it can be unticked — and ticked again.
  const [skillIdsAtOpen] = useState(w.skillIds);
  const skills = useMemo(() => skillChoices(queues, [...new Set([...skillIdsAtOpen, ...w.skillIds])]), [queues, skillIdsAtOpen, w.skillIds]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? skills.filter((s) => w.skillIds.includes(s.skillId) || s.skillName.toLowerCase().includes(needle)) : skills;
  const toggle = (id: number, on: boolean) => set(['watch', 'skillIds'], on ? [...new Set([...w.skillIds, id])] : w.skillIds.filter((x) => x !== id));
  return (
    <>
      <RadioGroup
        legend="Queues to watch"
        name="skill-scope"
        value={w.skillScope}
        options={[
          { value: 'all', label: 'All skills', hint: 'Every skill CXone shows you.' },
          { value: 'teams', label: 'Skills of the agents I watch', hint: 'The skills held by the agents in the watch scope above.' },
          { value: 'chosen', label: 'Some skills' },
          { value: 'none', label: 'None', hint: 'The queue strip and queue notifications are off.' },
        ]}
        onChange={(v) => set(['watch', 'skillScope'], v)}
      />
      {w.skillScope === 'chosen' && (
        <fieldset className="picker">
          <legend>Skills to watch ({w.skillIds.length} chosen)</legend>
          {skills.length >= FILTER_FROM && (
            <input className="picker-filter" type="search" placeholder="Filter by name" aria-label="Filter skills by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
          )}
          {skills.length === 0 && <p className="muted">No skills known yet: they appear once CXone has answered the first queue poll (watch all skills for a moment, then choose).</p>}
          {w.skillIds.length === 0 && skills.length > 0 && <p className="hint">Tick at least one skill, or the queue strip stays empty.</p>}
          <div className="picker-list">
            {shown.map((s) => (
              <label key={s.skillId} className="check">
                <input type="checkbox" checked={w.skillIds.includes(s.skillId)} onChange={(e) => toggle(s.skillId, e.target.checked)} />
                <span>{s.skillName}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </>
  );
}

const KIND_LABELS: Readonly<Record<QueueRuleKind, { when: string; unit: string }>> = {
  'waiting-over': { when: 'Waiting over', unit: 'contacts' },
  'longest-wait-over': { when: 'Longest wait over', unit: 'seconds' },
};

const NEW_RULE: QueueRule = { skillId: null, kind: 'waiting-over', threshold: 5 };

/** How a rule names its skill: "every watched skill" for a rule of all skills. */
function skillNameOf(skills: readonly KnownSkill[], id: number | null): string {
  return id === null ? 'every watched skill' : (skills.find((s) => s.skillId === id)?.skillName ?? `Skill ${id}`);
}

/** Rule i's own messages (its threshold's is shown by its box). */
function ruleErrors(errors: FieldErrors, i: number): string[] {
  return [...errors].filter(([key]) => key === `notifications.queueRules.${i}` || (key.startsWith(`notifications.queueRules.${i}.`) && !key.endsWith('.threshold'))).map(([, m]) => m);
}

/** The skills a rule for every skill gives way for: those with a rule of their own of the same kind. */
function overriddenSkills(rule: QueueRule, rules: readonly QueueRule[], skills: readonly KnownSkill[]): KnownSkill[] {
  return rule.skillId === null ? skills.filter((s) => rules.some((o) => o.skillId === s.skillId && o.kind === rule.kind)) : [];
}

export function QueueRules({ settings, errors, disabled, set }: { settings: NotificationSettings; errors: FieldErrors; disabled: boolean; set: SetSetting }) {
  const { queues } = useQueues();
  const rules = settings.queueRules;
  const skills = useMemo(() => skillChoices(queues, rules.flatMap((r) => (r.skillId === null ? [] : [r.skillId]))), [queues, rules]);
  const update = (i: number, patch: Partial<QueueRule>) => set(['notifications', 'queueRules'], rules.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="group rules" disabled={disabled}>
      <legend>Queue rules</legend>
      <p className="hint">
        Notify when a queue passes a limit — once when it passes, again only after it has come back under. A rule for one skill
        replaces the rule for every skill of the same kind.
      </p>
      {rules.length === 0 && <p className="muted">No queue rules yet.</p>}
      <ul className="rule-list" aria-label="Queue rules">
        {rules.map((r, i) => (
          <QueueRuleItem
            key={i}
            rule={r}
            index={i}
            skills={skills}
            overridden={overriddenSkills(r, rules, skills)}
            errors={errors}
            onChange={(patch) => update(i, patch)}
            onRemove={() => set(['notifications', 'queueRules'], rules.filter((_, k) => k !== i))}
          />
        ))}
      </ul>
      <div className="add-rule">
        <button type="button" className="button" onClick={() => set(['notifications', 'queueRules'], [...rules, NEW_RULE])}>
          Add queue rule
        </button>
      </div>
    </fieldset>
  );
}

interface RuleProps {
  rule: QueueRule;
  /** Its place in the list, from 0: rule i + 1 in the labels, and the key of its errors. */
  index: number;
  skills: readonly KnownSkill[];
  errors: FieldErrors;
  onChange(patch: Partial<QueueRule>): void;
}

/** One queue rule: its fields, for which skills it gives way, its messages, and its Remove button. */
function QueueRuleItem({ rule: r, index: i, skills, overridden, errors, onChange, onRemove }: RuleProps & { overridden: readonly KnownSkill[]; onRemove(): void }) {
  const n = i + 1;
  return (
    <li className="rule queue-rule">
      <QueueRuleFields rule={r} index={i} skills={skills} errors={errors} onChange={onChange} />
      {overridden.length > 0 && <p className="hint">Not for {overridden.map((s) => s.skillName).join(', ')}: a rule of its own applies.</p>}
      {ruleErrors(errors, i).map((m) => (
        <p key={m} className="field-error">
          <span aria-hidden="true">✖ </span>
          {m}
        </p>
      ))}
      <button type="button" className="button" aria-label={`Remove rule ${n} (${skillNameOf(skills, r.skillId)})`} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}

/** A rule's skill, kind and limit, side by side; the limit's unit follows the kind. */
function QueueRuleFields({ rule: r, index: i, skills, errors, onChange }: RuleProps) {
  const n = i + 1;
  return (
    <div className="field-row">
      <SelectField
        label={`Rule ${n}: skill`}
        value={r.skillId === null ? 'all' : String(r.skillId)}
        options={[{ value: 'all', label: 'All skills' }, ...skills.map((s) => ({ value: String(s.skillId), label: s.skillName }))]}
        onChange={(v) => onChange({ skillId: v === 'all' ? null : Number(v) })}
      />
      <SelectField
        label={`Rule ${n}: when`}
        value={r.kind}
        options={QUEUE_RULE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].when }))}
        onChange={(v) => onChange({ kind: v })}
      />
      <NumberField
        label={`Rule ${n}: limit`}
        unit={KIND_LABELS[r.kind].unit}
        min={0}
        max={24 * 3600}
        value={r.threshold}
        error={errors.get(`notifications.queueRules.${i}.threshold`)}
        onChange={(v) => onChange({ threshold: numberFromInput(v) })}
      />
    </div>
  );
}
