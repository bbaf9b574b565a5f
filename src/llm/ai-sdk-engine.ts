import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Prompt, LanguageModelV3Usage } from '@ai-sdk/provider';
import { z } from 'zod';
import type { EngineConfig } from './config.ts';
import type { Engine, EngineCall, EngineReply, EngineStreamPart, EngineUsage } from './engine.ts';
import { LlmError } from './types.ts';

/**
 * An engine over the Vercel AI SDK providers: `openai`, `azure` and `openai-compatible` chat completions.
 * It calls the provider's LanguageModelV3 (`doGenerate` / `doStream`) directly: the gateway already does
 * what `generateText` adds around it (retries, output parsing, telemetry), and skipping that layer keeps
 * the per-call overhead within budget. The SDK still owns the wire format, SSE parsing and error mapping.
 */
export function createAiSdkEngine(config: EngineConfig, options: { connectTimeoutMs?: number } = {}): Engine {
  const model = config.model!;
  const fetchWithConnectTimeout = providerFetch(options.connectTimeoutMs);
  let languageModel: LanguageModelV3;
  let supportsJsonSchema: boolean;
  if (config.provider === 'openai') {
    // `.chat()`: chat completions; the default export would call /v1/responses.
    languageModel = createOpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, fetch: fetchWithConnectTimeout }).chat(model);
    supportsJsonSchema = true;
  } else if (config.provider === 'azure') {
    languageModel = createAzure({
      apiKey: config.apiKey, resourceName: config.azureResourceName, baseURL: config.baseURL, apiVersion: config.azureApiVersion, fetch: fetchWithConnectTimeout,
    }).chat(model);
    supportsJsonSchema = true;
  } else if (config.provider === 'openai-compatible') {
    if (!config.baseURL) throw new LlmError('llm_config_invalid', 'openai-compatible needs a baseURL (LLM_BASE_URL)');
    // includeUsage: without it the stream carries no usage chunk and every streamed call would be estimated.
    languageModel = createOpenAICompatible({
      name: 'openai-compatible', baseURL: config.baseURL, apiKey: config.apiKey, includeUsage: true,
      supportsStructuredOutputs: config.supportsStructuredOutputs ?? false, fetch: fetchWithConnectTimeout,
    }).chatModel(model);
    supportsJsonSchema = config.supportsStructuredOutputs ?? false;
  } else {
    throw new LlmError('llm_config_invalid', `provider ${config.provider} is not served by the AI SDK engine`);
  }

  function callOptions(call: EngineCall): LanguageModelV3CallOptions {
    return {
      prompt: toPrompt(call.messages),
      maxOutputTokens: call.maxOutputTokens,
      temperature: call.temperature,
      abortSignal: call.abortSignal,
      responseFormat: call.json && supportsJsonSchema
        ? { type: 'json', schema: jsonSchemaOf(call.json.schema) as never, name: call.json.name ?? 'result' }
        : undefined,
      tools: call.tools
        ? Object.entries(call.tools).map(([name, t]) => ({ type: 'function' as const, name, description: t.description, inputSchema: jsonSchemaOf(t.inputSchema) as never }))
        : undefined,
    };
  }

  return {
    id: `${config.provider}:${model}`,
    provider: config.provider,
    model,
    supportsJsonSchema,
    async generate(call: EngineCall): Promise<EngineReply> {
      const result = await languageModel.doGenerate(callOptions(call));
      let text = '';
      const toolCalls: EngineReply['toolCalls'] = [];
      for (const part of result.content) {
        if (part.type === 'text') text += part.text;
        else if (part.type === 'tool-call') toolCalls.push({ name: part.toolName, input: parseToolInput(part.input) });
      }
      return { text, usage: fromUsage(result.usage), finishReason: result.finishReason.unified, toolCalls };
    },
    async *stream(call: EngineCall): AsyncIterable<EngineStreamPart> {
      const { stream } = await languageModel.doStream(callOptions(call));
      const reader = stream.getReader();
      let done = false;
      try {
        for (;;) {
          const step = await reader.read();
          if ((done = step.done)) break;
          const part = step.value;
          if (part.type === 'text-delta') {
            if (part.delta) yield { type: 'delta', text: part.delta };
          } else if (part.type === 'error') {
            throw part.error;
          } else if (part.type === 'finish') {
            yield { type: 'finish', usage: fromUsage(part.usage), finishReason: part.finishReason.unified };
          }
        }
      } finally {
        // Stopped early (the caller broke off, a deadline, an error part): cancel, which closes the
        // connection. A finished stream needs nothing: releasing its reader would only build a
        // "Reader released" error object for the closed promise.
        if (!done) void reader.cancel().catch(() => {});
      }
    },
  };
}

function toPrompt(messages: EngineCall['messages']): LanguageModelV3Prompt {
  return messages.map((m) => (m.role === 'system'
    ? { role: 'system', content: m.content }
    : { role: m.role, content: [{ type: 'text', text: m.content }] }));
}

function fromUsage(usage: LanguageModelV3Usage | undefined): EngineUsage | undefined {
  if (!usage) return undefined;
  return { inputTokens: usage.inputTokens.total, cachedInputTokens: usage.inputTokens.cacheRead, outputTokens: usage.outputTokens.total };
}

function parseToolInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

const jsonSchemas = new WeakMap<z.ZodType, unknown>();
function jsonSchemaOf(schema: z.ZodType): unknown {
  let js = jsonSchemas.get(schema);
  if (!js) {
    js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    jsonSchemas.set(schema, js);
  }
  return js;
}

/**
 * The fetch every provider call goes through. Redirects are refused: model APIs answer where they are
 * addressed, and with `redirect: 'error'` undici skips cloning the request (a tee of its body stream)
 * on every call, which is a measurable share of the gateway's per-call overhead. With `ms`, it also
 * aborts a request whose response headers do not arrive in time (the connect / server-accept timeout).
 */
function providerFetch(ms: number | undefined): typeof fetch {
  if (!ms) return (input, init) => fetch(input, { ...init, redirect: 'error' });
  return async (input, init) => {
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new LlmError('llm_timeout', `no response headers within ${ms} ms`)), ms);
    try {
      const signal = init?.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
      return await fetch(input, { ...init, signal, redirect: 'error' });
    } finally {
      clearTimeout(handle);
    }
  };
}
