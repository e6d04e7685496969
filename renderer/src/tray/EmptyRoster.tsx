// Why the tray shows no agents, in plain words, with the one thing to do about it: still loading, not
// signed in, the sign-in server away, the first poll on its way, a watch scope that names nobody, a
// failed or empty answer from CXone (Diagnostics finds which cause), or filters that hide everyone.
import type { ReactNode } from 'react';
import type { AppState } from '../../../preload/contract';
import { feedStartFailure } from '../../../main/core/feed-start';
import { isSignedOut, type ConnectionStatus } from '../format';
import { EmptyState } from './EmptyState';

/** What decides which explanation applies (emptyRosterKind). */
export interface EmptyRosterFacts {
  state: AppState;
  /** Agents in the roster, and whether its first snapshot has arrived. */
  size: number;
  loaded: boolean;
  /** The rows the filters leave (0 with agents loaded: the filters hide everyone). */
  rows: number;
}

/** What the explanations say and offer (emptyRoster). */
export interface EmptyRosterProps {
  state: AppState;
  status: ConnectionStatus;
  /** Agents in the roster. */
  size: number;
  /** Why the roster could not be read, if it could not. */
  rosterError: string | null;
  search: string;
  chipsChosen: number;
  onSignIn(): void;
  onStartDemo(): void;
  onOpenDiagnostics(): void;
  onOpenSettings(): void;
  onClearFilters(): void;
}

function action(label: string, onClick: () => void): ReactNode {
  return (
    <button type="button" className="button primary" onClick={onClick}>
      {label}
    </button>
  );
}

/** Which explanation the empty list gives; null when there is something to list (or the sign-in banner says it all). */
export type EmptyRosterKind = 'filters' | 'loading' | 'signed-out' | 'reconnecting' | 'not-started' | 'first-poll' | 'failed' | 'scope' | 'empty';

/** The first that applies wins: the order is the explanation's priority. */
export function emptyRosterKind(p: EmptyRosterFacts): EmptyRosterKind | null {
  const { state } = p;
  if (p.size > 0) return p.rows > 0 ? null : 'filters';
  if (!p.loaded) return 'loading';
  // The sign-in banner says what is happening and offers Copy link and Cancel; nothing to add here.
  if (state.session.kind === 'signing-in') return null;
  if (isSignedOut(state)) return 'signed-out';
  if (state.session.kind === 'reconnecting' && (state.monitor.kind === 'signed-out' || state.monitor.kind === 'idle')) return 'reconnecting';
  if (feedStartFailure(state.notices, state.monitor) !== null) return 'not-started';
  if (state.monitor.kind === 'starting' || state.monitor.kind === 'idle') return 'first-poll';
  // A failed first poll wins over the scope: with no answer, "nobody in your scope" would blame the scope.
  if (state.monitor.kind === 'error' || state.monitor.kind === 'backing-off') return 'failed';
  return state.settings.watch.scope !== 'all' ? 'scope' : 'empty';
}

function FiltersHideEveryone(p: EmptyRosterProps) {
  return (
    <EmptyState title="Your filters hide everyone" actions={action('Clear filters', p.onClearFilters)}>
      <p>
        {/* One agent is common (the watch scope "me", or one chosen agent): "1 agents are" read wrong. */}
        {p.size === 1 ? '1 agent is' : `${p.size} agents are`} loaded, but none matches {p.search ? `“${p.search}”` : 'the chosen states'}
        {p.search && p.chipsChosen > 0 ? ' in the chosen states' : ''}.
      </p>
    </EmptyState>
  );
}

/** Not signed in: sign in (or set up sign-in, with no client id yet) or try the demo, and why the last sign-in ended. */
function SignedOut({ state, onSignIn, onStartDemo }: EmptyRosterProps) {
  const needsClientId = state.mode !== 'demo' && !state.settings.tenant.clientId;
  return (
    <EmptyState
      title="You are not signed in"
      actions={
        <>
          {action(needsClientId ? 'Set up sign-in…' : 'Sign in', onSignIn)}
          <button type="button" className="button" onClick={onStartDemo}>
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
      {/* Why the last sign-in ended or failed, wherever it was started (a window, the tray menu). */}
      {(state.session.kind === 'expired' || state.session.kind === 'error') && <p>{state.session.message}</p>}
    </EmptyState>
  );
}

/**
 * The empty list's explanation of `kind` (emptyRosterKind). 'failed' says the status's detail, which
 * the header then leaves out: said once, where the user looks.
 */
export function emptyRoster(kind: EmptyRosterKind | null, p: EmptyRosterProps): ReactNode {
  const { state, status } = p;
  switch (kind) {
    case null:
      return null;
    case 'filters':
      return <FiltersHideEveryone {...p} />;
    case 'loading':
      return <EmptyState title="Loading agents…">{p.rosterError ? <p>{p.rosterError}</p> : <p>Asking the app for the current roster.</p>}</EmptyState>;
    case 'signed-out':
      return <SignedOut {...p} />;
    case 'reconnecting':
      return (
        <EmptyState title="Waiting for the sign-in server" actions={action('Open Diagnostics', p.onOpenDiagnostics)}>
          <p>Your sign-in is kept; the app keeps trying and shows your agents as soon as the server answers.</p>
        </EmptyState>
      );
    case 'not-started':
      // The banner above gives the reason (said once); here, what to do about it.
      return (
        <EmptyState title="Agents cannot be loaded" actions={action('Open Settings', p.onOpenSettings)}>
          <p>The app could not start reading agents, for the reason above. Fix it in Settings, and it starts again by itself.</p>
        </EmptyState>
      );
    case 'first-poll':
      return (
        <EmptyState title="Loading agents…">
          <p>The first poll is on its way.</p>
        </EmptyState>
      );
    case 'failed':
      return (
        <EmptyState title="Could not load agents" actions={action('Open Diagnostics', p.onOpenDiagnostics)}>
          <p>{status.detail ?? 'The app could not read the agent list from CXone; Diagnostics finds why.'}</p>
        </EmptyState>
      );
    case 'scope': {
      const scope = state.settings.watch.scope;
      return (
        <EmptyState title="Nobody in your watch scope" actions={action('Change watch scope', p.onOpenSettings)}>
          {/* "Only yourself, and none of them" read wrong: one person is "you". */}
          <p>{scope === 'me' ? "You watch only yourself, and you are not in the API's answer." : `You watch selected ${scope}, and none of them is in the API's answer.`}</p>
        </EmptyState>
      );
    }
    case 'empty':
      return (
        <EmptyState title="The API returned no agents" actions={action('Open Diagnostics', p.onOpenDiagnostics)}>
          <p>CXone answered, but with an empty list. Diagnostics checks the token, tenant, host and query and tells you which cause it is.</p>
        </EmptyState>
      );
  }
}
