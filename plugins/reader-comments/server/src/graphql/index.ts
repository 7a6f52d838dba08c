import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import DataLoader from 'dataloader';
import { countKey } from '../lib/comments-field';
import { ORDERS, type Order } from '../lib/cursor';
import { forbidden } from '../lib/errors';
import { getConfig, getService } from '../utils';

/** The GraphQL plugin's services used here. */
interface GraphqlPlugin {
  service(name: 'extension'): { use(configuration: unknown): unknown };
  service(name: 'utils'): { naming: { getTypeName(contentType: unknown): string } };
}

interface GraphqlContext {
  state: { auth?: unknown };
}

interface ThreadArgs {
  type: string;
  documentId: string;
  locale?: string | null;
  order?: string | null;
  cursor?: string | null;
  pageSize?: number | null;
}

/** One DataLoader per request and type: every `comments` field of a response costs one query. */
const loaders = new WeakMap<object, Map<string, DataLoader<string, number>>>();

function countLoader(
  strapi: Core.Strapi,
  context: object,
  uid: string
): DataLoader<string, number> {
  let byUid = loaders.get(context);
  if (!byUid) loaders.set(context, (byUid = new Map()));
  let loader = byUid.get(uid);
  if (!loader) {
    loader = new DataLoader(async (keys: readonly string[]) => {
      const entries = keys.map((key) => {
        const [documentId, locale] = key.split('\n');
        return { documentId, locale };
      });
      const counts = await getService(strapi, 'counts').ofEntries(uid, entries);
      return keys.map((key) => counts.get(key) ?? 0);
    });
    byUid.set(uid, loader);
  }
  return loader;
}

const typeDefs = (typeNames: string[]) => /* GraphQL */ `
  type ReaderCommentsSummary {
    "Approved comments in this locale."
    count: Int!
  }
  type ReaderCommentAuthor {
    name: String!
    signedIn: Boolean!
  }
  type ReaderComment {
    id: ID!
    parentId: ID
    rootId: ID
    depth: Int!
    replyTo: String
    author: ReaderCommentAuthor!
    text: String!
    "The text as inert HTML: escaped, <br> line breaks, rel=\\"ugc nofollow\\" links."
    html: String!
    createdAt: String!
    editedAt: String
    replyCount: Int!
    removed: Boolean!
  }
  type ReaderThreadEntry {
    id: ID!
    parentId: ID
    rootId: ID
    depth: Int!
    replyTo: String
    author: ReaderCommentAuthor!
    text: String!
    html: String!
    createdAt: String!
    editedAt: String
    replyCount: Int!
    removed: Boolean!
    replies: [ReaderComment!]!
    "Cursor of the thread's next replies (REST: GET /api/reader-comments/threads/:rootId/replies)."
    moreReplies: String
  }
  enum ReaderCommentOrder {
    newest
    oldest
    top
  }
  type ReaderThreadPage {
    data: [ReaderThreadEntry!]!
    count: Int!
    nextCursor: String
    closed: Boolean!
  }
  ${typeNames.map((name) => `type ${name} { comments: ReaderCommentsSummary! }`).join('\n')}
  type Query {
    "A page of a published document's comments, as GET /api/reader-comments/:type/:documentId answers it."
    readerComments(
      type: String!
      documentId: ID!
      locale: String
      order: ReaderCommentOrder
      cursor: String
      pageSize: Int
    ): ReaderThreadPage!
  }
`;

/**
 * The plugin's part of the GraphQL API when `@strapi/plugin-graphql` is installed (else nothing):
 * `comments { count }` on every commented type, loaded for a whole response with one query per type
 * (DataLoader), and `readerComments(...)`, a thread page with the same rules and permission as its REST
 * route. Called from the plugin's register.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;
  const uids = getConfig(strapi).contentTypes;
  if (!graphql || uids.length === 0) return;

  graphql.service('extension').use(() => {
    const { naming } = graphql.service('utils');
    const typeNames = uids.map((uid) => ({
      uid,
      name: naming.getTypeName(strapi.contentType(uid as never)),
    }));
    const resolvers: Record<string, Record<string, unknown>> = {
      Query: {
        async readerComments(_parent: unknown, args: ThreadArgs, context: GraphqlContext) {
          try {
            await strapi
              .get('auth')
              .verify(context.state.auth, { scope: ['plugin::reader-comments.comments.thread'] });
          } catch {
            throw forbidden(
              'Reading comments needs the "plugin::reader-comments.comments.thread" permission'
            );
          }
          const subjects = getService(strapi, 'subjects');
          const subject = await subjects.find(
            subjects.typeOf(args.type),
            args.documentId,
            args.locale ?? undefined
          );
          const order = (args.order ?? 'newest') as Order;
          if (!ORDERS.includes(order))
            throw new errors.ValidationError(`"order" must be one of ${ORDERS.join(', ')}`);
          const { pageSize } = getConfig(strapi);
          const size = args.pageSize ?? pageSize.default;
          if (!Number.isSafeInteger(size) || size < 1 || size > pageSize.max)
            throw new errors.ValidationError(
              `"pageSize" must be an integer from 1 to ${pageSize.max}`
            );
          const page = await getService(strapi, 'threads').page(subject, {
            order,
            cursor: args.cursor ?? undefined,
            pageSize: size,
          });
          return {
            data: page.data,
            count: page.meta.count,
            nextCursor: page.meta.nextCursor,
            closed: page.meta.closed,
          };
        },
      },
    };
    for (const { uid, name } of typeNames) {
      resolvers[name] = {
        comments: async (
          parent: { documentId: string; locale?: string | null },
          _args: unknown,
          context: object
        ) => ({
          count: await countLoader(strapi, context, uid).load(
            countKey(parent.documentId, typeof parent.locale === 'string' ? parent.locale : '')
          ),
        }),
      };
    }
    return {
      typeDefs: typeDefs(typeNames.map(({ name }) => name)),
      resolvers,
      resolversConfig: { 'Query.readerComments': { auth: false } },
    };
  });
}
