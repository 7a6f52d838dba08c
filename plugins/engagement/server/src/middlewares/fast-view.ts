import type { Core } from '@strapi/strapi';
import { matchViewPath } from '../lib/view-path';

type Handler = (ctx: Parameters<Core.MiddlewareHandler>[0]) => Promise<unknown>;

/**
 * Optional global middleware for the hottest route: answers `POST /api/engagement/:type/:documentId/view`
 * with the same rate limit and the same controller as the route, but ahead of Strapi's query and body
 * parsing, session and router, which a view never needs (it ignores its body). Why: that chain costs
 * more than the counting itself. Place it after `strapi::cors` (and security, errors, logger) in
 * config/middlewares, so CORS, security headers and error formatting still apply. Every other request,
 * and every app that does not list it, goes through the regular route.
 */
export default (_options: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  let handle: Handler | undefined;
  const build = (): Handler => {
    const rateLimit = strapi.plugin('engagement').middleware('rate-limit')(
      {},
      { strapi }
    ) as Core.MiddlewareHandler;
    const controller = strapi.plugin('engagement').controller('engagement') as { view: Handler };
    return async (ctx) => rateLimit(ctx, () => controller.view(ctx));
  };
  return async (ctx, next) => {
    if (ctx.method !== 'POST') return next();
    const params = matchViewPath(ctx.path, prefix);
    if (!params) return next();
    handle ??= build();
    ctx.params = params;
    await handle(ctx);
  };
};
