// The renderer's snapshot in parts (issue 15): one IPC reply of every agent is one synchronous
// structured clone on the main thread — 350–600 ms at 100,000 agents. A window reads the snapshot in
// parts of SNAPSHOT_PART agents instead, each its own reply, with the event loop free in between. All
// parts come from the one snapshot taken for the first part (held by its token), so they fit together
// at that snapshot's revision; deltas after it reach the renderer as usual.
import type { RosterSnapshot, RosterSnapshotPart } from './status';

/** Agents per reply: a few ms to serialize. */
export const SNAPSHOT_PART = 2_000;
/** Snapshots held for readers still reading; the oldest goes first (its reader starts over). */
const MAX_HELD = 4;

export interface SnapshotParts {
  /**
   * token null (or one no longer held): a new snapshot, from its first agent. Otherwise the agents of
   * the held snapshot from `from` on. The last part lets the snapshot go.
   */
  part(request: SnapshotPartRequest): RosterSnapshotPart;
}

export interface SnapshotPartRequest {
  token: number | null;
  from: number;
}

export function createSnapshotParts(take: () => RosterSnapshot, partSize = SNAPSHOT_PART): SnapshotParts {
  // A few snapshots at once, so two windows reading at the same time do not keep ending each other's.
  const held = new Map<number, RosterSnapshot>();
  let tokens = 0;
  return {
    part({ token, from }) {
      let snapshot = token === null ? undefined : held.get(token);
      let id = token ?? 0;
      let start = from;
      if (snapshot === undefined) {
        snapshot = take();
        id = ++tokens;
        held.set(id, snapshot);
        if (held.size > MAX_HELD) held.delete(held.keys().next().value!);
        start = 0;
      }
      const agents = snapshot.agents.slice(start, start + partSize);
      const total = snapshot.agents.length;
      if (start + agents.length >= total) held.delete(id);
      return { ...snapshot, agents, token: id, from: start, total };
    },
  };
}

/** Reads a whole snapshot part by part (the renderer's side); starts over if main began a new one. */
export async function readSnapshotInParts(ask: (request: SnapshotPartRequest) => Promise<RosterSnapshotPart>): Promise<RosterSnapshot> {
  let agents: RosterSnapshot['agents'] = [];
  let token: number | null = null;
  for (;;) {
    const part = await ask({ token, from: agents.length });
    if (part.token !== token || part.from !== agents.length) agents = [];
    token = part.token;
    // Appended in place: a concat per part copied everything read so far again (50 parts at 100k agents).
    for (const a of part.agents) agents.push(a);
    if (agents.length >= part.total) {
      const { token: _t, from: _f, total: _n, ...snapshot } = part;
      return { ...snapshot, agents };
    }
  }
}
