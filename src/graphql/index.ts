import type { Core } from '@strapi/strapi';
import { bySlugExtension } from './by-slug';
import { draftRulesPlugin } from './draft-rules';
import { graphqlPlugin } from './types';
import { readBudgetPlugin } from '../read-budget/graphql-plugin';
import { cacheHintsPlugin } from './cache-hints';

/**
 * The app's part of the GraphQL API, added only when `@strapi/plugin-graphql` is installed and enabled:
 * Apollo Server plugins (added to the `apolloServer.plugins` the GraphQL plugin reads at bootstrap) for
 * the draft rule, the read budget (src/read-budget) and the response cache's GET hints, and the by-slug
 * queries. Called from the app's register.
 */
export function registerGraphql(strapi: Core.Strapi): void {
  const graphql = graphqlPlugin(strapi);
  if (!graphql) return;
  const apolloServer = (strapi.config.get('plugin::graphql.apolloServer') ?? {}) as {
    plugins?: unknown[];
  };
  strapi.config.set('plugin::graphql.apolloServer', {
    ...apolloServer,
    plugins: [
      ...(apolloServer.plugins ?? []),
      draftRulesPlugin(strapi),
      readBudgetPlugin(strapi),
      cacheHintsPlugin(strapi),
    ],
  });
  graphql.service('extension').use(bySlugExtension(strapi));
}
