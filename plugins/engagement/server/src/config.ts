import { errorMessage } from './lib/errors';
import { BUILT_IN_SHARE_PAGES, checkUrlTemplate } from './lib/share-urls';

/**
 * The plugin's configuration. Strapi merges the app's `config/plugins.ts` block over `default` with
 * lodash `defaultsDeep` (arrays merge index by index), which is why networks are a map rather than a
 * list: `networks: { whatsapp: false }` disables one network and keeps the others.
 */
export interface EngagementConfig {
  /**
   * Content type uids whose documents are counted. Routes use each type's singular name. Empty by default:
   * an app that installs the plugin without configuring it starts and counts nothing.
   */
  contentTypes: string[];
  /** Public URL of a document per content type, e.g. 'https://example.com/articles/{slug}'; used by the share redirect. */
  publicUrls: Record<string, string>;
  /**
   * Share networks: `true` enables a built-in one (x, facebook, linkedin, reddit, bluesky, whatsapp,
   * email, copy-link), a URL template with {url} (and optionally {title}) adds or overrides one, `false`
   * disables one.
   */
  networks: Record<string, boolean | string>;
  /** Repeat views (and shares) by one visitor inside this many seconds count once; 0 counts every one. */
  dedupeWindowSeconds: number;
  /**
   * How long a "not published" answer from the database is remembered for a document the published cache
   * does not list (0: ask every time). Short, so a missed change announcement costs a few seconds at most.
   */
  notFoundCacheMs: number;
  /** How often buffered increments are written to the database. */
  flushIntervalMs: number;
  /**
   * How long stored totals are kept in memory between writes (0: read the database on every read). Every
   * flush, migration and reset empties the cache (on every instance with Redis), so this only bounds how
   * late counts written from outside the app (another process without Redis) can appear.
   */
  countsCacheSeconds: number;
  /** Extra user-agent patterns (regular expression sources, case-insensitive) treated as bots besides isbot's list. */
  botPatterns: string[];
  /** Repeat views (and shares) of this many distinct visitors at most are remembered per instance (memory store, and the Redis store's outage fallback); when full, new visitors are not counted. */
  dedupeMaxVisitors: number;
  /** Per-IP limit on the public engagement routes (per instance); `maxClients` IPs per window at most are tracked, beyond them new IPs are served but not counted. */
  rateLimit: { enabled: boolean; max: number; windowMs: number; maxClients: number };
  /** 'memory' (one process) or 'redis' (several instances share one buffer and dedupe window). */
  store: 'memory' | 'redis';
  /**
   * Redis connection. `commandTimeoutMs`: how long a request waits for Redis; slower counts as down (the
   * event is counted in memory, as during an outage, and Redis is tried again a second later).
   */
  redis: { url: string; keyPrefix: string; connectTimeoutMs: number; commandTimeoutMs: number };
  /** GET stats: default and maximum number of days of daily figures. */
  stats: { defaultDays: number; maxDays: number };
  /** GET popular: default and maximum list length. */
  popular: { defaultLimit: number; maxLimit: number };
  /** Attach `engagement: {views, shares}` to the tracked types' own REST responses. */
  decorateResponses: boolean;
  /**
   * Grant the Users & Permissions Public role the reading routes (stats, popular) at startup; only
   * missing permissions are added, nothing an admin changed is undone. Counting routes are always open.
   */
  publicRead: boolean;
}

export const DEFAULT_CONFIG: EngagementConfig = {
  contentTypes: [],
  publicUrls: {},
  networks: Object.fromEntries(Object.keys(BUILT_IN_SHARE_PAGES).map((name) => [name, true])),
  dedupeWindowSeconds: 1800,
  notFoundCacheMs: 5000,
  flushIntervalMs: 5000,
  countsCacheSeconds: 60,
  botPatterns: [],
  dedupeMaxVisitors: 500_000,
  rateLimit: { enabled: true, max: 120, windowMs: 60_000, maxClients: 100_000 },
  store: 'memory',
  redis: {
    url: 'redis://127.0.0.1:6379',
    keyPrefix: 'engagement:',
    connectTimeoutMs: 2000,
    commandTimeoutMs: 200,
  },
  stats: { defaultDays: 30, maxDays: 365 },
  popular: { defaultLimit: 10, maxLimit: 100 },
  decorateResponses: true,
  publicRead: true,
};

const UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;
const NETWORK_NAME = /^[a-z0-9-]{1,32}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkInteger(
  errors: string[],
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER
): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.push(
      `${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`} (got ${JSON.stringify(value)})`
    );
  }
}

/**
 * Validates a merged config and throws one Error listing every problem, each naming the key.
 * Whether the content types exist is checked at register time (they are not loaded yet here).
 */
export function validateConfig(config: unknown): asserts config is EngagementConfig {
  const errors: string[] = [];
  if (!isRecord(config)) throw new Error('engagement config must be an object');
  const c = config as Partial<EngagementConfig> & Record<string, unknown>;

  if (!Array.isArray(c.contentTypes)) {
    errors.push('contentTypes must be an array of content type uids');
  } else {
    for (const uid of c.contentTypes) {
      if (typeof uid !== 'string' || !UID.test(uid))
        errors.push(
          `contentTypes: "${String(uid)}" is not a content type uid like "api::article.article"`
        );
    }
  }

  if (!isRecord(c.publicUrls)) {
    errors.push('publicUrls must be an object of { [content type uid]: URL template }');
  } else {
    for (const [uid, template] of Object.entries(c.publicUrls)) {
      if (Array.isArray(c.contentTypes) && !c.contentTypes.includes(uid))
        errors.push(`publicUrls: "${uid}" is not listed in contentTypes`);
      const problem = checkUrlTemplate(template);
      if (problem)
        errors.push(
          `publicUrls["${uid}"] ${problem} (got ${JSON.stringify(template)}; example: "https://example.com/articles/{slug}")`
        );
    }
  }

  if (!isRecord(c.networks)) {
    errors.push('networks must be an object of { [network]: true | false | share URL template }');
  } else {
    for (const [name, value] of Object.entries(c.networks)) {
      if (!NETWORK_NAME.test(name)) {
        errors.push(
          `networks: "${name}" is not a valid network name (lowercase letters, digits, dashes)`
        );
      } else if (value === true && !(name in BUILT_IN_SHARE_PAGES)) {
        errors.push(
          `networks: unknown network "${name}"; known ones are ${Object.keys(BUILT_IN_SHARE_PAGES).join(', ')}, or give a share URL template with {url}`
        );
      } else if (typeof value === 'string') {
        const problem = checkUrlTemplate(value, ['https:', 'mailto:']);
        if (problem) errors.push(`networks["${name}"] ${problem}`);
        else if (!value.includes('{url}')) errors.push(`networks["${name}"] must contain {url}`);
      } else if (typeof value !== 'boolean') {
        errors.push(`networks["${name}"] must be true, false or a share URL template`);
      }
    }
  }

  checkInteger(errors, 'dedupeWindowSeconds', c.dedupeWindowSeconds, 0, 7 * 86_400);
  checkInteger(errors, 'notFoundCacheMs', c.notFoundCacheMs, 0, 60_000);
  checkInteger(errors, 'flushIntervalMs', c.flushIntervalMs, 100, 3_600_000);
  checkInteger(errors, 'countsCacheSeconds', c.countsCacheSeconds, 0, 86_400);
  checkInteger(errors, 'dedupeMaxVisitors', c.dedupeMaxVisitors, 1);

  if (!Array.isArray(c.botPatterns)) {
    errors.push('botPatterns must be an array of regular expression sources');
  } else {
    for (const pattern of c.botPatterns) {
      try {
        if (typeof pattern !== 'string' || pattern.length === 0)
          throw new Error('not a non-empty string');
        new RegExp(pattern, 'i');
      } catch (error) {
        errors.push(
          `botPatterns: ${JSON.stringify(pattern)} is not a valid regular expression (${errorMessage(error)})`
        );
      }
    }
  }

  if (!isRecord(c.rateLimit))
    errors.push('rateLimit must be an object { enabled, max, windowMs, maxClients }');
  else {
    if (typeof c.rateLimit.enabled !== 'boolean')
      errors.push('rateLimit.enabled must be true or false');
    checkInteger(errors, 'rateLimit.max', c.rateLimit.max, 1);
    checkInteger(errors, 'rateLimit.windowMs', c.rateLimit.windowMs, 1000);
    checkInteger(errors, 'rateLimit.maxClients', c.rateLimit.maxClients, 1);
  }

  if (c.store !== 'memory' && c.store !== 'redis')
    errors.push(`store must be "memory" or "redis" (got ${JSON.stringify(c.store)})`);
  if (!isRecord(c.redis))
    errors.push('redis must be an object { url, keyPrefix, connectTimeoutMs, commandTimeoutMs }');
  else {
    if (typeof c.redis.url !== 'string' || !/^rediss?:\/\//.test(c.redis.url))
      errors.push(
        `redis.url must be a redis:// or rediss:// URL (got ${JSON.stringify(c.redis.url)})`
      );
    if (typeof c.redis.keyPrefix !== 'string') errors.push('redis.keyPrefix must be a string');
    checkInteger(errors, 'redis.connectTimeoutMs', c.redis.connectTimeoutMs, 100);
    checkInteger(errors, 'redis.commandTimeoutMs', c.redis.commandTimeoutMs, 10, 10_000);
  }

  if (!isRecord(c.stats)) errors.push('stats must be an object { defaultDays, maxDays }');
  else {
    checkInteger(errors, 'stats.maxDays', c.stats.maxDays, 1, 3660);
    checkInteger(
      errors,
      'stats.defaultDays',
      c.stats.defaultDays,
      1,
      typeof c.stats.maxDays === 'number' ? c.stats.maxDays : 3660
    );
  }
  if (!isRecord(c.popular)) errors.push('popular must be an object { defaultLimit, maxLimit }');
  else {
    checkInteger(errors, 'popular.maxLimit', c.popular.maxLimit, 1, 1000);
    checkInteger(
      errors,
      'popular.defaultLimit',
      c.popular.defaultLimit,
      1,
      typeof c.popular.maxLimit === 'number' ? c.popular.maxLimit : 1000
    );
  }
  if (typeof c.decorateResponses !== 'boolean')
    errors.push('decorateResponses must be true or false');
  if (typeof c.publicRead !== 'boolean') errors.push('publicRead must be true or false');

  if (errors.length > 0)
    throw new Error(`invalid engagement config:\n  - ${errors.join('\n  - ')}`);
}

/** Enabled networks with their share page template (null: counted only, no share page). */
export function enabledNetworks(config: EngagementConfig): Map<string, string | null> {
  const networks = new Map<string, string | null>();
  for (const [name, value] of Object.entries(config.networks)) {
    if (value === false) continue;
    networks.set(name, typeof value === 'string' ? value : (BUILT_IN_SHARE_PAGES[name] ?? null));
  }
  return networks;
}

export default {
  default: DEFAULT_CONFIG,
  validator: validateConfig,
};
