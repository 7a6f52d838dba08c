import type { Core } from '@strapi/strapi';
import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { estimateOperation, operationShape, type ListField } from './graphql-cost';
import { contentTypeOfGraphqlType } from '../graphql/types';
import {
  readBudgetFor,
  ReadTimeoutError,
  type BudgetContext,
  type ReadBudget,
  type Requester,
} from './index';

/** The GraphQL request as the pre-check reads it from the query string or the parsed body. */
interface RawRequest {
  query?: unknown;
  operationName?: unknown;
}

const badRequest = (message: string, code: string, status = 400) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

/**
 * Checks a GraphQL request's text before Apollo parses and validates it (validation rules such as the
 * depth limit expand fragments without memory, so a fragment that doubles at every level would keep
 * the process busy for minutes): one operation per request, at most `maxTokens` tokens, and with
 * fragments expanded at most `maxFields` fields and `maxAliases` aliases. Returns the error to answer,
 * or null. Persisted-query requests without text pass: their text was checked when it was registered.
 */
export function precheckGraphql(
  body: unknown,
  limits: ReadBudget['config']['graphql']
): GraphQLError | null {
  if (Array.isArray(body))
    return badRequest(
      'Batched GraphQL requests are not accepted: send one operation per request.',
      'BATCH_NOT_ALLOWED'
    );
  const { query, operationName } = (body ?? {}) as RawRequest;
  if (typeof query !== 'string' || query === '') return null;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    return badRequest(
      `${(error as Error).message.replace(/^Syntax Error: /, 'Syntax error: ')} (GRAPHQL_MAX_TOKENS is ${limits.maxTokens}).`,
      'GRAPHQL_PARSE_FAILED'
    );
  }
  const shape = operationShape(document, typeof operationName === 'string' ? operationName : null);
  if (shape.fields > limits.maxFields) {
    return badRequest(
      `This query selects ${shape.fields} fields once its fragments are expanded; at most ${limits.maxFields} are allowed (GRAPHQL_MAX_FIELDS).`,
      'QUERY_TOO_LARGE'
    );
  }
  if (shape.aliases > limits.maxAliases) {
    return badRequest(
      `This query uses ${shape.aliases} aliases; at most ${limits.maxAliases} are allowed (GRAPHQL_MAX_ALIASES).`,
      'QUERY_TOO_LARGE'
    );
  }
  return null;
}

/** Apollo Server plugin hooks used here. */
interface ApolloPlugin {
  requestDidStart(): Promise<{
    didResolveOperation(request: {
      document: DocumentNode;
      operationName?: string | null;
      request: { variables?: Record<string, unknown> };
      schema: GraphQLSchema;
      contextValue: { koaContext: BudgetContext };
    }): Promise<void>;
    executionDidStart(): Promise<{
      willResolveField(field: { contextValue: { koaContext: BudgetContext } }): void;
    }>;
  }>;
}

/**
 * An Apollo Server plugin that gives GraphQL the REST budget: before execution, the operation's cost
 * (every list field multiplies by its real largest list or collection size, within its pagination) is
 * charged like a REST read (400 over the budget, 429 when a public client's points run out);
 * introspection without credentials is refused when configured off; during execution every field
 * checks the request's deadline.
 */
export function readBudgetPlugin(strapi: Core.Strapi): ApolloPlugin {
  const uidOfType = (typeName: string): string | undefined =>
    contentTypeOfGraphqlType(strapi, typeName);

  const sizeOf =
    (budget: ReadBudget, requester: Requester) =>
    async (field: ListField): Promise<number> => {
      if (field.fieldName === 'nodes' && field.parentType.endsWith('ResponseCollection')) return 1;
      const defaultLimit = Number(strapi.config.get('plugin::graphql.defaultLimit', 25));
      const maxLimit = Number(strapi.config.get('plugin::graphql.maxLimit', 100));
      const pagination = (field.args.pagination ?? {}) as { limit?: number; pageSize?: number };
      const requested = Number(pagination.pageSize ?? pagination.limit ?? defaultLimit);
      const limit =
        maxLimit > 0 && (!(requested > 0) || requested > maxLimit)
          ? maxLimit
          : requested > 0
            ? requested
            : defaultLimit;
      const targetUid = uidOfType(field.typeName);
      if (field.parentType === 'Query')
        return targetUid ? Math.min(limit, await budget.stats.rows(targetUid)) : limit;
      const parentUid = uidOfType(field.parentType);
      const attribute = field.fieldName.replace(/_connection$/, '');
      const definition = parentUid
        ? (strapi.getModel(parentUid as never) as { attributes: Record<string, { type: string }> })
            .attributes[attribute]
        : undefined;
      if (
        !parentUid ||
        !targetUid ||
        !definition ||
        (definition.type !== 'relation' && definition.type !== 'media')
      )
        return limit;
      const largest = await budget.stats.largestList(parentUid, attribute, targetUid);
      return Math.min(
        limit,
        requester === 'public' ? Math.min(largest, budget.config.relationListLimit) : largest
      );
    };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, schema, contextValue }) {
          const ctx = contextValue.koaContext;
          const budget = readBudgetFor(strapi);
          const requester = budget.requesterOf(ctx);
          if (
            requester === 'public' &&
            !budget.config.graphql.publicIntrospection &&
            operationShape(document, operationName).introspection
          ) {
            throw badRequest(
              'Introspection needs an API token here (GRAPHQL_PUBLIC_INTROSPECTION is off).',
              'INTROSPECTION_DISABLED',
              403
            );
          }
          const estimate = await estimateOperation({
            schema,
            document,
            operationName,
            variables: request.variables,
            sizeOf: sizeOf(budget, requester),
          });
          try {
            await budget.charge(ctx, estimate, 'field');
          } catch (error) {
            const status = (error as { name?: string }).name === 'RateLimitError' ? 429 : 400;
            throw badRequest(
              (error as Error).message,
              status === 429 ? 'RATE_LIMITED' : 'QUERY_TOO_COSTLY',
              status
            );
          }
        },
        async executionDidStart() {
          return {
            willResolveField({ contextValue }) {
              try {
                readBudgetFor(strapi).checkDeadline(contextValue.koaContext);
              } catch (error) {
                if (error instanceof ReadTimeoutError)
                  throw badRequest(error.message, 'READ_TIMEOUT', 503);
                throw error;
              }
            },
          };
        },
      };
    },
  };
}
