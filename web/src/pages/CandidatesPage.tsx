import { useState, type FormEvent } from 'react';
import { api, type Job, type Page } from '../api.ts';
import { useAssistant } from '../assistant.ts';
import { StreamedAnswer } from '../components.tsx';
import { useAsync } from '../hooks.ts';
import { Link } from '../router.tsx';
import { PageHeader } from '../ui.tsx';

/** Candidate search in plain words, through the assistant's search_members skill (open-to-work members only). */
export function CandidatesPage({ companyId }: { companyId: string }) {
  const [q, setQ] = useState('');
  const [jobId, setJobId] = useState('');
  const jobs = useAsync((signal) => api<Page<Job>>(`/v1/companies/${encodeURIComponent(companyId)}/jobs?limit=50&status=open`, { signal }), [companyId]);
  const { run, ask } = useAssistant();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = jobId ? `Find candidates for job ${jobId}${q.trim() ? `: ${q.trim()}` : ''}` : `Find candidates: ${q.trim()}`;
    void ask({ text, ...(jobId ? { jobId } : {}) });
  };

  return (
    <>
      <PageHeader title="Find candidates" subtitle="Search open-to-work members in your own words, or rank them for one of your jobs. Contact data stays private." />
      <form className="card form search-form" onSubmit={submit} role="search">
        <div className="field grow">
          <label htmlFor="cand-q">Skills, role or location</label>
          <input id="cand-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Python developers in Berlin" />
        </div>
        <div className="field">
          <label htmlFor="cand-job">For job</label>
          <select id="cand-job" value={jobId} onChange={(e) => setJobId(e.target.value)}>
            <option value="">Any</option>
            {jobs.data?.items.map((j) => <option key={j.id} value={j.id}>{j.title}</option>)}
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={run.status === 'streaming' || (!q.trim() && !jobId)}>Search</button>
      </form>
      <section className="card" aria-label="Results">
        {run.status === 'idle' ? <p className="muted">Results stream in here.</p> : <StreamedAnswer run={run} testId="candidates" />}
        {run.final && run.final.citations.filter((c) => c.kind === 'member').length > 0 && (
          <p className="tags">{run.final.citations.filter((c) => c.kind === 'member').map((c) => <span key={c.id} className="tag">{c.label ?? c.id}</span>)}</p>
        )}
        {jobId && <p><Link to={`/recruiter/jobs/${encodeURIComponent(jobId)}`}>Open this job's live matches →</Link></p>}
      </section>
    </>
  );
}
