import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { EngagementSpot } from 'strapi-plugin-engagement/strapi-server';
import { ALL_TAG, isFresh } from './dependencies';
import { connected } from '../utils/redis-ready';
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

/** What a lookup found: the write sequence now (the snapshot to store a fresh computation with) and the fresh entry, if any. */
export interface Lookup {
  /** The write sequence read by this lookup, before the response (on a miss) is computed. */
  snapshot: number;
  /** When (Date.now()) the snapshot was read; an entry may live at most the TTL from then. */
  readAt: number;
  entry: CachedResponse | null;
}

/**
 * Where entries live. Invalidation is by dependency tags with versions: every invalidating write takes
 * the next number of one write sequence and marks each tag it touches with it; an entry is stored with
 * the sequence read *before* its response was computed (its snapshot) and its tags, and a lookup returns
 * it only while none of its tags (nor {@link ALL_TAG}) carries a number above the snapshot. So a response
 * computed while a write commits is never served after that write's invalidation, and a write leaves every
 * entry that does not depend on what it touched in place.
 */
export interface ResponseStore {
  /** The current write sequence and the fresh entry stored under `key`, if any. */
  lookup(key: string): Promise<Lookup>;
  /** Stores `entry` under `key` with the snapshot of the lookup that preceded its computation and its dependency tags. */
  save(
    key: string,
    lookup: Pick<Lookup, 'snapshot' | 'readAt'>,
    dependencies: readonly string[],
    entry: CachedResponse
  ): Promise<void>;
  /** Marks `tags` as written now, on every instance sharing the store: entries depending on them stop matching. */
  invalidate(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long a tag's version must be kept after a write: longer than any entry stored with an older
 * snapshot can live. Such an entry's snapshot was read before the write, and it lives at most the TTL
 * from that read (see `remainingTtl`); the margin covers the time between the read and the SET in Redis.
 */
export const tagTtlMs = (ttlMs: number): number => ttlMs + 60_000;

/** The TTL left for an entry whose snapshot was read at `readAt`: entries never outlive the tag versions that judge them. */
export const remainingTtl = (ttlMs: number, readAt: number, now = Date.now()): number =>
  ttlMs - (now - readAt);

interface MemoryStored {
  snapshot: number;
  dependencies: readonly string[];
  entry: CachedResponse;
}

/** In-process store (one instance): an LRU of entries bounded by the stored bodies' size, and the tag versions. */
export function memoryStore(options: { maxBytes: number; ttlMs: number }): ResponseStore {
  let sequence = 0;
  const entries = new LRUCache<string, MemoryStored>({
    maxSize: options.maxBytes,
    // UTF-16 strings: two bytes per character is close enough for a bound.
    sizeCalculation: (stored) => Math.max(1, stored.entry.body.length * 2),
    ttl: options.ttlMs,
  });
  // Tag versions are never evicted early (an evicted version would make stale entries look fresh); they
  // expire after tagTtlMs and are swept as the map grows. Only writes add tags.
  const versions = new Map<string, { version: number; expiresAt: number }>();
  let sweepAt = 1024;
  const versionOf = (tag: string, now: number): number | null => {
    const found = versions.get(tag);
    return found && found.expiresAt > now ? found.version : null;
  };
  return {
    async lookup(key) {
      const now = Date.now();
      const stored = entries.get(key);
      const fresh = stored
        ? isFresh(
            stored.snapshot,
            [ALL_TAG, ...stored.dependencies].map((tag) => versionOf(tag, now))
          )
        : false;
      if (stored && !fresh) entries.delete(key);
      return { snapshot: sequence, readAt: now, entry: fresh && stored ? stored.entry : null };
    },
    async save(key, lookup, dependencies, entry) {
      const ttl = remainingTtl(options.ttlMs, lookup.readAt);
      const now = Date.now();
      // Already stale when computed: a write touched a dependency after the snapshot.
      if (
        ttl <= 0 ||
        !isFresh(
          lookup.snapshot,
          [ALL_TAG, ...dependencies].map((tag) => versionOf(tag, now))
        )
      )
        return;
      entries.set(key, { snapshot: lookup.snapshot, dependencies, entry }, { ttl });
    },
    async invalidate(tags) {
      sequence += 1;
      const now = Date.now();
      const expiresAt = now + tagTtlMs(options.ttlMs);
      for (const tag of tags) versions.set(tag, { version: sequence, expiresAt });
      if (versions.size > sweepAt) {
        for (const [tag, { expiresAt: expiry }] of versions)
          if (expiry <= now) versions.delete(tag);
        sweepAt = Math.max(1024, versions.size * 2);
      }
      if (tags.includes(ALL_TAG)) entries.clear();
    },
    async close() {
      entries.clear();
      versions.clear();
    },
  };
}

/**
 * One round trip per lookup: the sequence, the entry's snapshot and tags, the tags' versions (with the
 * `all` tag's) and, when every version is at or below the snapshot, the body. KEYS: sequence, entry;
 * ARGV: the tag key prefix. Returns [sequence, entry JSON or nil].
 */
const LOOKUP_SCRIPT = `
local sequence = redis.call('GET', KEYS[1]) or '0'
local stored = redis.call('HMGET', KEYS[2], 'snapshot', 'tags', 'entry')
if not stored[3] then return {sequence, false} end
local snapshot = tonumber(stored[1])
-- A snapshot above the sequence: Redis lost its data since (a restart without persistence); judge nothing.
if snapshot > tonumber(sequence) then return {sequence, false} end
local keys = {ARGV[1] .. '${ALL_TAG}'}
for tag in string.gmatch(stored[2] or '', '%S+') do keys[#keys + 1] = ARGV[1] .. tag end
local versions = redis.call('MGET', unpack(keys))
for i = 1, #keys do
  if versions[i] and tonumber(versions[i]) > snapshot then return {sequence, false} end
end
return {sequence, stored[3]}
`;

/**
 * One atomic step per write: the next sequence number, set as the version of every tag. Atomic, so a
 * tag's version never goes back (two writers racing) and no lookup sees the sequence without the tags.
 * KEYS: sequence, then the tag keys; ARGV: the tags' TTL in ms.
 */
const INVALIDATE_SCRIPT = `
local sequence = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], sequence, 'PX', ARGV[1]) end
return sequence
`;

type ScriptedRedis = Redis & {
  responseCacheLookup(
    sequenceKey: string,
    entryKey: string,
    tagPrefix: string
  ): Promise<[string, string | null]>;
  responseCacheInvalidate(numberOfKeys: number, ...keysAndTtl: string[]): Promise<number>;
};

/**
 * Redis store shared by every instance: one round trip per lookup (a script reading the entry and its
 * tags' versions), one per write (a script taking the next sequence number and setting the tags). No
 * scan of the keyspace: an invalidation touches only the tags the write names. Entries and tag versions
 * expire; the sequence key does not. Redis must not evict keys before they expire (`noeviction`).
 */
export function redisStore(options: {
  url: string;
  keyPrefix: string;
  ttlMs: number;
  timeoutMs: number;
  onError: (error: Error) => void;
}): ResponseStore {
  const redis = new Redis(options.url, {
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 2000),
    maxRetriesPerRequest: 1,
    // While disconnected, fail at once (the request is served without the cache) instead of queueing.
    enableOfflineQueue: false,
  }) as ScriptedRedis;
  redis.defineCommand('responseCacheLookup', { numberOfKeys: 2, lua: LOOKUP_SCRIPT });
  redis.defineCommand('responseCacheInvalidate', { lua: INVALIDATE_SCRIPT });
  // ioredis reconnects by itself; until it has, commands fail and requests are served without the cache.
  redis.on('error', options.onError);
  let connecting: Promise<void> | undefined;
  const sequenceKey = `${options.keyPrefix}sequence`;
  const tagPrefix = `${options.keyPrefix}tag:`;
  // Not `entry:`: entries of the generation-counter cache (strings, not hashes) may still be there after an upgrade.
  const entryKey = (key: string) => `${options.keyPrefix}tagged-entry:${digest(key)}`;
  return {
    async lookup(key) {
      const readAt = Date.now();
      const [sequence, raw] = await redis.responseCacheLookup(
        sequenceKey,
        entryKey(key),
        tagPrefix
      );
      return {
        snapshot: Number(sequence),
        readAt,
        entry: raw ? (JSON.parse(raw) as CachedResponse) : null,
      };
    },
    async save(key, lookup, dependencies, entry) {
      const ttl = remainingTtl(options.ttlMs, lookup.readAt);
      if (ttl <= 0) return;
      const stored = entryKey(key);
      const results = await redis
        .multi()
        .hset(stored, {
          snapshot: String(lookup.snapshot),
          tags: dependencies.join(' '),
          entry: JSON.stringify(entry),
        })
        .pexpire(stored, ttl)
        .exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0] as Error;
    },
    async invalidate(tags) {
      // A write right after start (bootstrap, seed) may come before the connection is up: without the
      // offline queue the script would fail at once, so an invalidation waits for the connection (bounded).
      if (redis.status !== 'ready' && redis.status !== 'end') {
        connecting ??= connected(redis, Math.max(options.timeoutMs, 10_000)).finally(() => {
          connecting = undefined;
        });
        await connecting;
      }
      try {
        await redis.responseCacheInvalidate(
          1 + tags.length,
          sequenceKey,
          ...tags.map((tag) => `${tagPrefix}${tag}`),
          String(tagTtlMs(options.ttlMs))
        );
      } catch (error) {
        throw new Error(`${(error as Error).message} (Redis connection ${redis.status})`);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
