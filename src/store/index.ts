export * from './database.ts';
export { analyzeStaleTables, startAutoAnalyze } from './auto-analyze.ts';
export * as tables from './schema.ts';
export * from './repositories/index.ts';
export * from './llm-repository.ts';
