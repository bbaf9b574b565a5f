import type { AppContext } from '../app/index.ts';
import type { EventBus, Subscription } from './bus.ts';
import { InProcessBus } from './in-process-bus.ts';
import { LocalLiveFeed, NatsLiveFeed, type LiveFeed } from './live-feed.ts';
import { MatchingWorker, type MatchingWorkerOptions } from './matching-worker.ts';
import { NatsBus } from './nats-bus.ts';
import { OutboxDispatcher, onOutboxWrites, type OutboxDispatcherOptions } from './outbox-dispatcher.ts';
import { retentionDays, startRetention, type RetentionOptions } from './retention.ts';
import { WebhookDeliverer, type WebhookDelivererOptions } from './webhooks.ts';

export interface RealtimeOptions {
  /** NATS JetStream; default `$NATS_URL`; unset → the in-process bus. */
  natsUrl?: string;
  /** Stream/subject prefix (default `$FITWISE_NATS_PREFIX` or `fitwise`). */
  prefix?: string;
  /** Run an outbox dispatcher in this process (default true). */
  dispatcher?: boolean | OutboxDispatcherOptions;
  /** Run a matching worker (default: true on the in-process bus, false on NATS where `fitwise worker` runs them). */
  worker?: boolean | MatchingWorkerOptions;
  /** Deliveries handled at once by the worker (default 4). */
  concurrency?: number;
  /** Send webhook deliveries from this process (default: same as `worker`). */
  webhooks?: boolean | WebhookDelivererOptions;
  /** JetStream redelivery after an unacked delivery (ms). */
  ackWaitMs?: number;
  /** Prune old published outbox rows and processed-event claims (default: where a dispatcher runs). */
  retention?: boolean | RetentionOptions;
  onError?: (err: unknown) => void;
}

/** Everything real-time one process runs; `close()` stops it in dependency order. */
export interface Realtime {
  bus: EventBus;
  feed: LiveFeed;
  dispatcher?: OutboxDispatcher;
  worker?: MatchingWorker;
  webhooks?: WebhookDeliverer;
  close(): Promise<void>;
}

/**
 * pg-pool listens for errors only on idle clients: a connection dropped while checked out (inside a
 * transaction waiting on NATS, say) emits an unhandled 'error' and kills the process. The failed
 * query still rejects, so swallowing the event here is safe. (Belongs in `openPostgres`.)
 */
export function guardPostgresPool(ctx: Pick<AppContext, 'handle'>): void {
  if (ctx.handle.kind !== 'postgres') return;
  const pool = (ctx.handle.db as unknown as { $client?: import('pg').Pool }).$client;
  if (!pool || guarded.has(pool)) return;
  guarded.add(pool);
  const clients = new WeakSet<object>();
  const guard = (client: import('pg').PoolClient) => {
    if (clients.has(client)) return;
    clients.add(client);
    client.on('error', () => { /* surfaced to the query that was running, if any */ });
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}
const guarded = new WeakSet<object>();

export async function startRealtime(ctx: AppContext, options: RealtimeOptions = {}): Promise<Realtime> {
  guardPostgresPool(ctx);
  const keepDays = retentionDays(); // a bad setting fails before anything starts
  const natsUrl = options.natsUrl ?? process.env.NATS_URL;
  const prefix = options.prefix ?? process.env.FITWISE_NATS_PREFIX ?? 'fitwise';
  let bus: EventBus;
  let feed: LiveFeed;
  if (natsUrl) {
    const nats = await NatsBus.connect({ url: natsUrl, prefix, ...(options.ackWaitMs ? { ackWaitMs: options.ackWaitMs } : {}) });
    bus = nats;
    feed = new NatsLiveFeed(nats.nc, prefix);
  } else {
    bus = new InProcessBus();
    feed = new LocalLiveFeed();
  }
  const runWorker = options.worker ?? !natsUrl;
  let worker: MatchingWorker | undefined;
  let subscription: Subscription | undefined;
  if (runWorker) {
    // One process sees every member.updated event itself: no need to re-read members on a timer.
    worker = await MatchingWorker.create(ctx, { ...(natsUrl ? {} : { indexRefreshMs: 0 }), ...(typeof runWorker === 'object' ? runWorker : {}), feed });
    subscription = await worker.start(bus, { concurrency: options.concurrency ?? 4 });
  }
  let dispatcher: OutboxDispatcher | undefined;
  let unhook: (() => void) | undefined;
  if (options.dispatcher ?? true) {
    dispatcher = new OutboxDispatcher(ctx.handle, ctx.repos, bus, { onError: options.onError, ...(typeof options.dispatcher === 'object' ? options.dispatcher : {}) });
    if (typeof options.dispatcher !== 'object' || options.dispatcher.wakeOnWrite !== false) unhook = onOutboxWrites(ctx.repos, () => dispatcher!.wake());
    dispatcher.start();
  }
  const runRetention = options.retention ?? Boolean(dispatcher);
  const retention = runRetention
    ? startRetention(ctx.handle, { days: keepDays, onError: options.onError, ...(typeof runRetention === 'object' ? runRetention : {}) })
    : undefined;
  const runWebhooks = options.webhooks ?? Boolean(runWorker);
  let webhooks: WebhookDeliverer | undefined;
  if (runWebhooks) {
    webhooks = new WebhookDeliverer(ctx.handle, typeof runWebhooks === 'object' ? runWebhooks : {});
    webhooks.start();
  }
  return {
    bus, feed, dispatcher, worker, webhooks,
    async close() {
      unhook?.();
      await retention?.stop();
      await dispatcher?.stop();
      await subscription?.stop();
      worker?.stop();
      await webhooks?.stop();
      await bus.close();
      await feed.close();
    },
  };
}
