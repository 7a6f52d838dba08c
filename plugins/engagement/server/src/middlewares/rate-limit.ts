import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clientAddress } from '../lib/client-address';
import { FixedWindowLimiter } from '../lib/rate-limiter';
import { ipKey } from '../lib/visitor';
import { getConfig } from '../utils';

/** One limiter per Strapi instance, shared by every engagement route (each route resolves the middleware anew). */
const limiters = new WeakMap<Core.Strapi, { limiter: FixedWindowLimiter; secret: Buffer }>();

/**
 * Per-IP rate limit of the public engagement routes (per instance, fixed window; IPv6 per /64). The table is keyed by
 * a keyed hash of the IP, never the IP. Beyond the limit: 429 with a message and Retry-After.
 */
export default (_options: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const { rateLimit } = getConfig(strapi);
  if (!rateLimit.enabled) return (_ctx, next) => next();
  let shared = limiters.get(strapi);
  if (!shared) {
    shared = { limiter: new FixedWindowLimiter(rateLimit.max, rateLimit.windowMs), secret: randomBytes(32) };
    limiters.set(strapi, shared);
  }
  const { limiter, secret } = shared;
  return (ctx, next) => {
    const { allowed, retryAfterSeconds } = limiter.hit(ipKey(secret, clientAddress(ctx.request.ip)));
    if (!allowed) {
      ctx.set('Retry-After', String(retryAfterSeconds));
      throw new errors.RateLimitError(`Too many engagement requests from this address; retry in ${retryAfterSeconds} s.`);
    }
    return next();
  };
};
