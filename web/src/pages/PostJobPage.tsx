import { useMemo, useState, type FormEvent } from 'react';
import { api, type Job } from '../api.ts';
import { useDebounced } from '../hooks.ts';
import { assessPostingQuality } from '../posting-coach.ts';
import { navigate } from '../router.tsx';
import { ErrorState, PageHeader, ScoreMeter } from '../ui.tsx';

interface Draft {
  title: string; description: string; city: string; country: string;
  remote: 'onsite' | 'hybrid' | 'remote'; seniority: string; employmentType: string;
  salaryMin: string; salaryMax: string; currency: string;
  required: string; preferred: string; minYears: string; notifyMinLevel: 'strong' | 'good' | 'partial';
}

const EMPTY: Draft = {
  title: '', description: '', city: '', country: '', remote: 'hybrid', seniority: 'mid', employmentType: 'full_time',
  salaryMin: '', salaryMax: '', currency: 'EUR', required: '', preferred: '', minYears: '', notifyMinLevel: 'good',
};

const skillList = (s: string) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))].map((name) => ({ name }));

function toJob(d: Draft) {
  const min = Number(d.salaryMin);
  const max = Number(d.salaryMax);
  const salary = d.salaryMin && d.salaryMax && Number.isFinite(min) && Number.isFinite(max) ? { min, max, currency: d.currency || 'EUR', period: 'year' as const } : undefined;
  return {
    title: d.title.trim(),
    description: d.description,
    location: { ...(d.city.trim() ? { city: d.city.trim() } : {}), ...(d.country.trim() ? { country: d.country.trim() } : {}) },
    remote: d.remote,
    seniority: d.seniority as 'mid',
    employmentType: d.employmentType,
    ...(salary ? { salary } : {}),
    required: { skills: skillList(d.required), languages: [], certifications: [], ...(d.minYears ? { minYears: Number(d.minYears) } : {}) },
    preferred: { skills: skillList(d.preferred), languages: [], certifications: [] },
    status: 'open' as const,
    notifyMinLevel: d.notifyMinLevel,
  };
}

/** Marks the coach's inclusive-language phrases inside the description. */
function Highlighted({ text, phrases }: { text: string; phrases: string[] }) {
  if (!phrases.length || !text) return null;
  const re = new RegExp(`(${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return <p className="prose highlighted" aria-label="Description with flagged wording marked">{text.split(re).map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part))}</p>;
}

export function PostJobPage() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof Draft>(k: K) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value as Draft[K] }));
  const debounced = useDebounced(draft, 250);
  const quality = useMemo(() => assessPostingQuality(toJob(debounced) as Parameters<typeof assessPostingQuality>[0]), [debounced]);
  // Flagged wording has its own list below, phrase by phrase.
  const issues = quality.issues.filter((i) => i.code !== 'non_inclusive_language');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const job = await api<Job>('/v1/jobs', { body: toJob(draft) });
      navigate(`/recruiter/jobs/${encodeURIComponent(job.id)}`);
    } catch (err) {
      setError(err);
      setSending(false);
    }
  };

  return (
    <>
      <PageHeader title="Post a job" subtitle="The posting coach scores the draft as you type. Matching members are notified the moment you post." />
      <div className="post-layout">
        <form className="card form" onSubmit={submit} aria-label="Job posting">
          <div className="field">
            <label htmlFor="job-title">Job title</label>
            <input id="job-title" required maxLength={200} value={draft.title} onChange={set('title')} placeholder="e.g. Data Engineer" />
          </div>
          <div className="field">
            <label htmlFor="job-description">Description</label>
            <textarea id="job-description" rows={8} maxLength={20000} value={draft.description} onChange={set('description')} placeholder="What the person will do, with whom, and how success is measured." />
          </div>
          <div className="field">
            <label htmlFor="job-required">Required skills <span className="muted">(comma-separated)</span></label>
            <input id="job-required" value={draft.required} onChange={set('required')} placeholder="Python, SQL, Apache Spark" />
          </div>
          <div className="field">
            <label htmlFor="job-preferred">Nice-to-have skills <span className="muted">(comma-separated)</span></label>
            <input id="job-preferred" value={draft.preferred} onChange={set('preferred')} />
          </div>
          <div className="grid-3">
            <div className="field"><label htmlFor="job-city">City</label><input id="job-city" value={draft.city} onChange={set('city')} /></div>
            <div className="field"><label htmlFor="job-country">Country</label><input id="job-country" value={draft.country} onChange={set('country')} placeholder="DE" maxLength={60} /></div>
            <div className="field">
              <label htmlFor="job-remote">Workplace</label>
              <select id="job-remote" value={draft.remote} onChange={set('remote')}><option value="onsite">On site</option><option value="hybrid">Hybrid</option><option value="remote">Remote</option></select>
            </div>
            <div className="field">
              <label htmlFor="job-seniority">Seniority</label>
              <select id="job-seniority" value={draft.seniority} onChange={set('seniority')}>
                {['intern', 'entry', 'mid', 'senior', 'lead', 'manager', 'director', 'executive'].map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="job-type">Employment</label>
              <select id="job-type" value={draft.employmentType} onChange={set('employmentType')}>
                {['full_time', 'part_time', 'contract', 'temporary', 'internship'].map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
              </select>
            </div>
            <div className="field"><label htmlFor="job-years">Minimum years</label><input id="job-years" type="number" min={0} max={40} value={draft.minYears} onChange={set('minYears')} /></div>
            <div className="field"><label htmlFor="job-salary-min">Salary from (per year)</label><input id="job-salary-min" type="number" min={0} value={draft.salaryMin} onChange={set('salaryMin')} /></div>
            <div className="field"><label htmlFor="job-salary-max">Salary to (per year)</label><input id="job-salary-max" type="number" min={0} value={draft.salaryMax} onChange={set('salaryMax')} /></div>
            <div className="field"><label htmlFor="job-currency">Currency</label><input id="job-currency" value={draft.currency} onChange={set('currency')} maxLength={3} /></div>
          </div>
          <div className="field">
            <label htmlFor="job-notify">Notify members who are at least</label>
            <select id="job-notify" value={draft.notifyMinLevel} onChange={set('notifyMinLevel')}>
              <option value="strong">a strong fit</option><option value="good">a good fit</option><option value="partial">a partial fit</option>
            </select>
          </div>
          {error !== null && <ErrorState error={error} />}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={sending || !draft.title.trim()} data-testid="post-job">{sending ? 'Posting…' : 'Post job'}</button>
          </div>
        </form>
        <aside className="card coach" aria-labelledby="coach-h" data-testid="posting-coach">
          <h2 id="coach-h">Posting coach</h2>
          <ScoreMeter value={quality.score} label="Posting quality" />
          <div aria-live="polite">
            {issues.length === 0
              ? <p className="ok">No issue found on the checklist.</p>
              : (
                <ul className="issues">
                  {issues.map((i) => (
                    <li key={i.code + i.field} className={`issue sev-${i.severity}`}>
                      <span className="sev">{i.severity}</span> {i.message} <span className="muted">{i.suggestion}</span>
                    </li>
                  ))}
                </ul>
              )}
            <h3>Inclusive language</h3>
            {quality.inclusiveLanguage.length === 0
              ? <p className="ok">No gender- or age-coded wording found.</p>
              : (
                <ul className="issues" data-testid="inclusive-flags">
                  {quality.inclusiveLanguage.map((f, i) => (
                    <li key={i} className="issue sev-medium"><mark>{f.phrase}</mark> <span className="muted">({f.kind.replace('_', '-')})</span> — {f.suggestion}</li>
                  ))}
                </ul>
              )}
            <Highlighted text={debounced.description} phrases={quality.inclusiveLanguage.map((f) => f.phrase)} />
          </div>
        </aside>
      </div>
    </>
  );
}
