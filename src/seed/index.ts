export {
  DEFAULT_SIZES, DemoContext, companyId, generateApplications, generateCompany, generateCourses, generateJob, generateMember,
  jobId, memberId, type DemoSizes,
} from './generate.ts';
export { seedDatabase, type SeedProgress, type SeedResult } from './seed-database.ts';
export { Random } from './random.ts';
