import type { Core } from '@strapi/strapi';

/**
 * Koa's CORS as Strapi configures it, plus what a frontend on another origin needs for reader comments:
 * the `X-Comment-Token` header a guest edits or deletes their comment with, the `X-Reader-Token` of a
 * verified guest, and `Retry-After` readable on
 * a 429. `CORS_ORIGINS` (comma-separated, e.g. `https://www.example.com`) limits which sites may call
 * the API from a browser; unset, any origin may, as Strapi's default.
 */
const cors = (env: Core.Config.Shared.ConfigParams['env']) => ({
  name: 'strapi::cors',
  config: {
    origin: env.array('CORS_ORIGINS', ['*']),
    headers: [
      'Content-Type',
      'Authorization',
      'Origin',
      'Accept',
      'X-Comment-Token',
      'X-Reader-Token',
    ],
    expose: ['Retry-After'],
  },
});

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  cors(env),
  'strapi::poweredBy',
  // Answers POST /api/engagement/:type/:documentId/view before query/body parsing and the router.
  'plugin::engagement.fast-view',
  // Hard stops of public reads: per-IP points (429), deadline (503), response ceiling (413); README "Read budgets".
  'global::read-limits',
  // Public content-API GETs from the response cache (ETag, Cache-Control, 304); see README "Caching".
  'global::response-cache',
  'strapi::query',
  'strapi::body',
  // GraphQL text checked (tokens, fields, aliases, batching) before Apollo parses and validates it.
  'global::graphql-limits',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
