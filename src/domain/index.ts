export * from './common.ts';
export * from './errors.ts';
export * from './concept.ts';
export * from './member.ts';
export * from './company.ts';
export * from './job.ts';
export * from './course.ts';
export * from './activity.ts';
