import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, streamSse } from './api.ts';

export interface AssistantFinal {
  intent: string;
  answer: string;
  engine: string;
  model?: string;
  citations: { kind: string; id: string; label?: string }[];
  tokens?: { input: number; output: number };
  costUsd: number | null;
  conversationId?: string;
  data?: Record<string, unknown>;
}

export interface AssistantRun {
  status: 'idle' | 'streaming' | 'done' | 'error' | 'unavailable';
  intent?: string;
  confidence?: number;
  skills: { name: string; ok?: boolean; ms?: number }[];
  text: string;
  guardrails: unknown[];
  final?: AssistantFinal;
  error?: string;
}

const IDLE: AssistantRun = { status: 'idle', skills: [], text: '', guardrails: [] };

/**
 * One streamed assistant turn over `POST /v1/assistant/messages` (SSE): route → skill calls →
 * tokens → guardrails → final. `unavailable` when the server has no assistant route.
 */
export function useAssistant(): { run: AssistantRun; ask(body: { text: string; jobId?: string; memberId?: string; conversationId?: string }): Promise<AssistantRun>; reset(): void } {
  const [run, setRun] = useState<AssistantRun>(IDLE);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const ask = useCallback(async (body: { text: string; jobId?: string; memberId?: string; conversationId?: string }) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    let state: AssistantRun = { ...IDLE, status: 'streaming' };
    const update = (next: AssistantRun) => { state = next; if (!ac.signal.aborted) setRun(next); };
    update(state);
    try {
      await streamSse('/v1/assistant/messages', (e) => {
        const d = e.data as Record<string, unknown>;
        switch (e.event) {
          case 'route': update({ ...state, intent: String(d.intent), confidence: Number(d.confidence) }); break;
          case 'skill_call': update({ ...state, skills: [...state.skills, { name: String(d.name) }] }); break;
          case 'skill_result': update({ ...state, skills: state.skills.map((s) => (s.name === d.name && s.ok === undefined ? { ...s, ok: Boolean(d.ok), ms: Number(d.ms) } : s)) }); break;
          case 'token': update({ ...state, text: state.text + String(d.text ?? '') }); break;
          case 'guardrail': update({ ...state, guardrails: [...state.guardrails, d] }); break;
          case 'final': {
            const final = d as unknown as AssistantFinal;
            update({ ...state, status: 'done', final, text: final.answer ?? state.text });
            break;
          }
          case 'error': update({ ...state, status: 'error', error: String(d.message ?? 'the assistant failed') }); break;
        }
      }, { body, signal: ac.signal });
      if (state.status === 'streaming') update({ ...state, status: state.text ? 'done' : 'error', error: state.text ? undefined : 'the answer stream ended early' });
    } catch (err) {
      if (ac.signal.aborted) return state;
      if (err instanceof ApiError && err.status === 404 && err.code === 'route_not_found') update({ ...state, status: 'unavailable', error: 'The assistant is not enabled on this server.' });
      else update({ ...state, status: 'error', error: err instanceof Error ? err.message : String(err) });
    }
    return state;
  }, []);

  const reset = useCallback(() => { abort.current?.abort(); setRun(IDLE); }, []);
  return { run, ask, reset };
}
