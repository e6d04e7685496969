import type { Settings } from '../../../main/settings/schema';
import type { AppState } from '../../../preload/contract';
import { SelectField, Toggle } from './fields';
import type { SetSetting } from './form';

/**
 * Where the sign-in is kept, in words that are true where the window runs: a sign-in held in memory (no
 * keychain, as in the browser preview) says so; otherwise the keychain, or memory where there is none.
 */
function signInKeptWords(session: AppState['session']): string {
  if (session.kind === 'signed-in' && session.storage === 'memory') {
    return 'This sign-in is kept in memory only (there is no system keychain to keep it in), so you will sign in again after a restart; it is never written to these files.';
  }
  return "A sign-in's refresh token is kept in the system keychain (in memory only where there is none), never in these files.";
}

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
      <p className="hint">{signInKeptWords(state.session)}</p>
    </section>
  );
}
