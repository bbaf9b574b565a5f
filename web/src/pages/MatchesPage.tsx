import { useState } from 'react';
import { api, placeOf, type FitLevel, type MatchedJob, type Page } from '../api.ts';
import { useAsync } from '../hooks.ts';
import { Link } from '../router.tsx';
import { useNotifications } from '../session.tsx';
import { Empty, ErrorState, FitBadge, Loading, PageHeader } from '../ui.tsx';

const LEVELS: { value: '' | FitLevel; label: string }[] = [
  { value: '', label: 'All fit levels' }, { value: 'strong', label: 'Strong only' }, { value: 'good', label: 'Good and better' }, { value: 'partial', label: 'Partial and better' },
];

export function MatchesPage({ memberId }: { memberId: string }) {
  const [minLevel, setMinLevel] = useState<'' | FitLevel>('');
  // A new job-match notification means the ranking changed: load it again.
  const matchCount = useNotifications().items.filter((n) => n.kind === 'job_match').length;
  const matches = useAsync((signal) => api<Page<MatchedJob>>(`/v1/members/${encodeURIComponent(memberId)}/matches?limit=20${minLevel ? `&minLevel=${minLevel}` : ''}`, { signal }), [memberId, minLevel, matchCount]);

  return (
    <>
      <PageHeader
        title="Jobs that fit you"
        subtitle="Ranked by the fit tier: every level is computed from your profile, with evidence."
        actions={(
          <label className="inline-field">
            <span>Show</span>
            <select value={minLevel} onChange={(e) => setMinLevel(e.target.value as '' | FitLevel)}>
              {LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
            </select>
          </label>
        )}
      />
      {matches.loading && !matches.data && <Loading label="Finding your matches…" />}
      {matches.error !== undefined && <ErrorState error={matches.error} retry={matches.reload} />}
      {matches.data && matches.data.items.length === 0 && (
        <Empty title="No matching jobs yet">Try a lower fit level, or improve your profile with the <Link to="/member/profile">profile coach</Link>.</Empty>
      )}
      {matches.data && matches.data.items.length > 0 && (
        <ul className="job-list" aria-label="Matched jobs">
          {matches.data.items.map((m) => (
            <li key={m.jobId} className="job-card">
              <div className="job-card-main">
                <h2><Link to={`/member/jobs/${encodeURIComponent(m.jobId)}`}>{m.job?.title ?? m.jobId}</Link></h2>
                <p className="muted">{m.job ? placeOf(m.job) : ''}{m.assessment?.facts.summary ? ` · ${m.assessment.facts.summary}` : ''}</p>
              </div>
              <FitBadge level={m.level} score={m.score} />
            </li>
          ))}
        </ul>
      )}
      {matches.data && <p className="fine">{matches.data.total} matching jobs in total.</p>}
    </>
  );
}
