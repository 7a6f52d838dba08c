import type { Core } from '@strapi/strapi';
import { validateConfig } from './config';
import { createResponseCache, type ResponseCache } from './response-cache';
import { databaseFingerprint, showsInResponses, WRITE_ACTIONS } from './rules';
import { memoryStore, redisStore } from './stores';

const caches = new WeakMap<Core.Strapi, ResponseCache | null>();

/**
 * Runs `work` once the current database transaction has committed, or now when there is none. The
 * Content Manager publishes, unpublishes and discards inside one transaction; invalidating before the
 * commit would let a request on another connection cache the old rows again under the new generation.
 */
async function afterCommit(strapi: Core.Strapi, work: () => void): Promise<void> {
  if (!strapi.db.inTransaction()) return work();
  await strapi.db.transaction(({ onCommit }) => {
    onCommit(work);
  });
}

/**
 * Invalidates every cached response after any committed write to a model that can show in a response
 * (see {@link showsInResponses}). Why database lifecycles rather than a Document Service middleware: they
 * also see writes that bypass the Document Service (the upload plugin's file updates, relation
 * rewrites). One global generation is deliberately coarse: writes are rare next to reads, and a response
 * showing a tag inside an article must never outlive the tag's rename.
 */
function watchWrites(strapi: Core.Strapi, cache: ResponseCache): void {
  strapi.db.lifecycles.subscribe(async (event) => {
    if (!WRITE_ACTIONS.has(event.action) || !showsInResponses(event.model.uid)) return;
    await afterCommit(strapi, () => cache.invalidate());
  });
}

/**
 * The app's response cache, built on first use from `config/response-cache.ts` (null when disabled):
 * Redis when a URL is configured (shared by every instance on the same database), else memory.
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
  strapi.log.info(`[response-cache] Public content-API responses cached in ${config.redisUrl ? 'Redis' : 'memory'}.`);
  return cache;
}

/** Waits for pending invalidations and closes the store (app destroy). */
export async function closeResponseCache(strapi: Core.Strapi): Promise<void> {
  const cache = caches.get(strapi);
  caches.delete(strapi);
  await cache?.close();
}
