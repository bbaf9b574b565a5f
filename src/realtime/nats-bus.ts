import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { DomainEvent } from '../store/index.ts';
import { busNames, type ConsumeOptions, type DeliveryHandler, type EventBus, type Subscription } from './bus.ts';

export interface NatsBusOptions {
  url: string;
  /** Stream/subject prefix (default `fitwise`); tests use a unique one per run. */
  prefix?: string;
  /** Unacked deliveries are redelivered after this long (default 10 s). */
  ackWaitMs?: number;
  /** Deliveries before JetStream gives up on a message (default 20). */
  maxDeliver?: number;
  /** JetStream de-duplicates republished outbox rows (same event id) within this window (default 2 min). */
  duplicateWindowMs?: number;
}

const ms = (n: number) => Math.round(n * 1_000_000);

/**
 * NATS JetStream: one file-backed stream for every event topic, one durable pull consumer per
 * consumer name shared by every worker process (each message goes to one of them), explicit ack,
 * redelivery after `ackWait`, at most `maxDeliver` attempts. Publishing sets `msgID` to the event id,
 * so an outbox row published twice (dispatcher crash) is stored once.
 */
export class NatsBus implements EventBus {
  readonly kind = 'nats' as const;
  readonly names: ReturnType<typeof busNames>;
  private readonly subs = new Set<{ stop(): Promise<void> }>();
  private ensured: Promise<void> | undefined;

  private constructor(readonly nc: NatsConnection, private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, private readonly options: NatsBusOptions) {
    this.names = busNames(options.prefix ?? 'fitwise');
  }

  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: options.url, name: 'fitwise', maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true,
    });
    const jsm = await jetstreamManager(nc);
    const bus = new NatsBus(nc, jetstream(nc), jsm, options);
    await bus.ensureStream();
    return bus;
  }

  ensureStream(): Promise<void> {
    this.ensured ??= (async () => {
      const name = this.names.stream;
      try {
        await this.jsm.streams.info(name);
      } catch {
        await this.jsm.streams.add({
          name, subjects: [this.names.eventWildcard], storage: StorageType.File,
          duplicate_window: ms(this.options.duplicateWindowMs ?? 120_000),
        }).catch(async (err) => {
          // Another process created it first.
          await this.jsm.streams.info(name).catch(() => { throw err; });
        });
      }
    })();
    return this.ensured;
  }

  async publish(event: DomainEvent): Promise<void> {
    const body = JSON.stringify(event);
    await this.js.publish(this.names.eventSubject(event.topic), body, { msgID: event.eventId, timeout: 5000 });
  }

  private async ensureConsumer(durable: string): Promise<void> {
    try {
      await this.jsm.consumers.info(this.names.stream, durable);
    } catch {
      await this.jsm.consumers.add(this.names.stream, {
        durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
        ack_wait: ms(this.options.ackWaitMs ?? 10_000), max_deliver: this.options.maxDeliver ?? 20, max_ack_pending: 1000,
      }).catch(async (err) => { await this.jsm.consumers.info(this.names.stream, durable).catch(() => { throw err; }); });
    }
  }

  async consume(handler: DeliveryHandler, options: ConsumeOptions): Promise<Subscription> {
    await this.ensureConsumer(options.durable);
    const concurrency = options.concurrency ?? 4;
    let stopped = false;
    let inFlight = 0;
    let wakeSlot: (() => void) | undefined;
    let current: { close(): Promise<void | Error> } | undefined;
    const loop = (async () => {
      while (!stopped) {
        try {
          const consumer = await this.js.consumers.get(this.names.stream, options.durable);
          const messages = await consumer.consume({ max_messages: concurrency * 2, expires: 5000 });
          current = messages;
          for await (const m of messages) {
            while (inFlight >= concurrency) await new Promise<void>((r) => { wakeSlot = r; });
            inFlight++;
            let event: DomainEvent;
            try {
              event = m.json<DomainEvent>();
            } catch {
              m.term('unparseable event');
              inFlight--;
              continue;
            }
            void handler({
              event, deliveryCount: m.info.deliveryCount,
              ack: async () => { await m.ackAck().catch(() => false); },
              nak: (delayMs?: number) => m.nak(delayMs),
            }).catch(() => m.nak(500)).finally(() => { inFlight--; const w = wakeSlot; wakeSlot = undefined; w?.(); });
            if (stopped) break;
          }
        } catch {
          // Server restarting or consumer not reachable yet: try again shortly.
        }
        if (!stopped) await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const sub = {
      stop: async () => {
        stopped = true;
        await current?.close();
        wakeSlot?.();
        await Promise.race([loop, new Promise((r) => setTimeout(r, 2000))]);
        while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      },
    };
    this.subs.add(sub);
    return sub;
  }

  /** Deletes the stream (tests clean up their unique stream). */
  async deleteStream(): Promise<void> {
    await this.jsm.streams.delete(this.names.stream).catch(() => false);
  }

  async close(): Promise<void> {
    for (const s of this.subs) await s.stop();
    this.subs.clear();
    await this.nc.drain().catch(() => this.nc.close());
  }
}
