import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { register as registerAsk, answerObject } from '../../src/cli/commands/ask.ts';
import { register as registerMcp, stdioCaller } from '../../src/cli/commands/mcp.ts';

function program(): Command {
  const p = new Command().option('--data-dir <dir>').exitOverride();
  p.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerAsk(p);
  registerMcp(p);
  return p;
}

describe('fitwise ask / fitwise mcp (argument handling)', () => {
  test('ask without --member or --company is a usage error', async () => {
    await assert.rejects(program().parseAsync(['node', 'fitwise', 'ask', 'am I a fit?']), (e: { exitCode: number; message: string }) => e.exitCode === 2 && /--member/.test(e.message));
  });

  test('the --json answer object carries the contract fields', () => {
    const o = answerObject({
      intent: 'small_talk', confidence: 1, answer: 'Hello', engine: 'local', model: 'local', citations: [], tokens: { input: 0, output: 0 },
      costUsd: 0, conversationId: 'c', promptVersion: 'v', skillCalls: [], guardrails: [],
    });
    assert.deepEqual(Object.keys(o).slice(0, 6), ['intent', 'answer', 'engine', 'citations', 'tokens', 'costUsd']);
  });

  test('mcp over stdio acts for the member, company or admin given by flags or environment', () => {
    assert.deepEqual(stdioCaller({ member: 'm-1' }), { role: 'member', memberId: 'm-1' });
    assert.deepEqual(stdioCaller({}, { FITWISE_MCP_COMPANY: 'c-2' }), { role: 'recruiter', companyId: 'c-2' });
    assert.deepEqual(stdioCaller({ admin: true }), { role: 'admin' });
    assert.throws(() => stdioCaller({}, {}), /--member/);
  });
});
