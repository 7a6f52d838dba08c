import type { Core } from '@strapi/strapi';
import { validateConfig } from './config';
import { createResponseCache, type ResponseCache } from './response-cache';
import { databaseFingerprint } from './rules';
import { memoryStore, redisStore } from './stores';
import { watchWrites } from './writes';

export {
  declareResponseDependencies,
  DEPENDENCIES_STATE_KEY,
  type DeclaredDependencies,
} from './dependencies';

const caches = new WeakMap<Core.Strapi, ResponseCache | null>();

/**
 * The app's response cache, built on first use from `config/response-cache.ts` (null when disabled):
 * Redis when a URL is configured (shared by every instance on the same database), else memory. Writes
 * invalidate what they touch (./writes.ts).
 */
export function responseCacheFor(strapi: Core.Strapi): ResponseCache | null {
  if (caches.has(strapi)) return caches.get(strapi) ?? null;
  const config = validateConfig(strapi.config.get('response-cache'));
  if (!config.enabled) {
    caches.set(strapi, null);
    return null;
  }
  const ttlMs = config.ttlSeconds * 1000;
  const store = config.redisUrl
    ? redisStore({
        url: config.redisUrl,
        keyPrefix: `${config.redisKeyPrefix}${databaseFingerprint(strapi.config.get('database.connection'))}:`,
        ttlMs,
        timeoutMs: config.redisTimeoutMs,
        onError: (error) => strapi.log.debug(`[response-cache] Redis: ${error.message}`),
      })
    : memoryStore({ maxBytes: config.maxMemoryMb * 1024 * 1024, ttlMs });
  const cache = createResponseCache(strapi, config, store);
  watchWrites(strapi, cache);
  caches.set(strapi, cache);
  strapi.log.info(
    `[response-cache] Public content-API responses cached in ${config.redisUrl ? 'Redis' : 'memory'}.`
  );
  return cache;
}

/** Waits for pending invalidations and closes the store (app destroy). */
export async function closeResponseCache(strapi: Core.Strapi): Promise<void> {
  const cache = caches.get(strapi);
  caches.delete(strapi);
  await cache?.close();
}
