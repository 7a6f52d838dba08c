import * as z from 'zod/v4';

/**
 * Building blocks for route documentation in Strapi's OpenAPI document (`strapi openapi generate`), used
 * by the plugin's routes and by apps that document their own the same way (the kit's src/openapi).
 */

type Schema = z.ZodType;

/** One extra documented answer of a route, beside Strapi's 200 from `response`. */
export interface ExtraResponse {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

/** Strapi's error body, as every refusal has it. */
export const errorBody = z.object({
  data: z.null(),
  error: z.object({
    status: z.number().int(),
    name: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** The Zod kind of a schema ("object", "array", "lazy"…), read from its definition like Zod's own tools do. */
const kind = (schema: Schema): string =>
  (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;

const unwrapLazy = (schema: Schema): Schema =>
  kind(schema) === 'lazy' ? unwrapLazy((schema as z.ZodLazy).unwrap() as Schema) : schema;

/**
 * A response schema `{ data: Entry | Entry[], ... }` with `fields` added to each entry (a new schema; the
 * given one is not changed). Any other shape is returned as is.
 */
export function withEntryFields(response: Schema, fields: z.ZodRawShape): Schema {
  const outer = unwrapLazy(response);
  if (kind(outer) !== 'object') return response;
  const data = (outer as z.ZodObject).shape.data as Schema | undefined;
  if (!data) return response;
  const inner = unwrapLazy(data);
  if (kind(inner) === 'object')
    return (outer as z.ZodObject).extend({ data: (inner as z.ZodObject).extend(fields) });
  if (kind(inner) === 'array') {
    const element = unwrapLazy((inner as z.ZodArray<Schema>).element);
    if (kind(element) === 'object')
      return (outer as z.ZodObject).extend({
        data: z.array((element as z.ZodObject).extend(fields)),
      });
  }
  return response;
}
