import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { EngagementSpot } from './graphql';
import { digest } from './rules';

/** One stored public response, before live engagement counts are applied. */
export interface CachedResponse {
  /** Content type of the route that produced it (`api::article.article`), or null. */
  uid: string | null;
  /** The JSON body as sent by the controller. */
  body: string;
  /** Digest of `body` (the ETag's first part). */
  digest: string;
  /** Top-level documentIds, whose live counts are applied on every read. */
  documentIds: string[];
  /** A GraphQL response: where it shows `engagement` values, made live on every read. */
  engagementSpots?: EngagementSpot[];
}

/**
 * Where entries live. Invalidation is a generation counter: every write bumps it, an entry is stored with
 * the generation read before its request ran, and a lookup only returns an entry of the current
 * generation. A response computed while a write commits is therefore never served after that write's bump.
 */
export interface ResponseStore {
  /** The current generation and the entry stored under `key` for it, if any. */
  lookup(key: string): Promise<{ generation: string; entry: CachedResponse | null }>;
  /** Stores `entry` under `key` for `generation` (read by lookup before the response was computed). */
  save(key: string, generation: string, entry: CachedResponse): Promise<void>;
  /** Invalidates every entry, on every instance sharing the store. */
  bump(): Promise<void>;
  close(): Promise<void>;
}

interface Stored {
  generation: string;
  entry: CachedResponse;
}

/** In-process store (one instance): an LRU bounded by the stored bodies' size. */
export function memoryStore(options: { maxBytes: number; ttlMs: number }): ResponseStore {
  let generation = 0;
  const entries = new LRUCache<string, Stored>({
    maxSize: options.maxBytes,
    // UTF-16 strings: two bytes per character is close enough for a bound.
    sizeCalculation: (stored) => Math.max(1, stored.entry.body.length * 2),
    ttl: options.ttlMs,
  });
  return {
    async lookup(key) {
      const stored = entries.get(key);
      const current = String(generation);
      return { generation: current, entry: stored?.generation === current ? stored.entry : null };
    },
    async save(key, storedGeneration, entry) {
      if (storedGeneration === String(generation)) entries.set(key, { generation: storedGeneration, entry });
    },
    async bump() {
      generation += 1;
      entries.clear();
    },
    async close() {
      entries.clear();
    },
  };
}

/** Resolves when the client is connected, or after `limitMs` (the command then fails and is retried). */
function connected(redis: Redis, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    redis.once('ready', done);
  });
}

/**
 * Redis store shared by every instance: one round trip per lookup (MGET of the generation and the entry),
 * one INCR per write. Entries expire after the TTL; stale generations simply stop matching.
 */
export function redisStore(options: { url: string; keyPrefix: string; ttlMs: number; timeoutMs: number; onError: (error: Error) => void }): ResponseStore {
  const redis = new Redis(options.url, {
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 2000),
    maxRetriesPerRequest: 1,
    // While disconnected, fail at once (the request is served without the cache) instead of queueing.
    enableOfflineQueue: false,
  });
  // ioredis reconnects by itself; until it has, commands fail and requests are served without the cache.
  redis.on('error', options.onError);
  let connecting: Promise<void> | undefined;
  const generationKey = `${options.keyPrefix}generation`;
  const entryKey = (key: string) => `${options.keyPrefix}entry:${digest(key)}`;
  return {
    async lookup(key) {
      const [generation, raw] = await redis.mget(generationKey, entryKey(key));
      const current = generation ?? '0';
      if (!raw) return { generation: current, entry: null };
      const stored = JSON.parse(raw) as Stored;
      return { generation: current, entry: stored.generation === current ? stored.entry : null };
    },
    async save(key, generation, entry) {
      await redis.set(entryKey(key), JSON.stringify({ generation, entry } satisfies Stored), 'PX', options.ttlMs);
    },
    async bump() {
      // A write right after start (bootstrap, seed) may come before the connection is up: without the
      // offline queue the INCR would fail at once, so an invalidation waits for the connection (bounded).
      if (redis.status !== 'ready' && redis.status !== 'end') {
        connecting ??= connected(redis, Math.max(options.timeoutMs, 10_000)).finally(() => {
          connecting = undefined;
        });
        await connecting;
      }
      try {
        await redis.incr(generationKey);
      } catch (error) {
        throw new Error(`${(error as Error).message} (Redis connection ${redis.status})`);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
