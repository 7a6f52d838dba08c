import type { Core } from '@strapi/strapi';
import type { RequestAuth } from '../drafts/read-drafts';

/** The GraphQL context the Strapi GraphQL plugin builds per request (the parts read here). */
export interface GraphqlContext {
  state: { auth?: RequestAuth; [key: string]: unknown };
  koaContext: { state: Record<string, unknown> };
}

/** The GraphQL plugin's services used by the app's extension. */
export interface GraphqlPlugin {
  service(name: 'extension'): { use(configuration: unknown): unknown };
}

/** The GraphQL plugin when it is installed and enabled, else undefined. */
export const graphqlPlugin = (strapi: Core.Strapi): GraphqlPlugin | undefined =>
  strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;

/** The GraphQL plugin's naming helpers. */
interface GraphqlNaming {
  getTypeName(contentType: unknown): string;
}

const typeMaps = new WeakMap<Core.Strapi, Map<string, string>>();

/**
 * The content type (uid) behind a GraphQL type name of the content API (`Article` → `api::article.article`),
 * also for its collection types (`ArticleEntityResponseCollection`, `ArticleRelationResponseCollection`);
 * undefined for other types. Built once per app, after the schema exists.
 */
export function contentTypeOfGraphqlType(
  strapi: Core.Strapi,
  typeName: string
): string | undefined {
  let map = typeMaps.get(strapi);
  if (!map) {
    const naming = (strapi.plugin('graphql').service('utils') as { naming: GraphqlNaming }).naming;
    map = new Map(
      Object.values(strapi.contentTypes).map((contentType) => [
        naming.getTypeName(contentType),
        contentType.uid as string,
      ])
    );
    typeMaps.set(strapi, map);
  }
  return map.get(typeName.replace(/(Entity|Relation)ResponseCollection$/, ''));
}
