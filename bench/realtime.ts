/**
 * Real-time matching latency: post → notifications committed for the job's top-100 matched members.
 *   node --import tsx bench/realtime.ts [--quick] [--json FILE] [--members N] [--pg-members N] [--sustain-seconds S]
 *     [--skip-embedded] [--skip-distributed] [--pg-url URL]
 * `--pg-url` runs the PostgreSQL part on that database instead of a scratch one, seeds it up to
 * `--pg-members` (resuming a partial seed) and keeps it, so a 1M-member run is seeded once.
 * Embedded default (PGlite + in-process bus) at 100k members, with two baselines measured in the same
 * run: a poll-only dispatcher (no wake on write) and brute-force matching (fit tier over every
 * open-to-work member, no index). Then 20 posts/s sustained, sampling the backlog. Then PostgreSQL +
 * NATS JetStream with 2 worker processes (skipped when either is unreachable).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createAppContext, type AppContext } from '../src/app/index.ts';
import type { Job } from '../src/domain/index.ts';
import { assessFit, compareAssessed, MatchIndex } from '../src/matching/index.ts';
import { NatsBus, startRealtime, type Realtime } from '../src/realtime/index.ts';
import { DemoContext, generateCompany, generateJob, generateMember } from '../src/seed/index.ts';
import { analyzeStaleTables, openDatabase } from '../src/store/index.ts';
import { benchArgs, percentile, report } from './_args.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const args = benchArgs();
const quick = args.quick;
const EMBEDDED_MEMBERS = Number(args.get('members') ?? (quick ? 10_000 : 100_000));
const PG_MEMBERS = Number(args.get('pg-members') ?? (quick ? 5_000 : 100_000));
const POSTS = quick ? 30 : 150;
const SUSTAIN_S = Number(args.get('sustain-seconds') ?? (quick ? 10 : 60));
const RATE = 20;
const TOPK = 100;
const NO_FILTERS = { location: false, remote: false, seniorityBand: false } as const;

const round = (n: number) => Math.round(n * 10) / 10;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? NaN) };
};

function posting(demo: DemoContext, i: number, tag: string): Job {
  const j = generateJob(demo, i);
  return { ...j, id: `b${tag}-${i}`, status: 'open', postedAt: undefined, notifyMinLevel: 'partial' };
}

async function seed(ctx: AppContext, members: number, from = 0): Promise<DemoContext> {
  const demo = new DemoContext(ctx.taxonomy, { members, jobs: 0, companies: 200, courses: 0, seed: 42, now: NOW });
  await ctx.repos.companies.upsertMany(Array.from({ length: 200 }, (_, i) => generateCompany(demo, i)));
  for (let i = from; i < members; i += 2000) {
    await ctx.repos.members.upsertMany(Array.from({ length: Math.min(2000, members - i) }, (_, k) => generateMember(demo, i + k)));
  }
  // Planner statistics after the bulk load, as autovacuum (PostgreSQL) or auto-analyze (PGlite) would do.
  await analyzeStaleTables(ctx.handle.db);
  return demo;
}

/** Resolves when the worker has committed the job's notifications (its handle() returned). */
function completionTracker(rt: Realtime): { wait(jobId: string): Promise<number>; done: Set<string> } {
  const worker = rt.worker!;
  const waiters = new Map<string, (t: number) => void>();
  const done = new Set<string>();
  const original = worker.handle.bind(worker);
  worker.handle = async (e) => {
    const r = await original(e);
    if (e.topic === 'job.posted') { done.add(e.key); waiters.get(e.key)?.(performance.now()); }
    return r;
  };
  return { done, wait: (jobId) => new Promise((resolve) => waiters.set(jobId, resolve)) };
}

async function sequentialLatency(ctx: AppContext, tracker: ReturnType<typeof completionTracker>, demo: DemoContext, from: number, n: number, tag: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = from; i < from + n; i++) {
    const job = posting(demo, i, tag);
    const done = tracker.wait(job.id);
    const t0 = performance.now();
    await ctx.repos.jobs.upsert(job);
    out.push((await done) - t0);
  }
  return out;
}

async function embedded() {
  const handle = await openDatabase({ dataDir: 'memory://' });
  const ctx = await createAppContext({ handle, clock: () => NOW });
  const ts = performance.now();
  const demo = await seed(ctx, EMBEDDED_MEMBERS);
  const seedSeconds = (performance.now() - ts) / 1000;

  // Baseline 1: the same pipeline with a poll-only dispatcher (500 ms), as outbox relays often run.
  let rt = await startRealtime(ctx, { natsUrl: '', worker: { topK: TOPK, indexRefreshMs: 0 }, webhooks: false, dispatcher: { pollMs: 500, wakeOnWrite: false } });
  let tracker = completionTracker(rt);
  await sequentialLatency(ctx, tracker, demo, 0, 3, 'w');
  const polling = await sequentialLatency(ctx, tracker, demo, 1000, Math.min(20, POSTS), 'p');
  await rt.close();

  const tl = performance.now();
  rt = await startRealtime(ctx, { natsUrl: '', worker: { topK: TOPK, indexRefreshMs: 0 }, webhooks: false });
  const indexLoadSeconds = (performance.now() - tl) / 1000;
  tracker = completionTracker(rt);
  await sequentialLatency(ctx, tracker, demo, 10, 5, 'w');
  const latency = await sequentialLatency(ctx, tracker, demo, 2000, POSTS, 'e');

  // Baseline 2: matching without the index — the fit tier over every open-to-work member.
  const openMembers = [];
  for await (const b of ctx.repos.members.scan({ openToWork: true, batch: 5000 })) openMembers.push(...b);
  const mctx = { taxonomy: ctx.taxonomy, now: NOW };
  const heap0 = process.memoryUsage().heapUsed;
  const index = new MatchIndex(ctx.taxonomy, { members: openMembers });
  const indexBytesPerMember = Math.round((process.memoryUsage().heapUsed - heap0) / Math.max(1, openMembers.length));
  const touched: number[] = [];
  const indexedFiltered: number[] = [];
  const brute: number[] = [];
  const indexed: number[] = [];
  let agree = 0;
  const samples = quick ? 5 : 10;
  for (let i = 0; i < samples; i++) {
    const job = posting(demo, 3000 + i, 'x');
    let t = performance.now();
    index.rankMembersForJob(job, mctx, { topK: TOPK, minLevel: 'partial' });
    indexedFiltered.push(performance.now() - t);
    touched.push(index.lastStats.touched / openMembers.length);
    // Like for like with brute force: no retrieval filters (location, remote, seniority band).
    t = performance.now();
    const top = index.rankMembersForJob(job, mctx, { topK: TOPK, minLevel: 'partial', filters: NO_FILTERS }).items.map((r) => r.memberId);
    indexed.push(performance.now() - t);
    t = performance.now();
    const all = openMembers.map((m) => ({ id: m.id, a: assessFit(m, job, mctx, { nextSteps: false }) })).filter((x) => x.a.level !== 'stretch').sort(compareAssessed).slice(0, TOPK);
    brute.push(performance.now() - t);
    const set = new Set(all.map((x) => x.id));
    agree += top.filter((id) => set.has(id)).length / Math.max(1, Math.max(top.length, all.length));
  }

  // Sustained load: 20 posts/s, backlog = posted − committed, sampled every second.
  const posted: { id: string; t0: number }[] = [];
  const backlog: number[] = [];
  const loadLatency: number[] = [];
  const started = performance.now();
  let k = 0;
  await new Promise<void>((resolve) => {
    // Absolute schedule: every tick posts all postings due by now, so a busy event loop cannot lower the offered rate.
    const tick = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed >= SUSTAIN_S) { clearInterval(tick); resolve(); return; }
      while (k < Math.floor(elapsed * RATE) + 1) {
        const job = posting(demo, 5000 + k++, 's');
        const t0 = started + ((k - 1) * 1000) / RATE;
        void tracker.wait(job.id).then((t1) => loadLatency.push(t1 - t0));
        posted.push({ id: job.id, t0 });
        void ctx.repos.jobs.upsert(job);
      }
    }, 1000 / RATE);
    const sample = setInterval(() => {
      backlog.push(posted.filter((p) => !tracker.done.has(p.id)).length);
      if ((performance.now() - started) / 1000 >= SUSTAIN_S) clearInterval(sample);
    }, 1000);
  });
  await new Promise((r) => setTimeout(r, 2000));
  const drained = posted.filter((p) => !tracker.done.has(p.id)).length;
  const half = Math.floor(backlog.length / 2);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const workerStats = rt.worker!.stats;
  await rt.close();
  await ctx.close();
  return {
    backend: 'pglite + in-process bus', members: EMBEDDED_MEMBERS, openToWork: openMembers.length, seedSeconds: round(seedSeconds), indexLoadSeconds: round(indexLoadSeconds),
    postToCommittedMs: stats(latency),
    baselinePollingDispatcherMs: stats(polling),
    ratioPollingOverWake: { p50: round(percentile([...polling].sort((a, b) => a - b), 50) / percentile([...latency].sort((a, b) => a - b), 50)) },
    matchingOnlyMs: { indexWithFilters: stats(indexedFiltered), index: stats(indexed), bruteForce: stats(brute), speedup: round(percentile([...brute].sort((a, b) => a - b), 50) / percentile([...indexed].sort((a, b) => a - b), 50)), top100Agreement: round(100 * agree / samples) / 100,
      touchedFractionOfOpenMembers: round(1000 * touched.reduce((a, b) => a + b, 0) / samples) / 1000, indexBytesPerMemberApprox: indexBytesPerMember },
    sustained: {
      ratePerSecond: RATE, seconds: SUSTAIN_S, posted: posted.length, completedPerSecond: round((posted.length - posted.filter((p) => !tracker.done.has(p.id)).length) / SUSTAIN_S), latencyMs: stats(loadLatency), backlogSamples: backlog,
      backlogFirstHalfAvg: round(avg(backlog.slice(0, half))), backlogSecondHalfAvg: round(avg(backlog.slice(half))), backlogAfter2s: drained,
      // Samples can be starved when the event loop is saturated, so throughput decides too.
      backlogGrowing: avg(backlog.slice(half)) > avg(backlog.slice(0, half)) + 5 || drained > RATE
        || (posted.length - drained) / SUSTAIN_S < 0.95 * RATE,
    },
    worker: workerStats,
  };
}

async function reachable(): Promise<{ pg: string; nats: string } | undefined> {
  const pgUrl = process.env.DATABASE_URL_TEST ?? 'postgres://root@127.0.0.1:5432/test';
  const natsUrl = process.env.NATS_URL_TEST ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  try {
    const bus = await Promise.race([NatsBus.connect({ url: natsUrl, prefix: 'fwprobe' }), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 3000))]);
    await bus.deleteStream();
    await bus.close();
    const { postgresAvailable } = await import('../test/support/databases.ts');
    return (await postgresAvailable(pgUrl)) ? { pg: pgUrl, nats: natsUrl } : undefined;
  } catch {
    return undefined;
  }
}

async function distributed() {
  const where = await reachable();
  if (!where) return { skipped: 'PostgreSQL or NATS unreachable' };
  const { createScratchPostgres } = await import('../test/support/databases.ts');
  const kept = args.get('pg-url');
  const scratch = kept ? { url: kept, drop: async () => {} } : await createScratchPostgres(where.pg);
  if (kept) await ensureDatabase(kept);
  const prefix = `fwb_${randomBytes(4).toString('hex')}`;
  const children: ChildProcess[] = [];
  const ctx = await createAppContext({ handle: await openDatabase({ url: scratch.url, poolSize: 8 }), clock: () => NOW });
  try {
    const ts = performance.now();
    const already = kept ? await ctx.repos.members.count() : 0;
    // Batches are written in index order, so a partial seed resumes at the last whole batch.
    const demo = await seed(ctx, PG_MEMBERS, Math.floor(already / 2000) * 2000);
    const seedSeconds = (performance.now() - ts) / 1000;
    const retrieval = await retrievalAtScale(ctx, demo);
    const env = { ...process.env, DATABASE_URL: scratch.url, NATS_URL: where.nats, FITWISE_NATS_PREFIX: prefix };
    const tl = performance.now();
    for (let i = 0; i < 2; i++) {
      const c = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--role', 'worker'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(c);
    }
    await Promise.all(children.map((c) => new Promise<void>((resolve, reject) => {
      c.stdout!.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
      c.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    })));
    const workersReadySeconds = (performance.now() - tl) / 1000;
    // This process plays the API: it writes, and its dispatcher wakes on the write.
    const rt = await startRealtime(ctx, { natsUrl: where.nats, prefix, worker: false, webhooks: false });
    const waiters = new Map<string, (t: number) => void>();
    const done = new Set<string>();
    const offs: (() => void)[] = [];
    const track = (jobId: string) => new Promise<number>((resolve) => {
      waiters.set(jobId, resolve);
      offs.push(rt.feed.onRecruiter(jobId, (e) => { if (e.type === 'matched') { done.add(jobId); resolve(performance.now()); } }));
    });
    const run = async (from: number, n: number) => {
      const out: number[] = [];
      for (let i = from; i < from + n; i++) {
        const job = posting(demo, i, 'd');
        const w = track(job.id);
        const t0 = performance.now();
        await ctx.repos.jobs.upsert(job);
        out.push((await w) - t0);
      }
      return out;
    };
    await run(0, 5);
    const latency = await run(100, POSTS);
    // Sustained 20 posts/s on the 2-worker deployment.
    const posted: string[] = [];
    const backlog: number[] = [];
    const loadLatency: number[] = [];
    const seconds = Math.min(SUSTAIN_S, quick ? 10 : 30);
    const started = performance.now();
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = (performance.now() - started) / 1000;
        if (elapsed >= seconds) { clearInterval(tick); resolve(); return; }
        while (k < Math.floor(elapsed * RATE) + 1) {
          const job = posting(demo, 5000 + k++, 'd');
          const t0 = started + ((k - 1) * 1000) / RATE;
          void track(job.id).then((t1) => loadLatency.push(t1 - t0));
          posted.push(job.id);
          void ctx.repos.jobs.upsert(job);
        }
      }, 1000 / RATE);
      const sample = setInterval(() => {
        backlog.push(posted.filter((id) => !done.has(id)).length);
        if ((performance.now() - started) / 1000 >= seconds) clearInterval(sample);
      }, 1000);
    });
    await new Promise((r) => setTimeout(r, 2000));
    const left = posted.filter((id) => !done.has(id)).length;
    for (const off of offs) off();
    if (rt.bus instanceof NatsBus) await rt.bus.deleteStream();
    await rt.close();
    return {
      backend: 'postgresql + nats jetstream, 2 worker processes', members: PG_MEMBERS, seedSeconds: round(seedSeconds), workersReadySeconds: round(workersReadySeconds),
      retrieval,
      postToCommittedMs: stats(latency),
      sustained: { ratePerSecond: RATE, seconds, posted: posted.length, backlogGrowing: (backlog.at(-1) ?? 0) > (backlog[0] ?? 0) + 5, latencyMs: stats(loadLatency), backlogSamples: backlog, backlogAfter2s: left },
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await ctx.close();
    await scratch.drop();
  }
}

/** Creates the database named in `url` when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  const pg = await import('pg');
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new pg.default.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Retrieval alone at this size (issue #3: new job → ranked top-100 open-to-work members): the index a
 * worker builds from PostgreSQL at start-up, then queries for new postings.
 */
async function retrievalAtScale(ctx: AppContext, demo: DemoContext) {
  const tl = performance.now();
  const heap0 = process.memoryUsage().heapUsed;
  const index = new MatchIndex(ctx.taxonomy);
  for await (const batch of ctx.repos.members.scan({ openToWork: true, batch: 5000 })) for (const m of batch) index.upsertMember(m);
  const loadSeconds = (performance.now() - tl) / 1000;
  const heapMb = Math.round((process.memoryUsage().heapUsed - heap0) / 1e6);
  const mctx = { taxonomy: ctx.taxonomy, now: NOW };
  const times: number[] = [];
  for (let i = 0; i < (quick ? 20 : 100) + 5; i++) {
    const job = posting(demo, 7000 + i, 'r');
    const t = performance.now();
    index.rankMembersForJob(job, mctx, { topK: TOPK, minLevel: 'partial' });
    if (i >= 5) times.push(performance.now() - t);
  }
  return { openToWorkIndexed: index.memberCount, indexLoadSeconds: round(loadSeconds), indexHeapMb: heapMb, newJobTop100Ms: stats(times) };
}

async function workerRole() {
  const ctx = await createAppContext({ handle: await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 8, migrate: false }), clock: () => NOW });
  const rt = await startRealtime(ctx, { worker: { topK: TOPK, indexRefreshMs: 2000 }, webhooks: false, dispatcher: { pollMs: 200 } });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void rt.close().then(() => ctx.close()).finally(() => process.exit(0)));
}

if (args.get('role') === 'worker') {
  await workerRole();
} else {
  const t0 = performance.now();
  const emb = process.argv.includes('--skip-embedded') ? { skipped: '--skip-embedded' } : await embedded();
  const dist = args.get('skip-distributed') !== undefined || process.argv.includes('--skip-distributed') ? { skipped: '--skip-distributed' } : await distributed();
  report({
    bench: 'realtime', quick, cores: (await import('node:os')).cpus().length, topK: TOPK,
    targets: { embeddedP50Ms: 150, embeddedP99Ms: 500, sustainedPostsPerSecond: RATE },
    embedded: emb, distributed: dist, seconds: round((performance.now() - t0) / 1000),
  }, args.json);
}
