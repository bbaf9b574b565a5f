// Test launcher for `fitwise eval` / `fitwise annotate` while src/cli/commands/index.ts does not register
// them yet: the same program setup and error mapping as src/cli/main.ts, with only these commands.
import { Command, CommanderError } from 'commander';
import { FitwiseError } from '../../src/domain/index.ts';
import { CliError } from '../../src/cli/index.ts';
import { register } from '../../src/cli/commands/eval.ts';

const program = new Command();
program.name('fitwise').option('--data-dir <dir>', 'embedded database directory').exitOverride();
register(program);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  const line = (m: string) => m.replace(/\s*\n\s*/g, ' ').trim();
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
  else if (err instanceof CliError) { process.stderr.write(`fitwise: ${line(err.message)}\n`); process.exitCode = err.exitCode; }
  else if (err instanceof FitwiseError) { process.stderr.write(`fitwise: ${line(err.message)}\n`); process.exitCode = 1; }
  else { process.stderr.write(`fitwise: unexpected error: ${line(err instanceof Error ? err.message : String(err))}\n`); process.exitCode = 1; }
}
