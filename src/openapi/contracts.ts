import type { Core, UID } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import * as z from 'zod/v4';
import { withEntryFields } from './entry-fields';

/**
 * What the app's custom content-API routes take and answer, declared like Strapi 5's core routes
 * (`request.params`/`query` and `response` as Zod schemas) so `strapi openapi generate` documents them.
 * Strapi's generator documents one success response (200, from `response`) and its generic errors; the
 * other answers a frontend should handle are listed under `openapi.responses`, which `npm run openapi`
 * adds to the document (src/openapi/document.ts).
 */

/** One extra documented answer of a route, beside Strapi's 200 from `response`. */
export interface ExtraResponse {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

/** Strapi's error body, as every refusal has it. */
export const errorBody = z.object({
  data: z.null(),
  error: z.object({
    status: z.number().int(),
    name: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const refusal = (description: string): ExtraResponse => ({ description, schema: errorBody });

/**
 * A content type's document schema as Strapi's core routes build it (scalar fields, relations and media
 * by reference), built when the document is generated: the content types are complete by then. Why the
 * global `strapi`: route files are plain objects with no app handed in; Strapi's own createCoreRouter
 * reads the global the same way, and it is only read once the app has loaded.
 */
const documentOf = (uid: UID.ContentType) => z.lazy(() => factories.createCoreValidator(uid, strapi).document);

/** `locale` on reading routes: optional, the i18n locale of the documents. */
const locale = z.string().optional().describe('The i18n locale (default: the default locale)');

const pagination = z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() });

/** GET /api/articles/by-slug/:slug */
export const articleBySlug = {
  request: {
    params: { slug: z.string().describe("The article's slug") },
    query: {
      status: z.enum(['published', 'draft']).optional().describe('draft needs the read-drafts permission (Preview); default published'),
      locale,
    },
  },
  response: z.object({
    data: documentOf('api::article.article').describe('The article with cover, coverCredit and tags'),
    meta: z.object({}),
  }),
  openapi: {
    responses: {
      400: refusal('An invalid status'),
      403: refusal('status=draft without the read-drafts permission, or the route is not granted to these credentials'),
      404: refusal('No article with this slug (in this status)'),
    },
  },
};

/** GET /api/tags/by-slug/:slug/articles */
export const tagArticlesBySlug = {
  request: {
    params: { slug: z.string().describe("The tag's slug") },
    query: {
      page: z.number().int().min(1).optional().describe('Default 1 (also pagination[page])'),
      pageSize: z.number().int().min(1).optional().describe('Default 25, at most api.rest.maxLimit (also pagination[pageSize])'),
      locale,
    },
  },
  response: z.object({
    data: z.array(documentOf('api::article.article')).describe("The tag's published articles, newest first"),
    meta: z.object({ pagination }),
  }),
  openapi: {
    responses: {
      400: refusal('page or pageSize not a positive integer, or pageSize above the maximum'),
      404: refusal('No tag with this slug'),
    },
  },
};

/** GET /api/preview */
export const preview = {
  response: z.object({
    data: z.object({
      readDrafts: z.literal(true),
      contentTypes: z.array(z.string()).describe('The draft & publish types these credentials may read drafts of'),
    }),
  }),
  openapi: { responses: { 403: refusal('These credentials may not read drafts') } },
};

/** The number the app adds to every tag of GET /api/tags and GET /api/tags/:id. */
export const articleCountField = z.number().int().min(0).describe("The tag's number of published articles");

/**
 * Documents `articleCount` on the tag routes that add it (the tag controller's find and findOne). Runs at
 * bootstrap, when Strapi has built its routes; changes only the routes' documentation.
 */
export function documentArticleCount(strapi: Core.Strapi): void {
  const routers = Object.values((strapi.api('tag') as unknown as { routes: Record<string, { routes: Array<{ handler?: unknown; response?: z.ZodType }> }> }).routes);
  for (const route of routers.flatMap((router) => router.routes)) {
    if ((route.handler === 'api::tag.tag.find' || route.handler === 'api::tag.tag.findOne') && route.response) {
      route.response = withEntryFields(route.response, { articleCount: articleCountField });
    }
  }
}
