// The tray window: who is available right now, at a glance, and who changed.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgentState } from '../../../main/cxone/model';
import type { AppState } from '../../../preload/contract';
import { agentTray } from '../api';
import { connectionStatus, errorMessage, isSignedOut } from '../format';
import { useAppState, useNow, useTheme } from '../hooks';
import { Notices } from '../Notices';
import { useRoster } from '../roster/use-roster';
import { RosterRows } from '../roster/rows';
import type { ChipId, SortKey } from '../roster/view';
import { AgentDetail } from './AgentDetail';
import { AgentList, type AgentListHandle } from './AgentList';
import { Chips } from './Chips';
import { EmptyState } from './EmptyState';
import { Header } from './Header';
import { QueueStrip } from './QueueStrip';
import { SignInBanner } from './SignInBanner';
import { TrendStrip, useTrend } from './TrendStrip';
import { SORT_KEYS, SORT_LABELS, overLimitMs, useDensity, useUnavailableCodes, type RowLimitSettings } from './tray-options';
import { useQueues } from './use-queues';

/** A window opened for a clicked notification carries the agent in its URL: #agent=<id>. */
function agentFromHash(): number | null {
  const m = /^#agent=(\d{1,15})$/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (detailId !== null) closeDetail();
        else if (isTyping(e.target) && search) setSearch('');
        else void agentTray().hideWindow();
        e.preventDefault();
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '/') {
        searchRef.current?.focus();
        e.preventDefault();
      } else if (e.key === 'r' || e.key === 'R') {
        void agentTray().refreshNow();
      } else if (e.key === ',') {
        void agentTray().openWindow({ window: 'settings' });
      } else if (e.key === 'd' || e.key === 'D') {
        toggleDensity();
      } else {
        const key = SORT_KEYS[e.key.toLowerCase()];
        if (key) setSort(key);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [detailId, closeDetail, search, toggleDensity]);

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
  const needsClientId = state.mode !== 'demo' && !state.settings.tenant.clientId;
  const run = (p: Promise<unknown>) => p.catch((err) => setActionError(errorMessage(err)));
  const signIn = () => {
    if (!state.settings.tenant.clientId) void run(agentTray().openWindow({ window: 'settings' }));
    else
      void run(
        agentTray()
          .signIn()
          .then((r) => setActionError(r.ok ? null : r.message)),
      );
  };
  const openDiagnostics = () => void run(agentTray().openWindow({ window: 'diagnostics' }));

  let body: React.ReactNode;
  const hasAgents = store.size > 0;
  if (detailAgent) {
    body = <AgentDetail agent={detailAgent} pinned={pinned.has(detailAgent.agentId)} notifications={state.settings.notifications} codes={codes} now={timeBase} onClose={closeDetail} onTogglePin={togglePin} />;
  } else if (!hasAgents && !store.loaded) {
    body = <EmptyState title="Loading agents…">{rosterError ? <p>{rosterError}</p> : <p>Asking the app for the current roster.</p>}</EmptyState>;
  } else if (!hasAgents && state.session.kind === 'signing-in') {
    // The banner above says what is happening and offers Copy link and Cancel; nothing to add here.
    body = null;
  } else if (!hasAgents && isSignedOut(state)) {
    body = (
      <EmptyState
        title="You are not signed in"
        actions={
          <>
            <button type="button" className="button primary" onClick={signIn}>
              {needsClientId ? 'Set up sign-in…' : 'Sign in'}
            </button>
            <button type="button" className="button" onClick={() => void run(agentTray().startDemo())}>
              Try the demo
            </button>
          </>
        }
      >
        <p>
          {needsClientId
            ? 'Connect your CXone tenant in Settings to see your agents, or try the app with a simulated tenant.'
            : 'Sign in with your CXone account to see your agents, or try the app with a simulated tenant.'}
        </p>
        {state.session.kind === 'expired' && <p>{state.session.message}</p>}
      </EmptyState>
    );
  } else if (!hasAgents && state.session.kind === 'reconnecting' && (state.monitor.kind === 'signed-out' || state.monitor.kind === 'idle')) {
    body = (
      <EmptyState
        title="Waiting for the sign-in server"
        actions={
          <button type="button" className="button primary" onClick={openDiagnostics}>
            Open Diagnostics
          </button>
        }
      >
        <p>Your sign-in is kept; the app keeps trying and shows your agents as soon as the server answers.</p>
      </EmptyState>
    );
  } else if (!hasAgents && (state.monitor.kind === 'starting' || state.monitor.kind === 'idle')) {
    body = <EmptyState title="Loading agents…"><p>The first poll is on its way.</p></EmptyState>;
  } else if (!hasAgents && state.settings.watch.scope !== 'all') {
    body = (
      <EmptyState
        title="Nobody in your watch scope"
        actions={
          <button type="button" className="button primary" onClick={() => void run(agentTray().openWindow({ window: 'settings' }))}>
            Change watch scope
          </button>
        }
      >
        <p>
          You watch {state.settings.watch.scope === 'me' ? 'only yourself' : `selected ${state.settings.watch.scope}`}, and none of them is in
          the API's answer.
        </p>
      </EmptyState>
    );
  } else if (!hasAgents) {
    const failed = state.monitor.kind === 'error' || state.monitor.kind === 'backing-off';
    body = (
      <EmptyState
        title={failed ? 'Could not load agents' : 'The API returned no agents'}
        actions={
          <button type="button" className="button primary" onClick={openDiagnostics}>
            Open Diagnostics
          </button>
        }
      >
        {failed && status.detail ? (
          <p>{status.detail}</p>
        ) : (
          <p>CXone answered, but with an empty list. Diagnostics checks the token, tenant, host and query and tells you which cause it is.</p>
        )}
      </EmptyState>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        title="Your filters hide everyone"
        actions={
          <button type="button" className="button primary" onClick={clearFilters}>
            Clear filters
          </button>
        }
      >
        <p>
          {store.size} agents are loaded, but none matches {search ? `“${search}”` : 'the chosen states'}
          {search && chips.size > 0 ? ' in the chosen states' : ''}.
        </p>
      </EmptyState>
    );
  } else {
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
        onOpenSettings={() => void run(agentTray().openWindow({ window: 'settings' }))}
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
          <div className="toolbar">
            <label className="search">
              <span className="sr-only">Search agents by name</span>
              <input
                ref={searchRef}
                type="search"
                placeholder="Search  ( / )"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'Enter') {
                    e.preventDefault();
                    listRef.current?.focus();
                  }
                }}
              />
            </label>
            <label className="select">
              <span className="sr-only">Sort by</span>
              <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)} title="Sort: N by name, S by state, T longest in state first">
                {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
                  <option key={k} value={k}>
                    {SORT_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="icon-button density"
              aria-pressed={density === 'compact'}
              aria-label="Compact rows"
              title="Compact rows (D)"
              onClick={toggleDensity}
            >
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <path d="M2 3.5h12M2 6.5h12M2 9.5h12M2 12.5h12" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
              </svg>
            </button>
            <label className="toggle">
              <input type="checkbox" checked={groupByTeam} onChange={(e) => setGroupByTeam(e.target.checked)} />
              <span>Teams</span>
            </label>
          </div>
        </>
      )}
      <div className="tray-body">{body}</div>
      </main>
    </div>
  );
}
