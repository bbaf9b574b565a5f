/**
 * The browser-test harness: a real Fitwise server in-process (PGlite in memory, small demo data, the
 * web app served from web/dist) and Debian's chromium driven by playwright-core. Also used by
 * `scripts/screenshots.ts`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildServer } from '../../src/api/index.ts';
import { ensureWebBuilt, registerWebApp } from '../../src/api/web.ts';
import { opsRoutes } from '../../src/api/routes/ops.ts';
import { createAppContext, refreshAppContext, type AppContext } from '../../src/app/index.ts';
import { seedDatabase } from '../../src/seed/index.ts';
import { startRealtime } from '../../src/realtime/index.ts';
import { openDatabase, tables } from '../../src/store/index.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEST_OUTPUT_DIR = join(REPO_ROOT, 'test-output', 'web');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags CI uses for Debian's chromium (no sandbox in containers, nothing phoning home). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Why the browser tests cannot run here, or undefined when they can. Without chromium they skip
 * locally; in CI (`CI` set) a missing chromium is a failure, not a skip.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI) throw new Error(`chromium not found at ${CHROMIUM_PATH}: CI must install it (apt-get install -y chromium)`);
  return `chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH); browser tests skipped`;
}

/**
 * Chromium with a fresh profile: playwright creates a new temporary `--user-data-dir` per launch and
 * deletes it on close; each `newContext()` is a further isolated profile (own localStorage).
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface WebServer {
  ctx: AppContext;
  app: FastifyInstance;
  base: string;
  /** Which optional route groups were present (other engineers' work lands over time). */
  features: { assistant: boolean; notifications: boolean; realtime: boolean };
  close(): Promise<void>;
}

type RouteModule = Record<string, unknown>;

async function optionalModule(path: string): Promise<RouteModule | undefined> {
  try {
    return await import(path) as RouteModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/**
 * Starts the API + web app on an ephemeral port over a fresh in-memory database with small demo data.
 * The assistant, notification and realtime routes are added when their modules exist and the server
 * does not register them itself yet.
 */
export async function startWebServer(opts: { members?: number; jobs?: number; seed?: number } = {}): Promise<WebServer> {
  await ensureWebBuilt({ ifStale: true, quiet: true });
  const ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
  await seedDatabase(ctx.repos, ctx.taxonomy, { members: opts.members ?? 80, jobs: opts.jobs ?? 40, companies: 6, courses: 40, seed: opts.seed ?? 3 });
  await refreshAppContext(ctx);
  // The in-process bus and worker: this test owns its whole pipeline, whatever NATS_URL says.
  const rt = await startRealtime(ctx, { natsUrl: '', worker: true, onError: () => {} });
  const app = await buildServer(ctx, { realtime: rt });
  const has = (method: 'GET' | 'POST', url: string) => app.hasRoute({ method, url });
  const closers: (() => Promise<void>)[] = [() => rt.close()];
  const features = { assistant: false, notifications: false, realtime: true };

  if (!has('GET', '/v1/ops/costs')) await opsRoutes(app, ctx);

  const assistant = await optionalModule('../../src/api/routes/assistant.ts');
  if (!has('POST', '/v1/assistant/messages') && typeof assistant?.assistantRoutes === 'function') {
    await (assistant.assistantRoutes as (a: FastifyInstance, c: AppContext) => Promise<void>)(app, ctx);
  }
  features.assistant = has('POST', '/v1/assistant/messages');

  const realtime = await optionalModule('../../src/realtime/index.ts');
  const notifications = await optionalModule('../../src/api/routes/notifications.ts');
  if (!has('GET', '/v1/notifications/stream') && typeof realtime?.startRealtime === 'function' && typeof notifications?.notificationRoutes === 'function') {
    // The in-process bus and worker: this test owns its whole pipeline, whatever NATS_URL says.
    const rt = await (realtime.startRealtime as (c: AppContext, o: object) => Promise<{ feed: unknown; close(): Promise<void> }>)(ctx, { natsUrl: '', worker: true, onError: () => {} });
    closers.push(() => rt.close());
    await (notifications.notificationRoutes as (a: FastifyInstance, c: AppContext, d: object) => Promise<void>)(app, ctx, { feed: rt.feed, gapCheckMs: 500 });
    features.realtime = true;
  }
  features.notifications = has('GET', '/v1/notifications/stream');

  await registerWebApp(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    ctx, app, base, features,
    async close() {
      await app.close();
      for (const c of closers.reverse()) await c().catch(() => {});
      await ctx.close();
    },
  };
}

/** Model-call ledger rows, budgets and evaluation runs over the last days, so the operator charts have data. */
export async function seedOperationsData(ctx: AppContext): Promise<{ calls: (typeof tables.llmCalls.$inferInsert)[] }> {
  const db = ctx.handle.db;
  const now = ctx.clock().getTime();
  const features = ['assistant.assess_fit', 'assistant.find_jobs', 'coach.posting', 'eval.judge'];
  const models = [{ provider: 'openai', model: 'gpt-4o-mini', inUsd: 0.15, outUsd: 0.6 }, { provider: 'local', model: 'local', inUsd: 0, outUsd: 0 }];
  const rows: (typeof tables.llmCalls.$inferInsert)[] = [];
  // Deterministic: 5 days x 8 hours x 3 calls, with latency that drifts by hour.
  for (let d = 4; d >= 0; d--) {
    for (let h = 0; h < 8; h++) {
      for (let k = 0; k < 3; k++) {
        const i = d * 100 + h * 10 + k;
        const m = models[i % 3 === 0 ? 1 : 0]!;
        const input = 400 + ((i * 37) % 900);
        const output = 80 + ((i * 53) % 300);
        rows.push({
          at: new Date(now - d * 86_400_000 - h * 3_600_000 - k * 60_000).toISOString(),
          feature: features[i % features.length]!, provider: m.provider, model: m.model,
          inputTokens: input, outputTokens: output, costUsd: (input * m.inUsd + output * m.outUsd) / 1e6,
          latencyMs: 300 + ((i * 71) % 900) + h * 40, ttftMs: 120 + ((i * 29) % 250) + h * 15,
          outcome: i % 17 === 0 ? 'error' : 'ok',
        });
      }
    }
  }
  await db.insert(tables.llmCalls).values(rows);
  const period = new Date(now).toISOString().slice(0, 10);
  await db.insert(tables.llmBudgets).values([
    { scope: 'global', period, unit: 'usd', limitAmount: 5, used: 1.2 },
    { scope: 'feature:assistant.assess_fit', period, unit: 'tokens', limitAmount: 200_000, used: 150_000 },
    { scope: 'member:m-0000001', period, unit: 'tokens', limitAmount: 20_000, used: 4_000 },
  ]);
  await db.insert(tables.evalRuns).values([0, 1, 2, 3].map((i) => ({
    id: `eval-${i}`, suite: 'offline', passed: i !== 1,
    report: { cases: 120 + i, seconds: 20 + i, target: { engine: 'local' }, metrics: { routingAccuracy: 0.9 + i * 0.02, fitLevelAccuracy: 0.95 + i * 0.01, groundedness: 0.97 + i * 0.005, latencyP95Ms: 400 - i * 10 } },
    createdAt: new Date(now - (4 - i) * 86_400_000).toISOString(),
  })));
  return { calls: rows };
}

/** A full-page screenshot under test-output/web (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  const path = join(TEST_OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the login page's demo buttons. */
export async function signIn(page: Page, base: string, as: 'member' | 'recruiter' | 'admin'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId(`login-${as}`).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 10_000 });
}
