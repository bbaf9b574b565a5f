import type { Repositories } from '../store/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import {
  DemoContext, generateApplications, generateCompany, generateCourses, generateJob, generateMember, type DemoSizes,
} from './generate.ts';

export interface SeedProgress {
  phase: 'companies' | 'courses' | 'members' | 'jobs' | 'applications';
  done: number;
  total: number;
}

export interface SeedResult {
  companies: number;
  courses: number;
  members: number;
  jobs: number;
  applications: number;
  seconds: number;
  membersPerSecond: number;
}

const BATCH = 1000;

/**
 * Writes a deterministic demo dataset. Re-running with the same sizes and seed rewrites the same rows
 * (upserts), so a half-finished run can simply be repeated.
 */
export async function seedDatabase(repos: Repositories, taxonomy: Taxonomy, sizes: DemoSizes, onProgress?: (p: SeedProgress) => void, signal?: AbortSignal): Promise<SeedResult> {
  const ctx = new DemoContext(taxonomy, sizes);
  const t0 = performance.now();
  const companies = Array.from({ length: sizes.companies }, (_, i) => generateCompany(ctx, i));
  await repos.companies.upsertMany(companies);
  onProgress?.({ phase: 'companies', done: companies.length, total: companies.length });

  const courses = sizes.courses > 0 ? generateCourses(ctx) : [];
  await repos.courses.upsertMany(courses);
  onProgress?.({ phase: 'courses', done: courses.length, total: courses.length });

  const tm = performance.now();
  for (let i = 0; i < sizes.members; i += BATCH) {
    signal?.throwIfAborted();
    const batch = [];
    for (let j = i; j < Math.min(sizes.members, i + BATCH); j++) batch.push(generateMember(ctx, j));
    await repos.members.upsertMany(batch);
    onProgress?.({ phase: 'members', done: Math.min(sizes.members, i + BATCH), total: sizes.members });
  }
  const memberSeconds = (performance.now() - tm) / 1000;

  let applications = 0;
  for (let i = 0; i < sizes.jobs; i += BATCH) {
    signal?.throwIfAborted();
    const batch = [];
    for (let j = i; j < Math.min(sizes.jobs, i + BATCH); j++) batch.push(generateJob(ctx, j));
    await repos.jobs.upsertMany(batch);
    const apps = batch.flatMap((job, k) => generateApplications(ctx, i + k, job));
    await repos.applications.insertMany(apps);
    applications += apps.length;
    onProgress?.({ phase: 'jobs', done: Math.min(sizes.jobs, i + BATCH), total: sizes.jobs });
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    companies: companies.length, courses: courses.length, members: sizes.members, jobs: sizes.jobs, applications,
    seconds: Math.round(seconds * 100) / 100,
    membersPerSecond: sizes.members > 0 ? Math.round(sizes.members / Math.max(memberSeconds, 1e-6)) : 0,
  };
}
