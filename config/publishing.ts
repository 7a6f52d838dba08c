import type { Core } from '@strapi/strapi';

/**
 * App-level switches for the publishing content model (read as `strapi.config.get('publishing')`).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  /** Grant the Public role read access (find, findOne and the by-slug routes) to articles, tags and credits. */
  publicReadAccess: env.bool('PUBLIC_READ_ACCESS', true),
  /** Seed demo content into an empty database when the app starts in development (never in production). */
  seedDemoContent: env.bool('SEED_DEMO_CONTENT', true),
  /**
   * Deepest `populate` (in relation levels) a request without credentials may ask for; deeper answers 400.
   * `populate=*` and `populate=tags` are 1, `populate[articles][populate][tags]=true` and `populate=articles.tags` 2.
   */
  publicPopulateMaxDepth: env.int('PUBLIC_POPULATE_MAX_DEPTH', 2),
  /**
   * Refuse to publish an article whose cover or body image is marked AI-made by its file (IPTC digital
   * source type or C2PA) while the image's credit does not say `aiGenerated`.
   */
  requireAiDisclosure: env.bool('REQUIRE_AI_DISCLOSURE', true),
});

export default config;
