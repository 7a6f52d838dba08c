import * as z from 'zod/v4';

type Schema = z.ZodType;

/** The Zod kind of a schema ("object", "array", "lazy"…), read from its definition like Zod's own tools do. */
const kind = (schema: Schema): string => (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;

const unwrapLazy = (schema: Schema): Schema => (kind(schema) === 'lazy' ? unwrapLazy((schema as z.ZodLazy).unwrap() as Schema) : schema);

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
  if (kind(inner) === 'object') return (outer as z.ZodObject).extend({ data: (inner as z.ZodObject).extend(fields) });
  if (kind(inner) === 'array') {
    const element = unwrapLazy((inner as z.ZodArray<Schema>).element);
    if (kind(element) === 'object') return (outer as z.ZodObject).extend({ data: z.array((element as z.ZodObject).extend(fields)) });
  }
  return response;
}
