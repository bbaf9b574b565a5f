import type { ReactNode } from 'react';
import type { FitLevel } from './api.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <strong>Something went wrong.</strong> <span>{message}</span>
      {retry && <button type="button" className="btn btn-small" onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}

const LEVEL_TEXT: Record<FitLevel, string> = { strong: 'Strong fit', good: 'Good fit', partial: 'Partial fit', stretch: 'Stretch' };

export function FitBadge({ level, score }: { level: FitLevel; score?: number }) {
  return (
    <span className={`badge fit-${level}`} data-level={level}>
      {LEVEL_TEXT[level] ?? level}{score !== undefined && <span className="badge-score"> · {Math.round(score * 100)}%</span>}
    </span>
  );
}

export function ScoreMeter({ value, label, max = 100 }: { value: number; label: string; max?: number }) {
  const pct = Math.max(0, Math.min(100, (value / max) * 100));
  const tone = pct >= 80 ? 'good' : pct >= 50 ? 'ok' : 'low';
  return (
    <div className="meter">
      <div className="meter-label"><span>{label}</span><strong>{Math.round(value)}{max === 100 ? '/100' : ''}</strong></div>
      <div className={`meter-track tone-${tone}`} role="meter" aria-label={label} aria-valuenow={Math.round(value)} aria-valuemin={0} aria-valuemax={max}>
        <div className="meter-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
