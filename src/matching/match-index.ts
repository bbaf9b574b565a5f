import { FIT_LEVEL_RANK, SENIORITY_RANK, type FitLevel, type Job, type Member, type Page } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import {
  CREDIT, assessProfiles, combineCounts, fitKey, jobProfile, lastEvidenceStrength, levelFor, memberProfile, memberYears, scoreProfiles,
} from './assess-fit.ts';
import { employmentTypeAccepted, locationOk, remoteAccepted } from './compatibility.ts';
import { seniorityFromYears, type JobProfile, type MemberProfile } from './profile.ts';
import type { FitAssessment, MatchContext } from './types.ts';

/** Candidates assessed in full per requested result: max(MIN_POOL, POOL_FACTOR × (offset + topK)). */
export const POOL_FACTOR = 2;
export const MIN_POOL = 100;

export interface RetrievalFilters {
  /** Keep only pairs whose location is compatible (remote roles always are). Default true. */
  location?: boolean;
  /** Keep only pairs where the member accepts the job's remote policy. Default true. */
  remote?: boolean;
  /** Keep only pairs within this many seniority bands (default 2; `false` turns it off). */
  seniorityBand?: number | false;
  /** Keep only jobs of an employment type the member accepts. Default false. */
  employmentType?: boolean;
}

export interface RankOptions {
  topK?: number;
  offset?: number;
  minLevel?: FitLevel;
  filters?: RetrievalFilters;
  /** Candidates to assess in full; defaults from POOL_FACTOR and MIN_POOL. */
  pool?: number;
}

export interface RankedMember { memberId: string; level: FitLevel; score: number; assessment: FitAssessment }
export interface RankedJob { jobId: string; level: FitLevel; score: number; assessment: FitAssessment }

/** Counters for the retrieval of the last query, for benchmarks and tuning. */
export interface RetrievalStats {
  /** Entries sharing a skill, related skill or occupation with the query. */
  touched: number;
  /** Entries reached by the search but dropped by the filters. */
  filteredOut: number;
  /** Entries whose exact fit key was computed. */
  scored: number;
}

type Postings = Map<string, Set<number>>;

function post(map: Postings, key: string, slot: number): void {
  let s = map.get(key);
  if (!s) { s = new Set(); map.set(key, s); }
  s.add(slot);
}
function unpost(map: Postings, key: string, slot: number): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(slot);
  if (s.size === 0) map.delete(key);
}

/**
 * Slot storage with a free list, plus per-slot accumulators reused by every query: upper bounds of
 * required and preferred skill credit, and how many required skills could be met / are not missing.
 */
class Slots<T extends { id: string }> {
  items: (T | undefined)[] = [];
  bySlot = new Map<string, number>();
  free: number[] = [];
  req = new Float64Array(1024);
  pref = new Float64Array(1024);
  hitsListed = new Int32Array(1024);
  hitsAny = new Int32Array(1024);
  mark = new Uint8Array(1024);
  touched = new Int32Array(1024);
  /** Job slots only: requirement counts (required skills, required total, preferred skills, preferred total). */
  counts = new Int16Array(4 * 1024);
  touchedCount = 0;

  add(item: T): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.items.length;
    this.items[slot] = item;
    this.bySlot.set(item.id, slot);
    if (slot >= this.mark.length) this.grow();
    return slot;
  }
  private grow(): void {
    const n = this.mark.length * 2;
    const f = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const i = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    this.req = f(this.req); this.pref = f(this.pref); this.hitsListed = i(this.hitsListed); this.hitsAny = i(this.hitsAny);
    this.touched = i(this.touched);
    const m = new Uint8Array(n); m.set(this.mark); this.mark = m;
    const c = new Int16Array(4 * n); c.set(this.counts); this.counts = c;
  }
  remove(id: string): { slot: number; item: T } | undefined {
    const slot = this.bySlot.get(id);
    if (slot === undefined) return undefined;
    const item = this.items[slot]!;
    this.items[slot] = undefined;
    this.bySlot.delete(id);
    this.free.push(slot);
    return { slot, item };
  }
  /** Adds credit `w` to every slot in `set`: `kind` 1 = required (listed: 2), 0 = preferred, -1 = touch only. */
  add2(set: Set<number> | undefined, w: number, kind: -1 | 0 | 1 | 2): void {
    if (!set) return;
    for (const slot of set) {
      if (this.mark[slot] === 0) { this.mark[slot] = 1; this.touched[this.touchedCount++] = slot; }
      if (kind === 0) this.pref[slot] += w;
      else if (kind > 0) {
        this.req[slot] += w;
        this.hitsAny[slot]++;
        if (kind === 2) this.hitsListed[slot]++;
      }
    }
  }
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const s = this.touched[i]!;
      this.req[s] = 0; this.pref[s] = 0; this.hitsListed[s] = 0; this.hitsAny[s] = 0; this.mark[s] = 0;
    }
    this.touchedCount = 0;
  }
  get size(): number { return this.bySlot.size; }
}

/**
 * In-memory candidate index for two-way retrieval. Inverted postings by skill key and occupation
 * hold open-to-work members and open jobs. A query accumulates, per touched entry, an upper bound of
 * the fit score from skill overlap alone (assuming every non-skill requirement met), orders the
 * touched entries by that bound, and computes the exact fit key only until the bound falls below the
 * pool's worst exact key (branch and bound), so the pool is the exact top of the touched set.
 * Incremental: `upsert*`/`remove*` are what real-time matching calls on events.
 */
export class MatchIndex {
  readonly taxonomy: Taxonomy;
  /** Counters of the last query. */
  lastStats: RetrievalStats = { touched: 0, filteredOut: 0, scored: 0 };
  private readonly members = new Slots<MemberProfile>();
  private readonly memberListed: Postings = new Map();
  private readonly memberMentioned: Postings = new Map();
  private readonly memberOccupation: Postings = new Map();
  private readonly jobs = new Slots<JobProfile>();
  private readonly jobRequired: Postings = new Map();
  private readonly jobPreferred: Postings = new Map();
  private readonly jobOccupation: Postings = new Map();

  constructor(taxonomy: Taxonomy, init: { members?: Iterable<Member>; jobs?: Iterable<Job> } = {}) {
    this.taxonomy = taxonomy;
    for (const m of init.members ?? []) this.upsertMember(m);
    for (const j of init.jobs ?? []) this.upsertJob(j);
  }

  get memberCount(): number { return this.members.size; }
  get jobCount(): number { return this.jobs.size; }
  hasMember(id: string): boolean { return this.members.bySlot.has(id); }
  hasJob(id: string): boolean { return this.jobs.bySlot.has(id); }

  /** Adds or replaces a member; members not open to work are removed (they are never matched). */
  upsertMember(member: Member): void {
    this.removeMember(member.id);
    if (!member.openToWork) return;
    const p = memberProfile(member, this.taxonomy);
    const slot = this.members.add(p);
    for (const k of p.listed.keys()) post(this.memberListed, k, slot);
    for (const k of p.mentioned.keys()) post(this.memberMentioned, k, slot);
    for (const o of p.occupations) post(this.memberOccupation, o, slot);
  }

  removeMember(id: string): boolean {
    const r = this.members.remove(id);
    if (!r) return false;
    for (const k of r.item.listed.keys()) unpost(this.memberListed, k, r.slot);
    for (const k of r.item.mentioned.keys()) unpost(this.memberMentioned, k, r.slot);
    for (const o of r.item.occupations) unpost(this.memberOccupation, o, r.slot);
    return true;
  }

  /** Adds or replaces a job; jobs that are not open are removed. */
  upsertJob(job: Job): void {
    this.removeJob(job.id);
    if (job.status !== 'open') return;
    const p = jobProfile(job, this.taxonomy);
    const slot = this.jobs.add(p);
    const c = this.jobs.counts;
    c[4 * slot] = p.requiredSkills; c[4 * slot + 1] = p.requiredCount; c[4 * slot + 2] = p.preferredSkills; c[4 * slot + 3] = p.preferredCount;
    for (const r of p.requirements) if (r.type === 'skill') post(r.kind === 'required' ? this.jobRequired : this.jobPreferred, r.key, slot);
    if (job.occupationId) post(this.jobOccupation, job.occupationId, slot);
  }

  removeJob(id: string): boolean {
    const r = this.jobs.remove(id);
    if (!r) return false;
    for (const q of r.item.requirements) if (q.type === 'skill') unpost(q.kind === 'required' ? this.jobRequired : this.jobPreferred, q.key, r.slot);
    if (r.item.job.occupationId) unpost(this.jobOccupation, r.item.job.occupationId, r.slot);
    return true;
  }

  /** Member ids for a job, best fit first (level, score, evidence strength, then id), after the filters. */
  candidatesForJob(job: Job, limit: number, ctx: Pick<MatchContext, 'now'>, filters: RetrievalFilters = {}): string[] {
    return this.memberCandidates(jobProfile(job, this.taxonomy), limit, ctx.now, filters).map((c) => c.item.id);
  }

  /** Job ids for a member, best fit first (level, score, evidence strength, then id), after the filters. */
  candidatesForMember(member: Member, limit: number, ctx: Pick<MatchContext, 'now'>, filters: RetrievalFilters = {}): string[] {
    return this.jobCandidates(memberProfile(member, this.taxonomy), limit, ctx.now, filters).map((c) => c.item.id);
  }

  /**
   * New job → ranked open-to-work members: candidate generation ranks the pool by the exact fit key
   * (same order as `compareAssessed`); only the requested page gets the full assessment.
   */
  rankMembersForJob(job: Job, ctx: MatchContext, options: RankOptions = {}): Page<RankedMember> {
    const jp = jobProfile(job, this.taxonomy);
    const { topK, offset, pool } = paging(options);
    const ranked = atLeast(this.memberCandidates(jp, pool, ctx.now, options.filters ?? {}), options.minLevel);
    const items = ranked.slice(offset, offset + topK).map((c) => {
      const assessment = assessProfiles(c.item, jp, ctx);
      return { memberId: c.item.id, level: assessment.level, score: assessment.score, assessment };
    });
    return { items, total: ranked.length, limit: topK, offset };
  }

  /** Member → ranked open jobs. */
  rankJobsForMember(member: Member, ctx: MatchContext, options: RankOptions = {}): Page<RankedJob> {
    const mp = memberProfile(member, this.taxonomy);
    const { topK, offset, pool } = paging(options);
    const ranked = atLeast(this.jobCandidates(mp, pool, ctx.now, options.filters ?? {}), options.minLevel);
    const items = ranked.slice(offset, offset + topK).map((c) => {
      const assessment = assessProfiles(mp, c.item, ctx);
      return { jobId: c.item.id, level: assessment.level, score: assessment.score, assessment };
    });
    return { items, total: ranked.length, limit: topK, offset };
  }

  private memberCandidates(jp: JobProfile, limit: number, now: Date, filters: RetrievalFilters): Candidate<MemberProfile>[] {
    const S = this.members;
    for (const r of jp.requirements) {
      if (r.type !== 'skill') continue;
      const req = r.kind === 'required';
      S.add2(this.memberListed.get(r.key), CREDIT.met, req ? 2 : 0);
      S.add2(this.memberMentioned.get(r.key), CREDIT.mentionOnly, req ? 1 : 0);
      for (const rel of r.related) S.add2(this.memberListed.get(rel), CREDIT.relatedSkill, req ? 1 : 0);
    }
    if (jp.job.occupationId) S.add2(this.memberOccupation.get(jp.job.occupationId), 0, -1);
    try {
      return this.branchAndBound(S, limit, (slot) => this.bound(S, slot, jp),
        (slot) => this.passes(S.items[slot]!, jp, now, filters), (slot) => scoreProfiles(S.items[slot]!, jp, now));
    } finally {
      S.reset();
    }
  }

  private jobCandidates(mp: MemberProfile, limit: number, now: Date, filters: RetrievalFilters): Candidate<JobProfile>[] {
    const S = this.jobs;
    const addKey = (key: string, credit: number, listed: boolean) => {
      S.add2(this.jobRequired.get(key), credit, listed ? 2 : 1);
      S.add2(this.jobPreferred.get(key), credit, 0);
    };
    for (const k of mp.listed.keys()) {
      addKey(k, CREDIT.met, true);
      for (const rel of this.taxonomy.related(k)) if (!mp.listed.has(rel)) addKey(rel, CREDIT.relatedSkill, false);
    }
    for (const k of mp.mentioned.keys()) addKey(k, CREDIT.mentionOnly, false);
    for (const o of mp.occupations) S.add2(this.jobOccupation.get(o), 0, -1);
    try {
      // Job constants come from typed arrays: no job object is read for entries never scored.
      const c = S.counts;
      return this.branchAndBound(S, limit, (slot) => boundOf(S, slot, c[4 * slot]!, c[4 * slot + 1]!, c[4 * slot + 2]!, c[4 * slot + 3]!),
        (slot) => this.passes(mp, S.items[slot]!, now, filters), (slot) => scoreProfiles(mp, S.items[slot]!, now));
    } finally {
      S.reset();
    }
  }

  /** Upper bound of the fit key for a touched pair, or -1 when a filter drops it. */
  /**
   * Upper bound of the fit key from the accumulators alone: every non-skill requirement assumed met
   * and the context taken as 1, so no member or job field is read for entries that are never scored.
   */
  private bound<T extends { id: string }>(S: Slots<T>, slot: number, jp: JobProfile): number {
    return boundOf(S, slot, jp.requiredSkills, jp.requiredCount, jp.preferredSkills, jp.preferredCount);
  }

  /** The retrieval filters, checked only for entries the search actually reaches. */
  private passes(mp: MemberProfile, jp: JobProfile, now: Date, filters: RetrievalFilters): boolean {
    if (filters.location !== false && !locationOk(mp, jp)) return false;
    if (filters.remote !== false && !remoteAccepted(mp, jp.job)) return false;
    if (filters.employmentType === true && !employmentTypeAccepted(mp, jp.job)) return false;
    const band = filters.seniorityBand === undefined ? 2 : filters.seniorityBand;
    return band === false || Math.abs(memberRank(mp, now) - jp.seniorityRank) <= band;
  }

  private branchAndBound<T extends { id: string }>(
    S: Slots<T>, limit: number, upper: (slot: number) => number, passes: (slot: number) => boolean, exact: (slot: number) => number,
  ): Candidate<T>[] {
    const n = S.touchedCount;
    // Counting sort of the touched entries by bound into BUCKETS buckets: O(n), no comparator calls.
    if (this.bounds.length < n) { this.bounds = new Float64Array(S.touched.length); this.order = new Int32Array(S.touched.length); }
    const bounds = this.bounds;
    const counts = this.counts.fill(0);
    let passed = 0;
    for (let i = 0; i < n; i++) {
      const b = upper(S.touched[i]!);
      bounds[i] = b;
      if (b >= 0) { counts[bucketOf(b)]!++; passed++; }
    }
    for (let b = BUCKETS - 2; b >= 0; b--) counts[b]! += counts[b + 1]!; // counts[b] = entries in buckets >= b
    const starts = this.starts;
    for (let b = 0; b < BUCKETS; b++) starts[b] = b + 1 < BUCKETS ? counts[b + 1]! : 0; // higher buckets first
    const order = this.order;
    for (let i = 0; i < n; i++) if (bounds[i]! >= 0) order[starts[bucketOf(bounds[i]!)]!++] = i;
    const heap = new TopK<T>(limit);
    let scored = 0;
    let filtered = 0;
    for (let j = 0; j < passed; j++) {
      const i = order[j]!;
      const b = bounds[i]!;
      // Everything from here on sits in this bucket or lower: stop once no bound can reach the pool.
      if (heap.full && (bucketOf(b) + 1) / BUCKET_SCALE <= heap.worstKey) break;
      const slot = S.touched[i]!;
      const item = S.items[slot]!;
      if (!heap.wouldAccept(b, item.id)) continue;
      if (!passes(slot)) { filtered++; continue; }
      scored++;
      const key = exact(slot);
      heap.push(key, lastEvidenceStrength(), item.id, item);
    }
    this.lastStats = { touched: n, filteredOut: filtered, scored };
    return heap.sorted();
  }
  private bounds = new Float64Array(1024);
  private order = new Int32Array(1024);
  private readonly counts = new Int32Array(BUCKETS);
  private readonly starts = new Int32Array(BUCKETS);
}

/** Fit keys lie in [0, 8): 2 × level rank + score. */
const BUCKET_SCALE = 200;
const BUCKETS = 8 * BUCKET_SCALE + 1;
function bucketOf(key: number): number { return Math.min(BUCKETS - 1, Math.floor(key * BUCKET_SCALE)); }

export interface Candidate<T> { item: T; key: number; strength: number }

function atLeast<T>(list: Candidate<T>[], minLevel: FitLevel | undefined): Candidate<T>[] {
  if (!minLevel) return list;
  const min = 2 * FIT_LEVEL_RANK[minLevel];
  return list.filter((c) => c.key >= min);
}

function boundOf<T extends { id: string }>(S: Slots<T>, slot: number, reqSkills: number, reqCount: number, prefSkills: number, prefCount: number): number {
  const req = Math.min(S.req[slot]!, reqSkills) + (reqCount - reqSkills);
  const pref = Math.min(S.pref[slot]!, prefSkills) + (prefCount - prefSkills);
  const score = combineCounts(reqCount, prefCount, req, pref, 1);
  return fitKey(levelFor(score, S.hitsListed[slot]! >= reqSkills, S.hitsAny[slot]! >= reqSkills), score);
}

function memberRank(mp: MemberProfile, now: Date): number {
  return mp.seniorityRank >= 0 ? mp.seniorityRank : SENIORITY_RANK[seniorityFromYears(memberYears(mp, now))];
}

function paging(o: RankOptions): { topK: number; offset: number; pool: number } {
  const topK = Math.max(1, Math.floor(o.topK ?? 20));
  const offset = Math.max(0, Math.floor(o.offset ?? 0));
  const pool = Math.max(o.pool ?? Math.max(MIN_POOL, POOL_FACTOR * (offset + topK)), offset + topK);
  return { topK, offset, pool };
}

/** Order by fit level, score, evidence strength, then id; never by insertion or arrival order. */
export function compareAssessed(a: { id: string; a: FitAssessment }, b: { id: string; a: FitAssessment }): number {
  return FIT_LEVEL_RANK[b.a.level] - FIT_LEVEL_RANK[a.a.level]
    || b.a.score - a.a.score
    || b.a.facts.evidenceStrength - a.a.facts.evidenceStrength
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Bounded min-heap keeping the `k` best by (key desc, evidence strength desc, id asc): `compareAssessed` order. */
class TopK<T> {
  private keys: number[] = [];
  private strengths: number[] = [];
  private ids: string[] = [];
  private items: T[] = [];
  constructor(private readonly k: number) {}

  get full(): boolean { return this.keys.length >= this.k; }
  get worstKey(): number { return this.keys.length > 0 ? this.keys[0]! : -Infinity; }
  private better(k1: number, s1: number, id1: string, k2: number, s2: number, id2: string): boolean {
    return k1 > k2 || (k1 === k2 && (s1 > s2 || (s1 === s2 && id1 < id2)));
  }
  /**
   * Could an entry whose key is at most `key` be kept? At an exact tie with the worst kept entry the
   * id decides (strength is not known before scoring; the pool is larger than the page, so this only
   * touches the pool's last places).
   */
  wouldAccept(key: number, id: string): boolean {
    if (this.k <= 0) return false;
    if (this.keys.length < this.k) return true;
    return key > this.keys[0]! || (key === this.keys[0]! && id < this.ids[0]!);
  }
  push(key: number, strength: number, id: string, item: T): void {
    if (this.k <= 0) return;
    if (this.keys.length < this.k) {
      this.keys.push(key); this.strengths.push(strength); this.ids.push(id); this.items.push(item);
      this.up(this.keys.length - 1);
    } else if (this.better(key, strength, id, this.keys[0]!, this.strengths[0]!, this.ids[0]!)) {
      this.keys[0] = key; this.strengths[0] = strength; this.ids[0] = id; this.items[0] = item;
      this.down(0);
    }
  }
  sorted(): Candidate<T>[] {
    const idx = this.keys.map((_, i) => i);
    idx.sort((a, b) => (this.better(this.keys[a]!, this.strengths[a]!, this.ids[a]!, this.keys[b]!, this.strengths[b]!, this.ids[b]!) ? -1 : 1));
    return idx.map((i) => ({ item: this.items[i]!, key: this.keys[i]!, strength: this.strengths[i]! }));
  }
  // The root holds the worst kept item.
  private worse(i: number, j: number): boolean {
    return this.better(this.keys[j]!, this.strengths[j]!, this.ids[j]!, this.keys[i]!, this.strengths[i]!, this.ids[i]!);
  }
  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
    [this.strengths[i], this.strengths[j]] = [this.strengths[j]!, this.strengths[i]!];
    [this.ids[i], this.ids[j]] = [this.ids[j]!, this.ids[i]!];
    [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
  }
  private up(i: number): void {
    while (i > 0) { const p = (i - 1) >> 1; if (this.worse(i, p)) { this.swap(i, p); i = p; } else break; }
  }
  private down(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m); i = m;
    }
  }
}
