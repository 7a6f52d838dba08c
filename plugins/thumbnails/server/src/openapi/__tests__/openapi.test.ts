import * as z from 'zod/v4';
import { formatsSchema, withFileFields } from '..';

const json = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, any>;
const file = z.object({
  id: z.number(),
  hash: z.string(),
  mime: z.string(),
  url: z.string(),
  formats: z.record(z.string(), z.unknown()),
});
const fields = {
  placeholder: z.string().nullable(),
  formats: formatsSchema(['thumbnail', 'small'], ['og_webp']),
};

describe('formatsSchema', () => {
  it("names Strapi's keys and the presets' keys, each optional, allows others, and may be null", () => {
    const schema = json(formatsSchema(['thumbnail', 'large'], ['og_webp', 'og_avif']));
    const object = schema.anyOf.find((option: any) => option.type === 'object');
    expect(Object.keys(object.properties)).toEqual(['thumbnail', 'large', 'og_webp', 'og_avif']);
    expect(object.required).toBeUndefined();
    expect(object.additionalProperties.properties.url).toEqual({ type: 'string' });
    expect(schema.anyOf).toContainEqual({ type: 'null' });
  });
});

describe('withFileFields', () => {
  it('extends a file, a list of files, a union of both and a paginated list', () => {
    const keysOf = (schema: any) => Object.keys(schema.properties);
    expect(keysOf(json(withFileFields(file, fields)))).toContain('placeholder');
    expect(keysOf(json(withFileFields(z.array(file), fields)).items)).toContain('placeholder');
    const union = json(withFileFields(z.union([file, z.array(file)]), fields));
    expect(keysOf(union.anyOf[0])).toContain('placeholder');
    expect(keysOf(union.anyOf[1].items)).toContain('placeholder');
    const page = json(
      withFileFields(z.object({ data: z.array(file), meta: z.object({}) }), fields)
    );
    expect(keysOf(page.properties.data.items)).toContain('placeholder');
    expect(keysOf(page.properties.data.items.properties.formats.anyOf[0])).toEqual([
      'thumbnail',
      'small',
      'og_webp',
    ]);
  });

  it('leaves objects that are not files alone', () => {
    const folder = z.object({ id: z.number(), name: z.string() });
    expect(withFileFields(folder, fields)).toBe(folder);
  });
});
