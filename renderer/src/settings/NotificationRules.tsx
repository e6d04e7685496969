// Notification rules for teams and for agents: one editor for both. A team or agent with a rule notifies
// only for the states ticked for it (an agent's rule beats its team's; nothing ticked mutes). The
// precedence and the category values are the policy's own (main/monitor/alerts), not restated here.
import { useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORY_LABELS, type StateCategory } from '../../../main/cxone/model';
import { NOTIFIABLE_CATEGORIES, notifyingCategories } from '../../../main/monitor/alerts';
import type { AgentChoice, PickerChoices } from '../../../main/monitor/picker-choices';
import type { NotificationSettings } from '../../../main/settings/schema';
import { StateGlyph } from '../tray/StateGlyph';
import { SelectField } from './fields';
import type { FieldErrors, SetSetting } from './form';
import { agentChoiceLabel, teamsOffered, usePickerChoices } from './use-picker-choices';

/** At most this many agents in the picker at once; typing narrows it. */
const MAX_OFFERED = 100;

interface Rule {
  id: number;
  categories: StateCategory[];
}

interface Candidate {
  id: number;
  name: string;
  /** Shown after the name in the picker (an agent's team), to tell namesakes apart. */
  detail?: string | undefined;
}

/** A search main answers (usePickerChoices): for agents, whom the window never holds all of. */
interface Search {
  text: string;
  onText(text: string): void;
  /** Main's answer for the text: those without a rule that match, at most MAX_OFFERED, in display order. */
  offered: readonly Candidate[];
  /** How many match in all: more than offered.length when the list was cut. */
  matched: number;
  /** Before main's first answer. */
  loading: boolean;
}

interface EditorProps {
  /** "team" or "agent": the words of the legend, buttons and messages. */
  noun: 'team' | 'agent';
  hint: string;
  rules: readonly Rule[];
  /** Everyone a rule can be made for (with a search: those with a rule, and those offered), in display order. */
  candidates: readonly Candidate[];
  /** Absent: every candidate is offered, no filter. */
  search?: Search;
  /** Field-error keys of rule i start with `${errorKey}.${i}`. */
  errorKey: string;
  errors: FieldErrors;
  disabled: boolean;
  /** A new rule starts as what that team or agent gets today, so adding it changes nothing yet. */
  initialCategories(id: number): StateCategory[];
  onChange(next: Rule[]): void;
}

type FocusTarget = { kind: 'rule'; id: number } | { kind: 'picker' };

/**
 * Where focus goes once the rule list has re-rendered: named by `focusAfterChange` before a change — the
 * new rule's first box, or the picker after a removal (the removed rule's button is gone).
 */
function useFocusAfterChange(rules: readonly Rule[]) {
  const groupRef = useRef<HTMLFieldSetElement>(null);
  const focusNext = useRef<FocusTarget | null>(null);
  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    const group = groupRef.current;
    if (!next || !group) return;
    const target =
      next.kind === 'rule'
        ? group.querySelector<HTMLElement>(`[data-rule-id="${next.id}"] input`)
        : group.querySelector<HTMLElement>('.add-rule input, .add-rule select');
    target?.focus();
  }, [rules]);
  const focusAfterChange = (target: FocusTarget) => {
    focusNext.current = target;
  };
  return { groupRef, focusAfterChange };
}

/** Who a new rule can be for, and which of them is picked: the user's pick while it is still offered, else the first. */
function useRulePick(rules: readonly Rule[], candidates: readonly Candidate[], search: Search | undefined) {
  const [picked, setPicked] = useState('');
  // A rule just added stays in main's last answer until the next one: never offered twice.
  const offered = useMemo(() => (search ? search.offered : candidates).filter((c) => !rules.some((r) => r.id === c.id)), [search, candidates, rules]);
  const text = search?.text.trim() ?? '';
  const noneKnown = search ? !text && search.matched === 0 && candidates.length === 0 : candidates.length === 0;
  const allRuled = search ? !text && search.matched === 0 : offered.length === 0;
  const pickedId = offered.some((c) => String(c.id) === picked) ? picked : String(offered[0]?.id ?? '');
  return { offered, noneKnown, allRuled, pickedId, setPicked };
}

type RulePick = ReturnType<typeof useRulePick>;

/** Rule `index`'s errors: those keyed to the rule itself and to any of its fields. */
function errorsOfRule(errors: FieldErrors, errorKey: string, index: number): string[] {
  return [...errors].filter(([key]) => key === `${errorKey}.${index}` || key.startsWith(`${errorKey}.${index}.`)).map(([, m]) => m);
}

function RulesEditor({ noun, hint, rules, candidates, search, errorKey, errors, disabled, initialCategories, onChange }: EditorProps) {
  const nouns = `${noun}s`;
  const Noun = noun === 'team' ? 'Team' : 'Agent';
  const pick = useRulePick(rules, candidates, search);
  const { groupRef, focusAfterChange } = useFocusAfterChange(rules);

  const nameOf = (id: number) => candidates.find((c) => c.id === id)?.name ?? `${Noun} ${id}`;

  const add = () => {
    const id = Number(pick.pickedId);
    if (!pick.pickedId || rules.some((r) => r.id === id)) return;
    focusAfterChange({ kind: 'rule', id });
    search?.onText('');
    onChange([...rules, { id, categories: initialCategories(id) }]);
  };
  const toggle = (index: number, category: StateCategory, on: boolean) => {
    const rule = rules[index];
    if (!rule) return;
    const categories = on ? [...new Set([...rule.categories, category])] : rule.categories.filter((c) => c !== category);
    onChange(rules.map((r, i) => (i === index ? { ...r, categories } : r)));
  };
  const remove = (index: number) => {
    focusAfterChange({ kind: 'picker' });
    onChange(rules.filter((_, k) => k !== index));
  };

  return (
    <fieldset ref={groupRef} className="group rules" disabled={disabled}>
      <legend>Rules for {nouns}</legend>
      <p className="hint">{hint}</p>
      {rules.length === 0 && <p className="muted">No {noun} rules yet.</p>}
      <ul className="rule-list" aria-label={`${Noun} rules`}>
        {rules.map((rule, i) => (
          <RuleItem key={rule.id} rule={rule} name={nameOf(rule.id)} errors={errorsOfRule(errors, errorKey, i)} onToggle={(c, on) => toggle(i, c, on)} onRemove={() => remove(i)} />
        ))}
      </ul>
      <NewRule noun={noun} search={search} pick={pick} onAdd={add} />
    </fieldset>
  );
}

/** Below the rules: the picker for a new one or why there is none to pick, and how to narrow a list main cut. */
function NewRule({ noun, search, pick, onAdd }: { noun: 'team' | 'agent'; search: Search | undefined; pick: RulePick; onAdd(): void }) {
  const nouns = `${noun}s`;
  return (
    <>
      {search?.loading ? (
        <p className="muted">Loading {nouns}…</p>
      ) : pick.noneKnown ? (
        <p className="muted">No {nouns} known yet: they appear once the first poll has answered.</p>
      ) : pick.allRuled ? (
        <p className="muted">Every {noun} has a rule.</p>
      ) : (
        <AddRule noun={noun} offered={pick.offered} search={search} pickedId={pick.pickedId} onPick={pick.setPicked} onAdd={onAdd} />
      )}
      {search && search.matched > search.offered.length && (
        <p className="hint">
          Showing the first {search.offered.length} of {search.matched}; type to narrow the list.
        </p>
      )}
    </>
  );
}

/** One rule: its states to tick, why it never notifies when none is, its errors, and Remove. */
function RuleItem({ rule, name, errors, onToggle, onRemove }: { rule: Rule; name: string; errors: string[]; onToggle(category: StateCategory, on: boolean): void; onRemove(): void }) {
  return (
    <li className="rule" data-rule-id={rule.id}>
      <fieldset className="rule-categories">
        <legend>{name}</legend>
        {NOTIFIABLE_CATEGORIES.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={rule.categories.includes(c)} onChange={(e) => onToggle(c, e.target.checked)} />
            <StateGlyph category={c} />
            <span>{CATEGORY_LABELS[c]}</span>
          </label>
        ))}
      </fieldset>
      {rule.categories.length === 0 && <p className="hint">Nothing ticked: {name} never notifies.</p>}
      {errors.map((m) => (
        <p key={m} className="field-error">
          <span aria-hidden="true">✖ </span>
          {m}
        </p>
      ))}
      <button type="button" className="button" aria-label={`Remove the rule for ${name}`} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}

/** The filter (with a search; Enter adds), the choice of whom, and "Add … rule". */
function AddRule(p: { noun: 'team' | 'agent'; offered: readonly Candidate[]; search: Search | undefined; pickedId: string; onPick(id: string): void; onAdd(): void }) {
  const { noun, offered, search } = p;
  return (
    <div className="add-rule">
      {search && (
        <div className="field">
          <input
            className="picker-filter"
            type="search"
            placeholder="Name, user name or id"
            aria-label={`Filter ${noun}s by name, user name or id`}
            value={search.text}
            onChange={(e) => search.onText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                p.onAdd();
              }
            }}
          />
        </div>
      )}
      {offered.length === 0 ? (
        <p className="muted add-rule-none">No {noun} without a rule matches “{search?.text.trim() ?? ''}”.</p>
      ) : (
        <SelectField
          label={noun === 'team' ? 'Team' : 'Agent'}
          value={p.pickedId}
          options={offered.map((c) => ({ value: String(c.id), label: c.detail ? `${c.name} (${c.detail})` : c.name }))}
          onChange={p.onPick}
        />
      )}
      <button type="button" className="button" disabled={offered.length === 0} onClick={p.onAdd}>
        Add {noun} rule
      </button>
    </div>
  );
}

interface RulesProps {
  settings: NotificationSettings;
  errors: FieldErrors;
  /** While notifications are off. */
  disabled: boolean;
  set: SetSetting;
}

/** `teams`: CXone's, null until main has answered. */
export function TeamRules({ settings, teams, errors, disabled, set }: RulesProps & { teams: PickerChoices['teams'] | null }) {
  // A rule's team CXone no longer lists is named as the Watch picker names it.
  const candidates = useMemo(() => teamsOffered(teams, settings.teamRules.map((r) => r.teamId)), [teams, settings.teamRules]);
  return (
    <RulesEditor
      noun="team"
      hint="A team with a rule notifies only for the states ticked for it (an agent's own rule below comes first); everyone else follows the switches above."
      rules={settings.teamRules.map((r) => ({ id: r.teamId, categories: r.categories }))}
      candidates={candidates}
      errorKey="notifications.teamRules"
      errors={errors}
      disabled={disabled}
      initialCategories={(teamId) => [...notifyingCategories(settings, null, teamId).categories]}
      onChange={(next) => set(['notifications', 'teamRules'], next.map((r) => ({ teamId: r.id, categories: r.categories })))}
    />
  );
}

export function AgentRules({ settings, errors, disabled, set }: RulesProps) {
  const [text, setText] = useState('');
  const ruled = useMemo(() => settings.agentRules.map((r) => r.agentId), [settings.agentRules]);
  const choices = usePickerChoices(text.trim(), ruled, MAX_OFFERED, { followChosen: true });
  const candidateOf = (a: AgentChoice): Candidate => ({ id: a.agentId, name: agentChoiceLabel(a), detail: a.teamName ?? undefined });
  const offered = useMemo(() => (choices?.matches ?? []).map(candidateOf), [choices]);
  const candidates = useMemo(() => [...(choices?.chosen ?? []).map(candidateOf), ...offered], [choices, offered]);
  const teamOf = (agentId: number) => [...(choices?.chosen ?? []), ...(choices?.matches ?? [])].find((a) => a.agentId === agentId)?.teamId ?? null;
  return (
    <RulesEditor
      noun="agent"
      hint="An agent with a rule notifies only for the states ticked for it, whatever its team's rule or the switches above say. “Only for pinned agents” still applies."
      rules={settings.agentRules.map((r) => ({ id: r.agentId, categories: r.categories }))}
      candidates={candidates}
      search={{ text, onText: setText, offered, matched: choices?.matched ?? 0, loading: choices === null }}
      errorKey="notifications.agentRules"
      errors={errors}
      disabled={disabled}
      initialCategories={(agentId) => [...notifyingCategories(settings, agentId, teamOf(agentId)).categories]}
      onChange={(next) => set(['notifications', 'agentRules'], next.map((r) => ({ agentId: r.id, categories: r.categories })))}
    />
  );
}
