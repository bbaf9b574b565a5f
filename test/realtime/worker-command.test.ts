import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/worker.ts';

const program = () => {
  const p = new Command('fitwise').exitOverride().option('--data-dir <dir>');
  register(p);
  return p;
};

test('`fitwise worker --help` documents the worker and its options', () => {
  const help = program().commands.find((c) => c.name() === 'worker')!.helpInformation();
  for (const word of ['matching worker', '--concurrency', '--top', '--prefix', '--no-dispatcher']) assert.ok(help.includes(word), word);
});

test('a bad --concurrency is a usage error (exit code 2) before anything is opened', async () => {
  await assert.rejects(program().parseAsync(['node', 'fitwise', 'worker', '--concurrency', '0']), (err: any) => err.exitCode === 2 && /concurrency/.test(err.message));
});
