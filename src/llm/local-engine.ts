import type { Engine, EngineCall, EngineReply, EngineStreamPart } from './engine.ts';
import { LlmError } from './types.ts';

/**
 * The `local` engine: no model. The caller's `localComposer` writes the answer from computed facts;
 * the result says `engine: "local"`. Structured requests may compose the object itself.
 */
export function createLocalEngine(): Engine {
  async function compose(call: EngineCall): Promise<EngineReply> {
    const composer = call.request.localComposer;
    if (!composer) throw new LlmError('llm_unavailable', 'the local engine needs a localComposer for this request');
    const out = await composer(call.request);
    if (typeof out === 'string') return { text: out, usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 }, finishReason: 'stop', toolCalls: [] };
    return { text: JSON.stringify(out), value: out, usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 }, finishReason: 'stop', toolCalls: [] };
  }
  return {
    id: 'local:local',
    provider: 'local',
    model: 'local',
    supportsJsonSchema: true,
    generate: compose,
    async *stream(call: EngineCall): AsyncIterable<EngineStreamPart> {
      const reply = await compose(call);
      // Sentence-sized deltas, so a UI renders a composed answer the same way as a model's.
      for (const piece of reply.text.match(/[^.!?\n]+[.!?\n]*\s*/g) ?? [reply.text]) yield { type: 'delta', text: piece };
      yield { type: 'finish', usage: reply.usage, finishReason: 'stop' };
    },
  };
}
