import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canReadDrafts, READ_DRAFTS_ACTION } from '../drafts/read-drafts';
import { draftQueryParam } from '../drafts/query-rules';
import type { GraphqlContext } from './types';

/** The `ctx.state` key where the GraphQL operation type of a request is kept for the draft guard. */
export const GRAPHQL_OPERATION = 'graphqlOperation';

interface DraftRulesContext extends GraphqlContext {
  draftRules?: { operation: string; readsDrafts: boolean };
}

/** The Apollo Server plugin hooks used here (Apollo's own types are a dependency of the GraphQL plugin). */
interface ApolloPlugin {
  requestDidStart(): Promise<{
    didResolveOperation(request: {
      operation?: { operation: string } | null;
      contextValue: DraftRulesContext;
    }): Promise<void>;
    executionDidStart(): Promise<{
      willResolveField(field: {
        args: Record<string, unknown>;
        contextValue: DraftRulesContext;
      }): void;
    }>;
  }>;
}

/**
 * An Apollo Server plugin that applies the draft rule of the REST API to GraphQL queries:
 * - it records the operation type on `ctx.state` so the draft guard (src/drafts/guard.ts) treats a
 *   GraphQL `query` as a read (it is a POST) and forces every Document Service read to published rows;
 * - a field of a query asking for drafts (`status: DRAFT`, `publicationFilter`, `hasPublishedVersion`)
 *   by a requester without the read-drafts permission fails with FORBIDDEN and a clear message, instead
 *   of silently answering published content (relation fields inherit the root field's status).
 * Mutations keep Strapi's permission model and the document rules (Document Service middlewares).
 */
export function draftRulesPlugin(strapi: Core.Strapi): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const type = operation?.operation ?? 'query';
          contextValue.koaContext.state[GRAPHQL_OPERATION] = type;
          const readsDrafts =
            type === 'query' ? await canReadDrafts(strapi, contextValue.state.auth) : true;
          contextValue.draftRules = { operation: type, readsDrafts };
        },
        async executionDidStart() {
          return {
            willResolveField({ args, contextValue }) {
              if (!contextValue.draftRules || contextValue.draftRules.readsDrafts) return;
              const param = draftQueryParam(args);
              if (!param) return;
              throw new errors.PolicyError(
                `Reading drafts ("${param}" argument) needs an API token with full access or the "${READ_DRAFTS_ACTION}" permission, or a users-permissions role granted it; published content needs no argument.`,
                { param }
              );
            },
          };
        },
      };
    },
  };
}
