import type { ResponseCacheStore } from '../domain/index.ts';

export const DEFAULT_REDIS_CACHE_PREFIX = 'fitwise:llm:cache:';

export interface RedisResponseCacheOptions {
  /** `redis[s]://[[user][:password]@]host[:port][/db]`. */
  url: string;
  /** Prepended to every key (default `fitwise:llm:cache:`), so several apps or test runs can share one Redis. */
  keyPrefix?: string;
  /** The connection's name in `CLIENT LIST` (default `fitwise-llm-cache`). */
  clientName?: string;
  /** Longest wait for one connection attempt (default 1000 ms). */
  connectTimeoutMs?: number;
  /** Longest wait for one GET or SET (default 500 ms). */
  commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts while Redis is down (default 2000 ms; `close()` may wait this long). */
  maxReconnectDelayMs?: number;
}

type Client = ReturnType<typeof import('redis').createClient>;

/**
 * The gateway's exact-match response cache in Redis: JSON values that Redis itself expires (`SET … PX`).
 * It never holds a call up for long: the connection opens on first use (the client library loads only then),
 * waiting for one attempt at most;
 * while Redis is down commands fail at once (no offline queue) and the client reconnects in the background;
 * a command that hangs times out. The gateway treats every failure as a miss. `close()` ends the connection.
 */
export class RedisResponseCache implements ResponseCacheStore {
  readonly keyPrefix: string;
  private client: Client | undefined;
  private opening: Promise<void> | undefined;
  private lastError: Error | undefined;
  private closed = false;

  constructor(private readonly options: RedisResponseCacheOptions) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_REDIS_CACHE_PREFIX;
  }

  async get(key: string): Promise<unknown | undefined> {
    const client = await this.connected();
    const text = await client.get(key);
    return text === null ? undefined : JSON.parse(text) as unknown;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (!(ttlSeconds > 0)) throw new RangeError(`cache TTL must be positive, got ${ttlSeconds} s`);
    const client = await this.connected();
    await client.set(key, JSON.stringify(value), { expiration: { type: 'PX', value: Math.max(1, Math.round(ttlSeconds * 1000)) } });
  }

  /** Ends the connection (and any reconnection attempts); later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => {}); // a bad URL already failed every call
    if (this.client?.isOpen) await this.client.close();
  }

  /** The client, connected on first use; fails at once when it is not ready. */
  private async connected(): Promise<Client> {
    if (this.closed) throw new Error('the Redis response cache is closed');
    this.opening ??= this.open();
    await this.opening;
    if (!this.client?.isReady) throw new Error(`Redis is unreachable: ${this.lastError?.message || 'not connected'}`);
    return this.client;
  }

  /** Settles when the first connection attempt succeeds, fails or times out; reconnection goes on in the background. */
  private async open(): Promise<void> {
    const { createClient } = await import('redis');
    if (this.closed) return;
    const connectTimeout = this.options.connectTimeoutMs ?? 1000;
    const maxDelay = this.options.maxReconnectDelayMs ?? 2000;
    const client = this.client = createClient({
      url: this.options.url,
      keyPrefix: this.keyPrefix,
      name: this.options.clientName ?? 'fitwise-llm-cache',
      disableOfflineQueue: true,
      commandOptions: { timeout: this.options.commandTimeoutMs ?? 500 },
      socket: { connectTimeout, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, maxDelay) },
    });
    // An EventEmitter without an 'error' listener throws: a lost Redis must never end the process.
    client.on('error', (err: Error) => { this.lastError = err; });
    client.on('ready', () => { this.lastError = undefined; });
    await new Promise<void>((resolve) => {
      const settle = () => {
        clearTimeout(timer);
        client.off('ready', settle).off('error', settle);
        resolve();
      };
      const timer = setTimeout(settle, connectTimeout);
      timer.unref();
      client.once('ready', settle).once('error', settle);
      client.connect().catch((err: unknown) => {
        if (!this.closed) this.lastError = err as Error;
        settle();
      });
    });
  }
}
