import { createGateway, loadGatewayConfig, RedisResponseCache, type Gateway } from '../llm/index.ts';
import { sqlLlmStores } from '../store/index.ts';
import type { AppContext } from './context.ts';

const gateways = new WeakMap<AppContext, { gateway: Gateway; redis?: RedisResponseCache }>();

/**
 * The process's one LLM gateway, configured from the environment, with its ledger, budgets and cache in
 * the database so `fitwise costs` and the operator dashboard see every call; with `REDIS_URL` the
 * response cache is in Redis instead.
 */
export function gatewayOf(ctx: AppContext): Gateway {
  let entry = gateways.get(ctx);
  if (!entry) {
    const config = loadGatewayConfig();
    const redis = config.cache?.redis ? new RedisResponseCache(config.cache.redis) : undefined;
    const stores = sqlLlmStores(ctx.handle.db);
    entry = { gateway: createGateway(config, redis ? { ...stores, cache: redis } : stores), redis };
    gateways.set(ctx, entry);
  }
  return entry.gateway;
}

/** Closes the context's gateway, if one was made (an in-process model holds memory until then), then its Redis connection. */
export async function closeGatewayOf(ctx: AppContext): Promise<void> {
  const entry = gateways.get(ctx);
  gateways.delete(ctx);
  await entry?.gateway.close();
  await entry?.redis?.close();
}
