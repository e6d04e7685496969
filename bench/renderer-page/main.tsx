// Bench page (not shipped): the tray's real list — RosterStore → RosterRows → Chips + virtualized
// AgentList — against a fair non-virtualized list over the same store, the same incremental sort and
// the same row component, on realistic agents (every field set, random names, teams, reason codes
// and skills) and fresh random deltas (new agents picked every time, not the same ones flipped back).
// Each measurement is the wall time of one synchronous React flush (render + commit + layout
// effects) followed by a forced layout read, so style and layout are inside the figure. Driven from
// Playwright through window.rendererBench; nothing here forces a GC.
import { memo, useMemo, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '../../renderer/src/styles.css';
import { categorize, type AgentState } from '../../main/cxone/model';
import { makeRng } from '../../main/demo/rng';
import type { RosterDelta } from '../../main/monitor/status';
import { RosterRows } from '../../renderer/src/roster/rows';
import { RosterStore, nameKey } from '../../renderer/src/roster/store';
import type { ChipId, Row } from '../../renderer/src/roster/view';
import { AgentList } from '../../renderer/src/tray/AgentList';
import { AgentRow } from '../../renderer/src/tray/AgentRow';
import { Chips } from '../../renderer/src/tray/Chips';
import { overLimitMs } from '../../renderer/src/tray/row-limit';

const FIRST = `Ana Ben Chloe Dmitri Elif Farah Gustavo Hana Ivan Jade Kofi Lena Mateo Nadia Omar Priya Quentin Rosa Sven Tariq
Uma Victor Wen Ximena Yusuf Zoe Aiko Bruno Carmen Diego Emma Felix Greta Hugo Ines Jonas Kira Liam Maya Nils Olga Pablo Rhea
Sami Tess Ugo Vera Wim Yara Zack Amir Bea Cyril Dana Eli Fay Gil Hope Ida Jay`.split(/\s+/);
const LAST = `Almeida Brennan Castillo Dubois Eriksen Fischer Garcia Hoffmann Ito Jensen Kowalski Larsen Moreau Nakamura Okafor
Petrov Quinn Rossi Schmidt Tanaka Usman Vargas Weber Xu Yilmaz Zimmermann Abbott Baker Costa Dahl Evans Ferreira Gomez Hansen
Iqbal Jovanovic Kim Lopez Meyer Novak Olsen Park Reyes Silva Torres Ueda Varga Walsh Young Zhang Andersen Bauer Chen Diaz
Engel Fox Gray Horvat Ivanova Juarez Klein Lindqvist Murphy Nguyen Ortiz Perez Rahman Sato Thomsen Ulrich Vogel Wolf Yang
Zeller Acosta Berg Cruz Dorsey Ekström Fonseca`.split(/\s+/);
const REASONS = ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching', 'Personal', 'System Issue', 'Email', 'Project', 'Outbound Prep', 'Team Huddle', 'Wrap Up Extended'];
const SKILLS = Array.from({ length: 30 }, (_, i) => `Skill ${['Support', 'Sales', 'Billing', 'Tech', 'Retention'][i % 5]} ${i}`);
const MEDIA = ['PhoneCall', 'Chat', 'Email', 'WorkItem', 'Digital'];
/** State id, state name, isACW, relative weight. */
const STATES: [number, string, boolean, number][] = [
  [1, 'Available', false, 25],
  [2, 'Unavailable', false, 20],
  [3, 'InboundContact', false, 25],
  [4, 'OutboundContact', false, 5],
  [7, 'Dialer', false, 3],
  [2, 'Unavailable', true, 7],
  [0, 'LoggedOut', false, 12],
  [8, 'LoggedIn', false, 3],
];
const WEIGHT = STATES.reduce((n, s) => n + s[3], 0);

let rand = makeRng(1);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** Server times carry no milliseconds. */
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

let clock = Date.UTC(2025, 0, 15, 13);

/** The agent's next state: everything that changes with a state, with fresh random values. */
function withState(base: AgentState, at: number): AgentState {
  let r = rand() * WEIGHT;
  const [stateId, stateName, isACW] = STATES.find((s) => (r -= s[3]) < 0) ?? STATES[0]!;
  const onContact = stateId >= 3 && stateId <= 7;
  const reason = stateId === 2 && !isACW ? pick(REASONS) : null;
  return {
    ...base,
    stateId,
    stateName,
    category: categorize(stateId, stateName, isACW),
    isACW,
    outStateId: reason ? 100 + REASONS.indexOf(reason) : null,
    outStateDescription: reason,
    contactId: onContact || isACW ? Math.floor(rand() * 2 ** 40) : null,
    skillName: onContact || isACW ? pick(SKILLS) : null,
    mediaTypeName: onContact || isACW ? pick(MEDIA) : null,
    startDate: iso(at),
    lastUpdateTime: iso(at),
  };
}

function makeAgent(i: number, teams: number): AgentState {
  const firstName = pick(FIRST);
  const lastName = pick(LAST);
  const teamId = Math.floor(rand() * teams);
  const base: AgentState = {
    agentId: 10_000_000 + Math.floor(rand() * 1000) * 100_000 + i,
    stateId: 0,
    stateName: 'LoggedOut',
    category: 'logged-out',
    outStateId: null,
    outStateDescription: null,
    isACW: false,
    contactId: null,
    skillName: null,
    mediaTypeName: null,
    startDate: null,
    lastUpdateTime: null,
    firstName,
    lastName,
    userName: `${firstName}.${lastName}.${i}@tenant.example`.toLowerCase(),
    teamId,
    teamName: `Team ${pick(['North', 'South', 'East', 'West', 'Central'])} ${teamId}`,
    businessUnitId: 4_600_000 + Math.floor(rand() * 3),
    isActive: true,
  };
  return withState(base, clock - Math.floor(rand() * 4 * 3_600_000));
}

const NO_CHIPS: ReadonlySet<ChipId> = new Set();
const NO_PINS: ReadonlySet<number> = new Set();
const noop = () => {};
// The tray's own row limit (row-limit.ts) with a 15-minute general limit, as a user might set it.
const OVER_LIMIT_MS = overLimitMs({ unavailableLongerThanMinutes: 15, codeLimitsFromCxone: true, codeRules: [] });

/** What the tray renders for the roster: the chips' tallies and the virtualized list. */
function TrayList({ store }: { store: RosterStore }) {
  const view = useSyncExternalStore(store.subscribe, store.getView);
  const [rosterRows] = useState(() => new RosterRows());
  const rows = useMemo(() => rosterRows.update(view, { sort: 'name', search: '', chips: NO_CHIPS, pinned: NO_PINS, groupByTeam: false }), [rosterRows, view]);
  const counts = useMemo(() => view.store.counts(), [view]);
  return (
    <>
      <Chips counts={counts} selected={NO_CHIPS} onToggle={noop} onClear={noop} />
      <div className="tray-body">
        <AgentList rows={rows} now={clock} density="compact" sameNames={view.store.sameNames} overLimitMs={OVER_LIMIT_MS} activeId={null} onActiveChange={noop} onOpen={noop} onTogglePin={noop} />
      </div>
    </>
  );
}

/** A row of the fair baseline: the tray's own row, wrapped in a memo like the list's window rows. */
const BaselineRow = memo(function BaselineRow({ row, duplicate }: { row: Row; duplicate: boolean }) {
  if (row.kind === 'header') return <div className="group-header">{row.label}</div>;
  return <AgentRow agent={row.agent} pinned={row.pinned} active={false} now={clock} onSelect={noop} onTogglePin={noop} density="compact" duplicate={duplicate} overLimitMs={OVER_LIMIT_MS} />;
});

/** What a competent engineer writes without virtualization: same store, same sort, every row in the DOM. */
function BaselineList({ store }: { store: RosterStore }) {
  const view = useSyncExternalStore(store.subscribe, store.getView);
  const [rosterRows] = useState(() => new RosterRows());
  const rows = useMemo(() => rosterRows.update(view, { sort: 'name', search: '', chips: NO_CHIPS, pinned: NO_PINS, groupByTeam: false }).toArray(), [rosterRows, view]);
  const counts = useMemo(() => view.store.counts(), [view]);
  const same = view.store.sameNames;
  return (
    <>
      <Chips counts={counts} selected={NO_CHIPS} onToggle={noop} onClear={noop} />
      <div className="tray-body">
        <div className="agent-list" role="listbox" aria-label="baseline">
          {rows.map((row) => (
            <BaselineRow key={row.key} row={row} duplicate={row.kind === 'agent' && same.has(nameKey(row.agent))} />
          ))}
        </div>
      </div>
    </>
  );
}

let root: Root | null = null;
let store: RosterStore | null = null;
let revision = 1;
let agents: AgentState[] = [];

/** One synchronous flush, then a layout read: style and layout are done when the clock stops. */
function timed(fn: () => void): number {
  const t0 = performance.now();
  flushSync(fn);
  void document.body.offsetHeight;
  return performance.now() - t0;
}

function nextDelta(changes: number): RosterDelta {
  clock += 1000;
  const picked = new Set<number>();
  while (picked.size < Math.min(changes, agents.length)) picked.add(Math.floor(rand() * agents.length));
  const upserts: AgentState[] = [];
  for (const i of picked) upserts.push((agents[i] = withState(agents[i]!, clock - Math.floor(rand() * 5000))));
  return { base: revision, revision: ++revision, upserts, removed: [] };
}

const container = document.getElementById('root')!;
container.className = 'tray';

const bench = {
  /** A fresh roster of n agents from `runSeed` (not timed). */
  setup(n: number, runSeed: number): void {
    root?.unmount();
    root = createRoot(container);
    store = null;
    rand = makeRng(runSeed);
    revision = 1;
    const teams = Math.max(5, Math.round(n / 40));
    agents = Array.from({ length: n }, (_, i) => makeAgent(i, teams));
  },
  mount(kind: 'virtual' | 'baseline'): number {
    const s = new RosterStore();
    store = s;
    return timed(() => {
      s.loadSnapshot({ revision, agents, teams: [] });
      root!.render(kind === 'virtual' ? <TrayList store={s} /> : <BaselineList store={s} />);
    });
  },
  delta(changes: number): number {
    const d = nextDelta(changes);
    return timed(() => {
      if (store!.applyDelta(d) !== 'applied') throw new Error('delta out of order');
    });
  },
  rowsInDom(): number {
    return container.querySelectorAll('[role=option]').length;
  },
  teardown(): void {
    root?.unmount();
    root = null;
    store = null;
    agents = [];
  },
};

(window as unknown as { rendererBench: typeof bench }).rendererBench = bench;
