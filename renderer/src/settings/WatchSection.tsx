// Whom to watch: everyone, some teams, some agents, or only me; and how often to ask.
import { useMemo, useState } from 'react';
import { displayName } from '../../../main/cxone/model';
import type { Settings } from '../../../main/settings/schema';
import { NumberField, RadioGroup } from './fields';
import { numberFromInput, type FieldErrors, type Path } from './form';
import { SkillScope } from './QueueSettings';
import { useRosterSnapshot, useSortedTeams } from './use-roster-snapshot';

const MAX_SHOWN = 100;

function toggleId(ids: readonly number[], id: number, on: boolean): number[] {
  return on ? [...new Set([...ids, id])] : ids.filter((x) => x !== id);
}

export function WatchSection({ draft, errors, set }: { draft: Settings; errors: FieldErrors; set(path: Path, value: unknown): void }) {
  const roster = useRosterSnapshot({ everyone: true });
  const [filter, setFilter] = useState('');
  const w = draft.watch;
  const teams = useSortedTeams(roster);
  const agents = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = roster?.agents ?? [];
    return all
      .filter((a) => w.agentIds.includes(a.agentId) || !needle || displayName(a).toLowerCase().includes(needle))
      .sort((a, b) => Number(w.agentIds.includes(b.agentId)) - Number(w.agentIds.includes(a.agentId)) || displayName(a).localeCompare(displayName(b)))
      .slice(0, MAX_SHOWN);
  }, [roster, filter, w.agentIds]);

  return (
    <section aria-labelledby="watch-title" className="settings-section">
      <h2 id="watch-title" tabIndex={-1}>Watch</h2>
      <RadioGroup
        legend="Watch scope"
        name="watch-scope"
        value={w.scope}
        options={[
          { value: 'all', label: 'Everyone', hint: 'All agents the API returns.' },
          { value: 'teams', label: 'Some teams' },
          { value: 'agents', label: 'Some agents' },
          { value: 'me', label: 'Only me', hint: 'The agent linked to your sign-in.' },
        ]}
        onChange={(v) => set(['watch', 'scope'], v)}
      />
      {w.scope === 'teams' && (
        <fieldset className="picker">
          <legend>Teams to watch ({w.teamIds.length} chosen)</legend>
          {teams.length === 0 && <p className="muted">No teams known yet: they appear once the first poll has answered.</p>}
          <div className="picker-list">
            {teams.map((t) => (
              <label key={t.id} className="check">
                <input type="checkbox" checked={w.teamIds.includes(t.id)} onChange={(e) => set(['watch', 'teamIds'], toggleId(w.teamIds, t.id, e.target.checked))} />
                <span>{t.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {w.scope === 'agents' && (
        <fieldset className="picker">
          <legend>Agents to watch ({w.agentIds.length} chosen)</legend>
          <input className="picker-filter" type="search" placeholder="Filter by name" aria-label="Filter agents by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <div className="picker-list">
            {agents.map((a) => (
              <label key={a.agentId} className="check">
                <input type="checkbox" checked={w.agentIds.includes(a.agentId)} onChange={(e) => set(['watch', 'agentIds'], toggleId(w.agentIds, a.agentId, e.target.checked))} />
                <span>
                  {displayName(a)} <span className="muted">{a.teamName ?? ''}</span>
                </span>
              </label>
            ))}
          </div>
          {(roster?.agents.length ?? 0) > MAX_SHOWN && <p className="hint">Showing at most {MAX_SHOWN}; type to narrow the list.</p>}
        </fieldset>
      )}
      <SkillScope draft={draft} set={set} />
      <NumberField
        label="Poll interval"
        name="pollIntervalSeconds"
        unit="seconds"
        min={5}
        max={600}
        value={draft.pollIntervalSeconds}
        error={errors.get('pollIntervalSeconds')}
        hint="How often the app asks CXone for changes (5–600)."
        onChange={(v) => set(['pollIntervalSeconds'], numberFromInput(v))}
      />
    </section>
  );
}
