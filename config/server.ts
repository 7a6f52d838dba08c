import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS')!,
  },
  // Behind a load balancer or reverse proxy, set IS_PROXIED=true so ctx.ip is the client's address.
  proxy: { koa: env.bool('IS_PROXIED', false) },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  logger: {
    config: { level: env('LOG_LEVEL', 'info') },
    updates: { enabled: false },
  },
});

export default config;
