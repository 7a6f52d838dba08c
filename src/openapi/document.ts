import type { Core } from '@strapi/strapi';
import { generate } from '@strapi/openapi';
import type { ExtraResponse } from 'strapi-plugin-engagement/shared';
import * as z from 'zod/v4';

/** The OpenAPI document as `npm run openapi` writes it. */
export type OpenApiDocument = ReturnType<typeof generate>['document'];

interface DocumentedRoute {
  method: string;
  path: string;
  config?: { prefix?: string };
  openapi?: { responses?: Record<string | number, ExtraResponse> };
}

interface Router {
  type?: string;
  prefix?: string;
  routes: DocumentedRoute[];
}

/** Strapi's `/articles/:id` as OpenAPI writes it, `/articles/{id}`. */
export const toOpenApiPath = (path: string): string => path.replace(/:([^/]+)/g, '{$1}');

/**
 * Every content-API route with its path as Strapi's generator writes it: an API's routes as declared
 * (the document's server is the REST prefix), a plugin's under its router's prefix (by default
 * `/<plugin name>`) unless the route sets its own.
 */
export function contentApiRoutes(
  strapi: Core.Strapi
): Array<{ path: string; route: DocumentedRoute }> {
  const found: Array<{ path: string; route: DocumentedRoute }> = [];
  const isContentApi = (router: Router) => (router.type ?? 'content-api') === 'content-api';
  for (const api of Object.values(strapi.apis)) {
    for (const router of Object.values(
      (api as unknown as { routes: Record<string, Router> }).routes
    )) {
      if (isContentApi(router))
        for (const route of router.routes) found.push({ path: route.path, route });
    }
  }
  for (const plugin of Object.values(strapi.plugins)) {
    const routes = (plugin as unknown as { routes: DocumentedRoute[] | Record<string, Router> })
      .routes;
    if (Array.isArray(routes)) continue; // a plain array is admin routes
    for (const router of Object.values(routes)) {
      if (!isContentApi(router)) continue;
      for (const route of router.routes) {
        const ownPrefix =
          route.config != null && Object.prototype.hasOwnProperty.call(route.config, 'prefix');
        const prefix = ownPrefix ? (route.config?.prefix ?? '') : (router.prefix ?? '');
        found.push({
          path: `${prefix}${route.path}`.replace(/\/+/g, '/').replace(/\/$/, '') || '/',
          route,
        });
      }
    }
  }
  return found;
}

/** A Zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12, Strapi's settings). */
const toSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
  }) as Record<string, unknown>;
  return rest;
};

/** An extra answer as an OpenAPI response object. */
export function toResponseObject(extra: ExtraResponse): Record<string, unknown> {
  const response: Record<string, unknown> = { description: extra.description };
  if (extra.schema) response.content = { 'application/json': { schema: toSchema(extra.schema) } };
  if (extra.headers) {
    response.headers = Object.fromEntries(
      Object.entries(extra.headers).map(([name, header]) => [
        name,
        { description: header.description, schema: toSchema(header.schema) },
      ])
    );
  }
  return response;
}

type Operation = { parameters?: Array<{ name: string; in: string }> };

/**
 * Declares the path parameters a route of Strapi or a plugin left undeclared (e.g. users-permissions'
 * `DELETE /auth/sessions/{sessionId}`): OpenAPI requires every `{name}` of a path to be declared, and
 * validators reject the document otherwise. Returns the `METHOD path` of each completed operation.
 */
export function completePathParameters(paths: Record<string, Record<string, unknown>>): string[] {
  const completed: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const [method, value] of Object.entries(item)) {
      const operation = value as Operation;
      const declared = new Set(
        (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
      );
      const missing = names.filter((name) => !declared.has(name));
      if (missing.length === 0) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        ...missing.map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string' },
        })),
      ];
      completed.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return completed;
}

/**
 * Removes the `default` of every `publishedAt` schema in a document (or part of one), in place. Strapi's
 * generator (5.54) writes the field's default, "now", as evaluated while it builds the document, so
 * every run would write a different document and different types (CI compares the frontend's committed
 * types with a fresh run's).
 */
export function dropPublishedAtDefaults(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropPublishedAtDefaults(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const properties = (node as { properties?: unknown }).properties;
  if (properties && typeof properties === 'object') {
    const publishedAt = (properties as { publishedAt?: unknown }).publishedAt;
    if (publishedAt && typeof publishedAt === 'object')
      delete (publishedAt as { default?: unknown }).default;
  }
  for (const value of Object.values(node)) dropPublishedAtDefaults(value);
}

/**
 * Strapi's OpenAPI document of the content API (`strapi openapi generate`), completed with what its
 * generator leaves out: the answers other than 200 that routes list under `openapi.responses` (202, 302,
 * 429, and our own refusal messages), path parameters other plugins left undeclared, the server (the REST
 * prefix) and a title; without the generation time as `publishedAt`'s default. Needs a loaded app (after bootstrap: plugins document
 * the fields they add to responses then).
 */
export function buildDocument(strapi: Core.Strapi): OpenApiDocument {
  const { document } = generate(strapi, { type: 'content-api' });
  const paths = (document.paths ?? {}) as Record<
    string,
    Record<string, { responses?: Record<string, unknown> }>
  >;
  for (const { path, route } of contentApiRoutes(strapi)) {
    const extra = route.openapi?.responses;
    const operation = paths[toOpenApiPath(path)]?.[route.method.toLowerCase()];
    if (!extra || !operation) continue;
    const responses = { ...operation.responses };
    for (const [status, response] of Object.entries(extra))
      responses[status] = toResponseObject(response);
    operation.responses = responses;
  }
  completePathParameters(paths as Record<string, Record<string, unknown>>);
  dropPublishedAtDefaults(document);
  const { name, version } = strapi.config.get('info') as { name: string; version: string };
  document.info = { ...document.info, title: `${name} content API`, version };
  // Paths are relative to the REST prefix (plugins' routes too): a client's base URL is `<server>/api`.
  document.servers = [
    {
      url: strapi.config.get('api.rest.prefix', '/api') as string,
      description: 'The content API of this Strapi server',
    },
  ];
  return document;
}
