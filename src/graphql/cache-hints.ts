import type { Core } from '@strapi/strapi';
import {
  getNamedType,
  getNullableType,
  isListType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { engagementSpot, type EngagementSpot } from 'strapi-plugin-engagement/strapi-server';
import { contentTypeOfGraphqlType } from './types';

/**
 * The `ctx.state` key where a GraphQL GET that may be cached leaves what the response cache needs:
 * set only for a query answered without errors to a request without credentials.
 */
export const GRAPHQL_CACHE = 'graphqlCache';

/** What the response cache reads from `ctx.state[GRAPHQL_CACHE]`. */
export interface GraphqlCacheHints {
  /** Where the response shows `engagement` values, to be made live on every cached answer. */
  spots: EngagementSpot[];
  /** Every document the response shows (whether or not it selected `documentId`). */
  documentIds: string[];
  /** Content types the response lists (a root list or collection): any publish of that type may change it. */
  lists: string[];
}

/** The Apollo Server plugin hooks used here. */
interface ApolloPlugin {
  requestDidStart(request: {
    request: { http?: { method: string } };
    contextValue: { koaContext: { get(name: string): string; state: Record<string, unknown> } };
  }): Promise<{
    executionDidStart?(): Promise<{
      willResolveField(field: {
        source: unknown;
        info: {
          fieldName: string;
          parentType: GraphQLObjectType;
          returnType: GraphQLOutputType;
          path: GraphQLResolveInfo['path'];
          fieldNodes: readonly FieldNode[];
          fragments: Record<string, FragmentDefinitionNode>;
        };
      }): void;
    }>;
    willSendResponse?(request: {
      operation?: { operation: string } | null;
      response: { body: { kind: string; singleResult?: { errors?: readonly unknown[] } } };
    }): Promise<void>;
  }>;
}

/**
 * An Apollo Server plugin that lets the response cache keep GraphQL GETs (persisted queries): for a GET
 * without credentials it records where the response shows `engagement` values (a cached answer gets
 * them live, as REST answers do) and, when the query succeeded without errors, marks the request
 * cacheable on `ctx.state`. POST requests are never cached.
 */
export function cacheHintsPlugin(strapi: Core.Strapi): ApolloPlugin {
  const uidOf = (typeName: string) => contentTypeOfGraphqlType(strapi, typeName);
  return {
    async requestDidStart({ request, contextValue }) {
      const ctx = contextValue.koaContext;
      if (request.http?.method !== 'GET' || ctx.get('Authorization')) return {};
      const spots: EngagementSpot[] = [];
      const documentIds = new Set<string>();
      const lists = new Set<string>();
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, info }) {
              const documentId = (source as { documentId?: unknown } | null)?.documentId;
              if (typeof documentId === 'string') documentIds.add(documentId);
              if (info.parentType.name === 'Query') {
                const listed =
                  isListType(getNullableType(info.returnType)) ||
                  getNamedType(info.returnType).name.endsWith('ResponseCollection');
                const uid = listed
                  ? contentTypeOfGraphqlType(strapi, getNamedType(info.returnType).name)
                  : undefined;
                if (uid) lists.add(uid);
              }
              const spot = engagementSpot(info, documentId, uidOf);
              if (spot) spots.push(spot);
            },
          };
        },
        async willSendResponse({ operation, response }) {
          if (
            operation?.operation !== 'query' ||
            response.body.kind !== 'single' ||
            response.body.singleResult?.errors?.length
          )
            return;
          ctx.state[GRAPHQL_CACHE] = {
            spots,
            documentIds: [...documentIds],
            lists: [...lists],
          } satisfies GraphqlCacheHints;
        },
      };
    },
  };
}
