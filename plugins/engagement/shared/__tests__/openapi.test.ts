import * as z from 'zod/v4';
import { withEntryFields } from '../openapi';

const json = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, any>;
const entry = z.object({ documentId: z.string(), name: z.string() });
const extra = { articleCount: z.number().int() };

describe('withEntryFields', () => {
  it('adds the fields to a single entry and keeps the rest of the response', () => {
    const response = withEntryFields(z.object({ data: entry, meta: z.object({}) }), extra);
    const schema = json(response);
    expect(Object.keys(schema.properties)).toEqual(['data', 'meta']);
    expect(Object.keys(schema.properties.data.properties)).toEqual([
      'documentId',
      'name',
      'articleCount',
    ]);
    expect(schema.properties.data.required).toContain('articleCount');
  });

  it('adds the fields to every entry of a list, and through lazy schemas', () => {
    const schema = json(withEntryFields(z.object({ data: z.lazy(() => z.array(entry)) }), extra));
    expect(Object.keys(schema.properties.data.items.properties)).toEqual([
      'documentId',
      'name',
      'articleCount',
    ]);
  });

  it('leaves the given schema unchanged', () => {
    const original = z.object({ data: entry });
    withEntryFields(original, extra);
    expect(Object.keys(json(original).properties.data.properties)).toEqual(['documentId', 'name']);
  });

  it('returns other shapes as they are', () => {
    const noData = z.object({ items: z.array(entry) });
    const scalarData = z.object({ data: z.string() });
    expect(withEntryFields(noData, extra)).toBe(noData);
    expect(withEntryFields(scalarData, extra)).toBe(scalarData);
    expect(withEntryFields(z.string(), extra)).toBeInstanceOf(z.ZodString);
  });
});
