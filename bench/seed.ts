/**
 * Seeding throughput: members/second written to the embedded database in batches, against two
 * baselines measured in the same run — generation alone (the CPU ceiling) and one INSERT per member.
 */
import { createRepositories, openDatabase } from '../src/store/index.ts';
import { DEFAULT_SIZES, DemoContext, generateMember, seedDatabase } from '../src/seed/index.ts';
import { Taxonomy, readTaxonomyJsonl, DEFAULT_TAXONOMY_FILE } from '../src/taxonomy/index.ts';
import { benchArgs, report } from './_args.ts';

const args = benchArgs();
const members = Number(args.get('members') ?? (args.quick ? 2000 : 20000));
const taxonomy = new Taxonomy(await readTaxonomyJsonl(DEFAULT_TAXONOMY_FILE));
const sizes = { ...DEFAULT_SIZES, members, jobs: 0, courses: 0, companies: 1 };

const ctx = new DemoContext(taxonomy, sizes);
let t = performance.now();
for (let i = 0; i < members; i++) generateMember(ctx, i);
const generateOnly = members / ((performance.now() - t) / 1000);

const handle = await openDatabase({ dataDir: 'memory://' });
const repos = createRepositories(handle.db);
const seeded = await seedDatabase(repos, taxonomy, sizes);

// Baseline: one statement per member (what a naive loader does).
const naiveCount = Math.min(1000, members);
t = performance.now();
for (let i = 0; i < naiveCount; i++) await repos.members.upsertMany([generateMember(ctx, members + i)]);
const naive = naiveCount / ((performance.now() - t) / 1000);
await handle.close();

report({
  benchmark: 'seed', date: new Date().toISOString(), database: 'pglite (in memory)', members,
  membersPerSecond: seeded.membersPerSecond,
  baselines: { generationOnlyPerSecond: Math.round(generateOnly), oneInsertPerMemberPerSecond: Math.round(naive) },
  ratios: { vsOneInsertPerMember: Math.round((seeded.membersPerSecond / naive) * 100) / 100, ofGenerationCeiling: Math.round((seeded.membersPerSecond / generateOnly) * 100) / 100 },
}, args.json);
