// The settings window: first-run choice, then sections with one draft of the settings, validated
// with main's schema as you type; Save stays disabled until the draft is valid, and a failed save
// keeps everything you typed.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Settings } from '../../../main/settings/schema';
import type { AppState } from '../../../preload/contract';
import { ActionError, runAction, wordsShown } from '../actions';
import { agentTray } from '../api';
import { useAppState, useTheme } from '../hooks';
import { Notices } from '../Notices';
import { ConnectionSection } from './ConnectionSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { FirstRun } from './FirstRun';
import { sameSettings, setAt, validateDraft, type FieldErrors, type Path, type SetSetting } from './form';
import { GeneralSection } from './GeneralSection';
import { NotificationsSection } from './NotificationsSection';
import { SaveBar, useSave } from './SaveBar';
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

/** The section shown: from the URL's hash at first and when it changes, or when main asks for one. */
function useSection() {
  const state = useState<SectionId>(() => sectionFromHash() ?? 'connection');
  const setSection = state[1];
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
  }, [setSection]);
  return state;
}

/** Esc hides the window when nothing is unsaved; Ctrl/Cmd+S saves a valid, changed draft. */
function useSettingsKeys(dirty: boolean, valid: boolean, doSave: () => Promise<boolean>) {
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
}

function SectionNav({ section, modeLabel, onChoose }: { section: SectionId; modeLabel: string; onChoose: (id: SectionId) => void }) {
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <h1 className="app-name">Settings</h1>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <button type="button" className="nav-item" aria-current={section === s.id ? 'page' : undefined} onClick={() => onChoose(s.id)}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
      <p className="nav-mode">{modeLabel}</p>
    </nav>
  );
}

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

/** Choosing a section in the nav moves focus to its heading, once the section has rendered. */
function useChooseSection(setSection: (id: SectionId) => void) {
  const contentRef = useRef<HTMLDivElement>(null);
  const choose = (id: SectionId) => {
    setSection(id);
    requestAnimationFrame(() => contentRef.current?.querySelector<HTMLElement>('h2')?.focus());
  };
  return { contentRef, choose };
}

/** Until main's first state, and with it the draft, arrives. */
function SettingsLoading() {
  return (
    <div className="settings loading" aria-busy="true">
      <p className="muted">Loading…</p>
    </div>
  );
}

/** Not configured yet: the first-run choice comes before any section. */
function Welcome({ notices, onConnect }: { notices: AppState['notices']; onConnect(): void }) {
  return (
    <div className="settings settings-welcome">
      <Notices notices={notices} />
      <ActionError saidElsewhere={notices.map((n) => n.message)} />
      <FirstRun onConnect={onConnect} />
    </div>
  );
}

interface SectionContentProps {
  section: SectionId;
  draft: Settings;
  errors: FieldErrors;
  state: AppState;
  set: SetSetting;
  saveIfDirty(): Promise<boolean>;
}

/** The chosen section's fields, all editing the one draft. */
function SectionContent({ section, draft, errors, state, set, saveIfDirty }: SectionContentProps) {
  return (
    <>
      {section === 'connection' && <ConnectionSection draft={draft} errors={errors} state={state} set={set} saveIfDirty={saveIfDirty} />}
      {section === 'watch' && <WatchSection draft={draft} errors={errors} set={set} />}
      {section === 'notifications' && <NotificationsSection draft={draft} errors={errors} set={set} />}
      {section === 'general' && <GeneralSection draft={draft} state={state} set={set} />}
      {section === 'diagnostics' && <DiagnosticsSection />}
    </>
  );
}

export function SettingsApp() {
  const state = useAppState();
  useTheme(state?.settings.theme);
  const { draft, dirty, set, setDraft, setBase } = useDraft(state);
  const [section, setSection] = useSection();
  const [connectChosen, setConnectChosen] = useState(false);
  const { save, doSave, revert } = useSave(state, draft, setDraft, setBase);
  const { contentRef, choose } = useChooseSection(setSection);

  const errors = draft ? validateDraft(draft) : new Map<string, string>();
  const valid = errors.size === 0;
  const saveIfDirty = useCallback(async () => (dirty ? doSave() : true), [dirty, doSave]);
  useSettingsKeys(dirty, valid, doSave);

  if (!state || !draft) return <SettingsLoading />;

  if (state.mode === 'unconfigured' && !connectChosen) {
    return (
      <Welcome
        notices={state.notices}
        onConnect={() => {
          setConnectChosen(true);
          setSection('connection');
        }}
      />
    );
  }

  return (
    <div className="settings">
      <SectionNav section={section} modeLabel={state.mode === 'demo' ? 'Demo tenant' : (state.tenantLabel ?? 'Not connected')} onChoose={choose} />
      <main className="settings-main">
        <Notices notices={state.notices} />
        {/* The Connection section shows it beside its own buttons. */}
        {section !== 'connection' && <ActionError saidElsewhere={wordsShown(state)} />}
        <div className="settings-content" ref={contentRef}>
          <SectionContent section={section} draft={draft} errors={errors} state={state} set={set} saveIfDirty={saveIfDirty} />
        </div>
        {section !== 'diagnostics' && <SaveBar save={save} dirty={dirty} errorCount={errors.size} onSave={() => void doSave()} onRevert={revert} />}
      </main>
    </div>
  );
}
