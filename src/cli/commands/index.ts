import type { Command } from 'commander';
import { register as ask } from './ask.ts';
import { register as bench } from './bench.ts';
import { register as evaluation } from './eval.ts';
import { register as imports } from './imports.ts';
import { register as llm } from './llm.ts';
import { register as matching } from './matching.ts';
import { register as mcp } from './mcp.ts';
import { register as normalize } from './normalize.ts';
import { register as route } from './route.ts';
import { register as seed } from './seed.ts';
import { register as serve } from './serve.ts';
import { register as taxonomy } from './taxonomy.ts';
import { register as tokens } from './tokens.ts';
import { register as worker } from './worker.ts';

/** Each command file exports `register(program)`; add new ones here. */
export function registerCommands(program: Command): void {
  for (const register of [serve, worker, seed, taxonomy, imports, normalize, matching, route, ask, mcp, llm, evaluation, tokens, bench]) register(program);
}
