export * from './database.ts';
export * as tables from './schema.ts';
export * from './repositories/index.ts';
export * from './llm-repository.ts';
