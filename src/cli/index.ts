export { CliError, withDatabase, printJson, readStdinLines, type GlobalOptions } from './context.ts';
