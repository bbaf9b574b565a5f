import { z } from 'zod';
import type { EngineConfig } from './config.ts';
import type { Engine, EngineCall, EngineReply, EngineStreamPart } from './engine.ts';
import { LlmError } from './types.ts';

type NodeLlamaCpp = typeof import('node-llama-cpp');

interface Loaded {
  lib: NodeLlamaCpp;
  llama: Awaited<ReturnType<NodeLlamaCpp['getLlama']>>;
  model: Awaited<ReturnType<Awaited<ReturnType<NodeLlamaCpp['getLlama']>>['loadModel']>>;
}

/**
 * In-process GGUF model through node-llama-cpp (an optional dependency, imported on first use; CPU by
 * default). Structured output is constrained by a grammar built from the zod schema's JSON schema.
 * Calls run one at a time: one context sequence per call, disposed after it.
 */
export function createGgufEngine(config: EngineConfig): Engine {
  const modelPath = config.modelPath;
  if (!modelPath) throw new LlmError('llm_config_invalid', 'the gguf engine needs a model path (GGUF_MODEL_PATH)');
  let loading: Promise<Loaded> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const grammars = new WeakMap<z.ZodType, Promise<unknown>>();

  function load(): Promise<Loaded> {
    loading ??= (async () => {
      let lib: NodeLlamaCpp;
      try {
        lib = await import('node-llama-cpp');
      } catch (err) {
        throw new LlmError('llm_unavailable', 'the gguf engine needs the optional dependency node-llama-cpp', { cause: err });
      }
      const llama = await lib.getLlama({ gpu: false, logLevel: lib.LlamaLogLevel.error });
      const model = await llama.loadModel({ modelPath: modelPath! });
      return { lib, llama, model };
    })();
    return loading;
  }

  /** Runs `fn` after the previous call finished (one native context at a time keeps memory bounded). */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  }

  async function run(call: EngineCall, onText?: (text: string) => void): Promise<EngineReply> {
    const { lib, llama, model } = await load();
    const context = await model.createContext({ contextSize: config.contextSize ?? 2048, threads: 1 });
    try {
      const completion = new lib.LlamaCompletion({ contextSequence: context.getSequence() });
      const prompt = call.messages.map((m) => (m.role === 'system' ? m.content : `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`)).join('\n') + '\nAssistant:';
      let grammar: unknown;
      if (call.json) {
        let g = grammars.get(call.json.schema);
        if (!g) {
          g = llama.createGrammarForJsonSchema(z.toJSONSchema(call.json.schema, { target: 'draft-7' }) as never);
          grammars.set(call.json.schema, g);
        }
        grammar = await g;
      }
      const text = await completion.generateCompletion(prompt, {
        maxTokens: call.maxOutputTokens ?? 256,
        temperature: call.temperature,
        signal: call.abortSignal,
        grammar: grammar as never,
        onTextChunk: onText,
      });
      return {
        text,
        // Exact counts from the model's own tokenizer.
        usage: { inputTokens: model.tokenize(prompt).length, cachedInputTokens: 0, outputTokens: model.tokenize(text).length },
        finishReason: 'stop',
        toolCalls: [],
      };
    } finally {
      await context.dispose();
    }
  }

  const name = config.model ?? modelPath.split('/').pop()!;
  return {
    id: `gguf:${name}`,
    provider: 'gguf',
    model: name,
    supportsJsonSchema: true,
    generate: (call) => serial(() => run(call)),
    async *stream(call: EngineCall): AsyncIterable<EngineStreamPart> {
      const deltas: string[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      let failure: unknown;
      let reply: EngineReply | undefined;
      void serial(() => run(call, (t) => { deltas.push(t); wake?.(); }))
        .then((r) => { reply = r; }, (err) => { failure = err; })
        .finally(() => { done = true; wake?.(); });
      while (true) {
        if (deltas.length > 0) {
          yield { type: 'delta', text: deltas.shift()! };
          continue;
        }
        if (done) break;
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
      }
      if (failure) throw failure;
      yield { type: 'finish', usage: reply!.usage, finishReason: reply!.finishReason };
    },
    async close() {
      if (!loading) return;
      const { llama, model } = await loading;
      await model.dispose();
      await llama.dispose();
    },
  };
}
