// Per-team notification rules: a team with a rule notifies only for the states ticked for it; every
// other agent follows the switches above. Category values are the policy's own (main/monitor/alerts).
import { useState } from 'react';
import { CATEGORY_LABELS, type StateCategory } from '../../../main/cxone/model';
import { NOTIFIABLE_CATEGORIES, NOTIFY_TOGGLE } from '../../../main/monitor/alerts';
import type { RosterSnapshot } from '../../../main/monitor/status';
import type { NotificationSettings } from '../../../main/settings/schema';
import { StateGlyph } from '../tray/StateGlyph';
import { SelectField } from './fields';
import type { FieldErrors, Path } from './form';

type TeamRule = NotificationSettings['teamRules'][number];

const ruleErrors = (errors: FieldErrors, index: number): string[] =>
  [...errors].filter(([key]) => key === `notifications.teamRules.${index}` || key.startsWith(`notifications.teamRules.${index}.`)).map(([, m]) => m);

interface Props {
  settings: NotificationSettings;
  teams: RosterSnapshot['teams'];
  errors: FieldErrors;
  /** While notifications are off. */
  disabled: boolean;
  set(path: Path, value: unknown): void;
}

export function TeamRules({ settings, teams, errors, disabled, set }: Props) {
  const rules = settings.teamRules;
  const teamName = (id: number) => teams.find((t) => t.id === id)?.name ?? `Team ${id}`;
  const free = teams.filter((t) => !rules.some((r) => r.teamId === t.id));
  const [picked, setPicked] = useState('');
  const pickedId = free.some((t) => String(t.id) === picked) ? picked : String(free[0]?.id ?? '');
  const setRules = (next: TeamRule[]) => set(['notifications', 'teamRules'], next);

  const add = () => {
    const teamId = Number(pickedId);
    if (!pickedId || rules.some((r) => r.teamId === teamId)) return;
    // A new rule starts as the switches above, so adding it changes nothing until a box is changed.
    const categories = NOTIFIABLE_CATEGORIES.filter((c) => {
      const toggle = NOTIFY_TOGGLE[c];
      return toggle !== null && settings[toggle] === true;
    });
    setRules([...rules, { teamId, categories }]);
  };
  const toggle = (index: number, category: StateCategory, on: boolean) => {
    const rule = rules[index];
    if (!rule) return;
    const categories = on ? [...new Set([...rule.categories, category])] : rule.categories.filter((c) => c !== category);
    setRules(rules.map((r, i) => (i === index ? { ...r, categories } : r)));
  };

  return (
    <fieldset className="group team-rules" disabled={disabled}>
      <legend>Team rules</legend>
      <p className="hint">A team with a rule notifies only for the states ticked for it; everyone else follows the switches above.</p>
      {rules.length === 0 && <p className="muted">No team rules yet.</p>}
      <ul className="rule-list" aria-label="Team rules">
        {rules.map((rule, i) => {
          const name = teamName(rule.teamId);
          const problems = ruleErrors(errors, i);
          return (
            <li key={rule.teamId} className="team-rule">
              <fieldset className="rule-categories">
                <legend>{name}</legend>
                {NOTIFIABLE_CATEGORIES.map((c) => (
                  <label key={c} className="check">
                    <input type="checkbox" checked={rule.categories.includes(c)} onChange={(e) => toggle(i, c, e.target.checked)} />
                    <StateGlyph category={c} />
                    <span>{CATEGORY_LABELS[c]}</span>
                  </label>
                ))}
              </fieldset>
              {rule.categories.length === 0 && <p className="hint">Nothing ticked: {name} never notifies.</p>}
              {problems.map((m) => (
                <p key={m} className="field-error">
                  <span aria-hidden="true">✖ </span>
                  {m}
                </p>
              ))}
              <button type="button" className="button" aria-label={`Remove the rule for ${name}`} onClick={() => setRules(rules.filter((_, k) => k !== i))}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      {teams.length === 0 ? (
        <p className="muted">No teams known yet: they appear once the first poll has answered.</p>
      ) : free.length === 0 ? (
        <p className="muted">Every team has a rule.</p>
      ) : (
        <div className="add-rule">
          <SelectField label="Team" value={pickedId} options={free.map((t) => ({ value: String(t.id), label: t.name }))} onChange={setPicked} />
          <button type="button" className="button" onClick={add}>
            Add rule
          </button>
        </div>
      )}
    </fieldset>
  );
}
