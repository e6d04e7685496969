// Whom to watch: everyone, some teams, some agents, or only me; and how often to ask.
import { useMemo, useState } from 'react';
import type { Settings } from '../../../main/settings/schema';
import { RadioGroup } from './fields';
import type { FieldErrors, SetSetting } from './form';
import { SkillScope } from './QueueSettings';
import { SettingNumber } from './SettingNumber';
import { agentChoiceLabel, NOT_FOUND, teamsOffered, usePickerChoices, type AnsweredChoices } from './use-picker-choices';

const MAX_SHOWN = 100;

function toggleId(ids: readonly number[], id: number, on: boolean): number[] {
  return on ? [...new Set([...ids, id])] : ids.filter((x) => x !== id);
}


const WATCH_SCOPES = [
  { value: 'all', label: 'Everyone', hint: 'All agents the API returns.' },
  { value: 'teams', label: 'Some teams' },
  { value: 'agents', label: 'Some agents' },
  { value: 'me', label: 'Only me', hint: 'The agent linked to your sign-in.' },
] as const;

/**
 * The pickers' state: the agent filter, main's answer, and the teams and agents to offer. Held by the
 * section, not the pickers, so the filter and the answer outlive switching the scope away and back.
 */
function useWatchChoices(w: Settings['watch']) {
  const [filter, setFilter] = useState('');
  const text = filter.trim();
  const choices = usePickerChoices(text, w.agentIds, MAX_SHOWN, { enabled: w.scope === 'teams' || w.scope === 'agents' });
  const chosenIds = useMemo(() => new Set(w.agentIds), [w.agentIds]);
  // A chosen team CXone no longer lists stays offered, so it can be unticked — and ticked again.
  const [teamIdsAtOpen] = useState(w.teamIds);
  const teams = useMemo(() => teamsOffered(choices?.teams ?? null, [...teamIdsAtOpen, ...w.teamIds]), [choices, teamIdsAtOpen, w.teamIds]);
  const agents = choices ? [...choices.chosen, ...choices.matches] : [];
  return { filter, setFilter, text, choices, chosenIds, teams, agents };
}

type WatchChoices = ReturnType<typeof useWatchChoices>;

export function WatchSection({ draft, errors, set }: { draft: Settings; errors: FieldErrors; set: SetSetting }) {
  const w = draft.watch;
  const picker = useWatchChoices(w);

  return (
    <section aria-labelledby="watch-title" className="settings-section">
      <h2 id="watch-title" tabIndex={-1}>Watch</h2>
      <RadioGroup legend="Watch scope" name="watch-scope" value={w.scope} options={WATCH_SCOPES} onChange={(v) => set(['watch', 'scope'], v)} />
      {w.scope === 'teams' && <TeamPicker teamIds={w.teamIds} picker={picker} set={set} />}
      {w.scope === 'agents' && <AgentPicker agentIds={w.agentIds} picker={picker} set={set} />}
      <SkillScope draft={draft} set={set} />
      <SettingNumber
        label="Poll interval"
        name="pollIntervalSeconds"
        unit="seconds"
        min={5}
        max={600}
        value={draft.pollIntervalSeconds}
        path={['pollIntervalSeconds']}
        errors={errors}
        set={set}
        hint="How often the app asks CXone for changes (5–600)."
      />
    </section>
  );
}

/** The teams to watch, one box each; until main answers, that they are loading. */
function TeamPicker({ teamIds, picker: { choices, teams }, set }: { teamIds: readonly number[]; picker: WatchChoices; set: SetSetting }) {
  return (
    <fieldset className="picker">
      <legend>Teams to watch ({teamIds.length} chosen)</legend>
      {!choices && <p className="muted">Loading teams…</p>}
      {choices && teams.length === 0 && <p className="muted">No teams known yet: they appear once the first poll has answered.</p>}
      <div className="picker-list">
        {teams.map((t) => (
          <label key={t.id} className="check">
            <input type="checkbox" checked={teamIds.includes(t.id)} onChange={(e) => set(['watch', 'teamIds'], toggleId(teamIds, t.id, e.target.checked))} />
            <span>{t.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The agents to watch: a filter box, the chosen and matching agents one box each, and what the list holds. */
function AgentPicker({ agentIds, picker, set }: { agentIds: readonly number[]; picker: WatchChoices; set: SetSetting }) {
  const { filter, setFilter, text, choices, chosenIds, agents } = picker;
  return (
    <fieldset className="picker">
      <legend>Agents to watch ({agentIds.length} chosen)</legend>
      <input className="picker-filter" type="search" placeholder="Name, user name or id" aria-label="Filter agents by name, user name or id" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="picker-list">
        {agents.map((a) => (
          <label key={a.agentId} className="check">
            <input type="checkbox" checked={chosenIds.has(a.agentId)} onChange={(e) => set(['watch', 'agentIds'], toggleId(agentIds, a.agentId, e.target.checked))} />
            <span>
              {a.name === null ? `Agent ${a.agentId}` : agentChoiceLabel(a)} <span className="muted">{a.name === null ? NOT_FOUND : (a.teamName ?? '')}</span>
            </span>
          </label>
        ))}
      </div>
      {!choices && <p className="muted">Loading agents…</p>}
      {choices && <AgentListHint choices={choices} text={text} />}
    </fieldset>
  );
}

/** What the agent list holds, in words: searching, nothing found, or only the first matches shown. */
function AgentListHint({ choices, text }: { choices: AnsweredChoices; text: string }) {
  if (choices.text !== text) return <p className="muted" role="status">Searching…</p>;
  if (choices.matched === 0 && text) return <p className="muted" role="status">No {choices.chosen.length ? 'other ' : ''}agent's name, user name or id contains "{text}".</p>;
  if (choices.matched === 0 && choices.chosen.length === 0) return <p className="muted">No agents known yet: they appear once the first poll has answered.</p>;
  if (choices.matched <= choices.matches.length) return null;
  return (
    <p className="hint" role="status">
      Showing {choices.matches.length} of {choices.matched}
      {text ? ' matches' : ''}; type to narrow the list.
    </p>
  );
}
