import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { z } from 'zod';
import { createGateway, type Gateway } from '../../src/llm/index.ts';
import { SHARED_DIR } from '../support/databases.ts';

const modelPath = `${SHARED_DIR}models/stories260K.gguf`;
let llamaInstalled = true;
try {
  await import('node-llama-cpp');
} catch {
  llamaInstalled = false;
}
const skip = !existsSync(modelPath) ? `${modelPath} is absent` : !llamaInstalled ? 'the optional dependency node-llama-cpp is not installed' : false;

describe('in-process GGUF engine (stories260K)', { skip }, () => {
  let gateway: Gateway;
  after(async () => { await gateway?.close(); });

  test('loads the model and streams tokens as they are generated', async () => {
    gateway = createGateway({ engines: [{ provider: 'gguf', modelPath, contextSize: 256 }], cache: { enabled: false, ttlSeconds: 1 } });
    const s = gateway.stream({ feature: 'gguf.test', messages: [{ role: 'user', content: 'Once upon a time' }], maxOutputTokens: 24 });
    const deltas: string[] = [];
    for await (const d of s) deltas.push(d);
    const r = await s.result;
    assert.equal(r.engine, 'gguf');
    assert.ok(deltas.length >= 5, `only ${deltas.length} deltas`);
    assert.equal(r.text, deltas.join(''));
    assert.ok(r.usage.outputTokens > 0 && !r.usage.estimated);
    assert.equal(r.costUsd, 0);
    assert.ok(r.stats.ttftMs !== null && r.stats.tokensPerSecond !== null);
  });

  test('returns schema-valid JSON under a grammar built from the zod schema', async () => {
    const Character = z.object({ name: z.string(), age: z.number(), happy: z.boolean() });
    const r = await gateway.generateObject({ feature: 'gguf.test', messages: [{ role: 'user', content: 'Describe the girl in the story.' }], schema: Character, maxOutputTokens: 96 });
    assert.ok(Character.safeParse(r.object).success, JSON.stringify(r.object));
    assert.equal(r.reasks, 0);
  });
});
