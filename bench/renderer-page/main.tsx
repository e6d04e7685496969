// Bench page (not shipped): the tray's real list (RosterStore → SortedRoster → deriveRows →
// virtualized AgentList) against a naive non-virtualized list, on the same 10,000 agents and the same
// deltas. Each measurement is the wall time of one synchronous React flush (render + commit + layout
// effects), driven from Playwright through window.rendererBench.
import { useMemo, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '../../renderer/src/styles.css';
import { categorize, displayName, type AgentState } from '../../main/cxone/model';
import type { RosterDelta } from '../../main/monitor/status';
import { RosterStore } from '../../renderer/src/roster/store';
import { RowCache, SortedRoster, deriveRows } from '../../renderer/src/roster/view';
import { AgentList } from '../../renderer/src/tray/AgentList';
import { AgentRow } from '../../renderer/src/tray/AgentRow';

const STATES = [
  [1, 'Available'],
  [2, 'Unavailable'],
  [3, 'InboundContact'],
  [0, 'LoggedOut'],
] as const;
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dmitri', 'Elif', 'Farah', 'Gustavo', 'Hana', 'Ivan', 'Jade', 'Kofi', 'Lena'];
const LAST = ['Almeida', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hoffmann', 'Ito', 'Jensen'];

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

function agent(i: number, stateIndex: number, at: number): AgentState {
  const [stateId, stateName] = STATES[stateIndex % STATES.length]!;
  return {
    agentId: 40_000_000 + i,
    stateId,
    stateName,
    category: categorize(stateId, stateName, false),
    outStateId: stateId === 2 ? 12 : null,
    outStateDescription: stateId === 2 ? 'Break' : null,
    isACW: false,
    contactId: stateId === 3 ? 900_000 + i : null,
    skillName: stateId === 3 ? 'Support Phone' : null,
    mediaTypeName: stateId === 3 ? 'PhoneCall' : null,
    startDate: new Date(at).toISOString(),
    lastUpdateTime: new Date(at).toISOString(),
    firstName: FIRST[i % FIRST.length]!,
    lastName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
    userName: `agent${i}`,
    teamId: i % 40,
    teamName: `Team ${i % 40}`,
    businessUnitId: 1,
    isActive: true,
  };
}

const NOW = Date.UTC(2025, 0, 15, 13);
const noop = () => {};

function VirtualList({ store }: { store: RosterStore }) {
  const view = useSyncExternalStore(store.subscribe, store.getView);
  const [sorted] = useState(() => new SortedRoster());
  const [rowCache] = useState(() => new RowCache());
  const ordered = useMemo(() => sorted.order(view, 'name'), [sorted, view]);
  const rows = useMemo(() => deriveRows(ordered, { sort: 'name', search: '', chips: new Set(), pinned: new Set(), groupByTeam: false }, rowCache), [ordered, rowCache]);
  return (
    <div className="tray-body">
      <AgentList rows={rows} now={null} activeId={null} onActiveChange={noop} onOpen={noop} onTogglePin={noop} />
    </div>
  );
}

/** What a straightforward list does: replace the array, sort it, render every row. */
let setBaseline: ((update: (prev: AgentState[]) => AgentState[]) => void) | null = null;
function BaselineList({ initial }: { initial: AgentState[] }) {
  const [agents, setAgents] = useState(initial);
  setBaseline = setAgents;
  const sorted = useMemo(() => [...agents].sort((a, b) => displayName(a).localeCompare(displayName(b))), [agents]);
  return (
    <div className="agent-list" role="listbox" aria-label="baseline">
      {sorted.map((a) => (
        <div key={a.agentId} style={{ height: 46 }}>
          <AgentRow agent={a} pinned={false} active={false} now={null} onSelect={noop} onTogglePin={noop} />
        </div>
      ))}
    </div>
  );
}

let root: Root | null = null;
let store: RosterStore | null = null;
let revision = 0;
let agents: AgentState[] = [];

function timed(fn: () => void): number {
  const t0 = performance.now();
  flushSync(fn);
  return performance.now() - t0;
}

function nextDelta(changes: number): RosterDelta {
  const upserts: AgentState[] = [];
  const picked = new Set<number>();
  while (picked.size < changes) picked.add(Math.floor(rand() * agents.length));
  for (const i of picked) {
    const a = agents[i]!;
    const next = agent(i, STATES.findIndex(([id]) => id === a.stateId) + 1, NOW + revision * 1000);
    agents[i] = next;
    upserts.push(next);
  }
  return { base: revision, revision: ++revision, upserts, removed: [] };
}

const container = document.getElementById('root')!;
container.className = 'tray';

const bench = {
  reset(n: number): void {
    root?.unmount();
    root = createRoot(container);
    seed = 42;
    revision = 1;
    agents = Array.from({ length: n }, (_, i) => agent(i, Math.floor(rand() * 4), NOW - Math.floor(rand() * 3_600_000)));
  },
  mountVirtual(): number {
    const s = new RosterStore();
    store = s;
    return timed(() => {
      s.loadSnapshot({ revision, agents, teams: [] });
      root!.render(<VirtualList store={s} />);
    });
  },
  mountBaseline(): number {
    const initial = [...agents];
    return timed(() => root!.render(<BaselineList initial={initial} />));
  },
  deltaVirtual(changes: number): number {
    const d = nextDelta(changes);
    return timed(() => {
      if (store!.applyDelta(d) !== 'applied') throw new Error('delta out of order');
    });
  },
  deltaBaseline(changes: number): number {
    const d = nextDelta(changes);
    return timed(() =>
      setBaseline!((prev) => {
        const byId = new Map(prev.map((a) => [a.agentId, a]));
        for (const u of d.upserts) byId.set(u.agentId, u);
        return [...byId.values()];
      }),
    );
  },
  rowsInDom(): number {
    return container.querySelectorAll('[role=option]').length;
  },
};

(window as unknown as { rendererBench: typeof bench }).rendererBench = bench;
