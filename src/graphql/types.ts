import type { Core } from '@strapi/strapi';
import type { RequestAuth } from '../drafts/read-drafts';

/** The GraphQL context the Strapi GraphQL plugin builds per request (the parts read here). */
export interface GraphqlContext {
  state: { auth?: RequestAuth; [key: string]: unknown };
  koaContext: { state: Record<string, unknown> };
  /** Set by the GraphQL plugin: root query arguments per root field, read by its relation resolvers. */
  rootQueryArgsByPath?: Map<string | number, Record<string, unknown>>;
}

/** The part of graphql-js' resolve info read here. */
export interface GraphqlInfo {
  path: { key: string | number; prev?: unknown };
}

/** The GraphQL plugin's services used by the app's extension. */
export interface GraphqlPlugin {
  service(name: 'extension'): { use(configuration: unknown): unknown };
  service(name: 'utils'): { naming: { getTypeName(contentType: unknown): string; getFindQueryName(contentType: unknown): string } };
}

/** The GraphQL plugin when it is installed and enabled, else undefined. */
export const graphqlPlugin = (strapi: Core.Strapi): GraphqlPlugin | undefined =>
  strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;
