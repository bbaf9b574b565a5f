/**
 * Fit-tier throughput on one core: member–job pair assessments per second with evidence (and next
 * steps for gaps), against a naive baseline measured in the same run that rebuilds the member's and
 * job's skill sets on every call (what a straightforward implementation does).
 *
 *   node --import tsx bench/fit.ts [--members 2000] [--jobs 200] [--seconds 3] [--data seed|fixtures] [--quick] [--json FILE]
 *
 * Data: the demo-data generator in src/seed when present (its course catalogue too), else the
 * seeded generator in test/matching/fixtures.ts.
 */
import os from 'node:os';
import { benchArgs, report } from './_args.ts';
import { assessFit, assessProfiles, compileJob, compileMember, scoreProfiles, jobProfile, memberProfile, type MatchContext } from '../src/matching/index.ts';
import type { Job, Member } from '../src/domain/index.ts';
import { benchmarkData, benchmarkTaxonomy } from '../test/matching/fixtures.ts';

const cli = benchArgs();
/** `--NAME n` when given; with `--quick` (or BENCH_QUICK=1) the small size, else the full one. */
const QUICK: Record<string, number> = { members: 500, jobs: 100, seconds: 1 };
function arg(name: string, fallback: number): number {
  const v = cli.get(name);
  return v !== undefined ? Number(v) : cli.quick && QUICK[name] !== undefined ? QUICK[name]! : fallback;
}
const SECONDS = arg('seconds', 3);
const { taxonomy, source } = benchmarkTaxonomy();
const prefer = cli.get('data') === 'fixtures' ? 'fixtures' : 'seed';
const data = await benchmarkData(taxonomy, { members: arg('members', 2000), jobs: arg('jobs', 200), seed: 1 }, prefer);
const { members, jobs } = data;
const NOW = data.now;
const ctx: MatchContext = { taxonomy, courses: data.courses, now: NOW };

// Half the pairs share the member's occupation, so gaps, partial credit and evidence all occur.
const byOcc = new Map<string, Job[]>();
for (const j of jobs) (byOcc.get(j.occupationId!) ?? byOcc.set(j.occupationId!, []).get(j.occupationId!)!).push(j);
const pairs: [Member, Job][] = members.map((m, i) => {
  const occ = m.experience[0]?.occupationId ?? m.desiredRoles[0] ?? '';
  const same = byOcc.get(occ);
  return [m, same && i % 2 === 0 ? same[i % same.length]! : jobs[i % jobs.length]!];
});

function cpuMs(): number { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }

/** Runs `fn` over all pairs repeatedly for about `seconds`; pairs per CPU-second (and per wall-second). */
function measure(fn: (m: Member, j: Job) => unknown, seconds: number) {
  for (let i = 0; i < Math.min(2000, pairs.length); i++) fn(pairs[i]![0], pairs[i]![1]); // warm-up
  let n = 0;
  let sink = 0;
  const w0 = performance.now();
  const c0 = cpuMs();
  while (performance.now() - w0 < seconds * 1000) {
    for (const [m, j] of pairs) { if (fn(m, j)) sink++; n++; }
  }
  const wall = performance.now() - w0;
  const cpu = cpuMs() - c0;
  return { pairs: n, perCpuSecond: Math.round(n / (cpu / 1000)), perWallSecond: Math.round(n / (wall / 1000)), sink };
}

let evidenceItems = 0;
let nextSteps = 0;
for (const [m, j] of pairs) {
  const a = assessFit(m, j, ctx);
  for (const q of a.qualifications) { evidenceItems += q.evidence.length; nextSteps += q.nextSteps?.length ?? 0; }
}

const cached = measure((m, j) => assessFit(m, j, ctx), SECONDS);
const evidenceOnly = measure((m, j) => assessFit(m, j, ctx, { nextSteps: false }), SECONDS);
const keyOnly = measure((m, j) => scoreProfiles(memberProfile(m, taxonomy), jobProfile(j, taxonomy), NOW), SECONDS);
const naive = measure((m, j) => assessProfiles(compileMember(m, taxonomy), compileJob(j, taxonomy), ctx), SECONDS);

report({
  benchmark: 'fit',
  taxonomy: source,
  data: data.generator,
  courses: data.courses.length,
  loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
  distinctPairs: pairs.length,
  evidenceItemsPerPair: Math.round((evidenceItems / pairs.length) * 10) / 10,
  nextStepsPerPair: Math.round((nextSteps / pairs.length) * 10) / 10,
  assessFit: { what: 'full FitAssessment with evidence and next steps; member/job compiled once (cached)', ...cached, targetPerSecond: 100_000 },
  assessFitEvidenceOnly: { what: 'full FitAssessment with evidence, without next steps (what retrieval computes for a pool)', ...evidenceOnly },
  fitKeyOnly: { what: 'level and score only (retrieval scoring path)', ...keyOnly },
  baseline: { what: 'naive: recompile member and job skill sets on every call', ...naive },
  speedup: {
    assessFitVsBaseline: Math.round((cached.perCpuSecond / naive.perCpuSecond) * 10) / 10,
    evidenceOnlyVsBaseline: Math.round((evidenceOnly.perCpuSecond / naive.perCpuSecond) * 10) / 10,
    keyOnlyVsBaseline: Math.round((keyOnly.perCpuSecond / naive.perCpuSecond) * 10) / 10,
  },
}, cli.json);
