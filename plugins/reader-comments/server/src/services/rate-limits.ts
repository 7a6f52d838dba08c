import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { CommentsConfig } from '../config';
import { getConfig, getService } from '../utils';

/** What one post is counted against. */
export interface PostKeys {
  /** The poster's address hash. */
  address: string;
  /** A signed-in author's user id. */
  user?: number;
  /** The document (`uid|documentId|locale`). */
  document: string;
}

/**
 * Posting limits per hashed address, per signed-in user and per document (a pile-on or a flood on one
 * article), over fixed windows. With Redis they are shared by every instance; without it each instance
 * counts alone. A refused post is a 429 that says when to try again; posts under the limit are untouched.
 */
const createRateLimitsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The limiters of the settings they were built for: new settings (the admin's) start new windows. */
  let built:
    | { settings: string; limiters: Record<keyof PostKeys, RateLimiterAbstract> }
    | undefined;

  const limitersFor = (
    config: CommentsConfig['rateLimits']
  ): Record<keyof PostKeys, RateLimiterAbstract> => {
    const settings = JSON.stringify(config);
    if (built?.settings === settings) return built.limiters;
    const redis = getService(strapi, 'redis').client();
    const make = (name: keyof PostKeys) => {
      // The limit is part of the key, so new settings start new windows in Redis as in memory.
      const options = {
        keyPrefix: `limit:${name}:${config[name].points}/${config[name].seconds}`,
        points: config[name].points,
        duration: config[name].seconds,
      };
      // Redis down: each instance keeps counting on its own rather than letting every post through.
      return redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: redis,
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
    };
    built = {
      settings,
      limiters: { address: make('address'), user: make('user'), document: make('document') },
    };
    return built.limiters;
  };

  return {
    /** Counts one post against every limit that applies; a 429 (RateLimitError) when one is exhausted. */
    async consume(keys: PostKeys): Promise<void> {
      const limiters = limitersFor(getConfig(strapi).rateLimits);
      const entries: Array<[keyof PostKeys, string]> = [
        ['address', keys.address],
        ['document', keys.document],
      ];
      if (keys.user !== undefined) entries.push(['user', String(keys.user)]);
      for (const [name, key] of entries) {
        try {
          await limiters[name].consume(key);
        } catch (rejection: unknown) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          const who =
            name === 'document'
              ? 'on this document'
              : name === 'user'
                ? 'from your account'
                : 'from your network';
          throw new errors.RateLimitError(`Too many comments ${who}: try again in ${seconds} s`, {
            retryAfter: seconds,
          });
        }
      }
    },
  };
};

export type RateLimitsService = ReturnType<typeof createRateLimitsService>;
export default createRateLimitsService;
