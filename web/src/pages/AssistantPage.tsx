import { useRef, useState, type FormEvent } from 'react';
import { useAssistant, type AssistantRun } from '../assistant.ts';
import { StreamedAnswer } from '../components.tsx';
import { useSession } from '../session.tsx';
import { Empty, PageHeader } from '../ui.tsx';

const SUGGESTIONS: Record<string, string[]> = {
  member: ['Find me remote data jobs', 'How can I improve my profile?', 'What should I learn next?', 'How do I prepare for an interview?'],
  recruiter: ['Find candidates who know Python in Berlin', 'Rank the applicants for my newest job', 'How can I improve my posting?'],
  admin: ['What can you do?'],
};

interface Turn { question: string; run: AssistantRun }

/** The assistant chat: each question streams its answer; the conversation continues by id. */
export function AssistantPage() {
  const { identity } = useSession();
  const { run, ask } = useAssistant();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [pending, setPending] = useState<string | null>(null);
  const [text, setText] = useState('');
  const conversationId = useRef<string | undefined>(undefined);

  const send = async (question: string) => {
    if (!question.trim() || pending !== null) return;
    setText('');
    setPending(question);
    const done = await ask({ text: question, ...(conversationId.current ? { conversationId: conversationId.current } : {}) });
    if (done.final?.conversationId) conversationId.current = done.final.conversationId;
    setTurns((t) => [...t, { question, run: done }]);
    setPending(null);
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void send(text); };

  return (
    <>
      <PageHeader title="Assistant" subtitle="Answers are composed from computed facts about your profile and the jobs; every claim is checked." />
      <section className="chat card" aria-label="Conversation">
        {turns.length === 0 && pending === null && (
          <Empty title="Ask anything about jobs, your fit or your next steps">
            <div className="suggestions">
              {(SUGGESTIONS[identity?.role ?? 'member'] ?? []).map((s) => (
                <button key={s} type="button" className="chip chip-button" onClick={() => void send(s)}>{s}</button>
              ))}
            </div>
          </Empty>
        )}
        <ol className="turns">
          {turns.map((t, i) => (
            <li key={i} className="turn">
              <p className="bubble bubble-user"><span className="sr-only">You: </span>{t.question}</p>
              <StreamedAnswer run={t.run} testId="chat-answer" />
            </li>
          ))}
          {pending !== null && (
            <li className="turn">
              <p className="bubble bubble-user"><span className="sr-only">You: </span>{pending}</p>
              <StreamedAnswer run={run} testId="chat-answer" />
            </li>
          )}
        </ol>
        <form className="chat-form" onSubmit={submit}>
          <label htmlFor="chat-input" className="sr-only">Your question</label>
          <input id="chat-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="Ask the assistant…" maxLength={2000} autoComplete="off" />
          <button type="submit" className="btn btn-primary" disabled={!text.trim() || pending !== null}>Send</button>
        </form>
      </section>
    </>
  );
}
