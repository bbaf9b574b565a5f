import { api, placeOf, type Company, type Job, type Page } from '../api.ts';
import { useAsync } from '../hooks.ts';
import { Link } from '../router.tsx';
import { Empty, ErrorState, Loading, PageHeader } from '../ui.tsx';

export function RecruiterJobsPage({ companyId }: { companyId: string }) {
  const company = useAsync((signal) => api<Company>(`/v1/companies/${encodeURIComponent(companyId)}`, { signal }), [companyId]);
  const jobs = useAsync((signal) => api<Page<Job>>(`/v1/companies/${encodeURIComponent(companyId)}/jobs?limit=50`, { signal }), [companyId]);
  return (
    <>
      <PageHeader
        title={company.data ? `Jobs at ${company.data.name}` : 'Your jobs'}
        subtitle="Open a job to watch matched members arrive and to see applicants ranked by fit."
        actions={<Link to="/recruiter/post" className="btn btn-primary">Post a job</Link>}
      />
      {jobs.loading && !jobs.data && <Loading label="Loading your jobs…" />}
      {jobs.error !== undefined && <ErrorState error={jobs.error} retry={jobs.reload} />}
      {jobs.data && jobs.data.items.length === 0 && <Empty title="No jobs yet"><Link to="/recruiter/post">Post your first job</Link>.</Empty>}
      {jobs.data && jobs.data.items.length > 0 && (
        <ul className="job-list" aria-label="Your jobs">
          {jobs.data.items.map((j) => (
            <li key={j.id} className="job-card">
              <div className="job-card-main">
                <h2><Link to={`/recruiter/jobs/${encodeURIComponent(j.id)}`}>{j.title}</Link></h2>
                <p className="muted">{placeOf(j)} · {j.required.skills.length} required skills</p>
              </div>
              <span className={`badge status-${j.status}`}>{j.status}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
