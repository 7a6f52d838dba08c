import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';
import { errorBody, withEntryFields, type ExtraResponse } from '../../../shared/openapi';

/**
 * The engagement plugin's part of Strapi's OpenAPI document (`strapi openapi generate`): what its
 * content-API routes take and answer, and the `engagement` field it adds to the GET responses of tracked
 * types. Route declarations follow Strapi 5's own (`request.params`/`query`/`body` and `response` as Zod
 * schemas). Strapi's generator documents one success response, a 200 from `response`; the other answers
 * (202, 302, 429) are listed under `openapi.responses`, which the app's `npm run openapi` adds to the
 * document (see the README, "Frontend contract: OpenAPI").
 */

const tooManyRequests: ExtraResponse = {
  description: 'Too many requests from this address (rateLimit in the engagement config)',
  schema: errorBody,
  headers: {
    'Retry-After': { description: 'Seconds until the window resets', schema: z.string() },
  },
};

const count = () => z.number().int().min(0);

/** The figures the plugin adds to every entry of a tracked type's GET responses. */
export const engagementField = z
  .object({
    views: count().describe('Views counted so far'),
    shares: count().describe('Shares counted so far, all networks'),
  })
  .describe('Live engagement figures (engagement plugin, decorateResponses)');

const params = {
  type: z.string().describe('A tracked type by its singular name, e.g. "article"'),
  documentId: z.string().describe('The documentId of a published document'),
};

/** `locale` on reading routes: optional, the i18n locale of the documents. */
const locale = z.string().optional().describe('The i18n locale (default: the default locale)');

const counted = z.object({
  data: z.object({
    counted: z
      .boolean()
      .describe('false when the request was answered but not counted (prefetch, limit, dedupe)'),
  }),
});

/** Request and response declarations of the five content-API routes, keyed by handler. */
export const contracts = {
  'engagement.shareRedirect': {
    request: {
      params: { network: z.string().describe('A configured network with a share page'), ...params },
      query: {
        locale: z
          .string()
          .optional()
          .describe(
            "The i18n locale of the page shared: the redirect shares that version's public URL (default: the default locale; 400 for a locale that is not configured)"
          ),
      },
    },
    openapi: {
      responses: {
        302: {
          description:
            "Redirect to the network's share page for the document's public URL (counted on a top-level navigation)",
          headers: { Location: { description: 'The share page', schema: z.string() } },
        },
        400: { description: 'Unknown network or locale', schema: errorBody },
        404: {
          description: 'No published document (in that locale), or no public URL for it',
          schema: errorBody,
        },
        429: tooManyRequests,
      },
    },
  },
  'engagement.popular': {
    request: {
      params: { type: params.type },
      query: {
        period: z.enum(['day', 'week', 'month', 'all']).optional().describe('Default: all'),
        by: z.enum(['views', 'shares']).optional().describe('Default: views'),
        limit: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('1 to popular.maxLimit (default popular.defaultLimit)'),
        locale,
      },
    },
    response: z.object({
      data: z.array(
        z
          .object({ documentId: z.string(), views: count(), shares: count() })
          .catchall(z.unknown())
          .describe("A ranked document with the type's list fields (title, slug…)")
      ),
      meta: z.object({
        period: z.enum(['day', 'week', 'month', 'all']),
        by: z.enum(['views', 'shares']),
        limit: z.number().int(),
      }),
    }),
    openapi: { responses: { 429: tooManyRequests } },
  },
  'engagement.view': {
    request: { params },
    openapi: {
      responses: { 202: { description: 'Accepted', schema: counted }, 429: tooManyRequests },
    },
  },
  'engagement.share': {
    request: {
      params,
      query: {
        network: z.string().optional().describe('The network, when the body does not name it'),
      },
      body: {
        'application/json': z.object({
          network: z.string().describe('A configured network, e.g. "x"'),
        }),
      },
    },
    openapi: {
      responses: { 202: { description: 'Accepted', schema: counted }, 429: tooManyRequests },
    },
  },
  'engagement.stats': {
    request: {
      params,
      query: {
        days: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('Daily figures for the last N days, 1 to stats.maxDays'),
        locale,
      },
    },
    response: z.object({
      data: z.object({
        views: count(),
        shares: z.object({ total: count(), byNetwork: z.record(z.string(), count()) }),
        daily: z.array(
          z.object({
            date: z.string().describe('YYYY-MM-DD (UTC)'),
            views: count(),
            shares: count(),
          })
        ),
      }),
    }),
    openapi: { responses: { 429: tooManyRequests } },
  },
} as const;

type Schema = z.ZodType;

interface RouteLike {
  method: string;
  handler?: unknown;
  response?: Schema;
}

/** The content-API routes of the app's APIs and of every plugin. */
function contentApiRoutes(strapi: Core.Strapi): RouteLike[] {
  type Router = { type?: string; routes: RouteLike[] };
  const routers: Router[] = Object.values(strapi.apis).flatMap((api) =>
    Object.values((api as { routes: Record<string, Router> }).routes)
  );
  for (const plugin of Object.values(strapi.plugins)) {
    const routes = (plugin as { routes: RouteLike[] | Record<string, Router> }).routes;
    if (Array.isArray(routes)) routers.push({ type: 'admin', routes });
    else routers.push(...Object.values(routes));
  }
  return routers
    .filter((router) => (router.type ?? 'content-api') === 'content-api')
    .flatMap((router) => router.routes);
}

/**
 * Documents `engagement` on the GET routes whose responses the plugin decorates (the tracked types' own
 * controllers: find, findOne, and custom ones like by-slug). Runs at bootstrap, when Strapi has built its
 * routes; changes only the routes' documentation, not what they do.
 */
export function documentEngagementField(strapi: Core.Strapi, trackedUids: readonly string[]): void {
  for (const route of contentApiRoutes(strapi)) {
    if (route.method !== 'GET' || typeof route.handler !== 'string' || !route.response) continue;
    const uid = route.handler.slice(0, route.handler.lastIndexOf('.'));
    if (trackedUids.includes(uid))
      route.response = withEntryFields(route.response, { engagement: engagementField });
  }
}
