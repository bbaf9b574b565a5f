import { DEFAULT_SIZES, seedDatabase, type SeedProgress, type SeedResult } from '../seed/index.ts';
import { refreshAppContext, type AppContext } from './context.ts';

/** `npm start` on an empty database: seed the default demo dataset so the product has something to show. */
export async function ensureDemoData(ctx: AppContext, onProgress?: (p: SeedProgress) => void, signal?: AbortSignal): Promise<SeedResult | undefined> {
  if ((await ctx.repos.members.count()) > 0 || (await ctx.repos.jobs.count()) > 0) return undefined;
  if (ctx.taxonomy.occupations().length === 0) return undefined;
  const result = await seedDatabase(ctx.repos, ctx.taxonomy, DEFAULT_SIZES, onProgress, signal);
  await refreshAppContext(ctx);
  return result;
}
