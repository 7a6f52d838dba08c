import type { Core } from '@strapi/strapi';
import { DEFAULT_CACHE_CONTROL } from '../src/response-cache/config';

/**
 * Public response cache of the content API (src/response-cache): ETag, Cache-Control, 304 and a shared
 * cache in which a write invalidates the responses showing what it changed (a draft save, nothing; see
 * README "Caching"). Checked at start by src/response-cache/config.ts.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  enabled: env.bool('RESPONSE_CACHE', true),
  cacheControl: env('RESPONSE_CACHE_CONTROL', DEFAULT_CACHE_CONTROL),
  ttlSeconds: env.int('RESPONSE_CACHE_TTL', 300),
  maxMemoryMb: env.int('RESPONSE_CACHE_MAX_MB', 64),
  maxBodyKb: env.int('RESPONSE_CACHE_MAX_BODY_KB', 1024),
  paths: env.array('RESPONSE_CACHE_PATHS', [
    '/articles',
    '/tags',
    '/image-credits',
    '/reader-comments',
  ]),
  redisUrl: env('RESPONSE_CACHE_REDIS_URL', env('REDIS_URL', '')),
  redisKeyPrefix: env('RESPONSE_CACHE_REDIS_PREFIX', 'response-cache:'),
  redisTimeoutMs: env.int('RESPONSE_CACHE_REDIS_TIMEOUT_MS', 200),
});

export default config;
