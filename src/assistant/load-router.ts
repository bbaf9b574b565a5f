import { createKeywordRouter } from './keyword-router.ts';
import { createRouter } from './router/index.ts';
import type { IntentRouterLike } from './types.ts';

/** The trained router (`./router`); the keyword fallback only if its training data cannot be read. */
export function defaultRouter(): IntentRouterLike {
  try {
    return createRouter();
  } catch (err) {
    process.emitWarning(`intent router unavailable (${(err as Error).message}); using keyword rules`, 'FitwiseRouterWarning');
    return createKeywordRouter();
  }
}

/** Kept async for callers that load it lazily. */
export async function loadRouter(): Promise<IntentRouterLike> {
  return defaultRouter();
}
