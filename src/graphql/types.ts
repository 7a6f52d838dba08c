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
