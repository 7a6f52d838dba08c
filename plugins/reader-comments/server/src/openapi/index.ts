import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';

/**
 * The plugin's routes in Strapi's OpenAPI document (`strapi openapi generate`): request and response
 * schemas per handler, and the `comments` field on the commented types' own GET responses.
 */

type Schema = z.ZodType;

const errorBody = z.object({
  data: z.null(),
  error: z.object({
    status: z.number().int(),
    name: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
/** A refusal's documentation: its description and Strapi's error body. */
export const refusal = (description: string) => ({ description, schema: errorBody });

const publicComment = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  rootId: z.number().int().nullable(),
  depth: z.number().int().min(0),
  replyTo: z
    .string()
    .nullable()
    .describe('Whom a reply answers when it sits beside their comment (the deepest level)'),
  author: z.object({ name: z.string(), signedIn: z.boolean() }),
  text: z.string().describe('Plain text as written (normalized)'),
  html: z
    .string()
    .describe('The text as inert HTML: escaped, <br> line breaks, rel="ugc nofollow" links'),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  replyCount: z.number().int().min(0),
  removed: z.boolean().describe('An empty placeholder of a deleted comment others replied to'),
});

const threadEntry = publicComment.extend({
  replies: z.array(publicComment),
  moreReplies: z
    .string()
    .nullable()
    .describe('Cursor for GET /threads/{rootId}/replies; null when all are shown'),
});

const type = z.string().describe("A commented type's singular name, e.g. article");
const documentId = z.string().describe('The documentId of a published document');
const locale = z.string().optional().describe('The i18n locale (default: the default locale)');
const commentId = z.string().describe('A comment id');

/** The `comments` field the plugin adds to each entry of a commented type's own responses. */
export const commentsField = z
  .object({ count: z.number().int().min(0).describe('Approved comments in this locale') })
  .describe('Added by strapi-plugin-reader-comments');

/** Request and response declarations of the content-API routes, keyed by handler. */
export const contracts = {
  'comments.thread': {
    request: {
      params: { type, documentId },
      query: {
        locale,
        order: z.enum(['newest', 'oldest', 'top']).optional().describe('Default: newest'),
        cursor: z.string().optional().describe("The previous page's meta.nextCursor"),
        pageSize: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('1 to pageSize.max (default pageSize.default)'),
      },
    },
    response: z.object({
      data: z.array(threadEntry),
      meta: z.object({
        count: z.number().int().min(0),
        order: z.enum(['newest', 'oldest', 'top']),
        nextCursor: z.string().nullable(),
        closed: z.boolean().describe('New comments are refused: hide the form'),
      }),
    }),
  },
  'comments.replies': {
    request: {
      params: { rootId: commentId },
      query: { cursor: z.string().optional(), pageSize: z.number().int().min(1).optional() },
    },
    response: z.object({
      data: z.array(publicComment),
      meta: z.object({ nextCursor: z.string().nullable() }),
    }),
  },
  'comments.counts': {
    request: {
      params: { type },
      query: { documentIds: z.string().describe('Up to 100 documentIds, comma-separated'), locale },
    },
    response: z.object({ data: z.record(z.string(), z.number().int().min(0)) }),
  },
  'comments.challenge': {
    request: {
      params: { type, documentId },
      query: {
        locale,
        fields: z
          .string()
          .optional()
          .describe(
            'SHA-256 (hex) of JSON.stringify([name, email, text]) to bind the solution to the form'
          ),
      },
    },
    response: z
      .object({ parameters: z.record(z.string(), z.unknown()), signature: z.string().optional() })
      .describe('An ALTCHA challenge for the widget'),
  },
  'comments.post': {
    request: {
      params: { type, documentId },
      query: { locale },
      body: {
        'application/json': z.object({
          text: z.string(),
          parentId: z.number().int().optional().describe('The comment answered'),
          author: z
            .object({ name: z.string(), email: z.string().describe('Never shown') })
            .optional()
            .describe('A guest (omit when signed in)'),
          altcha: z.string().describe("The ALTCHA widget's payload"),
          notifyReplies: z
            .boolean()
            .optional()
            .describe(
              'Email me replies: a signed-in user with a confirmed email or a verified guest (X-Reader-Token) is subscribed at once, another guest gets a confirmation link first'
            ),
        }),
      },
    },
    response: z.object({
      data: publicComment,
      meta: z.object({
        status: z.enum(['approved', 'pending']),
        heldBy: z.string().nullable(),
        editToken: z
          .string()
          .nullable()
          .describe("A guest's secret for X-Comment-Token, shown once"),
        editableUntil: z.string(),
        notifications: z
          .enum(['subscribed', 'confirmation-sent', 'confirmation-limited', 'unavailable'])
          .nullable()
          .optional()
          .describe('Reply notifications, when notifyReplies was asked for'),
      }),
    }),
    openapi: {
      responses: {
        403: refusal('Comments are closed, or the author is blocked'),
        409: refusal('The same comment was already posted'),
        429: refusal('Too many comments: see Retry-After'),
      },
    },
  },
  'comments.edit': {
    request: {
      params: { id: commentId },
      body: { 'application/json': z.object({ text: z.string() }) },
    },
    response: z.object({ data: publicComment, meta: z.object({ status: z.string() }) }),
    openapi: {
      responses: {
        403: refusal(
          'Not the author (X-Comment-Token or the signed-in user), or the edit window is over'
        ),
      },
    },
  },
  'comments.remove': {
    request: { params: { id: commentId } },
    response: z.object({ data: z.object({ id: z.number().int(), status: z.literal('removed') }) }),
    openapi: { responses: { 403: refusal('Not the author, or the edit window is over') } },
  },
  'comments.report': {
    request: {
      params: { id: commentId },
      body: { 'application/json': z.object({ reason: z.string().optional() }) },
    },
    response: z.object({ data: z.object({ reported: z.literal(true), hidden: z.boolean() }) }),
    openapi: {
      responses: {
        409: refusal('This reader already reported the comment'),
        429: refusal('Too many reports: see Retry-After'),
      },
    },
  },
} as const;

interface RouteLike {
  method: string;
  handler?: unknown;
  response?: Schema;
}

/** `{ data: Entry | Entry[] }` with `comments` added to each entry; any other shape as it is. */
function withCommentsField(response: Schema): Schema {
  const def = (schema: Schema) =>
    (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;
  const unwrap = (schema: Schema): Schema =>
    def(schema) === 'lazy' ? unwrap((schema as z.ZodLazy).unwrap() as Schema) : schema;
  const outer = unwrap(response);
  if (def(outer) !== 'object') return response;
  const data = (outer as z.ZodObject).shape.data as Schema | undefined;
  if (!data) return response;
  const inner = unwrap(data);
  if (def(inner) === 'object')
    return (outer as z.ZodObject).extend({
      data: (inner as z.ZodObject).extend({ comments: commentsField }),
    });
  if (def(inner) === 'array') {
    const element = unwrap((inner as z.ZodArray<Schema>).element);
    if (def(element) === 'object')
      return (outer as z.ZodObject).extend({
        data: z.array((element as z.ZodObject).extend({ comments: commentsField })),
      });
  }
  return response;
}

/**
 * Documents `comments` on the GET routes whose responses the plugin decorates (the commented types' own
 * controllers). Runs at bootstrap, when Strapi has built its routes; changes only their documentation.
 */
export function documentCommentsField(strapi: Core.Strapi, uids: readonly string[]): void {
  type Router = { type?: string; routes: RouteLike[] };
  const routers: Router[] = Object.values(strapi.apis).flatMap((api) =>
    Object.values((api as { routes: Record<string, Router> }).routes)
  );
  for (const route of routers
    .filter((router) => (router.type ?? 'content-api') === 'content-api')
    .flatMap((router) => router.routes)) {
    if (route.method !== 'GET' || typeof route.handler !== 'string' || !route.response) continue;
    const uid = route.handler.slice(0, route.handler.lastIndexOf('.'));
    if (uids.includes(uid)) route.response = withCommentsField(route.response);
  }
}
