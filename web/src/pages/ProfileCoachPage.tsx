import { useEffect } from 'react';
import { api } from '../api.ts';
import { useAssistant } from '../assistant.ts';
import { StreamedAnswer } from '../components.tsx';
import { useAsync } from '../hooks.ts';
import { ErrorState, Loading, PageHeader, ScoreMeter } from '../ui.tsx';

interface Member {
  id: string; headline: string; summary: string;
  contact?: { name?: string };
  skills: { name: string; level?: string; years?: number }[];
  experience: { title: string; company?: string; startDate?: string; endDate?: string; description?: string }[];
  location?: { city?: string; country?: string };
}

/** The profile coach (through the assistant's profile_quality skill) next to the profile it reviews. */
export function ProfileCoachPage({ memberId }: { memberId: string }) {
  const profile = useAsync((signal) => api<Member>(`/v1/members/${encodeURIComponent(memberId)}`, { signal }), [memberId]);
  const { run, ask } = useAssistant();
  useEffect(() => { void ask({ text: 'How can I improve my profile?' }); }, [ask]);
  const score = typeof run.final?.data?.score === 'number' ? run.final.data.score : undefined;

  return (
    <>
      <PageHeader
        title="Profile coach"
        subtitle="What a good recruiter would fix first: missing headline or summary, vague descriptions, skills your experience shows but your list omits."
        actions={<button type="button" className="btn" onClick={() => void ask({ text: 'How can I improve my profile?' })} disabled={run.status === 'streaming'}>Review again</button>}
      />
      <div className="two-col">
        <section className="card" aria-labelledby="coach-h">
          <h2 id="coach-h">Suggestions</h2>
          {score !== undefined && <ScoreMeter value={score} label="Profile quality" />}
          <StreamedAnswer run={run} testId="profile-coach" />
        </section>
        <section className="card" aria-labelledby="profile-h">
          <h2 id="profile-h">Your profile</h2>
          {profile.loading && !profile.data && <Loading />}
          {profile.error !== undefined && <ErrorState error={profile.error} retry={profile.reload} />}
          {profile.data && (
            <>
              <p><strong>{profile.data.contact?.name}</strong></p>
              <p>{profile.data.headline || <em className="muted">No headline</em>}</p>
              <p className="muted prose">{profile.data.summary || 'No summary'}</p>
              <h3>Skills</h3>
              <p className="tags">{profile.data.skills.map((s) => <span key={s.name} className="tag">{s.name}{s.level ? ` · ${s.level}` : ''}</span>)}</p>
              <h3>Experience</h3>
              <ul className="plain">
                {profile.data.experience.map((x, i) => <li key={i}><strong>{x.title}</strong>{x.company ? ` at ${x.company}` : ''} <span className="muted">{x.startDate ?? ''}–{x.endDate ?? 'now'}</span></li>)}
              </ul>
            </>
          )}
        </section>
      </div>
    </>
  );
}
