import type { ReactNode } from 'react';
import type { AppState } from '../../../preload/contract';
import { runAction } from '../actions';
import { agentTray } from '../api';
import { formatAgo, type ConnectionStatus } from '../format';

/** The tenant's name and the one status line, with its detail when there is one. */
function HeaderTitle({ tenant, status, now, clockLocale }: { tenant: string; status: ConnectionStatus; now: number; clockLocale: string | null }) {
  return (
    <div className="tray-title">
      <h1 className="tenant" title={tenant}>
        {tenant}
      </h1>
      <p className="status-line" role="status" aria-live="polite">
        <span className={`status-dot tone-${status.tone}`} aria-hidden="true" />
        <span className="status-label">{status.label}</span>
        {status.lastSuccessAt !== null && (
          <span className="status-updated">
            {' '}
            · updated {formatAgo(status.lastSuccessAt, now, clockLocale)}
          </span>
        )}
      </p>
      {/* Live has a detail only when CXone sent items that could not be read (format.ts issueWords):
          hiding it behind "Live" left the user no word of the agents missing from the list. */}
      {status.detail && <p className="status-detail">{status.detail}</p>}
    </div>
  );
}

/** A 16 px icon button: `label` for screen readers, `title` (with its key) on hover, `children` the SVG's shapes. */
function IconButton({ label, title, onClick, children }: { label: string; title: string; onClick(): void; children: ReactNode }) {
  return (
    <button type="button" className="icon-button" onClick={onClick} title={title} aria-label={label}>
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        {children}
      </svg>
    </button>
  );
}

/** Refresh, Diagnostics and Settings (R and , do the same from the keyboard: use-tray-keys). */
function HeaderActions() {
  return (
    <div className="header-actions">
      <IconButton label="Refresh now" title="Refresh now (R)" onClick={() => void runAction(agentTray().refreshNow())}>
        <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        <path d="M12.5 1.5v3.2H9.3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </IconButton>
      <IconButton label="Diagnostics" title="Diagnostics" onClick={() => void runAction(agentTray().openWindow({ window: 'diagnostics' }))}>
        <path d="M1 8.5h3l2-5 3.5 9 2-4H15" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </IconButton>
      <IconButton label="Settings" title="Settings (,)" onClick={() => void runAction(agentTray().openWindow({ window: 'settings' }))}>
        <circle cx="8" cy="8" r="2.3" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path
          d="M8 1.2v2M8 12.8v2M1.2 8h2M12.8 8h2M3.2 3.2l1.4 1.4M11.4 11.4l1.4 1.4M3.2 12.8l1.4-1.4M11.4 4.6l1.4-1.4"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
        />
      </IconButton>
    </div>
  );
}

/** `status` is the window's one status (TrayApp derives it once for the header, list and buttons). */
export function Header({ state, status, now }: { state: AppState; status: ConnectionStatus; now: number }) {
  const tenant = state.tenantLabel ?? (state.mode === 'demo' ? 'Demo tenant' : 'Not connected');
  return (
    <header className="tray-header">
      <HeaderTitle tenant={tenant} status={status} now={now} clockLocale={state.clockLocale} />
      <HeaderActions />
    </header>
  );
}
