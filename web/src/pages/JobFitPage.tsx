import { useState } from 'react';
import { api, placeOf, type FitAssessment, type Job } from '../api.ts';
import { useAssistant } from '../assistant.ts';
import { FitBreakdown, StreamedAnswer } from '../components.tsx';
import { useAsync } from '../hooks.ts';
import { Link } from '../router.tsx';
import { ErrorState, Loading, PageHeader } from '../ui.tsx';

export function JobFitPage({ memberId, jobId }: { memberId: string; jobId: string }) {
  const job = useAsync((signal) => api<Job>(`/v1/jobs/${encodeURIComponent(jobId)}`, { signal }), [jobId]);
  const { run, ask } = useAssistant();
  const [fit, setFit] = useState<{ data?: FitAssessment; error?: unknown; loading: boolean }>({ loading: false });
  const [applied, setApplied] = useState<'no' | 'sending' | 'yes' | Error>('no');

  const assess = async () => {
    setFit({ loading: true });
    // The narrated answer streams from the assistant; the structured breakdown comes from the fit tier.
    const fitting = api<FitAssessment>(`/v1/members/${encodeURIComponent(memberId)}/fit/${encodeURIComponent(jobId)}`)
      .then((data) => setFit({ data, loading: false }), (error) => setFit({ error, loading: false }));
    await Promise.all([ask({ text: 'Am I a good fit for this job? What should I work on?', jobId }), fitting]);
  };

  const apply = async () => {
    setApplied('sending');
    try {
      await api(`/v1/jobs/${encodeURIComponent(jobId)}/applications`, { body: { note: '' } });
      setApplied('yes');
    } catch (err) {
      setApplied(err as Error);
    }
  };

  if (job.loading && !job.data) return <Loading label="Loading the job…" />;
  if (job.error !== undefined) return <ErrorState error={job.error} retry={job.reload} />;
  const j = job.data!;
  const skills = j.required?.skills ?? [];
  return (
    <>
      <p><Link to="/member">← Matched jobs</Link></p>
      <PageHeader
        title={j.title}
        subtitle={`${placeOf(j)} · ${j.seniority} · ${j.employmentType.replace('_', ' ')}${j.salary ? ` · ${j.salary.min.toLocaleString()}–${j.salary.max.toLocaleString()} ${j.salary.currency}/${j.salary.period}` : ''}`}
        actions={(
          <>
            <button type="button" className="btn btn-primary" onClick={assess} disabled={run.status === 'streaming'} data-testid="assess-fit">
              {run.status === 'streaming' ? 'Assessing…' : 'Assess my fit'}
            </button>
            <button type="button" className="btn" onClick={apply} disabled={applied === 'sending' || applied === 'yes' || j.status !== 'open'}>
              {applied === 'yes' ? 'Applied ✓' : applied === 'sending' ? 'Applying…' : 'Apply'}
            </button>
          </>
        )}
      />
      {applied instanceof Error && <ErrorState error={applied} />}
      {(run.status !== 'idle' || fit.loading || fit.data || fit.error !== undefined) && (
        <section className="card" aria-labelledby="fit-h">
          <h2 id="fit-h">Your fit</h2>
          {run.status === 'unavailable'
            ? fit.data && <div className="answer" data-testid="streamed-answer" data-status="done"><div className="answer-text">{`Computed fit: ${fit.data.level} (${fit.data.facts.summary}).`}</div><p className="fine">The assistant is not enabled on this server; this is the fit tier's answer.</p></div>
            : <StreamedAnswer run={run} />}
          {fit.loading && <Loading label="Computing the fit tier…" />}
          {fit.error !== undefined && <ErrorState error={fit.error} />}
          {fit.data && <FitBreakdown fit={fit.data} />}
        </section>
      )}
      <section className="card" aria-labelledby="about-h">
        <h2 id="about-h">About the job</h2>
        {skills.length > 0 && (
          <p className="tags" aria-label="Required skills">{skills.map((s) => <span key={s.name} className="tag">{s.name}</span>)}</p>
        )}
        <p className="prose">{j.description || 'No description given.'}</p>
      </section>
    </>
  );
}
