/**
 * Test fixture: an MCP stdio server over a seeded in-memory database, acting for the member given as
 * the first argument (the same seed as test/skills/skills.test.ts, so ids agree).
 */
import { createAppContext, refreshAppContext } from '../../src/app/index.ts';
import { seedDatabase } from '../../src/seed/index.ts';
import { serveMcpStdio, SkillRegistry } from '../../src/skills/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { SKILLS_TEST_SEED } from './seed-sizes.ts';

const ready = (async () => {
  const ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
  await seedDatabase(ctx.repos, ctx.taxonomy, SKILLS_TEST_SEED);
  await refreshAppContext(ctx);
  return ctx;
})();
await serveMcpStdio(new SkillRegistry(), ready, { role: 'member', memberId: process.argv[2]! });
await (await ready).close();
