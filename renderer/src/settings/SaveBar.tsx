// Saving the settings window's draft: the save itself (what main answers, in a sentence a person can act
// on) and the bar under every section that says where the draft stands, with Save and Revert.
import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';
import type { Settings } from '../../../main/settings/schema';
import type { AppState } from '../../../preload/contract';
import { runAction } from '../actions';
import { agentTray } from '../api';
import { errorMessage } from '../format';

/** A failed save: one sentence for the person, and the raw details (paths, error codes) for Copy details. */
export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string; details: string | null };

/** Main could store nothing: what happened and what to do, in a sentence; main has logged the details. */
const STORE_FAILED = 'the settings file could not be written (the disk or folder refused it). Your changes are kept here: free some space or check the folder’s permissions, then save again.';

/**
 * Saves the draft through main. `doSave` resolves true when main stored it (the draft then becomes
 * main's settings, unless it was edited meanwhile); a refusal or failure keeps the draft as typed and
 * says why in `save`. `revert`
 * goes back to main's settings.
 */
export function useSave(state: AppState | null, draft: Settings | null, setDraft: Dispatch<SetStateAction<Settings | null>>, setBase: (s: Settings) => void) {
  const [save, setSave] = useState<SaveStatus>({ kind: 'idle' });

  const doSave = useCallback(async (): Promise<boolean> => {
    // One save at a time, as the disabled Save button says (Ctrl+S does not bypass it).
    if (!draft || !state || save.kind === 'saving') return false;
    setSave({ kind: 'saving' });
    try {
      // Pins and mode change elsewhere (tray window, demo button): send main's latest, not a stale copy.
      const r = await agentTray().saveSettings({ ...draft, pinnedAgentIds: state.settings.pinnedAgentIds, mode: state.settings.mode });
      if (r.ok) {
        setBase(r.settings);
        // An edit made while main was saving is newer than what it stored: kept (and then unsaved), not replaced.
        setDraft((current) => (current === draft ? r.settings : current));
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
  }, [draft, state, save.kind, setBase, setDraft]);

  const revert = useCallback(() => {
    if (!state) return;
    setDraft(state.settings);
    setBase(state.settings);
    setSave({ kind: 'idle' });
  }, [state, setBase, setDraft]);

  return { save, doSave, revert };
}

/** What the bar says: fields to fix first, then the save's progress or failure, then unsaved changes. */
function statusText(save: SaveStatus, dirty: boolean, errorCount: number): string {
  if (errorCount > 0) return `Fix ${errorCount === 1 ? 'the highlighted field' : `${errorCount} highlighted fields`} to save.`;
  if (save.kind === 'saving') return 'Saving…';
  if (save.kind === 'saved' && !dirty) return '✓ Saved.';
  if (save.kind === 'failed') return `✖ Not saved: ${save.message}`;
  return dirty ? 'Unsaved changes.' : '';
}

export function SaveBar({ save, dirty, errorCount, onSave, onRevert }: { save: SaveStatus; dirty: boolean; errorCount: number; onSave: () => void; onRevert: () => void }) {
  const valid = errorCount === 0;
  return (
    <footer className="save-bar">
      <p className={`save-status${save.kind === 'failed' && valid ? ' save-failed' : ''}`} role="status">
        {statusText(save, dirty, errorCount)}
      </p>
      {valid && save.kind === 'failed' && save.details && (
        <button type="button" className="button" onClick={() => void runAction(agentTray().copyText({ text: save.details ?? '' }))}>
          Copy details
        </button>
      )}
      <button type="button" className="button" disabled={!dirty} onClick={onRevert}>
        Revert
      </button>
      <button type="button" className="button primary" disabled={!valid || !dirty || save.kind === 'saving'} onClick={onSave}>
        Save
      </button>
    </footer>
  );
}
