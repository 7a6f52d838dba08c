import type { Core, UID } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import { errorBody, withEntryFields, type ExtraResponse } from 'strapi-plugin-engagement/shared';
import * as z from 'zod/v4';

/**
 * What the app's custom content-API routes take and answer, declared like Strapi 5's core routes
 * (`request.params`/`query` and `response` as Zod schemas) so `strapi openapi generate` documents them.
 * Strapi's generator documents one success response (200, from `response`) and its generic errors; the
 * other answers a frontend should handle are listed under `openapi.responses`, which `npm run openapi`
 * adds to the document (src/openapi/document.ts). `ExtraResponse`, Strapi's `errorBody` and
 * `withEntryFields` come from the engagement plugin, whose routes are documented the same way.
 */

const refusal = (description: string): ExtraResponse => ({ description, schema: errorBody });

/** The answer of the response cache (src/response-cache) to a public GET whose If-None-Match is current. */
const notModified: ExtraResponse = {
  description:
    'Not modified: the ETag sent in If-None-Match is still current (requests without credentials)',
  headers: {
    ETag: { description: 'The strong ETag of the current response', schema: z.string() },
    'Cache-Control': { description: 'As on the 200 (RESPONSE_CACHE_CONTROL)', schema: z.string() },
  },
};

/** One localization of a document: its locale and its slug there (for hreflang links). */
const localization = z.object({ locale: z.string(), slug: z.string().nullable() });

/**
 * A content type's document schema as Strapi's core routes build it (scalar fields, relations and media
 * by reference), built when the document is generated: the content types are complete by then. Why the
 * global `strapi`: route files are plain objects with no app handed in; Strapi's own createCoreRouter
 * reads the global the same way, and it is only read once the app has loaded.
 */
const documentOf = (uid: UID.ContentType) =>
  z.lazy(() => factories.createCoreValidator(uid, strapi).document);

/** `locale` on reading routes: optional, the i18n locale of the documents. */
const locale = z.string().optional().describe('The i18n locale (default: the default locale)');

const pagination = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
});

/** An image credit as the by-slug answer gives it (src/credits): the credit's own fields, or null. */
const creditOut = z
  .object({
    documentId: z.string(),
    creator: z.string().nullable(),
    copyrightHolder: z.string().nullable(),
    year: z.number().int().nullable(),
    license: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    aiGenerated: z.boolean().nullable(),
    aiTool: z.string().nullable(),
    creditLine: z.string().nullable(),
  })
  .nullable();

/** What the by-slug answer adds to the article for credits (src/credits/article-credits.ts). */
const articleCreditFields = {
  effectiveCoverCredit: creditOut.describe(
    "The article's own coverCredit, else its cover file's credit"
  ),
  coverCreditSource: z
    .enum(['article', 'file'])
    .nullable()
    .describe('Where effectiveCoverCredit comes from'),
  coverStructuredData: z
    .object({
      jsonLd: z
        .record(z.string(), z.unknown())
        .describe('A schema.org ImageObject, ready for <script type="application/ld+json">'),
      digitalSourceType: z
        .string()
        .nullable()
        .describe('The IPTC digital source type URI of the cover file'),
    })
    .nullable(),
};

/** GET /api/articles/by-slug/:slug */
export const articleBySlug = {
  request: {
    params: { slug: z.string().describe("The article's slug") },
    query: {
      status: z
        .enum(['published', 'draft'])
        .optional()
        .describe('draft needs the read-drafts permission (Preview); default published'),
      locale,
    },
  },
  response: z.object({
    data: z
      .lazy(() =>
        factories
          .createCoreValidator('api::article.article', strapi)
          .document.extend(articleCreditFields)
      )
      .describe(
        'The article with cover, coverCredit and tags, its effective cover credit and JSON-LD'
      ),
    meta: z.object({
      locale: z.string().optional().describe('The locale answered in (localized articles)'),
      localizations: z
        .array(localization)
        .optional()
        .describe("The document's other published versions, for hreflang links"),
    }),
  }),
  openapi: {
    responses: {
      304: notModified,
      400: refusal('An invalid status, or an unknown locale (named in the message)'),
      403: refusal(
        'status=draft without the read-drafts permission, or the route is not granted to these credentials'
      ),
      404: refusal(
        'No article with this slug in this status and locale; error.details.localizations lists the versions of a document that has this slug in another locale'
      ),
    },
  },
};

/** GET /api/tags/by-slug/:slug/articles */
export const tagArticlesBySlug = {
  request: {
    params: { slug: z.string().describe("The tag's slug") },
    query: {
      page: z.number().int().min(1).optional().describe('Default 1 (also pagination[page])'),
      pageSize: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Default 25, at most api.rest.maxLimit (also pagination[pageSize])'),
      locale,
    },
  },
  response: z.object({
    data: z
      .array(documentOf('api::article.article'))
      .describe("The tag's published articles, newest first"),
    meta: z.object({ pagination }),
  }),
  openapi: {
    responses: {
      304: notModified,
      400: refusal(
        'page or pageSize not a positive integer, pageSize above the maximum, or an unknown locale'
      ),
      404: refusal('No tag with this slug'),
    },
  },
};

/** GET /api/preview */
export const preview = {
  response: z.object({
    data: z.object({
      readDrafts: z.literal(true),
      contentTypes: z
        .array(z.string())
        .describe('The draft & publish types these credentials may read drafts of'),
    }),
  }),
  openapi: { responses: { 403: refusal('These credentials may not read drafts') } },
};

/** The number the app adds to every tag of GET /api/tags and GET /api/tags/:id. */
export const articleCountField = z
  .number()
  .int()
  .min(0)
  .describe("The tag's number of published articles");

/**
 * Documents `articleCount` on the tag routes that add it (the tag controller's find and findOne). Runs at
 * bootstrap, when Strapi has built its routes; changes only the routes' documentation.
 */
export function documentArticleCount(strapi: Core.Strapi): void {
  const routers = Object.values(
    (
      strapi.api('tag') as unknown as {
        routes: Record<string, { routes: Array<{ handler?: unknown; response?: z.ZodType }> }>;
      }
    ).routes
  );
  for (const route of routers.flatMap((router) => router.routes)) {
    if (
      (route.handler === 'api::tag.tag.find' || route.handler === 'api::tag.tag.findOne') &&
      route.response
    ) {
      route.response = withEntryFields(route.response, { articleCount: articleCountField });
    }
  }
}
