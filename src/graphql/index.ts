import type { Core } from '@strapi/strapi';
import { bySlugExtension } from './by-slug';
import { draftRulesPlugin } from './draft-rules';
import { graphqlPlugin } from './types';
import { readBudgetPlugin } from '../read-budget/graphql-plugin';

/**
 * The app's part of the GraphQL API, added only when `@strapi/plugin-graphql` is installed and enabled:
 * the draft rule for GraphQL queries (an Apollo Server plugin, added to the `apolloServer.plugins` the
 * GraphQL plugin reads at bootstrap) and the by-slug queries. Called from the app's register.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = graphqlPlugin(strapi);
  if (!graphql) return;
  const apolloServer = (strapi.config.get('plugin::graphql.apolloServer') ?? {}) as { plugins?: unknown[] };
  strapi.config.set('plugin::graphql.apolloServer', {
    ...apolloServer,
    plugins: [...(apolloServer.plugins ?? []), draftRulesPlugin(strapi), readBudgetPlugin(strapi)],
  });
  graphql.service('extension').use(bySlugExtension(strapi));
}
