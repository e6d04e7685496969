// Keeps a RosterStore in step with main: one snapshot, then deltas; a delta that does not follow our
// revision (we missed one), or a reset (RESET_BASE), triggers a fresh snapshot instead of guessing.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { readSnapshotInParts } from '../../../main/monitor/snapshot-parts';
import { RESET_BASE, type RosterDelta } from '../../../main/monitor/status';
import { agentTray } from '../api';
import { RosterStore, type RosterView } from './store';

export function useRoster(): { store: RosterStore; view: RosterView; error: string | null } {
  const [store] = useState(() => new RosterStore());
  const [error, setError] = useState<string | null>(null);
  const view = useSyncExternalStore(store.subscribe, store.getView);

  useEffect(() => {
    let live = true;
    // Deltas that arrive while a snapshot is in flight wait here, then apply if they follow it.
    let pending: RosterDelta[] | null = null;
    const fetchSnapshot = async () => {
      if (pending) return;
      pending = [];
      try {
        // In parts: one reply of 100,000 agents would hold up main for a few hundred ms.
        const snapshot = await readSnapshotInParts((request) => agentTray().getRosterSnapshotPart(request));
        if (!live) return;
        store.loadSnapshot(snapshot);
        setError(null);
      } catch (err) {
        if (live) setError(err instanceof Error ? err.message : String(err));
      }
      const queued = pending;
      pending = null;
      for (const delta of queued) onDelta(delta);
    };
    const onDelta = (delta: RosterDelta) => {
      if (pending) {
        pending.push(delta);
        return;
      }
      // A reset asks for a snapshot whatever revision it names: what changed is not in the deltas.
      if (delta.base === RESET_BASE) return void fetchSnapshot();
      const rev = store.currentRevision;
      if (rev !== null && delta.revision <= rev) return; // already in the snapshot
      if (store.applyDelta(delta) === 'stale') void fetchSnapshot();
    };
    const off = agentTray().onRosterDelta(onDelta);
    void fetchSnapshot();
    return () => {
      live = false;
      off();
    };
  }, [store]);

  return { store, view, error };
}
