import type { Core } from '@strapi/strapi';
import { graphqlPlugin, type GraphqlContext, type GraphqlInfo } from './types';

/**
 * Makes the relations under a custom root query (articleBySlug, tagBySlug) published-only.
 *
 * Why: the GraphQL plugin's relation resolvers read relations with `strapi.db.query().load()` (no
 * Document Service, no database lifecycle), and filter them by publication state only when the root
 * field is one of its own queries, whose `status` argument they inherit. Under a custom root field they
 * would return every row, drafts included. Recording this root field as a published read of the type's
 * own list query gives its relations the same `publishedAt IS NOT NULL` filter as `articles { tags }`.
 */
export function readRelationsPublished(strapi: Core.Strapi, uid: string, context: GraphqlContext, info: GraphqlInfo): void {
  const plugin = graphqlPlugin(strapi);
  if (!plugin) return;
  const originField = plugin.service('utils').naming.getFindQueryName(strapi.contentType(uid as never));
  context.rootQueryArgsByPath ??= new Map();
  context.rootQueryArgsByPath.set(info.path.key, { status: 'published', _originField: originField });
}
