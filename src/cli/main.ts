import { Command, CommanderError } from 'commander';
import { FitwiseError } from '../domain/index.ts';
import { CliError } from './context.ts';
import { registerCommands } from './commands/index.ts';

const program = new Command();
program
  .name('fitwise')
  .description('Fitwise: explainable AI job matching for job boards and HR platforms')
  .option('--data-dir <dir>', 'embedded database directory (ignored when DATABASE_URL is set)')
  .showHelpAfterError(false)
  .exitOverride();
program.configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerCommands(program);

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; commander has already printed its message.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof CliError) {
    process.stderr.write(`fitwise: ${oneLine(err.message)}\n`);
    process.exitCode = err.exitCode;
  } else if (err instanceof FitwiseError) {
    process.stderr.write(`fitwise: ${oneLine(err.message)}\n`);
    process.exitCode = 1;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`fitwise: unexpected error: ${oneLine(message)}\n`);
    if (process.env.FITWISE_DEBUG) console.error(err);
    process.exitCode = 1;
  }
}
