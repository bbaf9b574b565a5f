export { createAppContext, refreshAppContext, type AppContext } from './context.ts';
export { ensureDemoData } from './first-run.ts';
export { importJobPosting, importResume, parsed, type Parsed } from './imports.ts';
export { MatchService, matchServiceOf, type SearchResult } from './matching.ts';
export { gatewayOf } from './llm.ts';
