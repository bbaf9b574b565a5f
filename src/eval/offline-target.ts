import { loadRouter } from '../assistant/index.ts';
import type { Course } from '../domain/index.ts';
import { DEFAULT_SIZES, DemoContext, generateCourses } from '../seed/index.ts';
import { DEFAULT_TAXONOMY_FILE, Taxonomy, readTaxonomyFile } from '../taxonomy/index.ts';
import type { ClaimCatalog } from './claims.ts';
import { createLocalTarget, degradeTarget, type Degradation, type EvaluationTarget } from './target.ts';

/**
 * The offline target as `fitwise eval` builds it: the shipped taxonomy, the deterministic demo course
 * catalogue, the router the assistant loads (trained, else keyword), no database and no model.
 */
export async function createOfflineTarget(opts: { taxonomyFile?: string; degrade?: Degradation } = {}): Promise<{ target: EvaluationTarget; catalog: ClaimCatalog }> {
  const taxonomy = new Taxonomy(await readTaxonomyFile(opts.taxonomyFile ?? DEFAULT_TAXONOMY_FILE));
  const courses: Course[] = generateCourses(new DemoContext(taxonomy, DEFAULT_SIZES));
  const router = await loadRouter();
  const trained = 'source' in router.route('hello');
  let target = createLocalTarget({ taxonomy, courses, router, routerName: trained ? 'trained router' : 'keyword router' });
  if (opts.degrade) target = degradeTarget(target, opts.degrade);
  return { target, catalog: { taxonomy, courses } };
}
