/**
 * Retrieval benchmark: new job → ranked top-100 open-to-work members among N members, and
 * member → top-50 jobs among N jobs, through the in-memory MatchIndex; baseline: brute-force
 * assessFit over every member (job) on a sample of queries, measured in the same run, with recall
 * of the index's top-K against the brute-force top-K.
 *
 *   node --import tsx bench/retrieval.ts [--members 100000] [--jobs 100000] [--queries 100] [--baseline 3] [--data seed|fixtures] [--quick] [--json FILE]
 *
 * Data: the demo-data generator in src/seed when present, else test/matching/fixtures.ts; the
 * query jobs and members are generated past the indexed ones, so they are new to the index.
 */
import os from 'node:os';
import { benchArgs, report } from './_args.ts';
import { MatchIndex, assessFit, compareAssessed, type FitAssessment, type MatchContext } from '../src/matching/index.ts';
import type { Job, Member } from '../src/domain/index.ts';
import { benchmarkData, benchmarkTaxonomy } from '../test/matching/fixtures.ts';

const cli = benchArgs();
/** `--NAME n` when given; with `--quick` (or BENCH_QUICK=1) the small size, else the full one. */
const QUICK: Record<string, number> = { members: 10000, jobs: 10000, queries: 30, baseline: 2 };
function arg(name: string, fallback: number): number {
  const v = cli.get(name);
  return v !== undefined ? Number(v) : cli.quick && QUICK[name] !== undefined ? QUICK[name]! : fallback;
}
const N_MEMBERS = arg('members', 100_000);
const N_JOBS = arg('jobs', 100_000);
const QUERIES = arg('queries', 100);
const BASELINE = arg('baseline', 3);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const r2 = (x: number) => Math.round(x * 100) / 100;
function stats(xs: number[]) {
  return { p50Ms: r2(percentile(xs, 50)), p95Ms: r2(percentile(xs, 95)), maxMs: r2(Math.max(...xs)), meanMs: r2(xs.reduce((a, b) => a + b, 0) / xs.length) };
}

const { taxonomy, source } = benchmarkTaxonomy();
const prefer = cli.get('data') === 'fixtures' ? 'fixtures' : 'seed';
let t = performance.now();
const data = await benchmarkData(taxonomy, { members: N_MEMBERS + 2 * QUERIES + 1000, jobs: N_JOBS + QUERIES, seed: 1 }, prefer);
const generateMs = performance.now() - t;
const ctx: MatchContext = { taxonomy, courses: data.courses, now: data.now };
const members = data.members.slice(0, N_MEMBERS);
const jobs = data.jobs.slice(0, N_JOBS);

t = performance.now();
const index = new MatchIndex(taxonomy);
for (const m of members) index.upsertMember(m);
const buildMembersMs = performance.now() - t;
t = performance.now();
for (const j of jobs) index.upsertJob(j);
const buildJobsMs = performance.now() - t;

const newJobs = data.jobs.slice(N_JOBS, N_JOBS + QUERIES);
const queryMembers = data.members.slice(N_MEMBERS, N_MEMBERS + QUERIES);
const upserts = data.members.slice(N_MEMBERS + QUERIES).map((m) => ({ ...m, openToWork: true }));

// Warm-up (JIT), not measured.
for (const j of newJobs.slice(0, 5)) index.rankMembersForJob(j, ctx, { topK: 100 });
for (const m of queryMembers.slice(0, 5)) index.rankJobsForMember(m, ctx, { topK: 50 });

/** CPU time of the calling thread in ms: less sensitive than wall time to other load on a shared machine. */
function cpuMs(): number { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
const jobLat: number[] = [];
const jobCpu: number[] = [];
const memberCpu: number[] = [];
const touched: number[] = [];
const scored: number[] = [];
const filteredOut: number[] = [];
const levels: Record<string, number> = {};
for (const j of newJobs) {
  const s = performance.now();
  const c = cpuMs();
  const page = index.rankMembersForJob(j, ctx, { topK: 100 });
  jobCpu.push(cpuMs() - c);
  jobLat.push(performance.now() - s);
  touched.push(index.lastStats.touched); scored.push(index.lastStats.scored); filteredOut.push(index.lastStats.filteredOut);
  for (const it of page.items) levels[it.level] = (levels[it.level] ?? 0) + 1;
}
const memberLat: number[] = [];
const jobTouched: number[] = [];
for (const m of queryMembers) {
  const s = performance.now();
  const c = cpuMs();
  index.rankJobsForMember(m, ctx, { topK: 50 });
  memberCpu.push(cpuMs() - c);
  memberLat.push(performance.now() - s);
  jobTouched.push(index.lastStats.touched);
}

// Incremental updates, as real-time matching calls them.
const upsertLat: number[] = [];
for (const m of upserts) {
  const s = performance.now();
  index.upsertMember(m);
  upsertLat.push(performance.now() - s);
}

/** Same filters as the index defaults (location, remote, seniority within 2 bands), applied to facts. */
function passes(a: FitAssessment): boolean {
  return a.facts.location.compatible && a.facts.remote.accepted && Math.abs(a.facts.seniority.gap ?? 0) <= 2;
}
const open = members.filter((m) => m.openToWork);
const bruteJobLat: number[] = [];
let recallJobHits = 0, recallJobTotal = 0;
for (const j of newJobs.slice(0, BASELINE)) {
  const s = performance.now();
  const ranked = open.map((m) => ({ id: m.id, a: assessFit(m, j, ctx, { nextSteps: false }) })).filter((x) => passes(x.a)).sort(compareAssessed).slice(0, 100);
  bruteJobLat.push(performance.now() - s);
  const got = new Set(index.rankMembersForJob(j, ctx, { topK: 100 }).items.map((i) => i.memberId));
  recallJobHits += ranked.filter((r) => got.has(r.id)).length;
  recallJobTotal += ranked.length;
}
const bruteMemberLat: number[] = [];
let recallMemberHits = 0, recallMemberTotal = 0;
for (const m of queryMembers.slice(0, BASELINE)) {
  const s = performance.now();
  const ranked = jobs.map((j: Job) => ({ id: j.id, a: assessFit(m as Member, j, ctx, { nextSteps: false }) })).filter((x) => passes(x.a)).sort(compareAssessed).slice(0, 50);
  bruteMemberLat.push(performance.now() - s);
  const got = new Set(index.rankJobsForMember(m, ctx, { topK: 50 }).items.map((i) => i.jobId));
  recallMemberHits += ranked.filter((r) => got.has(r.id)).length;
  recallMemberTotal += ranked.length;
}

const jobStats = stats(jobLat);
const memberStats = stats(memberLat);
const result = {
  benchmark: 'retrieval',
  taxonomy: source,
  data: data.generator,
  members: N_MEMBERS,
  openToWorkMembers: open.length,
  jobs: N_JOBS,
  queries: QUERIES,
  generateMs: Math.round(generateMs),
  buildMembersIndexMs: Math.round(buildMembersMs),
  buildJobsIndexMs: Math.round(buildJobsMs),
  heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
  jobToTop100Members: { ...jobStats, cpu: stats(jobCpu), targetP95Ms: 100, meanTouched: Math.round(touched.reduce((a, b) => a + b, 0) / touched.length), meanExactlyScored: Math.round(scored.reduce((a, b) => a + b, 0) / scored.length), meanFilteredOut: Math.round(filteredOut.reduce((a, b) => a + b, 0) / filteredOut.length), levelsInTop100: levels },
  memberToTop50Jobs: { ...memberStats, cpu: stats(memberCpu), targetP95Ms: 50, meanTouched: Math.round(jobTouched.reduce((a, b) => a + b, 0) / jobTouched.length) },
  upsertMember: stats(upsertLat),
  baseline: {
    what: 'brute-force assessFit over every open-to-work member (every job), same filters, sorted',
    jobToMembers: { ...stats(bruteJobLat), samples: bruteJobLat.length },
    memberToJobs: { ...stats(bruteMemberLat), samples: bruteMemberLat.length },
  },
  speedup: {
    jobToMembers: r2(stats(bruteJobLat).meanMs / jobStats.meanMs),
    memberToJobs: r2(stats(bruteMemberLat).meanMs / memberStats.meanMs),
  },
  recallVsBruteForce: {
    jobToTop100Members: r2(recallJobHits / Math.max(1, recallJobTotal)),
    memberToTop50Jobs: r2(recallMemberHits / Math.max(1, recallMemberTotal)),
  },
};
report(result, cli.json);
