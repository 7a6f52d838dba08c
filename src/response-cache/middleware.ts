import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { responseCacheFor } from './index';

/**
 * App middleware (config/middlewares.ts, after CORS and security headers, before query parsing and the
 * router): serves public content-API GETs from the response cache with ETag, Cache-Control and 304, and
 * makes every write request's response wait until its invalidation reached the cache store.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cache = responseCacheFor(strapi);
  if (!cache) return (_ctx: Context, next: Next) => next();
  return async (ctx: Context, next: Next) => {
    if (cache.handles(ctx)) return cache.serve(ctx, next);
    try {
      await next();
    } finally {
      // Also after a failed write: part of it may have committed before the error.
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') await cache.settled();
    }
  };
};
