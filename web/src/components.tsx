import type { FitAssessment, NextStep, Qualification } from './api.ts';
import type { AssistantRun } from './assistant.ts';
import { FitBadge } from './ui.tsx';

const STATUS_TEXT = { met: 'Met', partial: 'Partly met', missing: 'Missing' } as const;

function StepView({ step }: { step: NextStep }) {
  switch (step.kind) {
    case 'course':
      return (
        <li className="step step-course">
          <span className="step-kind">Course</span>
          {step.url ? <a href={step.url} target="_blank" rel="noreferrer">{step.title}</a> : <strong>{step.title}</strong>}
          <span className="muted"> · {step.provider} · {step.level} · {step.durationHours} h</span>
        </li>
      );
    case 'adjacent_skill':
      return <li className="step"><span className="step-kind">Build on</span> {step.label} <span className="muted">(you have it in {step.field})</span></li>;
    case 'surface_evidence':
      return <li className="step"><span className="step-kind">Show it</span> {step.advice} <q className="muted">{step.quote}</q></li>;
    default:
      return <li className="step"><span className="step-kind">Next step</span> {step.advice}</li>;
  }
}

function QualificationRow({ q }: { q: Qualification }) {
  return (
    <li className={`qual qual-${q.status}`} data-status={q.status}>
      <div className="qual-head">
        <span className={`status status-${q.status}`}>{STATUS_TEXT[q.status]}</span>
        <strong>{q.requirement}</strong>
        <span className="muted qual-kind">{q.kind === 'required' ? 'required' : 'nice to have'}</span>
      </div>
      {q.evidence.length > 0 && (
        <ul className="evidence" aria-label={`Evidence for ${q.requirement}`}>
          {q.evidence.map((e, i) => (
            <li key={i}><code>{e.field}</code> <q>{e.quote}</q>{e.note && <span className="muted"> — {e.note}</span>}</li>
          ))}
        </ul>
      )}
      {q.via && <p className="muted small">Related skill you have: {q.via.label}</p>}
      {q.nextSteps && q.nextSteps.length > 0 && (
        <ul className="steps" aria-label={`Next steps for ${q.requirement}`} data-testid="next-steps">
          {q.nextSteps.map((s, i) => <StepView key={i} step={s} />)}
        </ul>
      )}
    </li>
  );
}

/** The fit tier's answer: level, summary, met and missing qualifications with evidence and next steps. */
export function FitBreakdown({ fit }: { fit: FitAssessment }) {
  const met = fit.qualifications.filter((q) => q.status === 'met');
  const open = fit.qualifications.filter((q) => q.status !== 'met');
  const courses = fit.qualifications.flatMap((q) => q.nextSteps ?? []).filter((s): s is Extract<NextStep, { kind: 'course' }> => s.kind === 'course');
  const uniqueCourses = [...new Map(courses.map((c) => [c.courseId, c])).values()];
  return (
    <div className="fit-breakdown" data-testid="fit-breakdown">
      <div className="fit-summary">
        <FitBadge level={fit.level} score={fit.score} />
        <span>{fit.facts.summary}</span>
      </div>
      <div className="two-col">
        <section aria-labelledby="gaps-h">
          <h3 id="gaps-h">To work on ({open.length})</h3>
          {open.length === 0 ? <p className="muted">Nothing missing: every qualification is met.</p> : <ul className="quals">{open.map((q, i) => <QualificationRow key={i} q={q} />)}</ul>}
        </section>
        <section aria-labelledby="met-h">
          <h3 id="met-h">You meet ({met.length})</h3>
          {met.length === 0 ? <p className="muted">No qualification is met yet.</p> : <ul className="quals">{met.map((q, i) => <QualificationRow key={i} q={q} />)}</ul>}
        </section>
      </div>
      {uniqueCourses.length > 0 && (
        <section aria-labelledby="courses-h" className="courses">
          <h3 id="courses-h">Suggested courses</h3>
          <ul className="steps">{uniqueCourses.map((c) => <StepView key={c.courseId} step={c} />)}</ul>
        </section>
      )}
    </div>
  );
}

/** A streamed assistant answer with its route, skill calls, a typing cursor and the engine that wrote it. */
export function StreamedAnswer({ run, testId = 'streamed-answer' }: { run: AssistantRun; testId?: string }) {
  if (run.status === 'idle') return null;
  return (
    <div className="answer" data-testid={testId} data-status={run.status}>
      <div className="answer-meta">
        {run.intent && <span className="chip">intent: {run.intent.replace(/_/g, ' ')}</span>}
        {run.skills.map((s, i) => (
          <span key={i} className={`chip chip-skill ${s.ok === false ? 'chip-bad' : ''}`}>{s.name}{s.ms !== undefined ? ` · ${Math.round(s.ms)} ms` : ' …'}</span>
        ))}
      </div>
      <div className="answer-text" aria-live="polite" aria-busy={run.status === 'streaming'}>
        {run.text}
        {run.status === 'streaming' && <span className="cursor" aria-hidden="true" />}
      </div>
      {run.error && <p className="state state-error" role="alert">{run.error}</p>}
      {run.final && (
        <p className="fine">
          Written by <strong>{run.final.engine}</strong>{run.final.model && run.final.model !== run.final.engine ? ` (${run.final.model})` : ''}
          {run.final.tokens ? ` · ${run.final.tokens.input + run.final.tokens.output} tokens` : ''}
          {run.final.costUsd !== null && run.final.costUsd !== undefined ? ` · $${run.final.costUsd.toFixed(5)}` : ''}
          {run.guardrails.length > 0 ? ` · ${run.guardrails.length} guardrail check${run.guardrails.length > 1 ? 's' : ''}` : ''}
        </p>
      )}
    </div>
  );
}
