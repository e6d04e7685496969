// The settings window: first-run choice, then sections with one draft of the settings, validated
// with main's schema as you type; Save stays disabled until the draft is valid, and a failed save
// keeps everything you typed.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Settings } from '../../../main/settings/schema';
import type { AppState } from '../../../preload/contract';
import { ActionError, runAction } from '../actions';
import { agentTray } from '../api';
import { errorMessage } from '../format';
import { useAppState, useTheme } from '../hooks';
import { Notices } from '../Notices';
import { ConnectionSection } from './ConnectionSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { FirstRun } from './FirstRun';
import { sameSettings, setAt, validateDraft, type Path } from './form';
import { GeneralSection } from './GeneralSection';
import { NotificationsSection } from './NotificationsSection';
import { WatchSection } from './WatchSection';

const SECTIONS = [
  { id: 'connection', label: 'Connection' },
  { id: 'watch', label: 'Watch' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'general', label: 'General' },
  { id: 'diagnostics', label: 'Diagnostics' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

function sectionFromHash(): SectionId | null {
  const id = window.location.hash.replace(/^#/, '');
  return SECTIONS.some((s) => s.id === id) ? (id as SectionId) : null;
}

/** A failed save: one sentence for the person, and the raw details (paths, error codes) for Copy details. */
type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string; details: string | null };

/** Main could store nothing: what happened and what to do, in a sentence; main has logged the details. */
const STORE_FAILED = 'the settings file could not be written (the disk or folder refused it). Your changes are kept here: free some space or check the folder’s permissions, then save again.';

/** The editable copy. Follows main's settings while untouched; never overwritten once edited. */
function useDraft(state: AppState | null) {
  const [base, setBase] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const dirty = !!draft && !!base && !sameSettings(draft, base);
  // A new settings object from main re-syncs an untouched draft (adjusted during render).
  const incoming = state?.settings ?? null;
  const [seen, setSeen] = useState<Settings | null>(null);
  if (incoming && incoming !== seen) {
    setSeen(incoming);
    if (!draft || !dirty) {
      setBase(incoming);
      setDraft(incoming);
    }
  }
  const set = useCallback((path: Path, value: unknown) => setDraft((d) => (d ? setAt(d, path, value) : d)), []);
  return { draft, base, dirty, set, setDraft, setBase };
}

export function SettingsApp() {
  const state = useAppState();
  useTheme(state?.settings.theme);
  const { draft, dirty, set, setDraft, setBase } = useDraft(state);
  const [section, setSection] = useState<SectionId>(() => sectionFromHash() ?? 'connection');
  const [connectChosen, setConnectChosen] = useState(false);
  const [save, setSave] = useState<SaveStatus>({ kind: 'idle' });
  const contentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onHash = () => {
      const s = sectionFromHash();
      if (s) setSection(s);
    };
    window.addEventListener('hashchange', onHash);
    // Main asks an already open window to show a section (Diagnostics, Notifications) by event.
    const off = agentTray().onShowSection(({ section: s }) => setSection(s));
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, []);

  const errors = draft ? validateDraft(draft) : new Map<string, string>();
  const valid = errors.size === 0;

  const doSave = useCallback(async (): Promise<boolean> => {
    if (!draft || !state) return false;
    setSave({ kind: 'saving' });
    try {
      // Pins and mode change elsewhere (tray window, demo button): send main's latest, not a stale copy.
      const r = await agentTray().saveSettings({ ...draft, pinnedAgentIds: state.settings.pinnedAgentIds, mode: state.settings.mode });
      if (r.ok) {
        setBase(r.settings);
        setDraft(r.settings);
        setSave({ kind: 'saved' });
        return true;
      }
      // Field issues are shown at their fields too; a path-less one is main failing to store a valid draft,
      // whose message carries paths and system error codes: those go behind "Copy details".
      const storage = r.issues.filter((i) => !i.path);
      if (storage.length > 0) setSave({ kind: 'failed', message: STORE_FAILED, details: storage.map((i) => i.message).join('\n') });
      else setSave({ kind: 'failed', message: r.issues.map((i) => `${i.path}: ${i.message}`).join(' '), details: null });
    } catch (err) {
      setSave({ kind: 'failed', message: STORE_FAILED, details: errorMessage(err) });
    }
    return false;
  }, [draft, state, setBase, setDraft]);

  const saveIfDirty = useCallback(async () => (dirty ? doSave() : true), [dirty, doSave]);

  // A layout effect: the handler must see the new `dirty` the moment "Saved." is on screen, or an Esc
  // pressed right after saving is swallowed (a passive effect may run only after the next input).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !dirty) void runAction(agentTray().hideWindow());
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        if (valid && dirty) void doSave();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [dirty, valid, doSave]);

  if (!state || !draft) {
    return (
      <div className="settings loading" aria-busy="true">
        <p className="muted">Loading…</p>
      </div>
    );
  }

  if (state.mode === 'unconfigured' && !connectChosen) {
    return (
      <div className="settings">
        <Notices notices={state.notices} />
        <ActionError />
        <FirstRun
          onConnect={() => {
            setConnectChosen(true);
            setSection('connection');
          }}
        />
      </div>
    );
  }

  const choose = (id: SectionId) => {
    setSection(id);
    requestAnimationFrame(() => contentRef.current?.querySelector<HTMLElement>('h2')?.focus());
  };

  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings sections">
        <h1 className="app-name">Settings</h1>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <button type="button" className="nav-item" aria-current={section === s.id ? 'page' : undefined} onClick={() => choose(s.id)}>
                {s.label}
              </button>
            </li>
          ))}
        </ul>
        <p className="nav-mode">{state.mode === 'demo' ? 'Demo tenant' : (state.tenantLabel ?? 'Not connected')}</p>
      </nav>
      <main className="settings-main">
        <Notices notices={state.notices} />
        {/* The Connection section shows it beside its own buttons. */}
        {section !== 'connection' && <ActionError />}
        <div className="settings-content" ref={contentRef}>
          {section === 'connection' && <ConnectionSection draft={draft} errors={errors} state={state} set={set} saveIfDirty={saveIfDirty} />}
          {section === 'watch' && <WatchSection draft={draft} errors={errors} set={set} />}
          {section === 'notifications' && <NotificationsSection draft={draft} errors={errors} set={set} />}
          {section === 'general' && <GeneralSection draft={draft} state={state} set={set} />}
          {section === 'diagnostics' && <DiagnosticsSection />}
        </div>
        {section !== 'diagnostics' && (
          <footer className="save-bar">
            <p className={`save-status${save.kind === 'failed' && valid ? ' save-failed' : ''}`} role="status">
              {!valid
                ? `Fix ${errors.size === 1 ? 'the highlighted field' : `${errors.size} highlighted fields`} to save.`
                : save.kind === 'saving'
                  ? 'Saving…'
                  : save.kind === 'saved' && !dirty
                    ? '✓ Saved.'
                    : save.kind === 'failed'
                      ? `✖ Not saved: ${save.message}`
                      : dirty
                        ? 'Unsaved changes.'
                        : ''}
            </p>
            {valid && save.kind === 'failed' && save.details && (
              <button type="button" className="button" onClick={() => void runAction(agentTray().copyText({ text: save.details ?? '' }))}>
                Copy details
              </button>
            )}
            <button type="button" className="button" disabled={!dirty} onClick={() => {
                setDraft(state.settings);
                setBase(state.settings);
                setSave({ kind: 'idle' });
              }}>
              Revert
            </button>
            <button type="button" className="button primary" disabled={!valid || !dirty || save.kind === 'saving'} onClick={() => void doSave()}>
              Save
            </button>
          </footer>
        )}
      </main>
    </div>
  );
}
