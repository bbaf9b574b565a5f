/**
 * Real-time matching: the outbox dispatcher, the event bus (in-process or NATS JetStream), matching
 * workers that turn `job.posted` into notifications exactly once in effect, live delivery (SSE feed)
 * and signed webhooks. See docs/REALTIME.md.
 */
export { busNames, type Delivery, type DeliveryHandler, type EventBus, type ConsumeOptions, type Subscription } from './bus.ts';
export { InProcessBus } from './in-process-bus.ts';
export { NatsBus, type NatsBusOptions } from './nats-bus.ts';
export { OutboxDispatcher, onOutboxWrites, type OutboxDispatcherOptions } from './outbox-dispatcher.ts';
export { pruneEventLog, retentionDays, startRetention, type PruneResult, type RetentionOptions } from './retention.ts';
export { LocalLiveFeed, NatsLiveFeed, type LiveFeed, type RecruiterEvent } from './live-feed.ts';
export {
  MatchingWorker, selectRecipients, matchCause, matchNotification, notificationId,
  type HandleResult, type MatchCandidate, type MatchingWorkerOptions,
} from './matching-worker.ts';
export {
  SIGNATURE_HEADER, WebhookDeliverer, deadLetters, enqueueDelivery, getWebhook, listDeliveries, listWebhooks, registerWebhook,
  signWebhook, verifyWebhookSignature, type WebhookDelivererOptions, type WebhookDeliveryRow, type WebhookOwner, type WebhookRow,
} from './webhooks.ts';
export { guardPostgresPool, startRealtime, type Realtime, type RealtimeOptions } from './runtime.ts';
