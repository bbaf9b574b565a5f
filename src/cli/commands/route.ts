import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { createRouter, type IntentRouter, type RoutedTurn } from '../../assistant/router/index.ts';
import { CliError } from '../context.ts';

/** Longer lines are not utterances (a pasted file, binary data): refuse rather than guess. */
export const MAX_UTTERANCE_CHARS = 10_000;

export interface RouteOptions {
  /** Treat the lines as one conversation: follow-ups inherit earlier intents. */
  conversation?: boolean;
  /** Add every intent's probability to each line. */
  scores?: boolean;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** Refuses what cannot be an utterance: control characters (binary input) and over-long lines. */
function checkLine(line: string, n: number): void {
  if (line.length > MAX_UTTERANCE_CHARS) throw new CliError(`line ${n}: longer than ${MAX_UTTERANCE_CHARS} characters; expected one utterance per line`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(line)) throw new CliError(`line ${n}: not text (control characters or invalid UTF-8); expected one utterance per line`);
}

/**
 * Reads utterances line by line and writes `{"text","intent","confidence"}` per line as soon as it is
 * routed. The router is trained on the first line, so bad or empty input fails fast.
 */
export async function routeLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, opts: RouteOptions = {}, makeRouter: () => IntentRouter = createRouter): Promise<number> {
  let router: IntentRouter | undefined;
  const history: RoutedTurn[] = [];
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    checkLine(line, n);
    router ??= makeRouter();
    const text = line.trim();
    const decision = router.route(text, opts.conversation ? history : []);
    if (opts.conversation && text !== '') history.push({ text, intent: decision.intent });
    const record: Record<string, unknown> = { text: line, intent: decision.intent, confidence: round(decision.confidence) };
    if (opts.scores) record.scores = Object.fromEntries(Object.entries(decision.scores ?? {}).map(([k, v]) => [k, round(v)]));
    if (!output.write(`${JSON.stringify(record)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
  if (n === 0) throw new CliError('no input: pipe utterances on stdin, one per line', 2);
  return n;
}

export function register(program: Command): void {
  program
    .command('route')
    .description('route utterances (one per line on stdin) to assistant intents; one JSON line per utterance')
    .option('--conversation', 'treat the lines as one conversation, so follow-ups ("and the other one?") inherit intents')
    .option('--scores', 'also print the probability of every intent')
    .action(async (opts: RouteOptions) => {
      if (process.stdin.isTTY) throw new CliError('no input: pipe utterances on stdin, one per line (e.g. echo "am I a fit for this job?" | fitwise route)', 2);
      await routeLines(process.stdin, process.stdout, opts);
    });
}
