import { FIT_LEVEL_RANK, SENIORITY_RANK, type FitLevel, type Job, type Member, type Seniority } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import { employmentTypeAccepted, locationCompatibility, locationOk, remoteAccepted, salaryFit } from './compatibility.ts';
import { courseIndexOf, nextStepsFor, textMention, type CourseIndex } from './next-steps.ts';
import {
  compileJob, compileMember, experienceMonths, nowMonth, seniorityFromYears,
  type JobProfile, type MemberProfile, type Requirement, type SkillRequirement,
} from './profile.ts';
import type { Evidence, FitAssessment, FitFacts, MatchContext, Qualification, QualificationStatus } from './types.ts';

/** Credit a qualification earns, by how it is met (docs/MATCHING.md). */
export const CREDIT = {
  met: 1,
  /** Listed, but below the level or years asked. */
  skillShortfall: 0.6,
  /** Found in experience, headline or summary text but not listed in skills. */
  mentionOnly: 0.75,
  /** The member lists a skill the taxonomy relates to the one asked. */
  relatedSkill: 0.4,
  /** Degree one level below, or the right level in another field. */
  educationPartial: 0.5,
  languageOneBelow: 0.6,
  languageFarBelow: 0.3,
  certificationPartial: 0.5,
  /** Years of experience count as partial from this share of the years asked (credit = the share). */
  yearsPartialFrom: 0.5,
} as const;

/** The score is a weighted mean of the required, preferred and context groups; empty groups drop out. */
export const SCORE_WEIGHTS = { required: 0.7, preferred: 0.2, context: 0.1 } as const;

/** Level thresholds; `strong` also needs every required qualification met, `good` none missing. */
export const LEVEL_THRESHOLDS = { strong: 0.85, good: 0.65, partial: 0.4 } as const;

/** Weights of evidence items in `facts.evidenceStrength` (tie-breaker in rankings). */
export const EVIDENCE_WEIGHT = { listedWithDetail: 3, listed: 2, record: 2, experience: 1, mention: 1, related: 0.5 } as const;

const memberCache = new WeakMap<Member, MemberProfile>();
const jobCache = new WeakMap<Job, JobProfile>();

/**
 * The compiled form of a member, built once per member object and taxonomy. Members are values:
 * a changed profile is a new object (as zod parsing and the store give), so the cache never goes stale.
 */
export function memberProfile(member: Member, taxonomy: Taxonomy): MemberProfile {
  const hit = memberCache.get(member);
  if (hit && hit.taxonomy === taxonomy) return hit;
  const p = compileMember(member, taxonomy);
  memberCache.set(member, p);
  return p;
}

export function jobProfile(job: Job, taxonomy: Taxonomy): JobProfile {
  const hit = jobCache.get(job);
  if (hit && hit.taxonomy === taxonomy) return hit;
  const p = compileJob(job, taxonomy);
  jobCache.set(job, p);
  return p;
}

export interface AssessOptions {
  /** Compute next steps for gaps (default true). Retrieval turns this off for candidates it may drop. */
  nextSteps?: boolean;
}

/** The fit tier: a deterministic, explainable assessment of one member for one job. */
export function assessFit(member: Member, job: Job, ctx: MatchContext, options?: AssessOptions): FitAssessment {
  return assessProfiles(memberProfile(member, ctx.taxonomy), jobProfile(job, ctx.taxonomy), ctx, options);
}

const ctxCourses = new WeakMap<MatchContext, CourseIndex | undefined>();
function coursesOf(ctx: MatchContext): CourseIndex | undefined {
  if (!ctx.courses) return undefined;
  if (ctxCourses.has(ctx)) return ctxCourses.get(ctx);
  const idx = courseIndexOf(ctx.courses);
  ctxCourses.set(ctx, idx);
  return idx;
}

const EMPTY_EVIDENCE = Object.freeze([]) as unknown as Evidence[];

export function memberYears(mp: MemberProfile, now: Date): number {
  const n = nowMonth(now);
  if (mp.yearsMemo.now !== n) mp.yearsMemo = { now: n, months: experienceMonths(mp, n) };
  return Math.round((mp.yearsMemo.months / 12) * 10) / 10;
}

/** Scratch result of one requirement; reused so the scoring loop allocates nothing. */
interface Outcome { status: QualificationStatus; credit: number; evidence: Evidence[]; via: { id: string; label: string } | undefined; strength: number }
const OUT: Outcome = { status: 'missing', credit: 0, evidence: EMPTY_EVIDENCE, via: undefined, strength: 0 };

/** Evaluates one requirement into OUT; with `detail` false no evidence objects are built. */
function evaluate(req: Requirement, mp: MemberProfile, years: number, detail: boolean): void {
  const o = OUT;
  o.status = 'missing'; o.credit = 0; o.evidence = EMPTY_EVIDENCE; o.via = undefined; o.strength = 0;
  switch (req.type) {
    case 'skill': {
      const listed = mp.listed.get(req.key);
      if (listed) {
        const short = (req.level > 0 && listed.level > 0 && listed.level < req.level)
          || (req.years !== undefined && listed.years !== undefined && listed.years < req.years);
        o.status = short ? 'partial' : 'met';
        o.credit = short ? CREDIT.skillShortfall : CREDIT.met;
        o.strength = listed.level > 0 || listed.years !== undefined ? EVIDENCE_WEIGHT.listedWithDetail : EVIDENCE_WEIGHT.listed;
        if (detail) o.evidence = [listed.evidence];
        return;
      }
      const mention = mp.mentioned.get(req.key) ?? textMention(req.key, mp);
      if (mention) {
        o.status = 'partial'; o.credit = CREDIT.mentionOnly; o.strength = EVIDENCE_WEIGHT.mention;
        if (detail) o.evidence = [mention];
        return;
      }
      for (const r of req.related) {
        const has = mp.listed.get(r);
        if (!has) continue;
        o.status = 'partial'; o.credit = CREDIT.relatedSkill; o.strength = EVIDENCE_WEIGHT.related;
        if (detail) { o.evidence = [has.evidence]; o.via = { id: r, label: mp.taxonomy.labelOf(r) }; }
        return;
      }
      return;
    }
    case 'years': {
      const ratio = req.years > 0 ? years / req.years : 1;
      if (ratio >= 1) { o.status = 'met'; o.credit = 1; } else if (ratio >= CREDIT.yearsPartialFrom) { o.status = 'partial'; o.credit = ratio; }
      o.evidence = mp.experienceEvidence;
      if (o.status !== 'missing') o.strength = Math.min(3, mp.experienceEvidence.length) * EVIDENCE_WEIGHT.experience;
      return;
    }
    case 'education': {
      let best = 0;
      let at = -1;
      for (let i = 0; i < mp.education.length; i++) {
        const e = mp.education[i]!;
        const fieldOk = req.fieldTokens.size === 0 || overlaps(req.fieldTokens, e.fieldTokens);
        let c = 0;
        if (e.rank >= req.rank && fieldOk) c = 1;
        else if ((e.rank >= req.rank && !fieldOk) || (e.rank === req.rank - 1 && fieldOk)) c = CREDIT.educationPartial;
        if (c > best) { best = c; at = i; }
      }
      setRecord(o, best, detail && at >= 0 ? mp.education[at]!.evidence : undefined);
      return;
    }
    case 'language': {
      const l = mp.languages.get(req.key);
      if (!l) return;
      const d = req.rank - l.rank;
      setRecord(o, d <= 0 ? 1 : d === 1 ? CREDIT.languageOneBelow : CREDIT.languageFarBelow, detail ? l.evidence : undefined);
      return;
    }
    case 'certification': {
      let best = 0;
      let at = -1;
      for (let i = 0; i < mp.certifications.length; i++) {
        const c = mp.certifications[i]!;
        let v = 0;
        if (c.key === req.key || (req.key.length > 2 && ` ${c.key} `.includes(` ${req.key} `))) v = 1;
        else if (req.tokens.size > 0) {
          let n = 0;
          for (const t of req.tokens) if (c.tokens.has(t)) n++;
          if (n / req.tokens.size >= 0.5) v = CREDIT.certificationPartial;
        }
        if (v > best) { best = v; at = i; }
      }
      if (best > 0) {
        const c = mp.certifications[at]!;
        setRecord(o, best, detail ? { field: `certifications[${c.index}]`, quote: c.name } : undefined);
        return;
      }
      const m = textMention(req.nameKey, mp);
      if (m) setRecord(o, CREDIT.certificationPartial, detail ? m : undefined);
      return;
    }
  }
}

function setRecord(o: Outcome, credit: number, evidence: Evidence | undefined): void {
  o.credit = credit;
  o.status = credit >= 1 ? 'met' : credit > 0 ? 'partial' : 'missing';
  if (credit > 0) { o.strength = EVIDENCE_WEIGHT.record; if (evidence) o.evidence = [evidence]; }
}

function seniorityOf(mp: MemberProfile, years: number): { seniority: Seniority; inferred: boolean } {
  return mp.seniorityRank < 0 ? { seniority: seniorityFromYears(years), inferred: true } : { seniority: mp.member.seniority!, inferred: false };
}

/** Context in [0, 1]: seniority fit, location compatibility and remote acceptance, equally weighted. */
function contextOf(mp: MemberProfile, jp: JobProfile, memberRank: number, locationOk: boolean, remoteOk: boolean): number {
  const gap = jp.seniorityRank - memberRank;
  const seniorityFit = gap <= 0 && gap >= -1 ? 1 : gap === 1 || gap === -2 ? 0.5 : 0;
  return (seniorityFit + (locationOk ? 1 : 0) + (remoteOk ? 1 : 0)) / 3;
}

/** The weighted mean of the groups that have requirements (documented in docs/MATCHING.md). */
export function combineScore(jp: JobProfile, reqCredit: number, prefCredit: number, context: number): number {
  return combineCounts(jp.requiredCount, jp.preferredCount, reqCredit, prefCredit, context);
}

/** `combineScore` from the requirement counts alone (retrieval keeps them in typed arrays). */
export function combineCounts(requiredCount: number, preferredCount: number, reqCredit: number, prefCredit: number, context: number): number {
  let wSum = SCORE_WEIGHTS.context;
  let sum = SCORE_WEIGHTS.context * context;
  if (requiredCount > 0) { wSum += SCORE_WEIGHTS.required; sum += SCORE_WEIGHTS.required * (reqCredit / requiredCount); }
  if (preferredCount > 0) { wSum += SCORE_WEIGHTS.preferred; sum += SCORE_WEIGHTS.preferred * (prefCredit / preferredCount); }
  return round(sum / wSum);
}

/** Ranking key of an assessment: level first, then score (score < 2, so 2 × level rank + score orders both). */
export function fitKey(level: FitLevel, score: number): number {
  return 2 * FIT_LEVEL_RANK[level] + score;
}

let lastStrength = 0;
/** Evidence strength of the pair `scoreProfiles` scored last (the ranking tie-breaker). */
export function lastEvidenceStrength(): number { return lastStrength; }

/**
 * The fit key alone, with no objects built: what retrieval uses to rank a candidate pool.
 * Same loop as `assessProfiles`, so the two can never disagree.
 */
export function scoreProfiles(mp: MemberProfile, jp: JobProfile, now: Date): number {
  const years = memberYears(mp, now);
  let reqCredit = 0, reqMet = 0, reqMissing = 0, prefCredit = 0, strength = 0;
  const reqs = jp.requirements;
  for (let i = 0; i < reqs.length; i++) {
    const req = reqs[i]!;
    evaluate(req, mp, years, false);
    strength += OUT.strength;
    if (req.kind === 'required') {
      reqCredit += OUT.credit;
      if (OUT.status === 'met') reqMet++; else if (OUT.status === 'missing') reqMissing++;
    } else prefCredit += OUT.credit;
  }
  const memberRank = SENIORITY_RANK[seniorityOf(mp, years).seniority];
  const context = contextOf(mp, jp, memberRank, locationOk(mp, jp), remoteAccepted(mp, jp.job));
  const score = combineScore(jp, reqCredit, prefCredit, context);
  lastStrength = strength;
  return fitKey(levelFor(score, reqMet === jp.requiredCount, reqMissing === 0), score);
}

export function assessProfiles(mp: MemberProfile, jp: JobProfile, ctx: MatchContext, options?: AssessOptions): FitAssessment {
  const withSteps = options?.nextSteps !== false;
  const courses = withSteps ? coursesOf(ctx) : undefined;
  const years = memberYears(mp, ctx.now);
  const qualifications: Qualification[] = new Array(jp.requirements.length);
  let reqCredit = 0, reqMet = 0, reqMissing = 0, prefCredit = 0, prefMet = 0, strength = 0;

  for (let i = 0; i < jp.requirements.length; i++) {
    const req = jp.requirements[i]!;
    evaluate(req, mp, years, true);
    const { status, credit, evidence, via } = OUT;
    strength += OUT.strength;
    const q: Qualification = {
      requirement: req.requirement, kind: req.kind, type: req.type, status, credit: round(credit), evidence,
    };
    if (req.type === 'skill' && req.skillId) q.skillId = req.skillId;
    if (via) q.via = via;
    if (withSteps && status !== 'met') q.nextSteps = nextStepsFor(req, status, mp, ctx.taxonomy, courses, { memberYears: years });
    qualifications[i] = q;
    if (req.kind === 'required') {
      reqCredit += credit;
      if (status === 'met') reqMet++; else if (status === 'missing') reqMissing++;
    } else {
      prefCredit += credit;
      if (status === 'met') prefMet++;
    }
  }

  const job = jp.job;
  const { seniority: memberSeniority, inferred } = seniorityOf(mp, years);
  const gap = jp.seniorityRank - SENIORITY_RANK[memberSeniority];
  const location = locationCompatibility(mp, jp);
  const remote = remoteAccepted(mp, job);
  const score = combineScore(jp, reqCredit, prefCredit, contextOf(mp, jp, SENIORITY_RANK[memberSeniority], location.compatible, remote));
  const level = levelFor(score, reqMet === jp.requiredCount, reqMissing === 0);
  const salary = salaryFit(mp, job);
  const facts: FitFacts = {
    years: { member: years, required: requiredYears(jp) },
    seniority: { member: memberSeniority, job: job.seniority, gap, inferred },
    location,
    remote: { job: job.remote, accepted: remote },
    employmentType: { job: job.employmentType, accepted: employmentTypeAccepted(mp, job) },
    ...(salary ? { salary } : {}),
    requiredMet: `${reqMet}/${jp.requiredCount}`,
    preferredMet: `${prefMet}/${jp.preferredCount}`,
    summary: `${reqMet}/${jp.requiredCount} required, ${prefMet}/${jp.preferredCount} nice-to-have`,
    evidenceStrength: strength,
  };
  return { level, score, qualifications, facts };
}

export function levelFor(score: number, allRequiredMet: boolean, noneMissing: boolean): FitLevel {
  if (score >= LEVEL_THRESHOLDS.strong && allRequiredMet) return 'strong';
  if (score >= LEVEL_THRESHOLDS.good && noneMissing) return 'good';
  if (score >= LEVEL_THRESHOLDS.partial) return 'partial';
  return 'stretch';
}

function requiredYears(jp: JobProfile): number | null {
  for (const r of jp.requirements) if (r.type === 'years' && r.kind === 'required') return r.years;
  for (const r of jp.requirements) if (r.type === 'years') return r.years;
  return null;
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const t of a) if (b.has(t)) return true;
  return false;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export type { Requirement };
