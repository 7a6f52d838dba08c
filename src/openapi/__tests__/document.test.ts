import * as z from 'zod/v4';
import {
  completePathParameters,
  dropPublishedAtDefaults,
  toOpenApiPath,
  toResponseObject,
} from '../document';

describe('toOpenApiPath', () => {
  it("writes Strapi's :params as {params}", () => {
    expect(toOpenApiPath('/engagement/share/:network/:type/:documentId')).toBe(
      '/engagement/share/{network}/{type}/{documentId}'
    );
    expect(toOpenApiPath('/tags')).toBe('/tags');
  });
});

describe('completePathParameters', () => {
  it('declares path parameters a route left out, as required strings, and names the operations', () => {
    const paths: Record<string, Record<string, any>> = {
      '/auth/sessions/{sessionId}': {
        delete: { responses: {} },
        get: {
          parameters: [
            { name: 'sessionId', in: 'path', required: true, schema: { type: 'integer' } },
          ],
        },
      },
      '/tags': { get: { responses: {} } },
    };
    expect(completePathParameters(paths)).toEqual(['DELETE /auth/sessions/{sessionId}']);
    expect(paths['/auth/sessions/{sessionId}'].delete.parameters).toEqual([
      { name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    // Declared ones are kept as they are.
    expect(paths['/auth/sessions/{sessionId}'].get.parameters[0].schema.type).toBe('integer');
    expect(paths['/tags'].get.parameters).toBeUndefined();
  });
});

describe('toResponseObject', () => {
  it('turns an extra answer into an OpenAPI response with its JSON schema and headers', () => {
    const response = toResponseObject({
      description: 'Too many requests',
      schema: z.object({ message: z.string() }),
      headers: { 'Retry-After': { description: 'Seconds', schema: z.string() } },
    });
    expect(response).toEqual({
      description: 'Too many requests',
      content: {
        'application/json': {
          schema: expect.objectContaining({
            type: 'object',
            properties: { message: { type: 'string' } },
          }),
        },
      },
      headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'string' } } },
    });
    expect(JSON.stringify(response)).not.toContain('$schema');
  });

  it('has no content for an answer without a body (a redirect)', () => {
    expect(toResponseObject({ description: 'Redirect' })).toEqual({ description: 'Redirect' });
  });
});

describe('dropPublishedAtDefaults', () => {
  it('removes the generation time from every publishedAt schema, and nothing else', () => {
    const document = {
      components: {
        schemas: {
          Article: {
            properties: {
              publishedAt: { type: 'string', default: '2026-12-04T17:41:50.588Z' },
              title: { type: 'string', default: 'Untitled' },
            },
          },
        },
      },
      paths: {
        '/articles': {
          get: {
            responses: {
              200: {
                content: {
                  'application/json': {
                    schema: {
                      properties: {
                        data: {
                          items: {
                            properties: {
                              publishedAt: { type: 'string', default: '2026-12-04T17:41:41.8Z' },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    dropPublishedAtDefaults(document);
    expect(document.components.schemas.Article.properties).toEqual({
      publishedAt: { type: 'string' },
      title: { type: 'string', default: 'Untitled' },
    });
    const inline =
      document.paths['/articles'].get.responses[200].content['application/json'].schema.properties
        .data.items.properties.publishedAt;
    expect(inline).toEqual({ type: 'string' });
  });
});
