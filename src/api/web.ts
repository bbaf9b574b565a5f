import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorBody } from './errors.ts';

/** The web app's sources (`web/`) and its build output (`web/dist/`), at the repository root. */
export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
export const WEB_DIST_DIR = join(WEB_DIR, 'dist');

/** Paths the API owns: never answered with the SPA's index.html. */
const API_PREFIXES = ['/v1/', '/v1', '/mcp', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'];

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/**
 * Serves the built web app from `web/dist`: hashed assets with long-lived caching, and `index.html` for
 * every other GET that is not an API path, so client-side routes (`/member/jobs/j-1`) load the app.
 */
export async function registerWebApp(app: FastifyInstance, opts: { distDir?: string } = {}): Promise<void> {
  const root = opts.distDir ?? WEB_DIST_DIR;
  await app.register(fastifyStatic, { root, serve: false });
  const handler = async (req: { url: string }, reply: import('fastify').FastifyReply) => {
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (isApiPath(path)) return reply.status(404).send(errorBody('route_not_found', `no route GET ${path}`));
    if (!existsSync(join(root, 'index.html'))) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built yet: run `npx vite build web`.');
    }
    const file = resolve(root, `.${path}`);
    if (path !== '/' && file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      return reply.sendFile(file.slice(root.length + 1), root, { immutable, maxAge: immutable ? 31_536_000_000 : 0 });
    }
    // An unknown asset is a real 404; anything else is a client-side route.
    if (path.startsWith('/assets/')) return reply.status(404).send(errorBody('route_not_found', `no file ${path}`));
    // The shell must be revalidated, so a new build's asset names are picked up at once.
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root, { cacheControl: false });
  };
  app.get('/', handler);
  app.get('/*', handler);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when `web/dist` is missing or older than a file under `web/src`, `web/index.html` or the Vite config. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(newestMtime(join(WEB_DIR, 'src')), statSync(join(WEB_DIR, 'index.html')).mtimeMs, statSync(join(WEB_DIR, 'vite.config.ts')).mtimeMs);
  return sources > built;
}

/** Scratch space for builds: inside node_modules (ignored), on the same file system as web/dist. */
const CACHE_DIR = resolve(WEB_DIR, '..', 'node_modules', '.cache');
const LOCK_DIR = join(CACHE_DIR, 'fitwise-web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Builds the web app with Vite (programmatically) when `web/dist/index.html` is missing — or, with
 * `{ ifStale: true }`, also when a source is newer than the build (what the browser tests use).
 * Safe to call from several processes at once (test files run in parallel): one builds under a lock
 * into a scratch folder and swaps it in, so a server never sees a half-written web/dist.
 */
export async function ensureWebBuilt(opts: { ifStale?: boolean; quiet?: boolean } = {}): Promise<void> {
  const needed = () => !existsSync(join(WEB_DIST_DIR, 'index.html')) || Boolean(opts.ifStale && webBuildIsStale());
  if (!needed()) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Someone else is building: wait, then use their build (or take over a lock left by a crash).
      const lock = statSync(LOCK_DIR, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(250);
      if (!existsSync(LOCK_DIR) && !needed()) return;
    }
  }
  try {
    if (!needed()) return;
    const scratch = join(CACHE_DIR, `fitwise-web-${process.pid}`);
    const vite = await import('vite');
    await vite.build({
      root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: opts.quiet ? 'error' : 'warn',
      build: { outDir: scratch, emptyOutDir: true },
    });
    const old = `${scratch}-old`;
    if (existsSync(WEB_DIST_DIR)) renameSync(WEB_DIST_DIR, old);
    renameSync(scratch, WEB_DIST_DIR);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}
