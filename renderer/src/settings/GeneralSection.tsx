import type { Settings } from '../../../main/settings/schema';
import type { AppState } from '../../../preload/contract';
import { SelectField, Toggle } from './fields';
import type { SetSetting } from './form';

export function GeneralSection({ draft, state, set }: { draft: Settings; state: AppState; set: SetSetting }) {
  return (
    <section aria-labelledby="general-title" className="settings-section">
      <h2 id="general-title" tabIndex={-1}>General</h2>
      <Toggle label="Start at login" checked={draft.autostart} onChange={(v) => set(['autostart'], v)} />
      <SelectField
        label="Theme"
        value={draft.theme}
        options={[
          { value: 'system', label: 'Same as the system' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ]}
        onChange={(v) => set(['theme'], v)}
      />
      <SelectField
        label="Number on the tray icon"
        value={draft.trayBadge}
        options={[
          { value: 'available', label: 'Agents available' },
          { value: 'waiting', label: 'Contacts waiting in the watched queues' },
        ]}
        hint="Where the platform shows a number by the icon; with queues off, “waiting” shows none."
        onChange={(v) => set(['trayBadge'], v)}
      />
      <h3 className="section-title">Where things are kept</h3>
      <dl className="facts paths">
        <div className="fact">
          <dt>Settings file</dt>
          <dd>
            <code>{state.paths.settings}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>Logs</dt>
          <dd>
            <code>{state.paths.logs}</code>
          </dd>
        </div>
      </dl>
      <p className="hint">The sign-in's refresh token is kept in the system keychain, never in these files.</p>
    </section>
  );
}
