import type { Course } from '../domain/index.ts';
import { openDatabase, createRepositories, resolveDatabaseOptions, type DatabaseHandle, type Repositories } from '../store/index.ts';
import { loadTaxonomy, type Taxonomy } from '../taxonomy/index.ts';
import { closeGatewayOf } from './llm.ts';

/**
 * Everything a running Fitwise process shares: the database, repositories, the taxonomy and the course
 * catalogue, and the clock. Built once by `serve`, `worker` and the CLI commands, passed down explicitly.
 */
export interface AppContext {
  handle: DatabaseHandle;
  repos: Repositories;
  taxonomy: Taxonomy;
  courses: Course[];
  clock: () => Date;
  close(): Promise<void>;
}

export async function createAppContext(opts: { dataDir?: string; handle?: DatabaseHandle; clock?: () => Date } = {}): Promise<AppContext> {
  const handle = opts.handle ?? await openDatabase(resolveDatabaseOptions(opts));
  const clock = opts.clock ?? (() => new Date());
  const repos = createRepositories(handle.db, clock);
  const taxonomy = await loadTaxonomy(repos);
  const courses = await repos.courses.all();
  const ctx: AppContext = {
    handle, repos, taxonomy, courses, clock,
    async close() {
      await closeGatewayOf(ctx);
      await handle.close();
    },
  };
  return ctx;
}

/** Reloads what is cached in memory after a taxonomy import or a seed. */
export async function refreshAppContext(ctx: AppContext): Promise<void> {
  ctx.taxonomy = await loadTaxonomy(ctx.repos);
  ctx.courses = await ctx.repos.courses.all();
}
