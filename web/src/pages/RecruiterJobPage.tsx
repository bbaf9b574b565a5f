import { useEffect, useState } from 'react';
import { api, placeOf, streamSse, type FitAssessment, type FitLevel, type Job, type Qualification } from '../api.ts';
import { useAsync } from '../hooks.ts';
import { assessPostingQuality } from '../posting-coach.ts';
import { Link } from '../router.tsx';
import { Empty, ErrorState, FitBadge, Loading, PageHeader, ScoreMeter } from '../ui.tsx';

interface MatchRow { memberId: string; level: FitLevel; score: number; summary: string; qualifications: Qualification[] }
interface Applicant { rank: number; applicationId: string; memberId: string; level: FitLevel; score: number; summary: string; headline: string; assessment: FitAssessment }

function Evidence({ qualifications }: { qualifications: Qualification[] }) {
  return (
    <ul className="quals compact">
      {qualifications.map((q, i) => (
        <li key={i} className={`qual qual-${q.status}`}>
          <span className={`status status-${q.status}`}>{q.status}</span> <strong>{q.requirement}</strong>
          {q.evidence[0] && <span className="muted"> — <code>{q.evidence[0].field}</code> <q>{q.evidence[0].quote}</q></span>}
        </li>
      ))}
    </ul>
  );
}

/** Live matched-member count (SSE), the best-matching members, and applicants ranked by fit with evidence. */
export function RecruiterJobPage({ jobId }: { jobId: string }) {
  const id = encodeURIComponent(jobId);
  const job = useAsync((signal) => api<Job>(`/v1/jobs/${id}`, { signal }), [jobId]);
  const [matched, setMatched] = useState<{ count: number | null; live: 'connecting' | 'live' | 'unavailable' | 'offline'; lastAdded: number }>({ count: null, live: 'connecting', lastAdded: 0 });
  const [version, setVersion] = useState(0);
  const matches = useAsync((signal) => api<{ items: MatchRow[]; total: number }>(`/v1/jobs/${id}/matches?limit=10`, { signal }), [jobId, version]);
  const applicants = useAsync((signal) => api<{ items: Applicant[]; total: number }>(`/v1/jobs/${id}/applicants`, { signal }), [jobId, version]);

  useEffect(() => {
    const ac = new AbortController();
    streamSse(`/v1/jobs/${id}/live`, (e) => {
      const d = e.data as { matched?: number; added?: number };
      if (e.event === 'matched') {
        setMatched({ count: d.matched ?? 0, live: 'live', lastAdded: d.added ?? 0 });
        if (d.added) setVersion((v) => v + 1);
      } else if (e.event === 'applicant') setVersion((v) => v + 1);
    }, { signal: ac.signal, method: 'GET', onOpen: () => setMatched((m) => ({ ...m, live: 'live' })) })
      .then(() => { if (!ac.signal.aborted) setMatched((m) => ({ ...m, live: 'offline' })); })
      .catch((err) => { if (!ac.signal.aborted) setMatched((m) => ({ ...m, live: (err as { status?: number }).status === 404 ? 'unavailable' : 'offline' })); });
    return () => ac.abort();
  }, [id]);

  const setStatus = async (status: 'open' | 'closed') => {
    await api(`/v1/jobs/${id}/status`, { body: { status } });
    job.reload();
  };

  if (job.loading && !job.data) return <Loading label="Loading the job…" />;
  if (job.error !== undefined) return <ErrorState error={job.error} retry={job.reload} />;
  const j = job.data!;
  const quality = assessPostingQuality(j as unknown as Parameters<typeof assessPostingQuality>[0]);
  return (
    <>
      <p><Link to="/recruiter">← Your jobs</Link></p>
      <PageHeader
        title={j.title}
        subtitle={`${placeOf(j)} · ${j.seniority} · ${j.status}`}
        actions={j.status === 'open'
          ? <button type="button" className="btn" onClick={() => void setStatus('closed')}>Close job</button>
          : <button type="button" className="btn" onClick={() => void setStatus('open')}>Reopen job</button>}
      />
      <div className="stats">
        <div className="stat" aria-live="polite">
          <span className="stat-label">Members notified <span className={`live-dot live-${matched.live}`} aria-hidden="true" /></span>
          <strong className="stat-value" data-testid="matched-count">{matched.count ?? '—'}</strong>
          <span className="muted small">{matched.live === 'live' ? (matched.lastAdded ? `+${matched.lastAdded} just now` : 'live') : matched.live === 'unavailable' ? 'live count not enabled' : matched.live}</span>
        </div>
        <div className="stat"><span className="stat-label">Best matches</span><strong className="stat-value">{matches.data?.total ?? '—'}</strong></div>
        <div className="stat"><span className="stat-label">Applicants</span><strong className="stat-value">{applicants.data?.total ?? '—'}</strong></div>
        <div className="stat"><ScoreMeter value={quality.score} label="Posting quality" /></div>
      </div>
      <div className="two-col">
        <section className="card" aria-labelledby="applicants-h">
          <h2 id="applicants-h">Applicants, ranked by fit</h2>
          {applicants.loading && !applicants.data && <Loading />}
          {applicants.error !== undefined && <ErrorState error={applicants.error} retry={applicants.reload} />}
          {applicants.data?.items.length === 0 && <Empty title="No applicants yet">They appear here ranked by fit, not by arrival time.</Empty>}
          <ol className="ranked" data-testid="applicants">
            {applicants.data?.items.map((a) => (
              <li key={a.applicationId}>
                <details>
                  <summary>
                    <span className="rank">#{a.rank}</span> <span className="grow">{a.headline || a.memberId}<span className="muted small"> · {a.summary}</span></span> <FitBadge level={a.level} score={a.score} />
                  </summary>
                  <Evidence qualifications={a.assessment.qualifications} />
                </details>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="matches-h">
          <h2 id="matches-h">Members who fit</h2>
          {matches.loading && !matches.data && <Loading />}
          {matches.error !== undefined && <ErrorState error={matches.error} retry={matches.reload} />}
          {matches.data?.items.length === 0 && <Empty title="No matching members yet" />}
          <ol className="ranked" data-testid="matches">
            {matches.data?.items.map((m, i) => (
              <li key={m.memberId}>
                <details>
                  <summary><span className="rank">#{i + 1}</span> <span className="grow">{m.memberId}<span className="muted small"> · {m.summary}</span></span> <FitBadge level={m.level} score={m.score} /></summary>
                  <Evidence qualifications={m.qualifications} />
                </details>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
