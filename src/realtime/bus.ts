import type { DomainEvent } from '../store/index.ts';

/** One delivery of an event to a consumer; the consumer acks once its effect is committed. */
export interface Delivery {
  event: DomainEvent;
  /** 1 on first delivery, 2+ on redelivery. */
  deliveryCount: number;
  ack(): Promise<void> | void;
  /** Ask for redelivery after `delayMs` (the handler failed). */
  nak(delayMs?: number): Promise<void> | void;
}

export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

export interface ConsumeOptions {
  /** Durable consumer name: consumers with the same name share (split) the events. */
  durable: string;
  /** Deliveries in flight at once for this consumer instance. */
  concurrency?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The event bus behind the outbox: at-least-once delivery to durable consumers. Implementations:
 * `InProcessBus` (default, one process) and `NatsBus` (JetStream, many processes).
 */
export interface EventBus {
  readonly kind: 'in-process' | 'nats';
  publish(event: DomainEvent): Promise<void>;
  consume(handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

/** Subject/stream names derived from one prefix, so parallel test runs never collide. */
export function busNames(prefix: string): { stream: string; eventSubject: (topic: string) => string; eventWildcard: string; notifySubject: (memberId: string) => string; notifyWildcard: string; jobSubject: (jobId: string) => string; jobWildcard: string } {
  const p = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  return {
    stream: `${p.toUpperCase()}_EVENTS`,
    eventSubject: (topic) => `${p}.events.${topic}`,
    eventWildcard: `${p}.events.>`,
    notifySubject: (memberId) => `${p}.notify.member.${subjectToken(memberId)}`,
    notifyWildcard: `${p}.notify.member.*`,
    jobSubject: (jobId) => `${p}.recruiter.job.${subjectToken(jobId)}`,
    jobWildcard: `${p}.recruiter.job.*`,
  };
}

/** NATS subject tokens may not contain dots, spaces or wildcards. */
export function subjectToken(id: string): string {
  return id.replace(/[.*>\s]/g, '_');
}
