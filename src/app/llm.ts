import { createGateway, loadGatewayConfig, type Gateway } from '../llm/index.ts';
import { sqlLlmStores } from '../store/index.ts';
import type { AppContext } from './context.ts';

const gateways = new WeakMap<AppContext, Gateway>();

/**
 * The process's one LLM gateway, configured from the environment, with its ledger, budgets and cache in
 * the database so `fitwise costs` and the operator dashboard see every call.
 */
export function gatewayOf(ctx: AppContext): Gateway {
  let g = gateways.get(ctx);
  if (!g) {
    g = createGateway(loadGatewayConfig(), sqlLlmStores(ctx.handle.db));
    gateways.set(ctx, g);
  }
  return g;
}

/** Closes the context's gateway, if one was made (an in-process model holds memory until then). */
export async function closeGatewayOf(ctx: AppContext): Promise<void> {
  const g = gateways.get(ctx);
  gateways.delete(ctx);
  await g?.close();
}
