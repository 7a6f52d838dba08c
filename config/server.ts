import type { Core } from '@strapi/strapi';

/**
 * How many proxies in front of the app append to X-Forwarded-For (nginx alone: 1; a CDN in front of a
 * load balancer: 2). Koa then reads only that many entries from the right, so the client IP is the one
 * the outermost trusted proxy saw, never an entry the client wrote itself.
 */
const trustedHops = (value: number): number => {
  if (!Number.isInteger(value) || value < 1 || value > 16)
    throw new Error(`PROXY_TRUSTED_HOPS must be an integer from 1 to 16 (got ${String(value)})`);
  return value;
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS')!,
  },
  // Behind a load balancer or reverse proxy, set IS_PROXIED=true so ctx.ip is the client's address, and
  // PROXY_TRUSTED_HOPS to the number of proxies that append to X-Forwarded-For.
  proxy: {
    koa: env.bool('IS_PROXIED', false),
    maxIpsCount: trustedHops(env.int('PROXY_TRUSTED_HOPS', 1)),
  },
  // Where static files are served from and the local upload provider writes `uploads/` (relative to the
  // app root, or absolute): e.g. a mounted volume in a container.
  dirs: { public: env('PUBLIC_DIR', './public') },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  logger: {
    config: { level: env('LOG_LEVEL', 'info') },
    updates: { enabled: false },
  },
});

export default config;
