/**
 * Cache-Control of the API's public responses unless RESPONSE_CACHE_CONTROL says otherwise: a shared cache
 * (a CDN) may keep them a minute and serve them stale for five more while it revalidates; browsers
 * revalidate every time. The reference frontend's pages default to the same lifetime
 * (frontend/src/lib/page-cache.ts).
 */
export const DEFAULT_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

/** Settings of the public response cache (`config/response-cache.ts`, read as `strapi.config.get('response-cache')`). */
export interface ResponseCacheConfig {
  /** RESPONSE_CACHE=false turns the cache and its headers off. */
  enabled: boolean;
  /** Cache-Control sent with cacheable public responses and their 304s. */
  cacheControl: string;
  /** How long an entry may stay in the cache; writes invalidate it earlier. */
  ttlSeconds: number;
  /** Memory store: total size of the stored bodies in megabytes (least recently used entries go first). */
  maxMemoryMb: number;
  /** Responses larger than this many kilobytes are served but not stored. */
  maxBodyKb: number;
  /** Content-API paths (after the REST prefix) whose public GET responses are cached, with everything below them. */
  paths: string[];
  /** Redis URL: when set, entries and the versions of their dependencies live in Redis, shared by every instance. */
  redisUrl: string;
  /** Prefix of this cache's Redis keys; a fingerprint of the database follows it, so two apps never share entries. */
  redisKeyPrefix: string;
  /** How long a request waits for Redis before it is served without the cache. */
  redisTimeoutMs: number;
}

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Checks the configuration and returns it typed; throws one message listing every problem, so a wrong
 * environment variable stops the app at start rather than serving wrong headers.
 */
export function validateConfig(raw: unknown): ResponseCacheConfig {
  const config = (raw ?? {}) as Partial<Record<keyof ResponseCacheConfig, unknown>>;
  const problems: string[] = [];
  if (typeof config.enabled !== 'boolean')
    problems.push('enabled (RESPONSE_CACHE) must be true or false');
  if (
    typeof config.cacheControl !== 'string' ||
    config.cacheControl.trim() === '' ||
    /[\r\n]/.test(config.cacheControl)
  ) {
    problems.push(
      'cacheControl (RESPONSE_CACHE_CONTROL) must be a non-empty one-line header value'
    );
  }
  for (const [name, env] of [
    ['ttlSeconds', 'RESPONSE_CACHE_TTL'],
    ['maxMemoryMb', 'RESPONSE_CACHE_MAX_MB'],
    ['maxBodyKb', 'RESPONSE_CACHE_MAX_BODY_KB'],
    ['redisTimeoutMs', 'RESPONSE_CACHE_REDIS_TIMEOUT_MS'],
  ] as const) {
    if (!isPositiveInteger(config[name]))
      problems.push(
        `${name} (${env}) must be a whole number above 0, got ${JSON.stringify(config[name])}`
      );
  }
  if (
    !Array.isArray(config.paths) ||
    config.paths.some((path) => typeof path !== 'string' || !/^\/[a-z0-9-/]*$/.test(path))
  ) {
    problems.push('paths (RESPONSE_CACHE_PATHS) must be a list of paths such as /articles');
  }
  if (
    typeof config.redisUrl !== 'string' ||
    (config.redisUrl !== '' && !/^rediss?:\/\//.test(config.redisUrl))
  ) {
    problems.push('redisUrl (REDIS_URL) must be empty or a redis:// or rediss:// URL');
  }
  if (typeof config.redisKeyPrefix !== 'string')
    problems.push('redisKeyPrefix (RESPONSE_CACHE_REDIS_PREFIX) must be a string');
  if (problems.length > 0)
    throw new Error(`Invalid response-cache configuration: ${problems.join('; ')}.`);
  return config as ResponseCacheConfig;
}
