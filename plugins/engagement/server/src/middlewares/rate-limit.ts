import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clientAddress } from '../lib/client-address';
import { FixedWindowLimiter } from '../lib/rate-limiter';
import { ThrottledLog } from '../lib/throttled-log';
import { ipKey } from '../lib/visitor';
import { getConfig } from '../utils';

/** One limiter per Strapi instance, shared by every engagement route (each route resolves the middleware anew). */
const limiters = new WeakMap<
  Core.Strapi,
  { limiter: FixedWindowLimiter; secret: Buffer; fullLog: ThrottledLog }
>();

/** ctx.state flag: serve the request but do not count it (the limiter's table is full). */
const NOT_COUNTED = 'engagementNotCounted';

/** Whether the rate limiter asked for this request to be served without counting. */
export const countingRefused = (ctx: { state: Record<string, unknown> }): boolean =>
  ctx.state[NOT_COUNTED] === true;

/**
 * Per-IP rate limit of the public engagement routes (per instance, fixed window; IPv6 per /64). The table is keyed by
 * a keyed hash of the IP, never the IP. Beyond the limit: 429 with a message and Retry-After.
 */
export default (_options: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const { rateLimit } = getConfig(strapi);
  if (!rateLimit.enabled) return (_ctx, next) => next();
  let shared = limiters.get(strapi);
  if (!shared) {
    const fullLog = new ThrottledLog((message) => strapi.log.warn(message));
    shared = {
      limiter: new FixedWindowLimiter(
        rateLimit.max,
        rateLimit.windowMs,
        undefined,
        rateLimit.maxClients
      ),
      secret: randomBytes(32),
      fullLog,
    };
    limiters.set(strapi, shared);
  }
  const { limiter, secret, fullLog } = shared;
  return (ctx, next) => {
    const { allowed, retryAfterSeconds, tracked } = limiter.hit(
      ipKey(secret, clientAddress(ctx.request.ip))
    );
    if (!tracked) {
      ctx.state[NOT_COUNTED] = true;
      fullLog.log(
        `[engagement] The rate limiter tracks ${rateLimit.maxClients} clients this window (rateLimit.maxClients); requests from new ones are answered but not counted.`
      );
    }
    if (!allowed) {
      ctx.set('Retry-After', String(retryAfterSeconds));
      throw new errors.RateLimitError(
        `Too many engagement requests from this address; retry in ${retryAfterSeconds} s.`
      );
    }
    return next();
  };
};
