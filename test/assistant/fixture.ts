import { after, before } from 'node:test';
import { createAppContext, refreshAppContext, type AppContext } from '../../src/app/index.ts';
import { createAssistant, type Assistant, type IntentRouterLike } from '../../src/assistant/index.ts';
import type { Job, Member } from '../../src/domain/index.ts';
import { createGateway, type Gateway } from '../../src/llm/index.ts';
import { seedDatabase } from '../../src/seed/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server.ts';

export interface AssistantFixture {
  ctx: AppContext;
  server: OpenAITestServer;
  /** The local engine only. */
  localGateway: Gateway;
  /** The local OpenAI-compatible test server first, then the local engine. */
  llmGateway: Gateway;
  local: Assistant;
  llm: Assistant;
  members: Member[];
  jobs: Job[];
}

/**
 * Registers before/after hooks for the current suite: seeded demo data in an in-memory database, the
 * test server, and an assistant on each gateway. The returned object is filled in by the `before` hook.
 */
export function useAssistantFixture(sizes: { members: number; jobs: number; companies: number; courses: number; seed: number }, router: IntentRouterLike): AssistantFixture {
  const f = {} as AssistantFixture;
  before(async () => {
    f.ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    await seedDatabase(f.ctx.repos, f.ctx.taxonomy, sizes);
    await refreshAppContext(f.ctx);
    f.members = (await f.ctx.repos.members.list({ limit: sizes.members, offset: 0 })).items;
    f.jobs = (await f.ctx.repos.jobs.list({ limit: sizes.jobs, offset: 0 })).items;
    f.server = await startOpenAITestServer();
    f.localGateway = createGateway({ engines: [{ provider: 'local' }] });
    f.llmGateway = createGateway({
      engines: [{ provider: 'openai-compatible', baseURL: f.server.baseURL, model: 'gpt-4' }, { provider: 'local' }],
      cache: { enabled: false, ttlSeconds: 0 }, retry: { retries: 0 }, onWarning: () => {},
    });
    f.local = createAssistant({ app: f.ctx, gateway: f.localGateway, router });
    f.llm = createAssistant({ app: f.ctx, gateway: f.llmGateway, router });
  });
  after(async () => {
    await f.server.close();
    await f.llmGateway.close();
    await f.localGateway.close();
    await f.ctx.close();
  });
  return f;
}
