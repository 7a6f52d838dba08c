import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { errors } from '@strapi/utils';
import { choiceParam, intParam, localeParam, periodParam } from '../controllers/params';
import type { TrackedType } from '../services/published-cache';
import { getConfig, getService } from '../utils';
import type { EngagementValue } from '../../../shared/contracts';

/** The GraphQL plugin's services used here. */
interface GraphqlPlugin {
  service(name: 'extension'): { use(configuration: unknown): unknown };
  service(name: 'utils'): { naming: { getTypeName(contentType: unknown): string } };
}

/** The parts of the GraphQL plugin's per-request context read here. */
interface GraphqlContext {
  state: { auth?: unknown };
}

interface PopularArgs {
  type: string;
  period?: string | null;
  by?: string | null;
  limit?: number | null;
  locale?: string | null;
}

/** One DataLoader per request and tracked type: every `engagement` field of a response costs one query. */
const loaders = new WeakMap<object, Map<string, DataLoader<string, EngagementValue>>>();

function engagementLoader(
  strapi: Core.Strapi,
  context: object,
  uid: string
): DataLoader<string, EngagementValue> {
  let byUid = loaders.get(context);
  if (!byUid) loaders.set(context, (byUid = new Map()));
  let loader = byUid.get(uid);
  if (!loader) {
    loader = new DataLoader(async (documentIds: readonly string[]) => {
      const values = await getService(strapi, 'stats').values(uid, documentIds);
      return documentIds.map((documentId) => values.get(documentId) as EngagementValue);
    });
    byUid.set(uid, loader);
  }
  return loader;
}

const typeDefs = (typeNames: string[]) => /* GraphQL */ `
  type EngagementShares {
    total: Int!
    "Shares per enabled network."
    byNetwork: JSON!
  }
  type Engagement {
    views: Int!
    shares: EngagementShares!
  }
  type EngagementPopularEntry {
    documentId: ID!
    views: Int!
    shares: Int!
    "The document's list fields (title, slug, ... as far as the type has them)."
    fields: JSON!
  }
  enum EngagementPeriod {
    day
    week
    month
    all
  }
  enum EngagementMetric {
    views
    shares
  }
  ${typeNames.map((name) => `type ${name} { engagement: Engagement! }`).join('\n')}
  type Query {
    "The published documents of a tracked type (its singular name) with most views or shares in the period."
    popular(
      type: String!
      period: EngagementPeriod
      by: EngagementMetric
      limit: Int
      "For a localized type: documents published in this locale (the default locale when absent), with that version's fields; counts are per document across locales."
      locale: String
    ): [EngagementPopularEntry!]!
  }
`;

/**
 * Adds the engagement plugin's part of the GraphQL API when `@strapi/plugin-graphql` is installed and
 * enabled (without it, nothing happens): an `engagement { views shares { total byNetwork } }` field on
 * every tracked type, loaded for a whole response with one database query per type (DataLoader), and
 * `popular(type, period, by, limit)`, with the same parameter rules and permission (the type's `find`)
 * as `GET /api/engagement/:type/popular`. Called from the plugin's register.
 */
export function registerGraphql(strapi: Core.Strapi, types: TrackedType[]): void {
  const graphql = strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;
  if (!graphql || types.length === 0) return;

  graphql.service('extension').use(() => {
    const { naming } = graphql.service('utils');
    const typeNames = types.map((type) => ({
      type,
      name: naming.getTypeName(strapi.contentType(type.uid as never)),
    }));
    const resolvers: Record<string, Record<string, unknown>> = {
      Query: {
        async popular(_parent: unknown, args: PopularArgs, context: GraphqlContext) {
          const type = getService(strapi, 'published-cache').byName(args.type);
          if (!type)
            throw new errors.ValidationError(
              `Unknown tracked type "${args.type}"; one of ${types.map((t) => t.singularName).join(', ')}`
            );
          try {
            await strapi.get('auth').verify(context.state.auth, { scope: [`${type.uid}.find`] });
          } catch {
            throw new errors.ForbiddenError(
              `Reading popular ${type.singularName} entries needs the "${type.uid}.find" permission`
            );
          }
          const { popular } = getConfig(strapi);
          const period = periodParam(args.period ?? undefined);
          const by = choiceParam('by', args.by ?? undefined, ['views', 'shares'] as const, 'views');
          const limit = intParam(
            'limit',
            args.limit == null ? undefined : String(args.limit),
            popular.defaultLimit,
            1,
            popular.maxLimit
          );
          const locale = await localeParam(strapi, type.uid, args.locale ?? undefined);
          const entries = await getService(strapi, 'stats').popular(
            type.uid,
            period,
            by,
            limit,
            locale
          );
          return entries.map(({ documentId, views, shares, ...fields }) => ({
            documentId,
            views,
            shares,
            fields,
          }));
        },
      },
    };
    for (const { type, name } of typeNames) {
      resolvers[name] = {
        engagement: (parent: { documentId: string }, _args: unknown, context: object) =>
          engagementLoader(strapi, context, type.uid).load(parent.documentId),
      };
    }
    return {
      typeDefs: typeDefs(typeNames.map(({ name }) => name)),
      resolvers,
      resolversConfig: { 'Query.popular': { auth: false } },
    };
  });
}
