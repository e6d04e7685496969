// When the list is empty, say why and offer the one thing to do about it.
import type { ReactNode } from 'react';

export function EmptyState({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty" role="region" aria-label={title}>
      <svg className="empty-art" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
        <circle cx="18" cy="18" r="8" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M6 40c1.5-8 6.5-12 12-12s10.5 4 12 12" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        <circle cx="35" cy="31" r="8" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M35 27v5M35 35v.5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <h2 className="empty-title">{title}</h2>
      <div className="empty-body">{children}</div>
      {actions && <div className="empty-actions">{actions}</div>}
    </div>
  );
}
