// The tray window: who is available right now, at a glance, and who changed.
import { useCallback, useMemo, useRef, useState } from 'react';
import { ActionError } from '../actions';
import { connectionStatus } from '../format';
import { useAppState, useNow, useTheme } from '../hooks';
import { Notices } from '../Notices';
import { useRoster } from '../roster/use-roster';
import { RosterRows } from '../roster/rows';
import { AgentDetail } from './AgentDetail';
import { AgentList, type AgentListHandle } from './AgentList';
import { Chips } from './Chips';
import { emptyRoster, emptyRosterKind } from './EmptyRoster';
import { Header } from './Header';
import { QueueStrip } from './QueueStrip';
import { SignInBanner } from './SignInBanner';
import { TrendStrip, useTrend } from './TrendStrip';
import { Toolbar } from './Toolbar';
import { useDensity, useRowLimit } from './tray-options';
import { useListControls } from './use-list-controls';
import { usePins } from './use-pins';
import { useQueues } from './use-queues';
import { useAgentDetail } from './use-agent-detail';
import { useTrayActions } from './use-tray-actions';
import { useTrayKeys } from './use-tray-keys';

export function TrayApp() {
  const state = useAppState();
  useTheme(state?.settings.theme);
  const { store, view, error: rosterError } = useRoster();
  const now = useNow();
  const trend = useTrend(view.version);
  const { pinned, toggle: togglePin } = usePins(state);
  const { queues, error: queuesError } = useQueues();
  const limitOf = useRowLimit(state?.settings.notifications, store.unavailableCodes);
  const controls = useListControls();
  const { sort, setSort, search, clearSearch, chips, groupByTeam, clearFilters } = controls;
  const [density, toggleDensity] = useDensity();
  const { openSettings, openDiagnostics, signIn, startDemo } = useTrayActions(state);

  const listRef = useRef<AgentListHandle>(null);
  const { activeId, setActiveId, detailId, openDetail, closeDetail, openFromQueue } = useAgentDetail(listRef, clearFilters);
  const searchRef = useRef<HTMLInputElement>(null);
  const [rosterRows] = useState(() => new RosterRows());

  // view changes identity with every roster change: the rows move only for the agents that changed,
  // and the counts and same-name tallies are kept by the store itself.
  const rows = useMemo(
    () => rosterRows.update(view, { sort, search, chips, pinned, groupByTeam }),
    [rosterRows, view, sort, search, chips, pinned, groupByTeam],
  );
  const counts = useMemo(() => view.store.counts(), [view]);
  const sameNames = view.store.sameNames;

  const detailAgent = detailId !== null ? store.get(detailId) : undefined;

  const getAgent = useCallback((id: number) => store.get(id), [store]);

  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  useTrayKeys({ detailOpen: detailId !== null, closeDetail, search, clearSearch, focusSearch, toggleDensity, setSort });

  if (!state) {
    return (
      <div className="tray loading" aria-busy="true">
        <p className="muted">Loading…</p>
      </div>
    );
  }

  // The one status: the header, the list's times and the sign-in buttons all follow it.
  const status = connectionStatus(state, now);
  const timeBase = status.dataAsOf ?? now;

  const hasAgents = store.size > 0;
  const empty = detailAgent ? null : emptyRosterKind({ state, size: store.size, loaded: store.loaded, rows: rows.length });
  let body: React.ReactNode;
  if (detailAgent) {
    body = <AgentDetail agent={detailAgent} pinned={pinned.has(detailAgent.agentId)} notifications={state.settings.notifications} codes={store.unavailableCodes} now={timeBase} onClose={closeDetail} onTogglePin={togglePin} />;
  } else {
    body = emptyRoster(empty, {
      state,
      status,
      size: store.size,
      rosterError,
      search,
      chipsChosen: chips.size,
      onSignIn: signIn,
      onStartDemo: startDemo,
      onOpenDiagnostics: openDiagnostics,
      onOpenSettings: openSettings,
      onClearFilters: clearFilters,
    });
    if (body === null && hasAgents) {
      body = (
        <AgentList
          ref={listRef}
          rows={rows}
          now={timeBase}
          density={density}
          sameNames={sameNames}
          overLimitMs={limitOf}
          activeId={activeId}
          onActiveChange={setActiveId}
          onOpen={openDetail}
          onTogglePin={togglePin}
        />
      );
    }
  }

  return (
    <div className="tray">
      {/* The empty list's "Could not load agents" says the status's detail itself: once is enough. */}
      <Header state={state} status={empty === 'failed' ? { ...status, detail: null } : status} now={now} />
      <main className="tray-main">
        <Notices notices={state.notices} />
        {state.session.kind === 'signing-in' && <SignInBanner url={state.session.url} />}
        {/* A failed sign-in's words are the session's, which the empty list already shows. */}
        <ActionError saidElsewhere={state.session.kind === 'error' ? state.session.message : null} />
        <QueueStrip
          queues={queues}
          error={queuesError}
          now={now}
          skillScope={state.settings.watch.skillScope}
          getAgent={getAgent}
          onOpenAgent={openFromQueue}
          onOpenSettings={openSettings}
        />
        {hasAgents && (
          <>
            <TrendStrip trend={trend} now={timeBase} />
            <Chips counts={counts} selected={chips} onClear={controls.clearChips} onToggle={controls.toggleChip} />
            <Toolbar
              searchRef={searchRef}
              search={search}
              onSearch={controls.setSearch}
              onLeaveSearch={() => listRef.current?.focus()}
              sort={sort}
              onSort={setSort}
              density={density}
              onToggleDensity={toggleDensity}
              groupByTeam={groupByTeam}
              onGroupByTeam={controls.setGroupByTeam}
            />
          </>
        )}
        <div className="tray-body">{body}</div>
      </main>
    </div>
  );
}
