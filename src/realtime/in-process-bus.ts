import type { DomainEvent } from '../store/index.ts';
import type { ConsumeOptions, DeliveryHandler, EventBus, Subscription } from './bus.ts';

interface Pending { event: DomainEvent; count: number }
interface Consumer { handler: DeliveryHandler; concurrency: number; inFlight: number; stopped: boolean }

/**
 * The embedded default: a queue per durable name, shared round-robin by that name's consumers,
 * with redelivery on nak or a thrown handler (up to `maxDeliver`). Nothing survives the process —
 * the outbox table is what makes events durable; unpublished rows are re-dispatched on restart.
 */
export class InProcessBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly queues = new Map<string, { items: Pending[]; consumers: Consumer[]; next: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Events that exhausted `maxDeliver` (the dead-letter list). */
  readonly dead: DomainEvent[] = [];

  constructor(private readonly options: { maxDeliver?: number; redeliverDelayMs?: number } = {}) {}

  /** Events published before any consumer existed: handed to the first durable queue. */
  private backlog: DomainEvent[] = [];

  async publish(event: DomainEvent): Promise<void> {
    if (this.queues.size === 0) { this.backlog.push(event); return; }
    for (const q of this.queues.values()) q.items.push({ event, count: 0 });
    this.pumpAll();
  }

  async consume(handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription> {
    let q = this.queues.get(options.durable);
    if (!q) {
      q = { items: this.backlog.map((event) => ({ event, count: 0 })), consumers: [], next: 0 };
      this.backlog = [];
      this.queues.set(options.durable, q);
    }
    const consumer: Consumer = { handler, concurrency: options.concurrency ?? 4, inFlight: 0, stopped: false };
    q.consumers.push(consumer);
    this.pump(q);
    const queue = q;
    return {
      stop: async () => {
        consumer.stopped = true;
        queue.consumers = queue.consumers.filter((c) => c !== consumer);
        while (consumer.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
      },
    };
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const q of this.queues.values()) for (const c of q.consumers) c.stopped = true;
  }

  private pumpAll(): void {
    for (const q of this.queues.values()) this.pump(q);
  }

  private pump(q: { items: Pending[]; consumers: Consumer[]; next: number }): void {
    while (q.items.length > 0) {
      const ready = q.consumers.filter((c) => !c.stopped && c.inFlight < c.concurrency);
      if (ready.length === 0) return;
      const consumer = ready[q.next++ % ready.length]!;
      const item = q.items.shift()!;
      item.count++;
      consumer.inFlight++;
      let settled = false;
      const retry = (delayMs: number) => {
        if (settled) return;
        settled = true;
        if (item.count >= (this.options.maxDeliver ?? 10)) { this.dead.push(item.event); return; }
        const t = setTimeout(() => { this.timers.delete(t); q.items.push(item); this.pump(q); }, delayMs);
        this.timers.add(t);
      };
      const delivery = {
        event: item.event,
        deliveryCount: item.count,
        ack: () => { settled = true; },
        nak: (delayMs?: number) => retry(delayMs ?? this.options.redeliverDelayMs ?? 100),
      };
      consumer.handler(delivery)
        .catch(() => retry(this.options.redeliverDelayMs ?? 100))
        .finally(() => {
          // A handler that neither acked nor nacked is treated like a lost ack: redeliver.
          if (!settled) retry(this.options.redeliverDelayMs ?? 100);
          consumer.inFlight--;
          this.pump(q);
        });
    }
  }
}
