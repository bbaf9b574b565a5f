import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/llm.ts';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server.ts';

/** Runs the commands in-process with a fresh program, capturing stdout. */
async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  let out = '';
  const program = new Command().option('--data-dir <dir>').exitOverride();
  register(program, { write: (t) => { out += t; } });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    await program.parseAsync(['node', 'fitwise', ...args]);
  } finally {
    process.env = saved;
  }
  return out;
}

let server: OpenAITestServer | undefined;
after(async () => { await server?.close(); });

test('llm ping with nothing configured answers from the local engine', async () => {
  const out = JSON.parse(await run(['llm', 'ping', '--json'], { FITWISE_LLM: undefined }));
  assert.equal(out.engine, 'local');
  assert.match(out.text, /pong/);
});

test('llm ping reaches an OpenAI-compatible server configured by environment', async () => {
  server = await startOpenAITestServer({ default: { content: 'pong' } });
  const out = await run(['llm', 'ping'], { FITWISE_LLM: 'openai-compatible', LLM_BASE_URL: server.baseURL, LLM_MODEL: 'gpt-4o-mini' });
  assert.match(out, /engine: openai-compatible \(gpt-4o-mini\)/);
  assert.match(out, /reply: pong/);
});

test('costs rejects an unknown grouping with a usage error', async () => {
  await assert.rejects(run(['costs', '--by', 'planet']), (e: Error & { exitCode?: number }) => /--by must be one of/.test(e.message) && e.exitCode === 2);
});

test('costs prints a table from an empty ledger, with a total line', { timeout: 60_000 }, async () => {
  const dir = 'memory://';
  try {
    const out = await run(['--data-dir', dir, 'costs', '--by', 'model'], { DATABASE_URL: undefined });
    assert.match(out, /^model\s+calls/);
    assert.match(out, /TOTAL\s+0/);
  } finally {
    void dir;
  }
});
