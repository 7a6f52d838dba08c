import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
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
