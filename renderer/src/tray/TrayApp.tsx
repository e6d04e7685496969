// The tray window: who is available right now, at a glance, and who changed.
import { useCallback, useMemo, useRef, type RefObject } from 'react';
import type { Trend } from '../../../main/monitor/status';
import type { AgentState } from '../../../main/cxone/model';
import type { AppState } from '../../../preload/contract';
import { ActionError, wordsShown } from '../actions';
import { connectionStatus } from '../format';
import { useAppState, useNow, useTheme } from '../hooks';
import { Notices } from '../Notices';
import { useRoster } from '../roster/use-roster';
import type { RowList } from '../roster/rows';
import type { Counts, RosterView } from '../roster/store';
import { AgentDetail } from './AgentDetail';
import { AgentList, type AgentListHandle } from './AgentList';
import { Chips } from './Chips';
import { emptyRoster, emptyRosterKind } from './EmptyRoster';
import { Header } from './Header';
import { QueueStrip } from './QueueStrip';
import { SignInBanner } from './SignInBanner';
import { TrendStrip, useTrend } from './TrendStrip';
import { Toolbar } from './Toolbar';
import { useDensity, useRowLimit, type Density, type LimitOf } from './tray-options';
import { useListControls, type ListControls } from './use-list-controls';
import { useListRows } from './use-list-rows';
import { usePins } from './use-pins';
import { useQueues } from './use-queues';
import { useAgentDetail, type AgentDetailControls } from './use-agent-detail';
import { useTrayActions } from './use-tray-actions';
import { useTrayKeys } from './use-tray-keys';

/** Until main's first state arrives. */
function TrayLoading() {
  return (
    <div className="tray loading" aria-busy="true">
      <p className="muted">Loading…</p>
    </div>
  );
}

/** What the window says before anything else: main's notices, a sign-in under way, an action that failed. */
function TrayNotices({ state }: { state: AppState }) {
  return (
    <>
      <Notices notices={state.notices} />
      {state.session.kind === 'signing-in' && <SignInBanner url={state.session.url} />}
      {/* A failed sign-in's words are the session's (the empty list shows them), or a banner's. */}
      <ActionError saidElsewhere={wordsShown(state)} />
    </>
  );
}

interface ListHeadProps {
  trend: Trend | null;
  clockLocale: string | null;
  /** The time the data is true at. */
  now: number;
  counts: Counts;
  controls: ListControls;
  searchRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<AgentListHandle | null>;
  density: Density;
  onToggleDensity(): void;
}

/** Above the list while there are agents: the trend, the state chips that filter, and the toolbar. */
function ListHead({ trend, clockLocale, now, counts, controls, searchRef, listRef, density, onToggleDensity }: ListHeadProps) {
  return (
    <>
      <TrendStrip trend={trend} now={now} clockLocale={clockLocale} />
      <Chips counts={counts} selected={controls.chips} onClear={controls.clearChips} onToggle={controls.toggleChip} />
      <Toolbar
        searchRef={searchRef}
        search={controls.search}
        onSearch={controls.setSearch}
        onLeaveSearch={() => listRef.current?.focus()}
        sort={controls.sort}
        onSort={controls.setSort}
        density={density}
        onToggleDensity={onToggleDensity}
        groupByTeam={controls.groupByTeam}
        onGroupByTeam={controls.setGroupByTeam}
      />
    </>
  );
}

/** The list's controls and rows, the agent the detail shows, and the keys that drive them. */
function useTrayList(view: RosterView, pinned: ReadonlySet<number>) {
  const controls = useListControls();
  const { sort, setSort, search, clearSearch, chips, groupByTeam, clearFilters } = controls;
  const [density, toggleDensity] = useDensity();
  const listRef = useRef<AgentListHandle>(null);
  const detail = useAgentDetail(listRef, clearFilters);
  const searchRef = useRef<HTMLInputElement>(null);
  const rows = useListRows(view, { sort, search, chips, pinned, groupByTeam });
  const counts = useMemo(() => view.store.counts(), [view]);
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  useTrayKeys({ detailOpen: detail.detailId !== null, closeDetail: detail.closeDetail, search, clearSearch, focusSearch, toggleDensity, setSort });
  return { controls, density, toggleDensity, listRef, searchRef, detail, rows, counts };
}

interface RosterListProps {
  listRef: RefObject<AgentListHandle | null>;
  rows: RowList;
  density: Density;
  /** Which row is active and what opening one does. */
  detail: AgentDetailControls;
  view: RosterView;
  /** The time the data is true at. */
  now: number;
  limitOf: LimitOf | null;
  onTogglePin(agent: AgentState): void;
}

/** The agents' rows: the active row is the one the detail returns to. */
function RosterList({ listRef, rows, density, detail, view, now, limitOf, onTogglePin }: RosterListProps) {
  return (
    <AgentList
      ref={listRef}
      rows={rows}
      now={now}
      density={density}
      sameNames={view.store.sameNames}
      overLimitMs={limitOf}
      activeId={detail.activeId}
      onActiveChange={detail.setActiveId}
      onOpen={detail.openDetail}
      onTogglePin={onTogglePin}
    />
  );
}

export function TrayApp() {
  const state = useAppState();
  useTheme(state?.settings.theme);
  const { store, view, error: rosterError } = useRoster();
  const now = useNow();
  const trend = useTrend(view.version);
  const { pinned, toggle: togglePin } = usePins(state);
  const { queues, error: queuesError } = useQueues();
  const limitOf = useRowLimit(state?.settings.notifications, store.unavailableCodes);
  const list = useTrayList(view, pinned);
  const { controls, detail } = list;
  const { openSettings, openDiagnostics, signIn, startDemo } = useTrayActions(state);
  const getAgent = useCallback((id: number) => store.get(id), [store]);

  if (!state) return <TrayLoading />;

  // The one status: the header, the list's times and the sign-in buttons all follow it.
  const status = connectionStatus(state, now);
  const timeBase = status.dataAsOf ?? now;
  const hasAgents = store.size > 0;
  const detailAgent = detail.detailId !== null ? store.get(detail.detailId) : undefined;
  const empty = detailAgent ? null : emptyRosterKind({ state, size: store.size, loaded: store.loaded, rows: list.rows.length });
  const actions = { onSignIn: signIn, onStartDemo: startDemo, onOpenDiagnostics: openDiagnostics, onOpenSettings: openSettings, onClearFilters: controls.clearFilters };
  const rosterList = hasAgents && <RosterList listRef={list.listRef} rows={list.rows} density={list.density} detail={detail} view={view} now={timeBase} limitOf={limitOf} onTogglePin={togglePin} />;
  const body = detailAgent ? (
    <AgentDetail agent={detailAgent} pinned={pinned.has(detailAgent.agentId)} notifications={state.settings.notifications} codes={store.unavailableCodes} now={timeBase} clockLocale={state.clockLocale} onClose={detail.closeDetail} onTogglePin={togglePin} />
  ) : (
    (emptyRoster(empty, { state, status, size: store.size, rosterError, search: controls.search, chipsChosen: controls.chips.size, ...actions }) ?? rosterList)
  );

  return (
    <div className="tray">
      {/* The empty list's "Could not load agents" says the status's detail itself: once is enough. */}
      <Header state={state} status={empty === 'failed' ? { ...status, detail: null } : status} now={now} />
      <main className="tray-main">
        <TrayNotices state={state} />
        <QueueStrip queues={queues} error={queuesError} now={now} skillScope={state.settings.watch.skillScope} clockLocale={state.clockLocale} getAgent={getAgent} onOpenAgent={detail.openFromQueue} onOpenSettings={openSettings} />
        {hasAgents && <ListHead trend={trend} clockLocale={state.clockLocale} now={timeBase} counts={list.counts} controls={controls} searchRef={list.searchRef} listRef={list.listRef} density={list.density} onToggleDensity={list.toggleDensity} />}
        <div className="tray-body">{body}</div>
      </main>
    </div>
  );
}
