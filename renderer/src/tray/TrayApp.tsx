// The tray window: who is available right now, at a glance, and who changed.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import type { AppState } from '../../../preload/contract';
import { agentTray } from '../api';
import { connectionStatus, errorMessage } from '../format';
import { useAppState, useNow, useTheme } from '../hooks';
import { Notices } from '../Notices';
import { useRoster } from '../roster/use-roster';
import { RosterRows } from '../roster/rows';
import type { ChipId, SortKey } from '../roster/view';
import { AgentDetail } from './AgentDetail';
import { AgentList, type AgentListHandle } from './AgentList';
import { Chips } from './Chips';
import { emptyRoster } from './EmptyRoster';
import { Header } from './Header';
import { QueueStrip } from './QueueStrip';
import { SignInBanner } from './SignInBanner';
import { TrendStrip, useTrend } from './TrendStrip';
import { Toolbar } from './Toolbar';
import { overLimitMs, useDensity, useUnavailableCodes, type RowLimitSettings } from './tray-options';
import { useQueues } from './use-queues';
import { useTrayKeys } from './use-tray-keys';

/** A window opened for a clicked notification carries the agent in its URL: #agent=<id>. */
function agentFromHash(): number | null {
  const m = /^#agent=(\d{1,15})$/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

/** Pins as main knows them, with the user's latest clicks applied until main confirms. */
function usePins(state: AppState | null) {
  const [overrides, setOverrides] = useState<Map<number, boolean>>(new Map());
  const confirmed = state?.settings.pinnedAgentIds;
  // A new list from main supersedes the optimistic clicks (adjusted during render, not in an effect).
  const [seen, setSeen] = useState(confirmed);
  if (seen !== confirmed) {
    setSeen(confirmed);
    setOverrides(new Map());
  }
  const pinned = useMemo(() => {
    const s = new Set(confirmed ?? []);
    for (const [id, on] of overrides) {
      if (on) s.add(id);
      else s.delete(id);
    }
    return s;
  }, [confirmed, overrides]);
  const toggle = useCallback(
    (agent: AgentState) => {
      const next = !pinned.has(agent.agentId);
      setOverrides((m) => new Map(m).set(agent.agentId, next));
      void agentTray().setAgentPinned({ agentId: agent.agentId, pinned: next });
    },
    [pinned],
  );
  return { pinned, toggle };
}

export function TrayApp() {
  const state = useAppState();
  useTheme(state?.settings.theme);
  const { store, view, error: rosterError } = useRoster();
  const now = useNow();
  const trend = useTrend(view.version);
  const { pinned, toggle: togglePin } = usePins(state);
  const { queues, error: queuesError } = useQueues();
  const codes = useUnavailableCodes();
  // One function per limits and code list (not per app-state event): the rows are memoized on it.
  const n = state?.settings.notifications;
  const limitsKey = n ? JSON.stringify({ unavailableLongerThanMinutes: n.unavailableLongerThanMinutes, codeLimitsFromCxone: n.codeLimitsFromCxone, codeRules: n.codeRules }) : null;
  const limitOf = useMemo(() => (limitsKey === null ? null : overLimitMs(JSON.parse(limitsKey) as RowLimitSettings, codes)), [limitsKey, codes]);

  const [sort, setSort] = useState<SortKey>('name');
  const [search, setSearch] = useState('');
  const [chips, setChips] = useState<ReadonlySet<ChipId>>(new Set());
  const [groupByTeam, setGroupByTeam] = useState(false);
  const [density, toggleDensity] = useDensity();
  const [activeId, setActiveId] = useState<number | null>(agentFromHash);
  const [detailId, setDetailId] = useState<number | null>(agentFromHash);
  const [actionError, setActionError] = useState<string | null>(null);

  const listRef = useRef<AgentListHandle>(null);
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

  // The list was unmounted while the detail showed: bring the agent we came from back into view.
  const closeDetail = useCallback(() => {
    setDetailId(null);
    requestAnimationFrame(() => {
      if (activeId !== null) listRef.current?.scrollToAgent(activeId);
      listRef.current?.focus();
    });
  }, [activeId]);
  const openDetail = useCallback((agent: AgentState) => setDetailId(agent.agentId), []);
  const getAgent = useCallback((id: number) => store.get(id), [store]);
  const openFromQueue = useCallback((agent: AgentState) => {
    setActiveId(agent.agentId);
    setDetailId(agent.agentId);
  }, []);

  const clearFilters = () => {
    setChips(new Set());
    setSearch('');
  };

  useEffect(
    () =>
      agentTray().onFocusAgent(({ agentId }) => {
        setChips(new Set());
        setSearch('');
        setActiveId(agentId);
        setDetailId(agentId);
      }),
    [],
  );

  const clearSearch = useCallback(() => setSearch(''), []);
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
  const run = (p: Promise<unknown>) => p.catch((err) => setActionError(errorMessage(err)));
  const openSettings = () => void run(agentTray().openWindow({ window: 'settings' }));
  const openDiagnostics = () => void run(agentTray().openWindow({ window: 'diagnostics' }));
  // Without a client id there is nothing to sign in with yet: Settings is where it is entered.
  const signIn = () => {
    if (!state.settings.tenant.clientId) openSettings();
    else
      void run(
        agentTray()
          .signIn()
          .then((r) => setActionError(r.ok ? null : r.message)),
      );
  };

  const hasAgents = store.size > 0;
  let body: React.ReactNode;
  if (detailAgent) {
    body = <AgentDetail agent={detailAgent} pinned={pinned.has(detailAgent.agentId)} notifications={state.settings.notifications} codes={codes} now={timeBase} onClose={closeDetail} onTogglePin={togglePin} />;
  } else {
    body = emptyRoster({
      state,
      status,
      size: store.size,
      loaded: store.loaded,
      rosterError,
      rows: rows.length,
      search,
      chipsChosen: chips.size,
      onSignIn: signIn,
      onStartDemo: () => void run(agentTray().startDemo()),
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
      <Header state={state} status={status} now={now} />
      <main className="tray-main">
        <Notices notices={state.notices} />
        {state.session.kind === 'signing-in' && <SignInBanner url={state.session.url} />}
        {actionError && (
          <p className="banner banner-error" role="alert">
            {actionError}
          </p>
        )}
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
            <Chips
              counts={counts}
              selected={chips}
              onClear={() => setChips(new Set())}
              onToggle={(id) =>
                setChips((prev) => {
                  const next = new Set(prev);
                  if (!next.delete(id)) next.add(id);
                  return next;
                })
              }
            />
            <Toolbar
              searchRef={searchRef}
              search={search}
              onSearch={setSearch}
              onLeaveSearch={() => listRef.current?.focus()}
              sort={sort}
              onSort={setSort}
              density={density}
              onToggleDensity={toggleDensity}
              groupByTeam={groupByTeam}
              onGroupByTeam={setGroupByTeam}
            />
          </>
        )}
        <div className="tray-body">{body}</div>
      </main>
    </div>
  );
}
